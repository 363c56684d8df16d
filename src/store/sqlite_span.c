/* sqlite_span.c - the dates of the catalogue as a whole, for its
 * description (DCAT: issued, modified). */
#include "store/sqlite_impl.h"

int store_published_span(struct store *st, int64_t *first, int64_t *last,
			 struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT min(published_at), max(max(published_at, updated_at))"
		" FROM practice WHERE status = 'published'", err);
	int rc = 0;

	*first = *last = 0;
	if (!s)
		return ERR_IO;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*first = sqlite3_column_int64(s, 0);
		*last = sqlite3_column_int64(s, 1);
	} else {
		rc = sq_fail(st, err, "published span");
	}
	sq_release(st, s);
	return rc;
}
