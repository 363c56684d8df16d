/* sqlite_facets.h - private to the SQLite store: what filters and facets
 * read of every practice, held in memory per catalogue generation and
 * shared by a process's connections to the database (sqlite_share.c),
 * and facet counting over it (lists, searches). */
#ifndef STORE_SQLITE_FACETS_H
#define STORE_SQLITE_FACETS_H

#include <pthread.h>
#include <stdint.h>

#include "store/sqlite_impl.h"

enum { CATEGORIES_MAX = 1024, YEAR_FIRST = 1900, YEARS = 301 };

struct phrase_cache;
struct facet_bits;

/* What counting reads of a practice, kept small: a search with many
 * matches reads one for each. */
struct facet_row {
	int32_t region, lang; /* indexes into the interned strings; -1 none */
	int16_t year;         /* 0: none */
	int8_t unit, initiator;
	bool present, published;
	uint32_t cat_off, ncat; /* categories with their ancestors */
};

/* What ordering and filtering by organisation read. */
struct facet_more {
	int64_t org_id, population, published_at;
};

/* Built when the generation moves, by the first connection to see the
 * new one, and then read by every connection at that generation: nothing
 * in it changes after it is built but what `lock` guards. */
struct facet_cache {
	int64_t generation;
	int64_t max_id;
	unsigned refs; /* connections using it, and the share; its lock */
	struct facet_row *rows; /* by practice id */
	struct facet_more *more; /* the same */
	bool *shown; /* the same: present and published, for a quick look */
	char **regions, **langs;
	size_t nregions, nlangs, capregions, caplangs;
	int32_t *cats;
	size_t ncats, capcats;
	/* per index table, each row's length in tokens (-1: unknown), for
	 * ranking (sqlite_rank.c); NULL for a table without rows */
	int32_t *doclen[SQ_FTS_TABLES];
	/* made on first use, under lock */
	pthread_mutex_t lock;
	struct phrase_cache *phrases; /* sqlite_phrases.h */
	struct facet_bits *bits; /* sqlite_facet_bits.c */
};

/* A connection's own arrays for the search it runs (sqlite_search.c),
 * sized for the cache it uses: stamp[id] == epoch marks a match, with
 * its best score and index table; hits lists the matches in the order
 * found, hitbits holds them as a bitmap for facet counting. */
struct search_scratch {
	int64_t max_id; /* the arrays hold ids 0..max_id */
	uint32_t *stamp, epoch;
	double *score;
	int8_t *table;
	uint32_t *hits;
	uint64_t *hitbits;
};

/* The arrays of st's scratch sized for ids up to max_id; -1 without
 * memory. */
int sq_scratch_fit(struct store *st, int64_t max_id);
void sq_scratch_free(struct search_scratch *s);

/* The facet caches a process's connections to one database share: the
 * newest generation built, each cache freed when its last user lets go
 * (sqlite_share.c). */
struct search_share;

struct search_share *sq_share_new(void);
void sq_share_unref(struct search_share *sh);
/* st->facets becomes the cache of `generation`: kept if it is that one,
 * else the share's when it has that generation, else NULL (the caller
 * builds one and offers it with sq_share_offer). */
void sq_share_find(struct store *st, int64_t generation);
/* Makes built (the caller's until now) st->facets, and the share's
 * unless the share has one of the same generation already: another
 * connection was quicker, and built is freed for theirs. */
void sq_share_offer(struct store *st, struct facet_cache *built);
/* Makes st use the share of `from` (a pool's connections). */
void sq_share_join(struct store *st, const struct store *from);
/* Lets go of st's cache (when the connection closes). */
void sq_share_leave(struct store *st);

struct categories {
	int64_t id[CATEGORIES_MAX], parent[CATEGORIES_MAX];
	const char *slug[CATEGORIES_MAX];
	size_t n;
	bool chosen[CATEGORIES_MAX]; /* in the filter, with their subtrees */
};

/* Practices counted for each facet's values: by interned region and
 * language, category index, unit type, initiator and year; total, those
 * passing every filter. */
struct facet_counts {
	int64_t *region, *lang, *cat;
	int64_t unit[UNIT__MAX], init[INITIATOR__MAX], year[YEARS];
	int64_t total;
};

/* Counting in progress: the filter resolved against the cache. */
struct facet_count {
	const struct practice_filter *f;
	struct facet_cache *fc;
	struct categories *cats;
	int regions[FILTER_VALUES_MAX], langs[FILTER_VALUES_MAX];
	struct facet_counts n;
	bool unfiltered; /* no filter at all (the usual) */
};

/* Fills fc->doclen from the index tables (sqlite_rank.c). */
int sq_rank_load(struct store *st, struct facet_cache *fc, struct error *err);

/* Loads the categories and the cache of the current generation and
 * resolves f against them. */
int sq_facet_begin(struct store *st, struct arena *a,
		   const struct practice_filter *f, struct facet_count *c,
		   struct error *err);
/* Counts practice id (a match, when searching) for the facets it counts
 * for; returns whether it is published and passes every filter. */
bool sq_facet_add(struct facet_count *c, int64_t id);
/* For a search with many matches and no filter at all (c->unfiltered):
 * whether id is a published practice, and then the counts of all the
 * matches at once, from bitmaps of each facet value (kept with the
 * cache), which costs less than looking at each match. */
bool sq_facet_visible(const struct facet_count *c, int64_t id);
int sq_facet_count_bits(struct facet_count *c, struct search_scratch *s,
			size_t nhits, struct error *err);
void sq_facet_bits_free(struct facet_bits *b);
/* The counted values, named and sorted (years newest first). */
void sq_facet_end(struct facet_count *c, struct arena *a,
		  struct facet_value *out[FILTER__MAX], size_t n[FILTER__MAX]);

#endif
