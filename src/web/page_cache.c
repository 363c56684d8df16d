#include "web/page_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/lru.h"

enum { SHARDS = 16, BUCKETS = 256 };

struct entry {
	struct entry *next_in_bucket;
	struct lru_link use; /* in the shard's order of use */
	uint64_t hash;
	int64_t generation;
	time_t expires;
	size_t len;
	char *key, *body;
};

struct shard {
	pthread_mutex_t lock;
	struct entry *buckets[BUCKETS];
	struct lru use;
	size_t bytes;
};

struct page_cache {
	size_t shard_max;
	unsigned ttl;
	struct shard shards[SHARDS];
};

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static time_t now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

struct page_cache *page_cache_new(size_t max_bytes, unsigned ttl)
{
	struct page_cache *pc;

	if (!max_bytes || !ttl || !(pc = calloc(1, sizeof *pc)))
		return NULL;
	pc->shard_max = max_bytes / SHARDS;
	pc->ttl = ttl;
	for (int i = 0; i < SHARDS; i++)
		pthread_mutex_init(&pc->shards[i].lock, NULL);
	return pc;
}

static size_t entry_size(const struct entry *e)
{
	return sizeof *e + strlen(e->key) + 1 + e->len;
}

static struct entry *oldest(struct shard *sh)
{
	return lru_entry(sh->use.oldest, struct entry, use);
}

static void entry_remove(struct shard *sh, struct entry *e)
{
	struct entry **p = &sh->buckets[e->hash % BUCKETS];

	while (*p != e)
		p = &(*p)->next_in_bucket;
	*p = e->next_in_bucket;
	lru_unlink(&sh->use, &e->use);
	sh->bytes -= entry_size(e);
	free(e->key);
	free(e->body);
	free(e);
}

static struct entry *find(struct shard *sh, uint64_t hash, const char *key)
{
	struct entry *e = sh->buckets[hash % BUCKETS];

	while (e && (e->hash != hash || strcmp(e->key, key)))
		e = e->next_in_bucket;
	return e;
}

bool page_cache_get(struct page_cache *pc, const char *key,
		    int64_t generation, struct buf *out)
{
	uint64_t hash = hash_key(key);
	struct shard *sh = &pc->shards[hash % SHARDS];
	struct entry *e;
	bool hit = false;

	pthread_mutex_lock(&sh->lock);
	e = find(sh, hash, key);
	if (e && (e->generation != generation || e->expires <= now_seconds())) {
		entry_remove(sh, e);
		e = NULL;
	}
	if (e) {
		lru_touch(&sh->use, &e->use);
		buf_add(out, e->body, e->len);
		hit = !out->oom;
	}
	pthread_mutex_unlock(&sh->lock);
	return hit;
}

void page_cache_put(struct page_cache *pc, const char *key,
		    int64_t generation, const char *body, size_t len)
{
	uint64_t hash = hash_key(key);
	struct shard *sh = &pc->shards[hash % SHARDS];
	struct entry *e = calloc(1, sizeof *e), *old;

	if (!e || !(e->key = strdup(key)) || !(e->body = malloc(len ? len : 1)))
		goto fail;
	memcpy(e->body, body, len);
	e->len = len;
	e->hash = hash;
	e->generation = generation;
	e->expires = now_seconds() + pc->ttl;
	if (entry_size(e) > pc->shard_max)
		goto fail; /* larger than a shard may hold: not worth it */
	pthread_mutex_lock(&sh->lock);
	if ((old = find(sh, hash, key)))
		entry_remove(sh, old);
	while (sh->use.oldest && sh->bytes + entry_size(e) > pc->shard_max)
		entry_remove(sh, oldest(sh));
	e->next_in_bucket = sh->buckets[hash % BUCKETS];
	sh->buckets[hash % BUCKETS] = e;
	lru_push(&sh->use, &e->use);
	sh->bytes += entry_size(e);
	pthread_mutex_unlock(&sh->lock);
	return;
fail:
	if (e) {
		free(e->key);
		free(e->body);
	}
	free(e);
}

void page_cache_free(struct page_cache *pc)
{
	if (!pc)
		return;
	for (int i = 0; i < SHARDS; i++) {
		struct shard *sh = &pc->shards[i];
		while (sh->use.oldest)
			entry_remove(sh, oldest(sh));
		pthread_mutex_destroy(&sh->lock);
	}
	free(pc);
}
