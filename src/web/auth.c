/* auth.c - signing in and out. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "text/html.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"

enum { LOGIN_WINDOW = 15 * 60, NEXT_MAX = 500 };

/* Where to go after signing in: a local path only, never another site. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strlen(next) > NEXT_MAX)
		return NULL;
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < ' ' || *p == '\\')
			return NULL;
	return next;
}

static const char *landing(const struct account *acc)
{
	return acc->role == ACCOUNT_CONTRIBUTOR ? "/" : "/editor/queue";
}

static void render_login(struct ctx *c, const char *email, const char *next,
			 const char *problem)
{
	const struct account *acc = web_account(c->rq);

	page_begin(c, T(c, "login.title"), NULL);
	buf_puts(c->b, "<h1>");
	html_text(c->b, T(c, "login.title"));
	buf_puts(c->b, "</h1>\n");
	if (acc) {
		buf_puts(c->b, "<p>");
		html_text(c->b, T(c, "login.signed_in_as"));
		buf_puts(c->b, " ");
		html_text(c->b, acc->email);
		buf_puts(c->b, ".</p>\n");
	}
	if (problem) {
		buf_puts(c->b, "<p class=\"form-errors\" role=\"alert\">");
		html_text(c->b, problem);
		buf_puts(c->b, "</p>\n");
	}
	buf_puts(c->b, "<form method=\"post\" action=\"");
	html_attr(c->b, ctx_url(c, "/login"));
	buf_puts(c->b, "\" class=\"login-form\">\n");
	web_csrf_field(c);
	if (next) {
		buf_puts(c->b, "<input type=\"hidden\" name=\"next\" value=\"");
		html_attr(c->b, next);
		buf_puts(c->b, "\">\n");
	}
	render_input(c, "email", T(c, "login.email"), NULL, email, NULL,
		     FIELD_REQUIRED | FIELD_EMAIL, "username");
	render_input(c, "password", T(c, "login.password"), NULL, NULL, NULL,
		     FIELD_REQUIRED | FIELD_PASSWORD, "current-password");
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "login.submit"));
	buf_puts(c->b, "</button></p>\n</form>\n");
	page_end(c);
}

int page_login(struct request *rq, struct response *rs)
{
	struct ctx c;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	render_login(&c, NULL, safe_next(request_arg(rq, "next")), NULL);
	ctx_close(&c);
	return 0;
}

/* A hash to verify against when the account does not exist, so that the
 * answer takes as long as for a wrong password. */
static char dummy_hash[PASSWORD_HASH_MAX];
static void make_dummy_hash(void)
{
	char pw[TOKEN_CHARS + 1];

	token_new(pw);
	if (password_hash(pw, dummy_hash, NULL) < 0)
		dummy_hash[0] = '\0';
}

static int login_refused(struct ctx *c, int status, const char *email,
			 const char *next, const char *message)
{
	render_login(c, email, next, message);
	c->rs->status = status;
	return 0;
}

int page_login_post(struct request *rq, struct response *rs)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct ctx c;
	struct form f;
	struct error err = ERROR_INIT;
	struct account acc;
	const char *email, *password, *next, *hash = NULL;
	bool replied = false, ip_over = false, acct_over = false, ok;
	unsigned limit;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_form_or_reply(&c, &f, &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	email = form_value(&f, "email");
	password = form_value(&f, "password");
	next = safe_next(form_value(&f, "next"));
	if (web_csrf_check(&c, &f, 0) != CSRF_OK) {
		rc = login_refused(&c, 403, email, next, T(&c, "form.csrf"));
		goto out;
	}
	if (!email || !*email || !password || !*password) {
		rc = login_refused(&c, 400, email, next, T(&c, "login.missing"));
		goto out;
	}
	/* Count the attempt before checking it, per address and per account,
	 * and commit the count even when the password turns out wrong. */
	limit = c.app->cfg->logins_per_15min;
	if (ctx_write_begin(&c, &err) < 0 ||
	    web_rate_hit(&c, "login-ip", request_peer(rq), LOGIN_WINDOW,
			 4 * limit, &ip_over, &err) < 0 ||
	    web_rate_hit(&c, "login-account", email, LOGIN_WINDOW, limit,
			 &acct_over, &err) < 0 ||
	    store_commit(c.st, &err) < 0)
		goto fail;
	if (ip_over || acct_over) {
		rc = login_refused(&c, 429, email, next, T(&c, "login.too_many"));
		goto out;
	}
	if (store_account_by_email(c.st, c.a, email, &acc, &hash, &err) < 0 &&
	    err.code != ERR_NOT_FOUND)
		goto fail;
	pthread_once(&once, make_dummy_hash);
	ok = password_verify(hash ? hash : dummy_hash, password) && hash &&
	     !acc.disabled;
	if (store_begin(c.st, &err) < 0)
		goto fail;
	if (!ok) {
		struct audit_entry e = {.actor = email, .action = AUDIT_LOGIN_FAILED,
					.object_type = hash ? "account" : NULL,
					.object_id = hash ? acc.id : 0};
		if (store_audit_add(c.st, &e, &err) < 0 ||
		    store_commit(c.st, &err) < 0)
			goto fail;
		rc = login_refused(&c, 401, email, next, T(&c, "login.wrong"));
		goto out;
	}
	rq->user = &acc;
	if (web_session_start(&c, &acc, &err) < 0 ||
	    web_rate_forgive(&c, "login-account", email, INT64_MAX, &err) < 0 ||
	    web_rate_forgive(&c, "login-ip", request_peer(rq), 1, &err) < 0 ||
	    web_audit(&c, AUDIT_LOGIN, "account", acc.id, NULL, &err) < 0 ||
	    store_commit(c.st, &err) < 0)
		goto fail;
	rc = web_redirect(&c, next ? next : landing(&acc));
	goto out;
fail:
	rc = web_fail_store(&c, &err);
out:
	ctx_close(&c);
	return rc;
}

int page_logout(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct error err = ERROR_INIT;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	if (ctx_write_begin(&c, &err) < 0 ||
	    web_audit(&c, AUDIT_LOGOUT, "account", web_account(rq)->id, NULL,
		      &err) < 0 ||
	    web_session_end(&c, &err) < 0 || store_commit(c.st, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	rc = web_redirect(&c, "/");
out:
	ctx_close(&c);
	return rc;
}
