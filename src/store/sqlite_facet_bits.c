/* sqlite_facet_bits.c - facet counting for a search with many matches and
 * no filter: each facet value's published practices as a bitmap, built
 * once per generation beside the facet cache, and each count the bits
 * the value shares with the matches' bitmap (the connection's own). A value then costs a pass
 * over max_id / 64 words, instead of every match a look at its row. */
#include "store/sqlite_facets.h"

#include <stdlib.h>
#include <string.h>

struct facet_bits {
	size_t words; /* per map */
	uint64_t *shown; /* the published practices */
	uint64_t **region, **lang, **cat; /* by index; NULL: none has it */
	size_t nregion, nlang, ncat;
	uint64_t *unit[UNIT__MAX], *init[INITIATOR__MAX], *year[YEARS];
};

static void free_maps(uint64_t **maps, size_t n)
{
	for (size_t i = 0; maps && i < n; i++)
		free(maps[i]);
	free(maps);
}

void sq_facet_bits_free(struct facet_bits *b)
{
	if (!b)
		return;
	free(b->shown);
	free_maps(b->region, b->nregion);
	free_maps(b->lang, b->nlang);
	free_maps(b->cat, b->ncat);
	for (int i = 0; i < UNIT__MAX; i++)
		free(b->unit[i]);
	for (int i = 0; i < INITIATOR__MAX; i++)
		free(b->init[i]);
	for (int i = 0; i < YEARS; i++)
		free(b->year[i]);
	free(b);
}

/* Sets bit id in *map, made on first use; false without memory. */
static bool set(uint64_t **map, size_t words, int64_t id)
{
	if (!*map && !(*map = calloc(words, sizeof **map)))
		return false;
	(*map)[id >> 6] |= (uint64_t)1 << (id & 63);
	return true;
}

static struct facet_bits *build(const struct facet_cache *fc, size_t ncat)
{
	struct facet_bits *b = calloc(1, sizeof *b);
	bool ok;

	if (!b)
		return NULL;
	b->words = (size_t)fc->max_id / 64 + 1;
	b->nregion = fc->nregions;
	b->nlang = fc->nlangs;
	b->ncat = ncat;
	ok = (b->shown = calloc(b->words, sizeof *b->shown)) &&
	     (b->region = calloc(b->nregion + 1, sizeof *b->region)) &&
	     (b->lang = calloc(b->nlang + 1, sizeof *b->lang)) &&
	     (b->cat = calloc(b->ncat + 1, sizeof *b->cat));
	for (int64_t id = 1; ok && id <= fc->max_id; id++) {
		const struct facet_row *r = &fc->rows[id];
		if (!fc->shown[id])
			continue;
		ok = set(&b->shown, b->words, id);
		for (uint32_t i = 0; ok && i < r->ncat; i++)
			if ((size_t)fc->cats[r->cat_off + i] < b->ncat)
				ok = set(&b->cat[fc->cats[r->cat_off + i]], b->words, id);
		if (ok && r->region >= 0)
			ok = set(&b->region[r->region], b->words, id);
		if (ok && r->lang >= 0)
			ok = set(&b->lang[r->lang], b->words, id);
		if (ok && r->unit >= 0)
			ok = set(&b->unit[r->unit], b->words, id);
		if (ok && r->initiator >= 0)
			ok = set(&b->init[r->initiator], b->words, id);
		if (ok && r->year >= YEAR_FIRST && r->year < YEAR_FIRST + YEARS)
			ok = set(&b->year[r->year - YEAR_FIRST], b->words, id);
	}
	if (!ok) {
		sq_facet_bits_free(b);
		return NULL;
	}
	return b;
}

/* Bits set in both a and b (n words each). */
__attribute__((target("popcnt")))
static int64_t both_popcnt(const uint64_t *a, const uint64_t *b, size_t n)
{
	int64_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += __builtin_popcountll(a[i] & b[i]);
	return c;
}

static int64_t both_plain(const uint64_t *a, const uint64_t *b, size_t n)
{
	int64_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += __builtin_popcountll(a[i] & b[i]);
	return c;
}

static int64_t both(const uint64_t *a, const uint64_t *b, size_t n)
{
	if (!b)
		return 0;
	/* the instruction when the processor has it */
	return __builtin_cpu_supports("popcnt") ? both_popcnt(a, b, n)
						: both_plain(a, b, n);
}

int sq_facet_count_bits(struct facet_count *c, struct search_scratch *s,
			size_t nhits, struct error *err)
{
	struct facet_cache *fc = c->fc;
	uint64_t *hits = s->hitbits;
	struct facet_bits *b;
	size_t ncat = c->cats->n;

	/* the first search to need them builds them, once for all */
	pthread_mutex_lock(&fc->lock);
	if (!fc->bits)
		fc->bits = build(fc, ncat);
	b = fc->bits;
	pthread_mutex_unlock(&fc->lock);
	if (!b)
		return error_set(err, ERR_INTERNAL, "out of memory");
	/* the scratch holds at least fc's ids: sq_scratch_fit */
	memset(hits, 0, b->words * sizeof *hits);
	for (size_t i = 0; i < nhits; i++)
		if (s->hits[i] <= fc->max_id)
			hits[s->hits[i] >> 6] |= (uint64_t)1 << (s->hits[i] & 63);
	c->n.total = both(hits, b->shown, b->words);
	for (size_t i = 0; i < ncat && i < b->ncat; i++)
		c->n.cat[i] = both(hits, b->cat[i], b->words);
	for (size_t i = 0; i < fc->nregions; i++)
		c->n.region[i] = both(hits, b->region[i], b->words);
	for (size_t i = 0; i < fc->nlangs; i++)
		c->n.lang[i] = both(hits, b->lang[i], b->words);
	for (int i = 0; i < UNIT__MAX; i++)
		c->n.unit[i] = both(hits, b->unit[i], b->words);
	for (int i = 0; i < INITIATOR__MAX; i++)
		c->n.init[i] = both(hits, b->init[i], b->words);
	for (int i = 0; i < YEARS; i++)
		c->n.year[i] = both(hits, b->year[i], b->words);
	return 0;
}
