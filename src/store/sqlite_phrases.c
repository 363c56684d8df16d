/* sqlite_phrases.c - the phrase lists of sqlite_phrases.h: read through
 * FTS5 with one single-phrase MATCH each, kept with the facet cache of
 * the generation they were read in (a new generation starts with none),
 * which the process's connections share, and bounded in bytes, least
 * recently used first. The cache's lock guards the table and the order;
 * a list, once in, does not change, and is read without the lock while
 * a search holds it (pinned). */
#include "store/sqlite_phrases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lru.h"
#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"

static size_t budget = 32u << 20;

void store_search_cache_set(size_t bytes)
{
	budget = bytes;
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
	unsigned pins; /* searches holding it */
	bool usable;   /* its rows fit a list */
	struct phrase_list list;
	struct phrase_entry *chain;
	struct lru_link use;
};

struct phrase_cache {
	struct phrase_entry **bucket;
	size_t nbuckets, n, bytes;
	struct lru use;
};

static void entry_free(struct phrase_entry *e)
{
	if (!e)
		return;
	free(e->key);
	free(e->list.ids);
	free(e->list.term);
	free(e->list.at_of);
	free(e->list.at);
	free(e);
}

void sq_phrase_cache_free(struct phrase_cache *pc)
{
	struct lru_link *l, *older;

	if (!pc)
		return;
	for (l = pc->use.newest; l; l = older) {
		older = l->older;
		entry_free(lru_entry(l, struct phrase_entry, use));
	}
	free(pc->bucket);
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
	lru_unlink(&pc->use, &e->use);
	pc->bytes -= e->bytes;
	pc->n--;
	entry_free(e);
}

/* Drops what l keeps of where the phrase is: passages then ask FTS5. */
static void list_lose_at(struct phrase_list *l)
{
	free(l->at_of);
	free(l->at);
	l->at_of = l->at = NULL;
	l->nat = l->capat = 0;
}

/* Appends row id with weighted count freq to list l (room for cap),
 * its matches being at[at0..nat): the count goes in term[] until scored. */
static int list_push(struct phrase_list *l, uint32_t *cap, uint32_t id,
		     double freq, uint32_t at0)
{
	if (l->n + 1 >= *cap) {
		uint32_t nc = *cap ? *cap * 2 : 64;
		uint32_t *ids = realloc(l->ids, nc * sizeof *ids), *of;
		double *fr;
		if (ids)
			l->ids = ids;
		if (!ids || !(fr = realloc(l->term, nc * sizeof *fr)))
			return -1;
		l->term = fr;
		if (l->at && !(of = realloc(l->at_of, nc * sizeof *of)))
			list_lose_at(l);
		else if (l->at)
			l->at_of = of;
		*cap = nc;
	}
	if (l->at) {
		l->at_of[l->n] = at0;
		l->at_of[l->n + 1] = l->nat;
	}
	l->ids[l->n] = id;
	l->term[l->n++] = freq;
	return 0;
}

/* Turns each row's weighted count in l->term into the phrase's bm25
 * share there, with the row lengths of fc (table t): what every ranked
 * search of the phrase would work out again. Without a row's length,
 * term[] goes, and FTS5 ranks. */
static void list_score(struct phrase_list *l, const struct facet_cache *fc,
		       int t)
{
	const int32_t *doclen = fc->doclen[t];
	double idf, avgdl;

	if (!l->n)
		return;
	if (!doclen || !l->rows) {
		free(l->term);
		l->term = NULL;
		return;
	}
	idf = sq_bm25_idf(l->rows, l->n);
	avgdl = (double)l->tokens / (double)l->rows;
	for (uint32_t r = 0; r < l->n; r++) {
		uint32_t id = l->ids[r];
		if (id > fc->max_id) {
			l->term[r] = 0.0; /* newer than the cache: never marked */
		} else if (doclen[id] < 0) {
			free(l->term);
			l->term = NULL;
			return;
		} else {
			l->term[r] = sq_bm25_term(idf, l->term[r], (double)doclen[id],
						  avgdl);
		}
	}
}

/* Reads the rows of phrase in table t into e->list through FTS5, scored
 * with fc's row lengths; rows that a list cannot hold (out of
 * 1..UINT32_MAX, or out of order) leave e unusable. */
static int read_list(struct store *st, const struct facet_cache *fc, int t,
		     struct phrase_entry *e, struct error *err)
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
	/* where the phrase is: praxis_phrase_freq appends each row's */
	l->capat = 256;
	if (!(l->at = malloc(l->capat * sizeof *l->at)))
		l->capat = 0;
	st->phrase_reading = l;
	for (uint32_t at0 = 0; (step = sqlite3_step(s)) == SQLITE_ROW; at0 = l->nat) {
		int64_t id = sqlite3_column_int64(s, 0);

		if (id < 1 || id > UINT32_MAX || (l->n && id <= l->ids[l->n - 1])) {
			e->usable = false;
			l->nat = at0;
			continue;
		}
		if (list_push(l, &cap, (uint32_t)id, sqlite3_column_double(s, 1),
			      at0) < 0) {
			rc = error_set(err, ERR_INTERNAL, "out of memory");
			break;
		}
	}
	st->phrase_reading = NULL;
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_fail(st, err, "search");
	sq_release(st, s);
	if (rc == 0)
		list_score(l, fc, t);
	if (!l->at || !l->n)
		list_lose_at(l); /* none kept, or nothing to keep */
	e->bytes = sizeof *e + e->keylen + (size_t)cap * (sizeof *l->ids + sizeof *l->term) +
		   (l->at ? (size_t)cap * sizeof *l->at_of + l->capat * sizeof *l->at : 0);
	return rc;
}

/* Holds e for st's search until sq_phrase_unpin (under pc's lock). */
static int pin(struct store *st, struct phrase_entry *e)
{
	struct phrase_pins *p = &st->pins;

	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 32;
		struct phrase_entry **more = realloc(p->e, nc * sizeof *more);
		if (!more)
			return -1;
		p->e = more;
		p->cap = nc;
	}
	p->e[p->n++] = e;
	e->pins++;
	return 0;
}

/* A new entry for phrase in table, its list read through FTS5 (outside
 * any lock: it may take a while). */
static int entry_read(struct store *st, const struct facet_cache *fc,
		      int table, const char *phrase, size_t len, uint64_t h,
		      struct phrase_entry **out, struct error *err)
{
	struct phrase_entry *e = calloc(1, sizeof *e);
	int rc;

	*out = NULL;
	if (!e || !(e->key = malloc(len + 1))) {
		free(e);
		return error_set(err, ERR_INTERNAL, "out of memory");
	}
	e->hash = h;
	e->table = table;
	e->keylen = len;
	memcpy(e->key, phrase, len);
	e->key[len] = '\0';
	if ((rc = read_list(st, fc, table, e, err)) < 0) {
		entry_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

int sq_phrase_list(struct store *st, int table, const char *phrase, size_t len,
		   const struct phrase_list **out, struct error *err)
{
	struct facet_cache *fc = st->facets;
	struct phrase_cache *pc = NULL;
	struct phrase_entry *e, *mine = NULL;
	uint64_t h = hash_key(table, phrase, len);
	int rc = 0;

	*out = NULL;
	if (!fc)
		return error_set(err, ERR_INTERNAL, "phrase lists before the facet cache");
	if (st->pins.n && st->pins.fc != fc)
		return error_set(err, ERR_INTERNAL, "phrase lists of two caches in one search");
	st->pins.fc = fc;
	for (;;) {
		pthread_mutex_lock(&fc->lock);
		if (!fc->phrases && !(fc->phrases = calloc(1, sizeof *fc->phrases))) {
			rc = error_set(err, ERR_INTERNAL, "out of memory");
			break;
		}
		pc = fc->phrases;
		if (grow(pc) < 0) {
			rc = error_set(err, ERR_INTERNAL, "out of memory");
			break;
		}
		if ((e = find(pc, table, phrase, len, h)) || mine)
			break;
		/* not there: read without the lock, then look again, as
		 * another connection may have read it meanwhile */
		pthread_mutex_unlock(&fc->lock);
		if ((rc = entry_read(st, fc, table, phrase, len, h, &mine, err)) < 0)
			return rc;
	}
	if (rc == 0 && !e) {
		e = mine;
		mine = NULL;
		e->chain = *slot_of(pc, h);
		*slot_of(pc, h) = e;
		lru_push(&pc->use, &e->use);
		pc->n++;
		pc->bytes += e->bytes;
	}
	if (rc == 0) {
		lru_touch(&pc->use, &e->use);
		if (pin(st, e) < 0)
			rc = error_set(err, ERR_INTERNAL, "out of memory");
		else
			*out = e->usable ? &e->list : NULL;
	}
	pthread_mutex_unlock(&fc->lock);
	entry_free(mine); /* read twice: the other one stays */
	return rc;
}

void sq_phrase_unpin(struct store *st)
{
	struct facet_cache *fc = st->pins.fc;
	struct phrase_cache *pc;
	struct lru_link *l, *newer;

	if (!fc)
		return;
	pthread_mutex_lock(&fc->lock);
	for (size_t i = 0; i < st->pins.n; i++)
		st->pins.e[i]->pins--;
	st->pins.n = 0;
	st->pins.fc = NULL;
	pc = fc->phrases;
	for (l = pc ? pc->use.oldest : NULL; l && pc->bytes > budget; l = newer) {
		struct phrase_entry *e = lru_entry(l, struct phrase_entry, use);
		newer = l->newer;
		if (!e->pins)
			drop(pc, e);
	}
	pthread_mutex_unlock(&fc->lock);
}
