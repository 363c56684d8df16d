/* sqlite_list.c - filtered, paged lists of published practices, facet
 * values for the filter form, and catalogue totals. */
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"

enum { BIND_MAX = 6 * FILTER_VALUES_MAX + 8 };

/* A WHERE clause under construction with its parameters in order, and
 * the full-text expression when the list is a search (bound as ?1). */
struct where {
	const char *match;
	struct buf sql;
	struct {
		const char *text;
		int64_t num;
	} binds[BIND_MAX];
	int n;
};

static void where_text(struct where *w, const char *v)
{
	if (w->n < BIND_MAX) {
		w->binds[w->n].text = v;
		w->n++;
	}
}

static void where_num(struct where *w, int64_t v)
{
	if (w->n < BIND_MAX) {
		w->binds[w->n].text = NULL;
		w->binds[w->n].num = v;
		w->n++;
	}
}

/* Appends "AND col IN (?, ?, ...)" for n values. */
static void where_in(struct where *w, const char *col, size_t n)
{
	buf_printf(&w->sql, " AND %s IN (", col);
	for (size_t i = 0; i < n; i++)
		buf_puts(&w->sql, i ? ", ?" : "?");
	buf_puts(&w->sql, ")");
}

/* Builds the clause for f, leaving out parameter skip (or -1), so facet
 * counts can show what choosing another value would give. */
static void where_build(struct where *w, const struct practice_filter *f,
			int skip)
{
	buf_init(&w->sql, 512);
	w->n = 0;
	w->match = f->match;
	buf_puts(&w->sql, " WHERE p.status = 'published'");
	if (f->ncategories && skip != FILTER_CATEGORY) {
		/* A category includes its subcategories. */
		buf_puts(&w->sql, " AND p.id IN (SELECT pc.practice_id FROM"
				  " practice_category pc WHERE pc.category_id IN ("
				  "WITH RECURSIVE sub(id) AS (SELECT id FROM category"
				  " WHERE slug IN (");
		for (size_t i = 0; i < f->ncategories; i++) {
			buf_puts(&w->sql, i ? ", ?" : "?");
			where_text(w, f->categories[i]);
		}
		buf_puts(&w->sql, ") UNION SELECT c.id FROM category c JOIN sub"
				  " ON c.parent_id = sub.id) SELECT id FROM sub))");
	}
	if (f->nregions && skip != FILTER_REGION) {
		where_in(w, "g.region", f->nregions);
		for (size_t i = 0; i < f->nregions; i++)
			where_text(w, f->regions[i]);
	}
	if (f->nunit_types && skip != FILTER_UNIT) {
		where_in(w, "g.unit_type", f->nunit_types);
		for (size_t i = 0; i < f->nunit_types; i++)
			where_text(w, unit_type_codes[f->unit_types[i]]);
	}
	if (f->ninitiators && skip != FILTER_INITIATOR) {
		where_in(w, "p.initiator_type", f->ninitiators);
		for (size_t i = 0; i < f->ninitiators; i++)
			where_text(w, initiator_type_codes[f->initiators[i]]);
	}
	if (f->nlangs && skip != FILTER_LANG) {
		where_in(w, "p.lang", f->nlangs);
		for (size_t i = 0; i < f->nlangs; i++)
			where_text(w, f->langs[i]);
	}
	if (f->nyears && skip != FILTER_YEAR) {
		where_in(w, "CAST(substr(p.date_entered, 1, 4) AS INTEGER)",
			 f->nyears);
		for (size_t i = 0; i < f->nyears; i++)
			where_num(w, f->years[i]);
	}
	if (f->org_id) {
		buf_puts(&w->sql, " AND p.organisation_id = ?");
		where_num(w, f->org_id);
	}
	if (f->exclude_id) {
		buf_puts(&w->sql, " AND p.id <> ?");
		where_num(w, f->exclude_id);
	}
}

/* "WITH ..." for a search, before the SELECT; ranked for the list
 * itself, unranked for counts. */
static void where_head(const struct where *w, struct buf *sql, bool ranked)
{
	if (w->match) {
		buf_puts(sql, "WITH ");
		sq_fts_hits_sql(sql, ranked);
		buf_putc(sql, ' ');
	}
}

/* The match expression, when searching; returns the next free index. */
static int where_bind_match(const struct where *w, sqlite3_stmt *s)
{
	if (!w->match)
		return 1;
	sqlite3_bind_text(s, 1, w->match, -1, SQLITE_STATIC);
	return 2;
}

/* Binds the clause's parameters starting at index first; returns the
 * next free index. */
static int where_bind(const struct where *w, sqlite3_stmt *s, int first)
{
	for (int i = 0; i < w->n; i++, first++) {
		if (w->binds[i].text)
			sqlite3_bind_text(s, first, w->binds[i].text, -1,
					  SQLITE_STATIC);
		else
			sqlite3_bind_int64(s, first, w->binds[i].num);
	}
	return first;
}

static const char list_from[] =
	" FROM practice p JOIN organisation g ON g.id = p.organisation_id";
static const char search_from[] =
	" FROM best b JOIN practice p ON p.id = b.id"
	" JOIN organisation g ON g.id = p.organisation_id";

static const char *where_from(const struct where *w)
{
	return w->match ? search_from : list_from;
}

static int count_matching(struct store *st, const struct where *w,
			  int64_t *total, struct error *err)
{
	struct buf sql;
	sqlite3_stmt *s;
	int rc = 0;

	buf_init(&sql, 1024);
	where_head(w, &sql, false);
	buf_printf(&sql, "SELECT count(*)%s%s", where_from(w), w->sql.data);
	s = sq_prepare(st, sql.data, err);
	buf_release(&sql);
	if (!s)
		return ERR_IO;
	where_bind(w, s, where_bind_match(w, s));
	if (sqlite3_step(s) == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	else
		rc = sq_fail(st, err, "count");
	sqlite3_finalize(s);
	return rc;
}

static void read_summary(struct arena *a, sqlite3_stmt *s,
			 struct practice_summary *it)
{
	it->id = sqlite3_column_int64(s, 0);
	it->slug = sq_text(a, s, 1);
	it->lang = sq_text(a, s, 2);
	it->title = sq_text(a, s, 3);
	it->summary = sq_text(a, s, 4);
	it->published_at = sqlite3_column_int64(s, 5);
	it->date_entered = sq_text(a, s, 6);
	it->org_id = sqlite3_column_int64(s, 7);
	it->org_slug = sq_text(a, s, 8);
	it->org_name = sq_text(a, s, 9);
	it->town = sq_text(a, s, 10);
	it->region = sq_text(a, s, 11);
	it->country = sq_text(a, s, 12);
	it->unit_type = code_parse(unit_type_codes, UNIT__MAX,
				   (const char *)sqlite3_column_text(s, 13));
	if ((int)it->unit_type < 0)
		it->unit_type = UNIT_OTHER;
	it->initiator = code_parse(initiator_type_codes, INITIATOR__MAX,
				   (const char *)sqlite3_column_text(s, 14));
	if ((int)it->initiator < 0)
		it->initiator = INITIATOR_OTHER;
	it->status = STATUS_PUBLISHED;
}

/* Newest first; a search by score (bm25: lower is better). Units like the
 * reader's weigh in: a search's score grows by up to half again, a list
 * puts them first. The likeness values are numbers and an enum's code, so
 * they go into the text safely. */
static void order_by(struct buf *o, const struct where *w,
		     const struct likeness *like)
{
	buf_init(o, 256);
	if (!like) {
		buf_puts(o, w->match ? "b.score, p.id" : "p.published_at DESC, p.id DESC");
		return;
	}
	char fn[160];
	snprintf(fn, sizeof fn, "praxis_likeness(g.unit_type, g.population, '%s', %lld)",
		 like->unit_type >= 0 && like->unit_type < UNIT__MAX
			 ? unit_type_codes[like->unit_type] : "",
		 (long long)like->population);
	if (w->match)
		buf_printf(o, "b.score * (1 + %s), p.id", fn);
	else
		buf_printf(o, "%s DESC, p.published_at DESC, p.id DESC", fn);
}

int store_practice_list(struct store *st, struct arena *a, const char *lang,
			const struct practice_filter *f,
			const struct page_req *page, struct practice_page *out,
			struct error *err)
{
	struct where w;
	struct buf sql, order;
	sqlite3_stmt *s = NULL;
	int limit = page->limit > 0 ? page->limit : PAGE_LIMIT_DEFAULT;
	int rc, i, step;

	memset(out, 0, sizeof *out);
	where_build(&w, f, -1);
	if ((w.match || page->like) && page->has_cursor) {
		rc = error_set(err, ERR_INVALID,
			       "cursor: search results are paged by number");
		goto out;
	}
	if ((rc = count_matching(st, &w, &out->total, err)) < 0)
		goto out;
	buf_init(&sql, 2048);
	order_by(&order, &w, page->like);
	where_head(&w, &sql, true);
	buf_printf(&sql,
		   "SELECT p.id, p.slug, p.lang, coalesce(tr.title, o.title),"
		   " coalesce(tr.summary, o.summary), p.published_at,"
		   " p.date_entered, g.id, g.slug, g.name, g.town, g.region,"
		   " g.country, g.unit_type, p.initiator_type, %s%s"
		   " JOIN practice_text o ON o.practice_id = p.id AND o.lang = p.lang"
		   " LEFT JOIN practice_text tr ON tr.practice_id = p.id"
		   "  AND tr.lang = ?%s%s ORDER BY %s LIMIT ? OFFSET ?",
		   w.match ? "b.tbl" : "NULL", where_from(&w), w.sql.data,
		   page->has_cursor ? " AND (p.published_at, p.id) < (?, ?)" : "",
		   order.data);
	s = sq_prepare(st, sql.data, err);
	buf_release(&sql);
	buf_release(&order);
	if (!s) {
		rc = ERR_IO;
		goto out;
	}
	i = where_bind_match(&w, s);
	sqlite3_bind_text(s, i++, lang ? lang : "", -1, SQLITE_STATIC);
	i = where_bind(&w, s, i);
	if (page->has_cursor) {
		sqlite3_bind_int64(s, i++, page->after.published_at);
		sqlite3_bind_int64(s, i++, page->after.id);
	}
	/* One more row than asked tells whether a next page exists. */
	sqlite3_bind_int(s, i++, limit + 1);
	sqlite3_bind_int(s, i++, page->has_cursor ? 0 : page->offset);
	out->items = arena_calloc(a, (size_t)limit, sizeof *out->items);
	if (!out->items) {
		rc = error_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == (size_t)limit) {
			out->has_next = true;
			break;
		}
		read_summary(a, s, &out->items[out->n]);
		if (w.match) /* passages for this page only: snippet() is dear */
			out->items[out->n].snippet = sq_fts_snippet(
				st, a, sqlite3_column_int(s, 15), w.match,
				out->items[out->n].id);
		out->n++;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		rc = sq_fail(st, err, "list");
		goto out;
	}
	if (out->has_next) {
		out->next.published_at = out->items[out->n - 1].published_at;
		out->next.id = out->items[out->n - 1].id;
	}
out:
	sqlite3_finalize(s);
	buf_release(&w.sql);
	return rc;
}

int store_facet_values(struct store *st, struct arena *a, enum filter_param p,
		       const struct practice_filter *f,
		       struct facet_value **out, size_t *n, struct error *err)
{
	static const char *const exprs[FILTER__MAX] = {
		[FILTER_REGION] = "g.region",
		[FILTER_UNIT] = "g.unit_type",
		[FILTER_INITIATOR] = "p.initiator_type",
		[FILTER_LANG] = "p.lang",
		[FILTER_YEAR] = "substr(p.date_entered, 1, 4)",
	};
	static const struct practice_filter none;
	struct where w;
	struct buf sql;
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* Counts under every other filter: what choosing this value gives. */
	where_build(&w, f ? f : &none, (int)p);
	buf_init(&sql, 1024);
	where_head(&w, &sql, false);
	if (p == FILTER_CATEGORY) {
		/* A category counts the practices of its whole subtree once. */
		buf_printf(&sql, "%sm(id) AS (SELECT p.id%s%s),"
			   " tree(root, id) AS (SELECT id, id FROM category UNION ALL"
			   "  SELECT t.root, c.id FROM category c JOIN tree t"
			   "  ON c.parent_id = t.id)"
			   " SELECT c.slug, count(DISTINCT pc.practice_id) FROM tree t"
			   " JOIN category c ON c.id = t.root"
			   " JOIN practice_category pc ON pc.category_id = t.id"
			   " JOIN m ON m.id = pc.practice_id GROUP BY c.slug ORDER BY c.slug",
			   w.match ? ", " : "WITH ", where_from(&w), w.sql.data);
	} else {
		buf_printf(&sql, "SELECT %s AS v, count(*)%s%s"
			   " AND v IS NOT NULL AND v <> '' GROUP BY v ORDER BY %s",
			   exprs[p], where_from(&w), w.sql.data,
			   p == FILTER_YEAR ? "v DESC" : "v");
	}
	s = sq_prepare(st, sql.data, err);
	buf_release(&sql);
	if (!s) {
		buf_release(&w.sql);
		return ERR_IO;
	}
	where_bind(&w, s, where_bind_match(&w, s));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			rc = SQLITE_NOMEM;
			break;
		}
		(*out)[*n].value = sq_text(a, s, 0);
		(*out)[*n].count = sqlite3_column_int64(s, 1);
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "facet");
	sqlite3_finalize(s);
	buf_release(&w.sql);
	return rc;
}

int store_totals(struct store *st, struct store_totals *t, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT (SELECT count(*) FROM practice WHERE status = 'published'),"
		" (SELECT count(DISTINCT organisation_id) FROM practice"
		"  WHERE status = 'published'),"
		" (SELECT count(DISTINCT g.region) FROM practice p JOIN organisation g"
		"  ON g.id = p.organisation_id WHERE p.status = 'published'),"
		" (SELECT count(*) FROM category)", err);
	int rc = 0;

	if (!s)
		return ERR_IO;
	if (sqlite3_step(s) == SQLITE_ROW) {
		t->practices = sqlite3_column_int64(s, 0);
		t->organisations = sqlite3_column_int64(s, 1);
		t->regions = sqlite3_column_int64(s, 2);
		t->categories = sqlite3_column_int64(s, 3);
	} else {
		rc = sq_fail(st, err, "totals");
	}
	sqlite3_finalize(s);
	return rc;
}
