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

struct phrase_entry {
	uint64_t hash, used;
	char *key; /* the phrase as written */
	size_t keylen, bytes;
	int table;
	bool pinned, usable; /* in the running search; rows fit the list */
	struct phrase_list list;
};

struct phrase_cache {
	struct phrase_entry **e; /* each apart: lists stay put as more come */
	size_t n, cap, bytes;
	uint64_t tick;
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
	if (!pc)
		return;
	for (size_t i = 0; i < pc->n; i++)
		entry_free(pc->e[i]);
	free(pc->e);
	free(pc);
}

static uint64_t hash_key(int table, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)table;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static struct phrase_entry *find(struct phrase_cache *pc, int table,
				 const char *key, size_t n, uint64_t h)
{
	for (size_t i = 0; i < pc->n; i++) {
		struct phrase_entry *e = pc->e[i];
		if (e->hash == h && e->table == table && e->keylen == n &&
		    !memcmp(e->key, key, n))
			return e;
	}
	return NULL;
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
	if (!(e = find(pc, table, phrase, len, h))) {
		if (pc->n == pc->cap) {
			size_t nc = pc->cap ? pc->cap * 2 : 64;
			struct phrase_entry **more = realloc(pc->e, nc * sizeof *more);
			if (!more)
				return error_set(err, ERR_INTERNAL, "out of memory");
			pc->e = more;
			pc->cap = nc;
		}
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
		pc->e[pc->n++] = e;
		pc->bytes += e->bytes;
	}
	e->used = ++pc->tick;
	e->pinned = true;
	*out = e->usable ? &e->list : NULL;
	return 0;
}

/* The index of the least recently used entry not pinned; n when none. */
static size_t oldest(const struct phrase_cache *pc)
{
	size_t best = pc->n;

	for (size_t i = 0; i < pc->n; i++)
		if (!pc->e[i]->pinned &&
		    (best == pc->n || pc->e[i]->used < pc->e[best]->used))
			best = i;
	return best;
}

void sq_phrase_unpin(struct store *st)
{
	struct phrase_cache *pc = st->facets ? st->facets->phrases : NULL;
	size_t i;

	if (!pc)
		return;
	for (i = 0; i < pc->n; i++)
		pc->e[i]->pinned = false;
	while (pc->bytes > budget && (i = oldest(pc)) < pc->n) {
		pc->bytes -= pc->e[i]->bytes;
		entry_free(pc->e[i]);
		pc->e[i] = pc->e[--pc->n];
	}
}
