/* sqlite_where.c - the WHERE clause shared by practice lists, searches
 * and facets: every filter of the list page and the API, as SQL with
 * bound values. */
#include "store/sqlite_where.h"

#include "store/sqlite_fts.h"


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
void where_build(struct where *w, const struct practice_filter *f,
			int skip)
{
	buf_init(&w->sql, 512);
	w->n = 0;
	w->match = f->match;
	w->match_lang = f->match_lang;
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

/* "WITH best(id) AS (...)" for a search: unranked, for counts. */
void where_head(const struct where *w, struct buf *sql)
{
	if (w->match) {
		buf_puts(sql, "WITH ");
		sq_fts_hits_sql(sql, w->match_lang);
		buf_putc(sql, ' ');
	}
}

/* The match expression, when searching; returns the next free index. */
int where_bind_match(const struct where *w, sqlite3_stmt *s)
{
	if (!w->match)
		return 1;
	sqlite3_bind_text(s, 1, w->match, -1, SQLITE_STATIC);
	return 2;
}

/* Binds the clause's parameters starting at index first; returns the
 * next free index. */
int where_bind(const struct where *w, sqlite3_stmt *s, int first)
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

const char *where_from(const struct where *w)
{
	return w->match ? search_from : list_from;
}

