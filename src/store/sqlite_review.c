/* sqlite_review.c - the review loop: submissions, the moderation queue,
 * status changes, attachments and the audit trail. */
#include "store/sqlite_impl.h"

#include <string.h>

#include "domain/token.h"


int store_audit_add(struct store *st, const struct audit_entry *e,
		    struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT INTO audit (at, account_id, actor, action, object_type,"
		" object_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, e->at ? e->at : sq_now());
	if (e->account_id > 0)
		sqlite3_bind_int64(s, 2, e->account_id);
	sqlite3_bind_text(s, 3, e->actor ? e->actor : "anonymous", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(s, 4, e->action, -1, SQLITE_STATIC);
	sq_bind_text(s, 5, e->object_type);
	if (e->object_id)
		sqlite3_bind_int64(s, 6, e->object_id);
	sq_bind_text(s, 7, e->detail);
	return sq_run(st, s, "audit", err);
}

int store_audit_list(struct store *st, struct arena *a,
		     const struct audit_filter *f, struct audit_entry **out,
		     size_t *n, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT id, at, account_id, actor, action, object_type, object_id,"
		" detail FROM audit WHERE (?1 IS NULL OR action = ?1)"
		" AND (?2 IS NULL OR actor = ?2) AND (?3 IS NULL OR object_type = ?3)"
		" AND (?4 = 0 OR object_id = ?4) AND (?5 = 0 OR id < ?5)"
		" ORDER BY id DESC LIMIT ?6", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	sq_bind_text(s, 1, f->action);
	sq_bind_text(s, 2, f->actor);
	sq_bind_text(s, 3, f->object_type);
	sqlite3_bind_int64(s, 4, f->object_id);
	sqlite3_bind_int64(s, 5, f->before_id);
	sqlite3_bind_int(s, 6, f->limit > 0 ? f->limit : 100);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_entry *e;
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			sq_release(st, s);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		e = &(*out)[(*n)++];
		e->id = sqlite3_column_int64(s, 0);
		e->at = sqlite3_column_int64(s, 1);
		e->account_id = sqlite3_column_int64(s, 2);
		e->actor = sq_text(a, s, 3);
		e->action = sq_text(a, s, 4);
		e->object_type = sq_text(a, s, 5);
		e->object_id = sqlite3_column_int64(s, 6);
		e->detail = sq_text(a, s, 7);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "audit");
	sq_release(st, s);
	return rc;
}

int store_submission_insert(struct store *st, int64_t practice_id,
			    const uint8_t *token_hash, const char *name,
			    const char *email, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT INTO submission (practice_id, token_hash, submitter_name,"
		" submitter_email, created_at, updated_at) VALUES (?,?,?,?,?,?)",
		err);
	int64_t now = sq_now();

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, practice_id);
	sqlite3_bind_blob(s, 2, token_hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, now);
	sqlite3_bind_int64(s, 6, now);
	return sq_run(st, s, "submission", err);
}

/* A practice with its submitter (when it came in as a submission). */
#define SUBMISSION_SELECT                                                  \
	"SELECT p.id, t.title, p.lang, p.status, s.submitter_name,"         \
	" s.submitter_email, s.editor_message, p.created_at,"               \
	" max(p.updated_at, coalesce(s.updated_at, 0)), o.name"            \
	" FROM practice p JOIN practice_text t ON t.practice_id = p.id"     \
	"  AND t.lang = p.lang"                                             \
	" JOIN organisation o ON o.id = p.organisation_id"                  \
	" LEFT JOIN submission s ON s.practice_id = p.id"

static void read_submission(struct arena *a, sqlite3_stmt *s,
			    struct submission *out)
{
	int status = code_parse(practice_status_codes, STATUS__MAX,
				(const char *)sqlite3_column_text(s, 3));

	out->practice_id = sqlite3_column_int64(s, 0);
	out->title = sq_text(a, s, 1);
	out->lang = sq_text(a, s, 2);
	out->status = status < 0 ? STATUS_SUBMITTED : (enum practice_status)status;
	out->submitter_name = sq_text(a, s, 4);
	out->submitter_email = sq_text(a, s, 5);
	out->editor_message = sq_text(a, s, 6);
	out->created_at = sqlite3_column_int64(s, 7);
	out->updated_at = sqlite3_column_int64(s, 8);
	out->org_name = sq_text(a, s, 9);
}

static int one_submission(struct store *st, struct arena *a, sqlite3_stmt *s,
			  struct submission *out, struct error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		read_submission(a, s, out);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE
			     ? error_set(err, ERR_NOT_FOUND, "no such submission")
			     : sq_fail(st, err, "submission");
	}
	sq_release(st, s);
	return rc;
}

int store_submission_by_token(struct store *st, struct arena *a,
			      const uint8_t *token_hash,
			      struct submission *out, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, SUBMISSION_SELECT
				     " WHERE s.token_hash = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_blob(s, 1, token_hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
	return one_submission(st, a, s, out, err);
}

int store_submission_get(struct store *st, struct arena *a,
			 int64_t practice_id, struct submission *out,
			 struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, SUBMISSION_SELECT " WHERE p.id = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, practice_id);
	return one_submission(st, a, s, out, err);
}

/* The queue's statuses (?1) as a bit set, tested by each status'
 * position in practice_status_codes; and how long it waited (?2). */
#define QUEUE_WHERE                                                        \
	" (?1 >> (CASE p.status WHEN 'submitted' THEN 0"                   \
	" WHEN 'in_review' THEN 1 WHEN 'published' THEN 2"                 \
	" WHEN 'rejected' THEN 3 ELSE 4 END)) & 1 AND p.created_at <= ?2"  \
	" AND (?5 = 0 OR p.organisation_id = ?5)"

int store_queue_list(struct store *st, struct arena *a,
		     const struct queue_filter *f, struct submission **out,
		     size_t *n, int64_t *total, struct error *err)
{
	static const char sql[] = SUBMISSION_SELECT " WHERE" QUEUE_WHERE
		" ORDER BY p.created_at, p.id LIMIT ?3 OFFSET ?4";
	_Static_assert(STATUS_SUBMITTED == 0 && STATUS_IN_REVIEW == 1 &&
		       STATUS_PUBLISHED == 2 && STATUS_REJECTED == 3 &&
		       STATUS_WITHDRAWN == 4, "status bit positions in SQL");
	unsigned statuses = f->statuses ? f->statuses
			    : (1u << STATUS_SUBMITTED) | (1u << STATUS_IN_REVIEW);
	sqlite3_stmt *s = sq_prepare(st, sql, err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, statuses);
	sqlite3_bind_int64(s, 2, f->now - f->older_than);
	sqlite3_bind_int(s, 3, f->limit > 0 ? f->limit : 50);
	sqlite3_bind_int(s, 4, f->offset);
	sqlite3_bind_int64(s, 5, f->org_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			sq_release(st, s);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		read_submission(a, s, &(*out)[(*n)++]);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "queue");
	sq_release(st, s);
	if (rc < 0 || !total)
		return rc;
	if (!(s = sq_prepare(st, "SELECT count(*) FROM practice p WHERE"
				 QUEUE_WHERE, err)))
		return ERR_IO;
	sqlite3_bind_int64(s, 1, statuses);
	sqlite3_bind_int64(s, 2, f->now - f->older_than);
	sqlite3_bind_int64(s, 5, f->org_id);
	rc = sqlite3_step(s) == SQLITE_ROW ? 0 : sq_fail(st, err, "queue");
	*total = sqlite3_column_int64(s, 0);
	sq_release(st, s);
	return rc;
}

int store_practice_set_status(struct store *st, int64_t id,
			      enum practice_status status,
			      const char *message, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"UPDATE practice SET status = ?1, updated_at = ?2,"
		" published_at = CASE WHEN ?1 = 'published'"
		"  THEN coalesce(published_at, ?2) ELSE published_at END"
		" WHERE id = ?3", err);
	int64_t now = sq_now();

	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, practice_status_codes[status], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, id);
	if (sq_run(st, s, "status", err) < 0)
		return ERR_IO;
	if (!sqlite3_changes(st->db))
		return error_set(err, ERR_NOT_FOUND, "no such practice");
	if (!message)
		return 0;
	if (!(s = sq_prepare(st, "UPDATE submission SET editor_message = ?,"
				 " updated_at = ? WHERE practice_id = ?", err)))
		return ERR_IO;
	sqlite3_bind_text(s, 1, message, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, id);
	return sq_run(st, s, "message", err);
}

int store_attachment_insert(struct store *st, int64_t practice_id,
			    int position, const struct attachment_ref *att,
			    struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT INTO attachment (practice_id, position, stored_name,"
		" display_name, type, size, created_at) VALUES (?,?,?,?,?,?,?)",
		err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, practice_id);
	sqlite3_bind_int(s, 2, position);
	sqlite3_bind_text(s, 3, att->stored_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, att->display_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, att->type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, att->size);
	sqlite3_bind_int64(s, 7, sq_now());
	return sq_run(st, s, "attachment", err);
}

static void read_attachment(struct arena *a, sqlite3_stmt *s,
			    struct attachment_ref *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->stored_name = sq_text(a, s, 1);
	r->display_name = sq_text(a, s, 2);
	r->type = sq_text(a, s, 3);
	r->size = sqlite3_column_int64(s, 4);
	r->practice_id = sqlite3_column_int64(s, 5);
}

#define ATTACHMENT_COLS "id, stored_name, display_name, type, size, practice_id"

bool store_attachment_known(struct store *st, const char *stored_name)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT 1 FROM attachment"
				     " WHERE stored_name = ?", NULL);
	int rc;

	if (!s)
		return true;
	sqlite3_bind_text(s, 1, stored_name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sq_release(st, s);
	return rc != SQLITE_DONE;
}

int store_attachment_get(struct store *st, struct arena *a, int64_t id,
			 struct attachment_ref *out, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT " ATTACHMENT_COLS
				     " FROM attachment WHERE id = ?", err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_attachment(a, s, out);
	rc = rc == SQLITE_ROW ? 0
	     : rc == SQLITE_DONE ? error_set(err, ERR_NOT_FOUND, "no such file")
				 : sq_fail(st, err, "attachment");
	sq_release(st, s);
	return rc;
}

int store_attachment_list(struct store *st, struct arena *a,
			  int64_t practice_id, struct attachment_ref **out,
			  size_t *n, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT " ATTACHMENT_COLS " FROM attachment"
				     " WHERE practice_id = ? ORDER BY position", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, practice_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			sq_release(st, s);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		read_attachment(a, s, &(*out)[(*n)++]);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "attachments");
	sq_release(st, s);
	return rc;
}
