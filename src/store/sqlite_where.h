/* sqlite_where.h - private to the SQLite store: the WHERE clause of
 * practice lists, searches and facets, built from a filter. */
#ifndef STORE_SQLITE_WHERE_H
#define STORE_SQLITE_WHERE_H

#include <stdbool.h>

#include "core/buf.h"
#include "store/sqlite_impl.h"

enum { BIND_MAX = 6 * FILTER_VALUES_MAX + 8 };

/* A WHERE clause under construction with its parameters in order, and
 * the full-text expression when the list is a search (bound as ?1). */
struct where {
	const char *match, *match_lang;
	struct buf sql;
	struct {
		const char *text;
		int64_t num;
	} binds[BIND_MAX];
	int n;
};

/* Builds the clause for f, leaving out parameter skip (or -1). */
void where_build(struct where *w, const struct practice_filter *f, int skip);
/* "WITH best(id) AS (...)" for a search, before the SELECT: which
 * practices match, unranked (counts; the list ranks on its own). */
void where_head(const struct where *w, struct buf *sql);
/* " FROM ..." with the joins the clause needs. */
const char *where_from(const struct where *w);
/* Binds the match expression (?1) when searching; next free index. */
int where_bind_match(const struct where *w, sqlite3_stmt *s);
/* Binds the clause's values from index first; next free index. */
int where_bind(const struct where *w, sqlite3_stmt *s, int first);

#endif
