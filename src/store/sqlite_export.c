/* sqlite_export.c - walking the published catalogue in id order for bulk
 * exports, a page of ids at a time (keyset: each page starts after the
 * last id of the one before, so a page costs the same at any depth). */
#include "store/sqlite_impl.h"

static int ids_after(struct store *st, struct arena *a, const char *sql,
		     int64_t after, size_t limit, int64_t **ids, size_t *n,
		     struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, sql, err);
	int rc;

	*n = 0;
	if (!s)
		return ERR_IO;
	if (!(*ids = arena_calloc(a, limit ? limit : 1, sizeof **ids))) {
		sq_release(st, s);
		return error_set(err, ERR_INTERNAL, "out of memory");
	}
	sqlite3_bind_int64(s, 1, after);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "export");
	sq_release(st, s);
	return rc;
}

int store_export_practice_ids(struct store *st, struct arena *a,
			      int64_t after, size_t limit, int64_t **ids,
			      size_t *n, struct error *err)
{
	return ids_after(st, a, "SELECT id FROM practice WHERE id > ?1"
			 " AND status = 'published' ORDER BY id LIMIT ?2",
			 after, limit, ids, n, err);
}

int store_export_organisation_ids(struct store *st, struct arena *a,
				  int64_t after, size_t limit, int64_t **ids,
				  size_t *n, struct error *err)
{
	return ids_after(st, a, "SELECT o.id FROM organisation o WHERE o.id > ?1"
			 " AND EXISTS (SELECT 1 FROM practice p"
			 "  WHERE p.organisation_id = o.id"
			 "  AND p.status = 'published')"
			 " ORDER BY o.id LIMIT ?2", after, limit, ids, n, err);
}

int store_practice_translations(struct store *st, struct arena *a,
				int64_t id, struct practice_translation **out,
				size_t *n, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT t.lang, t.title, t.summary,"
		" t.body FROM practice_text t JOIN practice p ON p.id = t.practice_id"
		" WHERE t.practice_id = ?1 AND t.lang <> p.lang ORDER BY t.lang",
		err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct practice_translation *t;
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			rc = SQLITE_NOMEM;
			break;
		}
		t = &(*out)[(*n)++];
		t->lang = sq_text(a, s, 0);
		t->title = sq_text(a, s, 1);
		t->summary = sq_text(a, s, 2);
		t->body = sq_text(a, s, 3);
	}
	if (rc == SQLITE_NOMEM)
		rc = error_set(err, ERR_INTERNAL, "out of memory");
	else
		rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "translations");
	sq_release(st, s);
	return rc;
}
