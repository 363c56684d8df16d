/* sqlite_import.c - what `praxis import` needs of the SQLite store:
 * category labels to match trails against, organisations found by name
 * and town, and the import_source table of content hashes. */
#include "store/sqlite_impl.h"

#include <string.h>

#include "text/fold.h"
#include "text/slug.h"

int store_category_labels(struct store *st, struct arena *a,
			  struct category_label **out, size_t *n,
			  struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT c.id, coalesce(c.parent_id, 0), c.slug, l.lang, l.label"
		" FROM category c JOIN category_label l ON l.category_id = c.id"
		" ORDER BY c.id, l.lang", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct category_label *l;
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			sq_release(st, s);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		l = &(*out)[(*n)++];
		l->id = sqlite3_column_int64(s, 0);
		l->parent_id = sqlite3_column_int64(s, 1);
		l->slug = sq_text(a, s, 2);
		l->lang = sq_text(a, s, 3);
		l->label = sq_text(a, s, 4);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "category labels");
	sq_release(st, s);
	return rc;
}

/* Equal after NFKC and case folding ("Gmina Łomża", "GMINA ŁOMŻA");
 * both absent counts as equal. */
static bool same_folded(const char *a, const char *b)
{
	char fa[FOLD_MAX], fb[FOLD_MAX];

	if (!a || !*a || !b || !*b)
		return (!a || !*a) && (!b || !*b);
	fold_lower(a, strlen(a), fa, sizeof fa);
	fold_lower(b, strlen(b), fb, sizeof fb);
	return !strcmp(fa, fb);
}

int store_organisation_find(struct store *st, const char *name,
			    const char *town, int64_t *id, struct error *err)
{
	sqlite3_stmt *s;
	char slug[128];
	int rc;

	/* the slug is the name folded to ASCII: candidates by it, then
	 * the real comparison (SQLite's lower() knows ASCII only) */
	slug_make(slug, sizeof slug, name);
	if (!(s = sq_prepare(st, "SELECT id, name, town FROM organisation"
				 " WHERE slug = ? ORDER BY id", err)))
		return ERR_IO;
	sqlite3_bind_text(s, 1, slug, -1, SQLITE_STATIC);
	*id = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (same_folded((const char *)sqlite3_column_text(s, 1), name) &&
		    same_folded((const char *)sqlite3_column_text(s, 2), town)) {
			*id = sqlite3_column_int64(s, 0);
			break;
		}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: sq_fail(st, err, "find organisation");
	sq_release(st, s);
	if (rc == 0 && !*id)
		rc = error_set(err, ERR_NOT_FOUND, "no organisation '%s'", name);
	return rc;
}

int store_import_seen(struct store *st, const char *content_hash, bool *seen,
		      struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT 1 FROM import_source"
				     " WHERE content_hash = ?", err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, content_hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*seen = rc == SQLITE_ROW;
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: sq_fail(st, err, "import source");
	sq_release(st, s);
	return rc;
}

int store_import_put(struct store *st, int64_t practice_id, const char *file,
		     const char *format, const char *content_hash,
		     struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "INSERT INTO import_source (practice_id,"
				     " file, format, content_hash, imported_at)"
				     " VALUES (?, ?, ?, ?, ?)", err);

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, practice_id);
	sqlite3_bind_text(s, 2, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, format, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, content_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, sq_now());
	return sq_run(st, s, "import source", err);
}

int store_import_practice(struct store *st, const char *content_hash,
			  int64_t *practice_id, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT practice_id FROM import_source"
				     " WHERE content_hash = ?", err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, content_hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*practice_id = sqlite3_column_int64(s, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = error_set(err, ERR_NOT_FOUND, "no practice imported with "
			       "that content");
	} else {
		rc = sq_fail(st, err, "import source");
	}
	sq_release(st, s);
	return rc;
}

int store_import_source(struct store *st, struct arena *a, int64_t practice_id,
			struct import_source *out, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT file, format, imported_at"
				     " FROM import_source WHERE practice_id = ?",
				     err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, practice_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->file = sq_text(a, s, 0);
		out->format = sq_text(a, s, 1);
		out->imported_at = sqlite3_column_int64(s, 2);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = error_set(err, ERR_NOT_FOUND, "practice %lld was not imported",
			       (long long)practice_id);
	} else {
		rc = sq_fail(st, err, "import source");
	}
	sq_release(st, s);
	return rc;
}
