/* sqlite_account.c - settings, accounts, sessions and rate limits. */
#include "store/sqlite_impl.h"

#include <string.h>

#include "domain/token.h"


int store_setting_get(struct store *st, struct arena *a, const char *key,
		      const char **value, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT value FROM setting WHERE key = ?",
				     err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = sq_text(a, s, 0);
	rc = rc == SQLITE_ROW ? 0
	     : rc == SQLITE_DONE ? error_set(err, ERR_NOT_FOUND, "no setting %s", key)
				 : sq_fail(st, err, "setting");
	sq_release(st, s);
	return rc;
}

int store_setting_init(struct store *st, const char *key, const char *value,
		       struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "INSERT OR IGNORE INTO setting (key, value)"
					 " VALUES (?, ?)", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return sq_run(st, s, "setting", err);
}

int store_account_insert(struct store *st, const struct account *acc,
			 const char *password_hash, int64_t *id,
			 struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT INTO account (email, name, role, organisation_id,"
		" password_hash, disabled, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, 0, ?, ?)", err);
	int64_t now = sq_now();
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, acc->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, acc->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, account_role_codes[acc->role], -1, SQLITE_STATIC);
	if (acc->org_id > 0)
		sqlite3_bind_int64(s, 4, acc->org_id);
	sqlite3_bind_text(s, 5, password_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, now);
	sqlite3_bind_int64(s, 7, now);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : sq_fail(st, err, "account");
	if (!rc)
		*id = sqlite3_last_insert_rowid(st->db);
	else if (err && err->code == ERR_CONFLICT)
		error_set(err, ERR_CONFLICT, "an account with e-mail %s exists",
			  acc->email);
	sq_release(st, s);
	return rc;
}

#define ACCOUNT_COLS "a.id, a.email, a.name, a.role, a.organisation_id, a.disabled"

static void read_account(struct arena *a, sqlite3_stmt *s, int col,
			 struct account *out)
{
	int role = code_parse(account_role_codes, ACCOUNT__MAX,
			      (const char *)sqlite3_column_text(s, col + 3));

	out->id = sqlite3_column_int64(s, col);
	out->email = sq_text(a, s, col + 1);
	out->name = sq_text(a, s, col + 2);
	/* an unknown role can only come from a newer praxis: least power */
	out->role = role < 0 ? ACCOUNT_CONTRIBUTOR : (enum account_role)role;
	out->org_id = sqlite3_column_int64(s, col + 4);
	out->disabled = sqlite3_column_int(s, col + 5) != 0;
}

/* Steps s for one account row; ERR_NOT_FOUND when there is none. */
static int one_account(struct store *st, struct arena *a, sqlite3_stmt *s,
		       struct account *out, const char **hash,
		       struct error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		read_account(a, s, 0, out);
		if (hash)
			*hash = sq_text(a, s, 6);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? error_set(err, ERR_NOT_FOUND, "no such account")
				       : sq_fail(st, err, "account");
	}
	sq_release(st, s);
	return rc;
}

int store_account_by_email(struct store *st, struct arena *a,
			   const char *email, struct account *out,
			   const char **password_hash, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT " ACCOUNT_COLS ", a.password_hash"
					 " FROM account a WHERE a.email = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, email, -1, SQLITE_STATIC);
	return one_account(st, a, s, out, password_hash, err);
}

int store_account_get(struct store *st, struct arena *a, int64_t id,
		      struct account *out, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT " ACCOUNT_COLS
					 " FROM account a WHERE a.id = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	return one_account(st, a, s, out, NULL, err);
}

int store_account_list(struct store *st, struct arena *a,
		       struct account **out, size_t *n, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT " ACCOUNT_COLS " FROM account a"
					 " ORDER BY a.email", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			sq_release(st, s);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		read_account(a, s, 0, &(*out)[(*n)++]);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "accounts");
	sq_release(st, s);
	return rc;
}

/* Runs an UPDATE of one account by id (bound last), then ends its
 * sessions: whatever changed, old sessions must not outlive it. */
static int account_update(struct store *st, sqlite3_stmt *s, int id_param,
			  int64_t id, struct error *err)
{
	sqlite3_stmt *end;

	sqlite3_bind_int64(s, id_param, id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		int rc = sq_fail(st, err, "account");
		sq_release(st, s);
		return rc;
	}
	sq_release(st, s);
	if (!sqlite3_changes(st->db))
		return error_set(err, ERR_NOT_FOUND, "no such account");
	if (!(end = sq_prepare(st, "DELETE FROM session WHERE account_id = ?", err)))
		return ERR_IO;
	sqlite3_bind_int64(end, 1, id);
	return sq_run(st, end, "sessions", err);
}

int store_account_set_password(struct store *st, int64_t id,
			       const char *password_hash, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE account SET password_hash = ?,"
					 " updated_at = ? WHERE id = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, password_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, sq_now());
	return account_update(st, s, 3, id, err);
}

int store_account_set_role(struct store *st, int64_t id,
			   enum account_role role, int64_t org_id,
			   struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE account SET role = ?,"
					 " organisation_id = ?, updated_at = ?"
					 " WHERE id = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, account_role_codes[role], -1, SQLITE_STATIC);
	if (org_id > 0)
		sqlite3_bind_int64(s, 2, org_id);
	sqlite3_bind_int64(s, 3, sq_now());
	return account_update(st, s, 4, id, err);
}

int store_account_set_disabled(struct store *st, int64_t id, bool disabled,
			       struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE account SET disabled = ?,"
					 " updated_at = ? WHERE id = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int(s, 1, disabled);
	sqlite3_bind_int64(s, 2, sq_now());
	return account_update(st, s, 3, id, err);
}

int store_session_insert(struct store *st, const uint8_t *token_hash,
			 int64_t account_id, int64_t now, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "INSERT INTO session (token_hash,"
					 " account_id, created_at, seen_at)"
					 " VALUES (?, ?, ?, ?)", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_blob(s, 1, token_hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, account_id);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_int64(s, 4, now);
	return sq_run(st, s, "session", err);
}

int store_session_get(struct store *st, struct arena *a,
		      const uint8_t *token_hash, int64_t idle_since,
		      int64_t created_since, struct account *out,
		      int64_t *seen_at, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT " ACCOUNT_COLS ", x.seen_at FROM session x"
		" JOIN account a ON a.id = x.account_id"
		" WHERE x.token_hash = ? AND x.seen_at >= ? AND x.created_at >= ?"
		" AND a.disabled = 0", err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_blob(s, 1, token_hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, idle_since);
	sqlite3_bind_int64(s, 3, created_since);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_account(a, s, 0, out);
		*seen_at = sqlite3_column_int64(s, 6);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? error_set(err, ERR_NOT_FOUND, "no session")
				       : sq_fail(st, err, "session");
	}
	sq_release(st, s);
	return rc;
}

int store_session_touch(struct store *st, const uint8_t *token_hash,
			int64_t now, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE session SET seen_at = ?"
					 " WHERE token_hash = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_blob(s, 2, token_hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
	return sq_run(st, s, "session", err);
}

int store_session_delete(struct store *st, const uint8_t *token_hash,
			 struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "DELETE FROM session WHERE token_hash = ?",
				     err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_blob(s, 1, token_hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
	return sq_run(st, s, "session", err);
}

int store_expire(struct store *st, int64_t idle_before,
		 int64_t created_before, int64_t window_before,
		 struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "DELETE FROM session WHERE seen_at < ?"
					 " OR created_at < ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, idle_before);
	sqlite3_bind_int64(s, 2, created_before);
	if (sq_run(st, s, "sessions", err) < 0)
		return ERR_IO;
	if (!(s = sq_prepare(st, "DELETE FROM rate_limit WHERE window_start < ?",
			     err)))
		return ERR_IO;
	sqlite3_bind_int64(s, 1, window_before);
	return sq_run(st, s, "rate limits", err);
}

int store_rate_hit(struct store *st, const char *key, int64_t window_start,
		   int64_t *count, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT INTO rate_limit (key, window_start, count) VALUES (?1, ?2, 1)"
		" ON CONFLICT (key) DO UPDATE SET"
		" count = CASE WHEN window_start = ?2 THEN count + 1 ELSE 1 END,"
		" window_start = ?2 RETURNING count", err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, window_start);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : sq_fail(st, err, "rate");
	} else {
		rc = sq_fail(st, err, "rate");
	}
	sq_release(st, s);
	return rc;
}

int store_rate_forgive(struct store *st, const char *key, int64_t n,
		       struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE rate_limit SET count ="
					 " max(count - ?2, 0) WHERE key = ?1", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, n);
	return sq_run(st, s, "rate", err);
}
