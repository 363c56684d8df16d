/* sqlite_facets.c - every facet of a search in one pass: each practice
 * that matches the text (and the non-facet conditions) is looked at once,
 * and counted for facet X when it passes every filter but X's own (values
 * of one facet are ORed, so choosing another one must show what it
 * gives). What facets read of each practice is kept in memory. */
#include "store/sqlite_facets.h"
#include "store/sqlite_phrases.h"
#include "store/sqlite_fts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static int index_of(const struct categories *c, int64_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->id[i] == id)
			return (int)i;
	return -1;
}

static int load_categories(struct store *st, struct arena *a,
			   const struct practice_filter *f, struct categories *c,
			   struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT id, coalesce(parent_id, 0), slug"
				     " FROM category ORDER BY id", err);

	if (!s)
		return ERR_IO;
	c->n = 0;
	while (c->n < CATEGORIES_MAX && sqlite3_step(s) == SQLITE_ROW) {
		c->id[c->n] = sqlite3_column_int64(s, 0);
		c->parent[c->n] = sqlite3_column_int64(s, 1);
		c->slug[c->n] = sq_text(a, s, 2);
		c->n++;
	}
	sq_release(st, s);
	/* A chosen category chooses its subtree: mark every category one of
	 * whose ancestors-or-self is in the filter. */
	for (size_t i = 0; i < c->n; i++) {
		c->chosen[i] = false;
		for (int k = (int)i, depth = 0; k >= 0 && depth < 16 && !c->chosen[i];
		     k = index_of(c, c->parent[k]), depth++)
			for (size_t j = 0; j < f->ncategories; j++)
				if (!strcmp(c->slug[k], f->categories[j]))
					c->chosen[i] = true;
	}
	return 0;
}

static int cmp_value(const void *x, const void *y)
{
	return strcmp(((const struct facet_value *)x)->value,
		      ((const struct facet_value *)y)->value);
}

static int cmp_value_desc(const void *x, const void *y)
{
	return -cmp_value(x, y);
}

/* What facets read of every practice (sqlite_facets.h) is held in memory
 * and rebuilt when the catalogue's generation moves: counting then walks
 * arrays instead of joining tables for every match. */
void sq_facet_cache_free(struct facet_cache *fc)
{
	if (!fc)
		return;
	for (size_t i = 0; i < fc->nregions; i++)
		free(fc->regions[i]);
	for (size_t i = 0; i < fc->nlangs; i++)
		free(fc->langs[i]);
	free(fc->regions);
	free(fc->langs);
	free(fc->rows);
	free(fc->more);
	free(fc->shown);
	free(fc->cats);
	for (int t = 0; t < SQ_FTS_TABLES; t++)
		free(fc->doclen[t]);
	sq_phrase_cache_free(fc->phrases);
	sq_facet_bits_free(fc->bits);
	pthread_mutex_destroy(&fc->lock);
	free(fc);
}

/* The index of s among strings, added when new; -1 for none or no memory. */
static int32_t intern(char ***strings, size_t *n, size_t *cap, const char *s)
{
	if (!s || !*s)
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*strings)[i], s))
			return (int32_t)i;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		char **more = realloc(*strings, nc * sizeof *more);
		if (!more)
			return -1;
		*strings = more;
		*cap = nc;
	}
	if (!((*strings)[*n] = strdup(s)))
		return -1;
	return (int32_t)(*n)++;
}

static bool push_cat(struct facet_cache *fc, int32_t c)
{
	if (fc->ncats == fc->capcats) {
		size_t nc = fc->capcats ? fc->capcats * 2 : 1024;
		int32_t *more = realloc(fc->cats, nc * sizeof *more);
		if (!more)
			return false;
		fc->cats = more;
		fc->capcats = nc;
	}
	fc->cats[fc->ncats++] = c;
	return true;
}

static int read_rows(struct store *st, struct facet_cache *fc,
		     struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT p.id, p.status = 'published',"
		" p.organisation_id, g.region, g.unit_type, p.initiator_type,"
		" p.lang, substr(p.date_entered, 1, 4), g.population,"
		" p.published_at FROM practice p"
		" JOIN organisation g ON g.id = p.organisation_id", err);

	if (!s)
		return ERR_IO;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		struct facet_row *r;

		if (id < 1 || id > fc->max_id)
			continue;
		r = &fc->rows[id];
		r->present = true;
		r->published = sqlite3_column_int(s, 1);
		fc->shown[id] = r->published;
		fc->more[id].org_id = sqlite3_column_int64(s, 2);
		r->region = intern(&fc->regions, &fc->nregions, &fc->capregions,
				   (const char *)sqlite3_column_text(s, 3));
		r->unit = (int8_t)code_parse(unit_type_codes, UNIT__MAX,
					     (const char *)sqlite3_column_text(s, 4));
		r->initiator = (int8_t)code_parse(initiator_type_codes, INITIATOR__MAX,
						  (const char *)sqlite3_column_text(s, 5));
		r->lang = intern(&fc->langs, &fc->nlangs, &fc->caplangs,
				 (const char *)sqlite3_column_text(s, 6));
		r->year = (int16_t)sqlite3_column_int(s, 7);
		fc->more[id].population = sqlite3_column_int64(s, 8);
		fc->more[id].published_at = sqlite3_column_int64(s, 9);
	}
	sq_release(st, s);
	return 0;
}

/* Each practice's categories with their ancestors, each once. */
static int read_categories(struct store *st, struct facet_cache *fc,
			   const struct categories *cats, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT practice_id, category_id"
				     " FROM practice_category ORDER BY practice_id",
				     err);
	int rc = 0;

	if (!s)
		return ERR_IO;
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		struct facet_row *r;

		if (id < 1 || id > fc->max_id || !fc->rows[id].present)
			continue;
		r = &fc->rows[id];
		if (!r->ncat)
			r->cat_off = (uint32_t)fc->ncats;
		for (int k = index_of(cats, sqlite3_column_int64(s, 1)), depth = 0;
		     k >= 0 && depth < 16; k = index_of(cats, cats->parent[k]), depth++) {
			bool seen = false;
			for (uint32_t i = 0; i < r->ncat; i++)
				seen |= fc->cats[r->cat_off + i] == k;
			if (seen)
				continue;
			if (!push_cat(fc, k))
				rc = error_set(err, ERR_INTERNAL, "out of memory");
			else
				r->ncat++;
		}
	}
	sq_release(st, s);
	return rc;
}

static int facet_cache_build(struct store *st, const struct categories *cats,
			     int64_t generation, struct error *err)
{
	struct facet_cache *fc = calloc(1, sizeof *fc);
	sqlite3_stmt *s;
	size_t n;
	int rc = 0;

	if (!fc)
		return error_set(err, ERR_INTERNAL, "out of memory");
	pthread_mutex_init(&fc->lock, NULL);
	fc->generation = generation;
	if (!(s = sq_prepare(st, "SELECT coalesce(max(id), 0) FROM practice", err))) {
		rc = ERR_IO;
		goto out;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		fc->max_id = sqlite3_column_int64(s, 0);
	sq_release(st, s);
	n = (size_t)fc->max_id + 1;
	if (!(fc->rows = calloc(n, sizeof *fc->rows)) ||
	    !(fc->more = calloc(n, sizeof *fc->more)) ||
	    !(fc->shown = calloc(n, sizeof *fc->shown))) {
		rc = error_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	if ((rc = read_rows(st, fc, err)) < 0 ||
	    (rc = read_categories(st, fc, cats, err)) < 0 ||
	    (rc = sq_rank_load(st, fc, err)) < 0)
		goto out;
	sq_share_offer(st, fc);
	return 0;
out:
	sq_facet_cache_free(fc);
	return rc;
}

static bool int_in(const int *list, size_t n, int v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return n == 0;
}

/* The interned indexes of the filter's strings (-2: unknown, none match). */
static void intern_filter(char **strings, size_t nstrings,
			  const char *const *values, size_t n, int *out)
{
	for (size_t i = 0; i < n; i++) {
		out[i] = -2;
		for (size_t k = 0; k < nstrings; k++)
			if (!strcmp(strings[k], values[i]))
				out[i] = (int)k;
	}
}

/* The values with a count, named, sorted (years newest first). */
static struct facet_value *collect(struct arena *a, const int64_t *counts,
				   size_t n, const char *(*name)(void *, size_t),
				   void *ctx, size_t *out_n, bool descending)
{
	struct facet_value *v = arena_calloc(a, n ? n : 1, sizeof *v);
	size_t k = 0;

	for (size_t i = 0; v && i < n; i++)
		if (counts[i]) {
			v[k].value = name(ctx, i);
			v[k].count = counts[i];
			k++;
		}
	if (v && k)
		qsort(v, k, sizeof *v, descending ? cmp_value_desc : cmp_value);
	*out_n = v ? k : 0;
	return v;
}

struct namer {
	struct arena *a;
	const char *const *names;
};

static const char *name_copy(void *ctx, size_t i)
{
	struct namer *nm = ctx;
	return arena_strdup(nm->a, nm->names[i]);
}

static const char *name_year(void *ctx, size_t i)
{
	struct namer *nm = ctx;
	return arena_printf(nm->a, "%d", 1900 + (int)i);
}

int sq_facet_begin(struct store *st, struct arena *a,
		   const struct practice_filter *f, struct facet_count *c,
		   struct error *err)
{
	int64_t generation;
	int rc;

	memset(c, 0, sizeof *c);
	c->f = f;
	if (!(c->cats = arena_alloc(a, sizeof *c->cats)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	if ((rc = load_categories(st, a, f, c->cats, err)) < 0 ||
	    (rc = store_generation(st, &generation, err)) < 0)
		return rc;
	sq_share_find(st, generation);
	if (!st->facets && (rc = facet_cache_build(st, c->cats, generation, err)) < 0)
		return rc;
	c->fc = st->facets;
	intern_filter(c->fc->regions, c->fc->nregions, f->regions, f->nregions,
		      c->regions);
	intern_filter(c->fc->langs, c->fc->nlangs, f->langs, f->nlangs, c->langs);
	c->n.region = arena_calloc(a, c->fc->nregions + 1, sizeof *c->n.region);
	c->n.lang = arena_calloc(a, c->fc->nlangs + 1, sizeof *c->n.lang);
	c->n.cat = arena_calloc(a, c->cats->n + 1, sizeof *c->n.cat);
	c->unfiltered = !f->ncategories && !f->nregions && !f->nunit_types &&
			!f->ninitiators && !f->nlangs && !f->nyears &&
			!f->org_id && !f->exclude_id;
	if (!c->n.region || !c->n.lang || !c->n.cat)
		return error_set(err, ERR_INTERNAL, "out of memory");
	return 0;
}

/* Counts r into n for every facet: what a row passing every filter
 * does, and the whole work when there is no filter, as with most
 * searches. */
static void count_all(const struct facet_cache *fc, struct facet_counts *n,
		      const struct facet_row *r)
{
	const int32_t *cat = fc->cats + r->cat_off;

	n->total++;
	for (uint32_t i = 0; i < r->ncat; i++)
		n->cat[cat[i]]++;
	if (r->region >= 0)
		n->region[r->region]++;
	if (r->unit >= 0)
		n->unit[r->unit]++;
	if (r->initiator >= 0)
		n->init[r->initiator]++;
	if (r->lang >= 0)
		n->lang[r->lang]++;
	if (r->year >= YEAR_FIRST && r->year < YEAR_FIRST + YEARS)
		n->year[r->year - YEAR_FIRST]++;
}

bool sq_facet_visible(const struct facet_count *c, int64_t id)
{
	return id >= 1 && id <= c->fc->max_id && c->fc->shown[id];
}

bool sq_facet_add(struct facet_count *c, int64_t id)
{
	const struct practice_filter *f = c->f;
	const struct facet_row *r;
	bool pass[FILTER__MAX];
	int failed = 0, which = -1;

	if (id < 1 || id > c->fc->max_id)
		return false;
	r = &c->fc->rows[id];
	if (!r->present || !r->published ||
	    (f->org_id && c->fc->more[id].org_id != f->org_id) ||
	    id == f->exclude_id)
		return false;
	if (c->unfiltered) {
		count_all(c->fc, &c->n, r);
		return true;
	}
	pass[FILTER_CATEGORY] = f->ncategories == 0;
	for (uint32_t i = 0; !pass[FILTER_CATEGORY] && i < r->ncat; i++)
		pass[FILTER_CATEGORY] = c->cats->chosen[c->fc->cats[r->cat_off + i]];
	pass[FILTER_REGION] = int_in(c->regions, f->nregions, r->region);
	pass[FILTER_UNIT] = int_in(f->unit_types, f->nunit_types, r->unit);
	pass[FILTER_INITIATOR] = int_in(f->initiators, f->ninitiators,
					r->initiator);
	pass[FILTER_LANG] = int_in(c->langs, f->nlangs, r->lang);
	pass[FILTER_YEAR] = int_in(f->years, f->nyears, r->year);
	for (int x = 0; x < FILTER__MAX; x++)
		if (!pass[x]) {
			failed++;
			which = x;
		}
	if (failed > 1)
		return false; /* fails two filters: counts for no facet */
	if (!failed)
		c->n.total++;
	/* counted for facet x when every filter but x's own passes */
	if (which < 0 || which == FILTER_CATEGORY)
		for (uint32_t i = 0; i < r->ncat; i++)
			c->n.cat[c->fc->cats[r->cat_off + i]]++;
	if ((which < 0 || which == FILTER_REGION) && r->region >= 0)
		c->n.region[r->region]++;
	if ((which < 0 || which == FILTER_UNIT) && r->unit >= 0)
		c->n.unit[r->unit]++;
	if ((which < 0 || which == FILTER_INITIATOR) && r->initiator >= 0)
		c->n.init[r->initiator]++;
	if ((which < 0 || which == FILTER_LANG) && r->lang >= 0)
		c->n.lang[r->lang]++;
	if ((which < 0 || which == FILTER_YEAR) && r->year >= YEAR_FIRST &&
	    r->year < YEAR_FIRST + YEARS)
		c->n.year[r->year - YEAR_FIRST]++;
	return !failed;
}

void sq_facet_end(struct facet_count *c, struct arena *a,
		  struct facet_value *out[FILTER__MAX], size_t n[FILTER__MAX])
{
	struct facet_cache *fc = c->fc;

	out[FILTER_CATEGORY] = collect(a, c->n.cat, c->cats->n, name_copy,
		&(struct namer){a, c->cats->slug}, &n[FILTER_CATEGORY], false);
	out[FILTER_REGION] = collect(a, c->n.region, fc->nregions, name_copy,
		&(struct namer){a, (const char *const *)fc->regions},
		&n[FILTER_REGION], false);
	out[FILTER_UNIT] = collect(a, c->n.unit, UNIT__MAX, name_copy,
		&(struct namer){a, unit_type_codes}, &n[FILTER_UNIT], false);
	out[FILTER_INITIATOR] = collect(a, c->n.init, INITIATOR__MAX, name_copy,
		&(struct namer){a, initiator_type_codes}, &n[FILTER_INITIATOR],
		false);
	out[FILTER_LANG] = collect(a, c->n.lang, fc->nlangs, name_copy,
		&(struct namer){a, (const char *const *)fc->langs},
		&n[FILTER_LANG], false);
	out[FILTER_YEAR] = collect(a, c->n.year, YEARS, name_year,
		&(struct namer){a, NULL}, &n[FILTER_YEAR], true);
}

int store_facets(struct store *st, struct arena *a,
		 const struct practice_filter *f,
		 struct facet_value *out[FILTER__MAX], size_t n[FILTER__MAX],
		 int64_t *total, struct error *err)
{
	struct facet_count c;
	int rc;

	*total = 0;
	/* a search: counted in the pass over its matches */
	if (f->match)
		return sq_fts_search(st, a, NULL, f, NULL, NULL, out, n, total,
				     err);
	if ((rc = sq_facet_begin(st, a, f, &c, err)) < 0)
		return rc;
	for (int64_t id = 1; id <= c.fc->max_id; id++)
		sq_facet_add(&c, id);
	sq_facet_end(&c, a, out, n);
	*total = c.n.total;
	return 0;
}
