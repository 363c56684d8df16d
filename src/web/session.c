/* session.c - sign-in sessions, CSRF tokens, rate limits, audit. */
#include "web/session.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "text/html.h"
#include "web/forms.h"

/* A session's last-seen time is written at most this often. */
enum { SESSION_TOUCH_SECONDS = 60, FORM_TOKEN_MAX_AGE = 24 * 3600 };

int web_secret_load(struct app *app, struct error *err)
{
	struct store *st = store_pool_acquire(app->pool);
	struct arena a = ARENA_INIT;
	char fresh[2 * SECRET_BYTES + 1];
	uint8_t raw[SECRET_BYTES];
	const char *hex = NULL;
	size_t len = 0;
	int rc = -1;

	if (!st)
		return error_set(err, ERR_IO, "no database connection");
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(fresh, sizeof fresh, raw, sizeof raw);
	/* The first server to start writes it; the others read that one. */
	if (store_setting_init(st, "secret", fresh, err) < 0 ||
	    store_setting_get(st, &a, "secret", &hex, err) < 0)
		goto out;
	if (sodium_hex2bin(app->secret, SECRET_BYTES, hex, strlen(hex), NULL,
			   &len, NULL) != 0 || len != SECRET_BYTES) {
		error_set(err, ERR_INVALID, "the stored site secret is malformed");
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(fresh, sizeof fresh);
	arena_free(&a);
	store_pool_release(app->pool, st);
	return rc;
}

unsigned web_role_bit(enum account_role r)
{
	switch (r) {
	case ACCOUNT_ADMIN: return ROLE_ADMIN;
	case ACCOUNT_EDITOR: return ROLE_EDITOR;
	case ACCOUNT_CONTRIBUTOR:
	case ACCOUNT__MAX: break;
	}
	return ROLE_CONTRIBUTOR;
}

int web_identify(struct request *rq)
{
	struct app *app = rq->app;
	const char *token = request_cookie(rq, SESSION_COOKIE);
	uint8_t hash[TOKEN_HASH_BYTES];
	struct account *acc;
	struct store *st;
	struct error err = ERROR_INIT;
	int64_t now = time(NULL), seen = 0;
	int rc;

	if (!token_valid(token))
		return 0;
	if (!(acc = arena_calloc(&rq->arena, 1, sizeof *acc)))
		return -1;
	token_hash(token, hash);
	if (!(st = store_pool_acquire(app->pool)))
		return log_error("no database connection available");
	rc = store_session_get(st, &rq->arena, hash,
			       now - 60 * (int64_t)app->cfg->session_idle_minutes,
			       now - 3600 * (int64_t)app->cfg->session_max_hours,
			       acc, &seen, &err);
	if (rc == 0) {
		rq->user = acc;
		rq->role = web_role_bit(acc->role);
		if (now - seen >= SESSION_TOUCH_SECONDS &&
		    store_session_touch(st, hash, now, &err) < 0)
			log_warn("session: %s", err.msg);
	} else if (err.code != ERR_NOT_FOUND) {
		log_error("session: %s", err.msg);
	}
	store_pool_release(app->pool, st);
	return rc < 0 && err.code != ERR_NOT_FOUND ? -1 : 0;
}

const struct account *web_account(const struct request *rq)
{
	return rq->user;
}

/* __Host-: Secure, Path=/ and no Domain, so no sibling host can set or
 * read it; Lax keeps it off cross-site form posts. A session cookie
 * lives as long as the browser runs; expire clears it. */
static const char *cookie_header(struct arena *a, const char *name,
				 const char *value, bool expire)
{
	return arena_printf(a, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Lax%s",
			    name, value, expire ? "; Max-Age=0" : "");
}

int web_session_start(struct ctx *c, const struct account *acc,
		      struct error *err)
{
	char token[TOKEN_CHARS + 1];
	uint8_t hash[TOKEN_HASH_BYTES];
	const char *old = request_cookie(c->rq, SESSION_COOKIE);

	if (token_valid(old)) {
		token_hash(old, hash);
		if (store_session_delete(c->st, hash, err) < 0)
			return -1;
	}
	token_new(token);
	token_hash(token, hash);
	if (store_session_insert(c->st, hash, acc->id, time(NULL), err) < 0)
		return -1;
	response_header(c->rs, "Set-Cookie",
			cookie_header(c->a, SESSION_COOKIE, token, false));
	sodium_memzero(token, sizeof token);
	return 0;
}

int web_session_end(struct ctx *c, struct error *err)
{
	const char *token = request_cookie(c->rq, SESSION_COOKIE);
	uint8_t hash[TOKEN_HASH_BYTES];

	if (token_valid(token)) {
		token_hash(token, hash);
		if (store_session_delete(c->st, hash, err) < 0)
			return -1;
	}
	response_header(c->rs, "Set-Cookie",
			cookie_header(c->a, SESSION_COOKIE, "", true));
	return 0;
}

/* What a CSRF token is bound to: the session's token for the signed-in,
 * else the form cookie (set here when missing and rs is given). */
static const char *csrf_binding(struct request *rq, struct response *rs,
				struct arena *a)
{
	const char *v;
	char fresh[TOKEN_CHARS + 1];

	if (rq->user && token_valid(v = request_cookie(rq, SESSION_COOKIE)))
		return v;
	if (token_valid(v = request_cookie(rq, FORM_COOKIE)))
		return v;
	if (!rs)
		return NULL;
	token_new(fresh);
	response_header(rs, "Set-Cookie",
			cookie_header(a, FORM_COOKIE, fresh, false));
	return arena_strdup(a, fresh);
}

const char *web_csrf_token(struct request *rq, struct response *rs)
{
	struct app *app = rq->app;
	const char *binding = csrf_binding(rq, rs, &rq->arena);
	char token[CSRF_CHARS];

	if (!binding)
		return NULL;
	csrf_issue(app->secret, binding, time(NULL), token);
	return arena_strdup(&rq->arena, token);
}

void web_csrf_field(struct ctx *c)
{
	const char *token = web_csrf_token(c->rq, c->rs);

	buf_puts(c->b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(c->b, token ? token : "");
	buf_puts(c->b, "\">\n");
}

void web_csrf_field_again(struct ctx *c, const struct form *sent)
{
	if (!sent || web_csrf_check(c, sent, 0) != CSRF_OK) {
		web_csrf_field(c);
		return;
	}
	buf_puts(c->b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(c->b, form_value(sent, "csrf"));
	buf_puts(c->b, "\">\n");
}

enum csrf_result web_csrf_check(struct ctx *c, const struct form *f,
				unsigned min_age)
{
	const char *binding = csrf_binding(c->rq, NULL, c->a);
	int rc;

	if (!binding)
		return CSRF_BAD;
	rc = csrf_check(c->app->secret, binding, form_value(f, "csrf"),
			time(NULL), min_age, FORM_TOKEN_MAX_AGE);
	return rc == 0 ? CSRF_OK : rc == -2 ? CSRF_TOO_FAST : CSRF_BAD;
}

int web_posted_form(struct ctx *c, struct form *f, int *rc)
{
	bool replied = false;

	if (web_form_or_reply(c, f, &replied) < 0) {
		*rc = replied ? 0 : -1;
		return -1;
	}
	if (web_csrf_check(c, f, 0) != CSRF_OK) {
		*rc = web_fail(c, 403, T(c, "form.csrf"));
		return -1;
	}
	return 0;
}

static const char *rate_key(struct ctx *c, const char *kind,
			    const char *subject)
{
	char pseudonym[33];

	token_pseudonym(c->app->secret, subject, pseudonym);
	return arena_printf(c->a, "%s:%s", kind, pseudonym);
}

int web_rate_hit(struct ctx *c, const char *kind, const char *subject,
		 unsigned window, unsigned limit, bool *exceeded,
		 struct error *err)
{
	int64_t now = time(NULL), count = 0;
	const char *key = rate_key(c, kind, subject);

	if (!key)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (store_rate_hit(c->st, key, now - now % window, &count, err) < 0)
		return -1;
	*exceeded = count > limit;
	return 0;
}

int web_rate_forgive(struct ctx *c, const char *kind, const char *subject,
		     int64_t n, struct error *err)
{
	const char *key = rate_key(c, kind, subject);

	if (!key)
		return error_set(err, ERR_INTERNAL, "out of memory");
	return store_rate_forgive(c->st, key, n, err);
}

int web_audit(struct ctx *c, const char *action, const char *object_type,
	      int64_t object_id, const char *detail, struct error *err)
{
	const struct account *acc = web_account(c->rq);
	struct audit_entry e = {
		.account_id = acc ? acc->id : 0,
		.actor = acc ? acc->email : "anonymous",
		.action = action,
		.object_type = object_type,
		.object_id = object_id,
		.detail = detail,
	};
	return store_audit_add(c->st, &e, err);
}
