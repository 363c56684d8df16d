/* sqlite_revision.c - editing practices: their content replaced in
 * place, the saved states kept as revisions, contacts erased. */
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"

#include "text/slug.h"

/* Deletes the parts store_practice_update writes anew. */
static int clear_parts(struct store *st, int64_t id, const char *lang,
		       struct error *err)
{
	static const char *const sql[] = {
		"DELETE FROM practice_text WHERE practice_id = ?1 AND lang = ?2",
		"DELETE FROM contact WHERE practice_id = ?1",
		"DELETE FROM link WHERE practice_id = ?1",
		"DELETE FROM practice_category WHERE practice_id = ?1",
		"DELETE FROM keyword WHERE practice_id = ?1",
	};

	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *s = sq_prepare(st, sql[i], err);
		if (!s)
			return ERR_IO;
		sqlite3_bind_int64(s, 1, id);
		if (i == 0)
			sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
		if (sq_run(st, s, "update practice", err) < 0)
			return ERR_IO;
	}
	return 0;
}

int store_practice_update(struct store *st, int64_t id,
			  const struct practice_input *in, int *revision,
			  struct error *err)
{
	sqlite3_stmt *s;
	char slug[128];
	int rc;

	if ((rc = practice_input_validate(in, err)) < 0)
		return rc;
	slug_make(slug, sizeof slug, in->title);
	s = sq_prepare(st, "UPDATE practice SET slug = ?, implementing_office = ?,"
			   " initiator_type = ?, date_entered = ?, period_start = ?,"
			   " period_end = ?, revision = revision + 1, updated_at = ?"
			   " WHERE id = ? AND lang = ? RETURNING revision", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, slug, -1, SQLITE_STATIC);
	sq_bind_text(s, 2, in->implementing_office);
	sqlite3_bind_text(s, 3, initiator_type_codes[in->initiator], -1,
			  SQLITE_STATIC);
	sq_bind_text(s, 4, in->date_entered);
	sq_bind_text(s, 5, in->period_start);
	sq_bind_text(s, 6, in->period_end);
	sqlite3_bind_int64(s, 7, sq_now());
	sqlite3_bind_int64(s, 8, id);
	sqlite3_bind_text(s, 9, in->lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*revision = sqlite3_column_int(s, 0);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : sq_fail(st, err, "update");
	} else {
		/* the language of the original text is the record's identity
		 * in the index: it is not edited here */
		rc = rc == SQLITE_DONE
			     ? error_set(err, ERR_NOT_FOUND, "no such practice in %s",
					 in->lang)
			     : sq_fail(st, err, "update practice");
	}
	sq_release(st, s);
	if (rc < 0 || (rc = clear_parts(st, id, in->lang, err)) < 0 ||
	    (rc = sq_insert_parts(st, id, in, err)) < 0)
		return rc;
	return sq_fts_index(st, id, err);
}

int store_revision_put(struct store *st, const struct revision_info *r,
		       int64_t account_id, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT OR IGNORE INTO revision (practice_id, revision, created_at,"
		" account_id, actor, note, snapshot) VALUES (?,?,?,?,?,?,?)", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, r->practice_id);
	sqlite3_bind_int(s, 2, r->revision);
	sqlite3_bind_int64(s, 3, r->created_at ? r->created_at : sq_now());
	if (account_id > 0)
		sqlite3_bind_int64(s, 4, account_id);
	sqlite3_bind_text(s, 5, r->actor ? r->actor : "anonymous", -1,
			  SQLITE_STATIC);
	sq_bind_text(s, 6, r->note);
	sqlite3_bind_text(s, 7, r->snapshot, -1, SQLITE_STATIC);
	return sq_run(st, s, "revision", err);
}

static void read_revision(struct arena *a, sqlite3_stmt *s,
			  struct revision_info *r)
{
	r->practice_id = sqlite3_column_int64(s, 0);
	r->revision = sqlite3_column_int(s, 1);
	r->created_at = sqlite3_column_int64(s, 2);
	r->actor = sq_text(a, s, 3);
	r->note = sq_text(a, s, 4);
}

int store_revision_list(struct store *st, struct arena *a, int64_t id,
			struct revision_info **out, size_t *n,
			struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT practice_id, revision, created_at, actor, note FROM revision"
		" WHERE practice_id = ? ORDER BY revision DESC", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			sq_release(st, s);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		read_revision(a, s, &(*out)[(*n)++]);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "revisions");
	sq_release(st, s);
	return rc;
}

int store_revision_get(struct store *st, struct arena *a, int64_t id,
		       int revision, struct revision_info *out,
		       struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT practice_id, revision, created_at, actor, note, snapshot"
		" FROM revision WHERE practice_id = ? AND revision = ?", err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, revision);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_revision(a, s, out);
		out->snapshot = sq_text(a, s, 5);
	}
	rc = rc == SQLITE_ROW ? 0
	     : rc == SQLITE_DONE ? error_set(err, ERR_NOT_FOUND, "no such revision")
				 : sq_fail(st, err, "revision");
	sq_release(st, s);
	return rc;
}

int store_revision_set_snapshot(struct store *st, int64_t id, int revision,
				const char *snapshot, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE revision SET snapshot = ?"
				     " WHERE practice_id = ? AND revision = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, snapshot, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int(s, 3, revision);
	return sq_run(st, s, "revision", err);
}

int store_contact_erase(struct store *st, int64_t practice_id,
			int64_t contact_id, bool anonymise, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, anonymise
		? "UPDATE contact SET name = NULL, phone = NULL, email = NULL"
		  " WHERE id = ? AND practice_id = ?"
		: "DELETE FROM contact WHERE id = ? AND practice_id = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, contact_id);
	sqlite3_bind_int64(s, 2, practice_id);
	if (sq_run(st, s, "contact", err) < 0)
		return ERR_IO;
	if (!sqlite3_changes(st->db))
		return error_set(err, ERR_NOT_FOUND, "no such contact person");
	return sq_fts_index(st, practice_id, err);
}

int store_practice_translation_put(struct store *st, int64_t id,
				   const char *lang, const char *title,
				   const char *summary, const char *body,
				   struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT OR REPLACE INTO practice_text (practice_id, lang, title,"
		" summary, body) SELECT id, ?2, ?3, ?4, ?5 FROM practice"
		" WHERE id = ?1 AND lang <> ?2", err);

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, body ? body : "", -1, SQLITE_STATIC);
	if (sq_run(st, s, "translation", err) < 0)
		return ERR_IO;
	if (!sqlite3_changes(st->db))
		return error_set(err, ERR_INVALID,
				 "lang: the original's language, or no such practice");
	return sq_fts_index(st, id, err);
}
