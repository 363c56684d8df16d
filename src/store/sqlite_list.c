/* sqlite_list.c - filtered, paged lists of published practices, facet
 * values for the filter form, and catalogue totals. */
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"
#include "store/sqlite_where.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"

static int count_matching(struct store *st, const struct where *w,
			  int64_t *total, struct error *err)
{
	struct buf sql;
	sqlite3_stmt *s;
	int rc = 0;

	buf_init(&sql, 1024);
	where_head(w, &sql);
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
	sq_release(st, s);
	return rc;
}

void sq_read_summary(struct arena *a, sqlite3_stmt *s,
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

/* Newest first, or units like the reader's first. Written over the sort
 * keys that the "ranked" step selects (k_lk, k_pub, k_id), with prefix
 * naming their table. (Searches are ranked in sqlite_search.c.) */
static void order_by(struct buf *o, const struct page_req *page,
		     const char *px)
{
	if (page->like && !page->newest)
		buf_printf(o, "%sk_lk DESC, %sk_pub DESC, %sk_id DESC", px, px, px);
	else
		buf_printf(o, "%sk_pub DESC, %sk_id DESC", px, px);
}

/* The likeness of a unit to the reader's, as SQL. The values are a
 * number and an enum's code, so they go into the text safely. */
static void likeness_sql(struct buf *b, const struct likeness *like)
{
	if (!like) {
		buf_puts(b, "0");
		return;
	}
	buf_printf(b, "praxis_likeness(g.unit_type, g.population, '%s', %lld)",
		   like->unit_type >= 0 && like->unit_type < UNIT__MAX
			   ? unit_type_codes[like->unit_type] : "",
		   (long long)like->population);
}

int store_practice_list(struct store *st, struct arena *a, const char *lang,
			const struct practice_filter *f,
			const struct page_req *page, struct practice_page *out,
			struct error *err)
{
	struct where w;
	struct buf sql;
	sqlite3_stmt *s = NULL;
	int limit = page->limit > 0 ? page->limit : PAGE_LIMIT_DEFAULT;
	int rc = 0, i, step;

	memset(out, 0, sizeof *out);
	if (f->match) /* ranked in one pass over the matches */
		return sq_fts_search(st, a, lang, f, page, out, NULL, NULL, NULL,
				     err);
	where_build(&w, f, -1);
	if (page->like && page->has_cursor) {
		rc = error_set(err, ERR_INVALID,
			       "cursor: search results are paged by number");
		goto out;
	}
	if (!page->skip_total &&
	    (rc = count_matching(st, &w, &out->total, err)) < 0)
		goto out;
	/* Two steps: sort and cut the page on the small rows (practice,
	 * organisation), then read titles and summaries for the page's rows
	 * alone, not for every practice. */
	buf_init(&sql, 2048);
	buf_puts(&sql, "WITH ranked AS (SELECT p.id AS k_id,"
		       " p.published_at AS k_pub, ");
	likeness_sql(&sql, page->like);
	buf_printf(&sql, " AS k_lk%s%s%s ORDER BY ", where_from(&w), w.sql.data,
		   page->has_cursor ? " AND (p.published_at, p.id) < (?, ?)" : "");
	order_by(&sql, page, "");
	buf_puts(&sql, " LIMIT ? OFFSET ?)"
		       " SELECT p.id, p.slug, p.lang, coalesce(tr.title, o.title),"
		       " coalesce(tr.summary, o.summary), p.published_at,"
		       " p.date_entered, g.id, g.slug, g.name, g.town, g.region,"
		       " g.country, g.unit_type, p.initiator_type"
		       " FROM ranked r JOIN practice p ON p.id = r.k_id"
		       " JOIN organisation g ON g.id = p.organisation_id"
		       " JOIN practice_text o ON o.practice_id = p.id AND o.lang = p.lang"
		       " LEFT JOIN practice_text tr ON tr.practice_id = p.id"
		       "  AND tr.lang = ? ORDER BY ");
	order_by(&sql, page, "r.");
	s = sq_prepare(st, sql.data, err);
	buf_release(&sql);
	if (!s) {
		rc = ERR_IO;
		goto out;
	}
	i = where_bind(&w, s, 1);
	if (page->has_cursor) {
		sqlite3_bind_int64(s, i++, page->after.published_at);
		sqlite3_bind_int64(s, i++, page->after.id);
	}
	/* One more row than asked tells whether a next page exists. */
	sqlite3_bind_int(s, i++, limit + 1);
	sqlite3_bind_int(s, i++, page->has_cursor ? 0 : page->offset);
	sqlite3_bind_text(s, i++, lang ? lang : "", -1, SQLITE_STATIC);
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
		sq_read_summary(a, s, &out->items[out->n]);
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
	sq_release(st, s);
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
	sq_release(st, s);
	return rc;
}

int store_practice_points(struct store *st, struct arena *a, const char *lang,
			  const struct practice_filter *f, int limit,
			  struct practice_point **out, size_t *n, bool *more,
			  struct error *err)
{
	struct where w;
	struct buf sql;
	sqlite3_stmt *s;
	size_t cap = 0;
	int i, rc;

	*out = NULL;
	*n = 0;
	*more = false;
	where_build(&w, f, -1);
	buf_init(&sql, 1024);
	where_head(&w, &sql);
	/* the translation's language is bound first: its ? comes before
	 * the clause's in the text */
	buf_printf(&sql, "SELECT p.id, p.slug, coalesce(tr.title, o.title), g.name,"
		   " g.town, coalesce(p.lat, g.lat), coalesce(p.lon, g.lon)%s"
		   " JOIN practice_text o ON o.practice_id = p.id AND o.lang = p.lang"
		   " LEFT JOIN practice_text tr ON tr.practice_id = p.id AND tr.lang = ?"
		   "%s AND coalesce(p.lat, g.lat) IS NOT NULL"
		   " AND coalesce(p.lon, g.lon) IS NOT NULL"
		   " ORDER BY p.published_at DESC, p.id DESC LIMIT ?",
		   where_from(&w), w.sql.data);
	s = sq_prepare(st, sql.data, err);
	buf_release(&sql);
	if (!s) {
		buf_release(&w.sql);
		return ERR_IO;
	}
	i = where_bind_match(&w, s);
	sqlite3_bind_text(s, i, lang, -1, SQLITE_STATIC);
	i = where_bind(&w, s, i + 1);
	sqlite3_bind_int(s, i, limit + 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct practice_point *pt;
		if (*n == (size_t)limit) {
			*more = true;
			break;
		}
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			rc = SQLITE_NOMEM;
			break;
		}
		pt = &(*out)[(*n)++];
		pt->id = sqlite3_column_int64(s, 0);
		pt->slug = sq_text(a, s, 1);
		pt->title = sq_text(a, s, 2);
		pt->org_name = sq_text(a, s, 3);
		pt->town = sq_text(a, s, 4);
		pt->lat = sqlite3_column_double(s, 5);
		pt->lon = sqlite3_column_double(s, 6);
		pt->km = -1;
	}
	rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0
	     : rc == SQLITE_NOMEM ? error_set(err, ERR_INTERNAL, "out of memory")
				  : sq_fail(st, err, "points");
	sq_release(st, s);
	buf_release(&w.sql);
	return rc;
}
