/* sqlite_phrases.c - the phrase lists of sqlite_phrases.h: read through
 * FTS5 with one single-phrase MATCH each, kept per connection with the
 * facet cache of the generation they were read in (a new generation
 * starts with none), and bounded in bytes, least recently used first. */
#include "store/sqlite_phrases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"

static size_t budget = 32u << 20;

void store_search_cache_set(size_t bytes_per_connection)
{
	budget = bytes_per_connection;
}

size_t sq_phrase_cache_budget_bytes(void)
{
	return budget;
}

/* Entries are found by hash (chained) and kept in order of use, most
 * recent first, so that the least recently used goes first. */
struct phrase_entry {
	uint64_t hash;
	char *key; /* the phrase as written */
	size_t keylen, bytes;
	int table;
	bool pinned, usable; /* in the running search; rows fit the list */
	struct phrase_list list;
	struct phrase_entry *chain, *newer, *older;
};

struct phrase_cache {
	struct phrase_entry **bucket;
	size_t nbuckets, n, bytes;
	struct phrase_entry *newest, *oldest;
	/* the running search's entries, unpinned when it ends */
	struct phrase_entry **pinned;
	size_t npinned, cappinned;
};

static void entry_free(struct phrase_entry *e)
{
	if (!e)
		return;
	free(e->key);
	free(e->list.ids);
	free(e->list.freq);
	free(e);
}

void sq_phrase_cache_free(struct phrase_cache *pc)
{
	struct phrase_entry *e, *next;

	if (!pc)
		return;
	for (e = pc->newest; e; e = next) {
		next = e->older;
		entry_free(e);
	}
	free(pc->bucket);
	free(pc->pinned);
	free(pc);
}

static uint64_t hash_key(int table, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)table;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static struct phrase_entry **slot_of(struct phrase_cache *pc, uint64_t h)
{
	return &pc->bucket[h & (pc->nbuckets - 1)];
}

static struct phrase_entry *find(struct phrase_cache *pc, int table,
				 const char *key, size_t n, uint64_t h)
{
	for (struct phrase_entry *e = *slot_of(pc, h); e; e = e->chain)
		if (e->hash == h && e->table == table && e->keylen == n &&
		    !memcmp(e->key, key, n))
			return e;
	return NULL;
}

/* Takes e out of the order of use. */
static void unlink_use(struct phrase_cache *pc, struct phrase_entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		pc->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		pc->oldest = e->newer;
	e->newer = e->older = NULL;
}

/* Puts e first in the order of use. */
static void touch(struct phrase_cache *pc, struct phrase_entry *e)
{
	if (pc->newest == e)
		return;
	if (e->newer || e->older || pc->oldest == e)
		unlink_use(pc, e);
	e->older = pc->newest;
	if (pc->newest)
		pc->newest->newer = e;
	pc->newest = e;
	if (!pc->oldest)
		pc->oldest = e;
}

/* Doubles the buckets when there are more entries than buckets. */
static int grow(struct phrase_cache *pc)
{
	size_t nb = pc->nbuckets ? pc->nbuckets * 2 : 256;
	struct phrase_entry **b;

	if (pc->n < pc->nbuckets)
		return 0;
	if (!(b = calloc(nb, sizeof *b)))
		return -1;
	for (size_t i = 0; i < pc->nbuckets; i++) {
		struct phrase_entry *e = pc->bucket[i], *next;
		for (; e; e = next) {
			next = e->chain;
			e->chain = b[e->hash & (nb - 1)];
			b[e->hash & (nb - 1)] = e;
		}
	}
	free(pc->bucket);
	pc->bucket = b;
	pc->nbuckets = nb;
	return 0;
}

static void drop(struct phrase_cache *pc, struct phrase_entry *e)
{
	struct phrase_entry **p = slot_of(pc, e->hash);

	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	unlink_use(pc, e);
	pc->bytes -= e->bytes;
	pc->n--;
	entry_free(e);
}

/* Appends row id with weighted count freq to list l (room for cap). */
static int list_push(struct phrase_list *l, uint32_t *cap, uint32_t id,
		     float freq)
{
	if (l->n == *cap) {
		uint32_t nc = *cap ? *cap * 2 : 64;
		uint32_t *ids = realloc(l->ids, nc * sizeof *ids);
		float *fr;
		if (ids)
			l->ids = ids;
		if (!ids || !(fr = realloc(l->freq, nc * sizeof *fr)))
			return -1;
		l->freq = fr;
		*cap = nc;
	}
	l->ids[l->n] = id;
	l->freq[l->n++] = freq;
	return 0;
}

/* Reads the rows of phrase in table t into e->list through FTS5; rows
 * that a list cannot hold (out of 1..UINT32_MAX, or out of order) leave
 * e unusable. */
static int read_list(struct store *st, int t, struct phrase_entry *e,
		     struct error *err)
{
	const char *lang = sq_fts_langs[t];
	struct phrase_list *l = &e->list;
	uint32_t cap = 0;
	sqlite3_stmt *s;
	char sql[256];
	int step, rc = 0;

	snprintf(sql, sizeof sql, "SELECT rowid, praxis_phrase_freq(practice_fts_%s, "
		 BM25_WEIGHTS ") FROM practice_fts_%s WHERE practice_fts_%s"
		 " MATCH ?1", lang, lang, lang);
	if (!(s = sq_prepare(st, sql, err)))
		return ERR_IO;
	sqlite3_bind_text(s, 1, e->key, (int)e->keylen, SQLITE_STATIC);
	e->usable = true;
	st->phrase_reading = l;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);

		if (id < 1 || id > UINT32_MAX || (l->n && id <= l->ids[l->n - 1])) {
			e->usable = false;
			continue;
		}
		if (list_push(l, &cap, (uint32_t)id,
			      (float)sqlite3_column_double(s, 1)) < 0) {
			rc = error_set(err, ERR_INTERNAL, "out of memory");
			break;
		}
	}
	st->phrase_reading = NULL;
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_fail(st, err, "search");
	sq_release(st, s);
	e->bytes = sizeof *e + e->keylen + (size_t)cap * (sizeof *l->ids + sizeof *l->freq);
	return rc;
}

/* Keeps e pinned until the search ends. */
static int pin(struct phrase_cache *pc, struct phrase_entry *e)
{
	if (e->pinned)
		return 0;
	if (pc->npinned == pc->cappinned) {
		size_t nc = pc->cappinned ? pc->cappinned * 2 : 32;
		struct phrase_entry **more = realloc(pc->pinned, nc * sizeof *more);
		if (!more)
			return -1;
		pc->pinned = more;
		pc->cappinned = nc;
	}
	pc->pinned[pc->npinned++] = e;
	e->pinned = true;
	return 0;
}

int sq_phrase_list(struct store *st, int table, const char *phrase, size_t len,
		   const struct phrase_list **out, struct error *err)
{
	struct facet_cache *fc = st->facets;
	struct phrase_cache *pc;
	struct phrase_entry *e;
	uint64_t h = hash_key(table, phrase, len);
	int rc;

	*out = NULL;
	if (!fc)
		return error_set(err, ERR_INTERNAL, "phrase lists before the facet cache");
	if (!fc->phrases && !(fc->phrases = calloc(1, sizeof *fc->phrases)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	pc = fc->phrases;
	if (grow(pc) < 0)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (!(e = find(pc, table, phrase, len, h))) {
		if (!(e = calloc(1, sizeof *e)))
			return error_set(err, ERR_INTERNAL, "out of memory");
		e->hash = h;
		e->table = table;
		e->keylen = len;
		if (!(e->key = malloc(len + 1))) {
			free(e);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		memcpy(e->key, phrase, len);
		e->key[len] = '\0';
		if ((rc = read_list(st, table, e, err)) < 0) {
			entry_free(e);
			return rc;
		}
		e->chain = *slot_of(pc, h);
		*slot_of(pc, h) = e;
		pc->n++;
		pc->bytes += e->bytes;
	}
	touch(pc, e);
	if (pin(pc, e) < 0)
		return error_set(err, ERR_INTERNAL, "out of memory");
	*out = e->usable ? &e->list : NULL;
	return 0;
}

void sq_phrase_unpin(struct store *st)
{
	struct phrase_cache *pc = st->facets ? st->facets->phrases : NULL;
	struct phrase_entry *e, *newer;

	if (!pc)
		return;
	for (size_t i = 0; i < pc->npinned; i++)
		pc->pinned[i]->pinned = false;
	pc->npinned = 0;
	for (e = pc->oldest; e && pc->bytes > budget; e = newer) {
		newer = e->newer;
		drop(pc, e);
	}
}
