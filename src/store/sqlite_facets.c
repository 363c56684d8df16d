/* sqlite_facets.c - every facet of a search in one pass: each practice
 * that matches the text (and the non-facet conditions) is read once, and
 * counted for facet X when it passes every filter but X's own (values of
 * one facet are ORed, so choosing another one must show what it gives). */
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"
#include "store/sqlite_where.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

enum { CATEGORIES_MAX = 1024 };

struct categories {
	int64_t id[CATEGORIES_MAX], parent[CATEGORIES_MAX];
	const char *slug[CATEGORIES_MAX];
	size_t n;
	bool chosen[CATEGORIES_MAX]; /* in the filter, with their subtrees */
};

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
				     " FROM category", err);

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

struct counter {
	struct facet_value *v;
	size_t n, cap;
};

static void count(struct arena *a, struct counter *c, const char *value)
{
	if (!value || !*value)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].value, value)) {
			c->v[i].count++;
			return;
		}
	if (!(c->v = arena_grow(a, c->v, c->n, &c->cap, sizeof *c->v)))
		return;
	c->v[c->n].value = arena_strdup(a, value);
	c->v[c->n].count = 1;
	c->n++;
}

static bool in_list(const char *const *list, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (v && !strcmp(list[i], v))
			return true;
	return n == 0;
}

static bool in_codes(const int *list, size_t n, const char *const *codes,
		     const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (v && !strcmp(codes[list[i]], v))
			return true;
	return n == 0;
}

static bool in_years(const int *list, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (v && atoi(v) == list[i])
			return true;
	return n == 0;
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

int store_facets(struct store *st, struct arena *a,
		 const struct practice_filter *f,
		 struct facet_value *out[FILTER__MAX], size_t n[FILTER__MAX],
		 int64_t *total, struct error *err)
{
	struct practice_filter base = {
		.org_id = f->org_id, .exclude_id = f->exclude_id, .match = f->match,
	};
	struct categories *cats = arena_alloc(a, sizeof *cats);
	struct counter counters[FILTER__MAX] = {{0}};
	struct where w;
	struct buf sql;
	sqlite3_stmt *s;
	int rc;

	*total = 0;
	if (!cats)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if ((rc = load_categories(st, a, f, cats, err)) < 0)
		return rc;
	where_build(&w, &base, -1);
	buf_init(&sql, 1024);
	where_head(&w, &sql, false);
	buf_printf(&sql, "SELECT g.region, g.unit_type, p.initiator_type, p.lang,"
		   " substr(p.date_entered, 1, 4), (SELECT group_concat(category_id)"
		   " FROM practice_category pc WHERE pc.practice_id = p.id)%s%s",
		   where_from(&w), w.sql.data);
	s = sq_prepare(st, sql.data, err);
	buf_release(&sql);
	if (!s) {
		buf_release(&w.sql);
		return ERR_IO;
	}
	where_bind(&w, s, where_bind_match(&w, s));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v[FILTER__MAX];
		bool pass[FILTER__MAX], mine[CATEGORIES_MAX] = {false};
		const char *list = (const char *)sqlite3_column_text(s, 5);

		v[FILTER_REGION] = (const char *)sqlite3_column_text(s, 0);
		v[FILTER_UNIT] = (const char *)sqlite3_column_text(s, 1);
		v[FILTER_INITIATOR] = (const char *)sqlite3_column_text(s, 2);
		v[FILTER_LANG] = (const char *)sqlite3_column_text(s, 3);
		v[FILTER_YEAR] = (const char *)sqlite3_column_text(s, 4);
		/* the practice's categories with their ancestors */
		pass[FILTER_CATEGORY] = f->ncategories == 0;
		for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
			for (int k = index_of(cats, atoll(p)), depth = 0; k >= 0 && depth < 16;
			     k = index_of(cats, cats->parent[k]), depth++) {
				mine[k] = true;
				if (cats->chosen[k])
					pass[FILTER_CATEGORY] = true;
			}
		}
		pass[FILTER_REGION] = in_list(f->regions, f->nregions, v[FILTER_REGION]);
		pass[FILTER_UNIT] = in_codes(f->unit_types, f->nunit_types,
					     unit_type_codes, v[FILTER_UNIT]);
		pass[FILTER_INITIATOR] = in_codes(f->initiators, f->ninitiators,
						  initiator_type_codes, v[FILTER_INITIATOR]);
		pass[FILTER_LANG] = in_list(f->langs, f->nlangs, v[FILTER_LANG]);
		pass[FILTER_YEAR] = in_years(f->years, f->nyears, v[FILTER_YEAR]);
		for (int x = 0; x < FILTER__MAX; x++) {
			bool others = true;
			for (int y = 0; y < FILTER__MAX; y++)
				others &= y == x || pass[y];
			if (!others)
				continue;
			if (x == FILTER_CATEGORY) {
				for (size_t k = 0; k < cats->n; k++)
					if (mine[k])
						count(a, &counters[x], cats->slug[k]);
			} else {
				count(a, &counters[x], v[x]);
			}
			if (x == 0 && pass[x])
				(*total)++;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "facets");
	sq_release(st, s);
	buf_release(&w.sql);
	for (int x = 0; x < FILTER__MAX; x++) {
		if (counters[x].n)
			qsort(counters[x].v, counters[x].n, sizeof *counters[x].v,
			      x == FILTER_YEAR ? cmp_value_desc : cmp_value);
		out[x] = counters[x].v;
		n[x] = counters[x].n;
	}
	return rc;
}
