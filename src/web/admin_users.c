/* admin_users.c - admins manage accounts: add one (its first password
 * meets the same rules as any), change a role, disable and enable. Every
 * change ends the account's sessions and is in the audit log. An admin
 * cannot lock themselves out. */
#include <stdlib.h>
#include <string.h>

#include "text/html.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/practice_form.h"
#include "web/render.h"
#include "web/session.h"

static void role_labels(struct ctx *c, const char **out)
{
	for (int i = 0; i < ACCOUNT__MAX; i++)
		out[i] = T(c, arena_printf(c->a, "role.%s", account_role_codes[i]));
}

static void render_account_row(struct ctx *c, const struct account *a)
{
	const char *roles[ACCOUNT__MAX];
	const char *id = arena_printf(c->a, "role-%lld", (long long)a->id);

	role_labels(c, roles);
	buf_puts(c->b, "<tr><td>");
	html_text(c->b, a->email);
	buf_puts(c->b, "</td><td>");
	html_text(c->b, a->name);
	buf_puts(c->b, "</td><td>");
	if (a->org_id > 0)
		html_link(c->b, ctx_url(c, "/organisations/%lld", (long long)a->org_id),
			  arena_printf(c->a, "%lld", (long long)a->org_id));
	buf_puts(c->b, "</td><td>");
	html_text(c->b, T(c, a->disabled ? "users.disabled" : "users.active"));
	buf_puts(c->b, "</td><td><form method=\"post\" class=\"inline\" action=\"");
	html_attr(c->b, ctx_url(c, "/admin/users/%lld", (long long)a->id));
	buf_puts(c->b, "\">");
	web_csrf_field(c);
	buf_puts(c->b, "<label for=\"");
	html_attr(c->b, id);
	buf_puts(c->b, "\" class=\"visually-hidden\">");
	html_text(c->b, T(c, "users.role"));
	buf_puts(c->b, "</label><select name=\"role\" id=\"");
	html_attr(c->b, id);
	buf_puts(c->b, "\">");
	for (int i = 0; i < ACCOUNT__MAX; i++)
		html_option(c->b, account_role_codes[i], roles[i], (int)a->role == i);
	buf_puts(c->b, "</select> <button type=\"submit\" name=\"action\" value=\"role\">");
	html_text(c->b, T(c, "users.set_role"));
	buf_puts(c->b, "</button> <button type=\"submit\" name=\"action\" value=\"");
	buf_puts(c->b, a->disabled ? "enable\">" : "disable\">");
	html_text(c->b, T(c, a->disabled ? "users.enable" : "users.disable"));
	buf_puts(c->b, "</button></form></td></tr>\n");
}

static void render_add_form(struct ctx *c, const struct form *f,
			    const struct form_errors *e)
{
	const char *roles[ACCOUNT__MAX];

	role_labels(c, roles);
	buf_puts(c->b, "<h2>");
	html_text(c->b, T(c, "users.add"));
	buf_puts(c->b, "</h2>\n");
	render_form_errors(c, e);
	buf_puts(c->b, "<form method=\"post\" class=\"submit-form\" action=\"");
	html_attr(c->b, ctx_url(c, "/admin/users"));
	buf_puts(c->b, "\">\n");
	web_csrf_field(c);
	render_input(c, "email", T(c, "login.email"), NULL,
		     f ? form_value(f, "email") : NULL, e, FIELD_REQUIRED | FIELD_EMAIL, "off");
	render_input(c, "name", T(c, "users.name"), NULL,
		     f ? form_value(f, "name") : NULL, e, FIELD_REQUIRED, "off");
	render_select(c, "role", T(c, "users.role"), account_role_codes, roles,
		      ACCOUNT__MAX, f ? form_value(f, "role") : NULL, e, FIELD_REQUIRED);
	render_input(c, "org", T(c, "users.org"), T(c, "users.org.hint"),
		     f ? form_value(f, "org") : NULL, e, FIELD_NUMBER, "off");
	render_input(c, "password", T(c, "login.password"), T(c, "users.password.hint"),
		     NULL, e, FIELD_REQUIRED | FIELD_PASSWORD, "new-password");
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "users.add"));
	buf_puts(c->b, "</button></p></form>\n");
}

/* The whole page; f and e when an add came back with problems. */
static int render_users(struct ctx *c, const struct form *f,
			const struct form_errors *e, const char *notice)
{
	static const char *const heads[] = {"login.email", "users.name",
		"users.org", "users.status", "users.actions"};
	struct account *accs;
	struct error err = ERROR_INIT;
	size_t n;

	if (store_account_list(c->st, c->a, &accs, &n, &err) < 0)
		return web_fail_store(c, &err);
	page_begin(c, T(c, "users.title"), &(struct layout_opts){.nav = "users"});
	buf_puts(c->b, "<h1>");
	html_text(c->b, T(c, "users.title"));
	buf_puts(c->b, "</h1>\n");
	if (notice) {
		buf_puts(c->b, "<p class=\"form-errors\" role=\"alert\">");
		html_text(c->b, notice);
		buf_puts(c->b, "</p>\n");
	}
	render_table_open(c, "users", "users.title", heads, sizeof heads / sizeof *heads);
	for (size_t i = 0; i < n; i++)
		render_account_row(c, &accs[i]);
	buf_puts(c->b, "</tbody></table>\n");
	render_add_form(c, f, e);
	page_end(c);
	return 0;
}

int page_users(struct request *rq, struct response *rs)
{
	struct ctx c;
	int rc;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rc = render_users(&c, NULL, NULL, NULL);
	ctx_close(&c);
	return rc;
}

/* The new account from the form; problems recorded at their fields. */
static void read_account(struct ctx *c, const struct form *f,
			 struct form_errors *e, struct account *acc,
			 const char **password)
{
	const char *org = form_value(f, "org");
	struct error err = ERROR_INIT;
	int role;

	acc->email = form_text(c, f, e, "email", EMAIL_MAX, true);
	if (acc->email && !email_valid(acc->email))
		form_error(e, "email", T(c, "form.bad_email"));
	acc->name = form_text(c, f, e, "name", PRACTICE_SHORT_MAX, true);
	role = form_code(c, f, e, "role", account_role_codes, ACCOUNT__MAX);
	acc->role = role < 0 ? ACCOUNT_CONTRIBUTOR : (enum account_role)role;
	acc->org_id = org && *org ? strtoll(org, NULL, 10) : 0;
	if (acc->role == ACCOUNT_CONTRIBUTOR && acc->org_id <= 0)
		form_error(e, "org", T(c, "users.org.hint"));
	*password = form_value(f, "password");
	if (!*password || password_policy(*password, acc->email, &err) < 0)
		form_error(e, "password", T(c, "users.password.hint"));
}

int page_users_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct form_errors e = {0};
	struct error err = ERROR_INIT;
	struct account acc = {0};
	char hash[PASSWORD_HASH_MAX];
	const char *password;
	int64_t id;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	read_account(&c, &f, &e, &acc, &password);
	if (!e.n && password_hash(password, hash, &err) < 0)
		goto fail;
	if (!e.n && (ctx_write_begin(&c, &err) < 0 ||
		     store_account_insert(c.st, &acc, hash, &id, &err) < 0 ||
		     web_audit(&c, AUDIT_USER_ADD, "account", id,
			       account_role_codes[acc.role], &err) < 0 ||
		     store_commit(c.st, &err) < 0)) {
		if (err.code != ERR_CONFLICT && err.code != ERR_INVALID)
			goto fail;
		store_rollback(c.st);
		form_error(&e, err.code == ERR_CONFLICT ? "email" : "org",
			   T(&c, err.code == ERR_CONFLICT ? "users.taken" : "form.invalid"));
	}
	if (e.n) {
		rc = render_users(&c, &f, &e, NULL);
		rs->status = 422;
		goto out;
	}
	rc = web_redirect(&c, "/admin/users");
	goto out;
fail:
	rc = web_fail_store(&c, &err);
out:
	ctx_close(&c);
	return rc;
}

int page_user_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct error err = ERROR_INIT;
	struct account acc;
	const struct account *me = web_account(rq);
	int64_t id = strtoll(rq->params[0], NULL, 10);
	const char *action, *detail;
	int role, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	action = form_value(&f, "action");
	role = code_parse(account_role_codes, ACCOUNT__MAX, form_value(&f, "role"));
	if (!action || (strcmp(action, "role") && strcmp(action, "disable") &&
			strcmp(action, "enable")) ||
	    (!strcmp(action, "role") && role < 0)) {
		rc = web_fail(&c, 400, "action: expected role, disable or enable");
		goto out;
	}
	if (id == me->id && strcmp(action, "enable") &&
	    (strcmp(action, "role") || role != ACCOUNT_ADMIN)) {
		rc = render_users(&c, NULL, NULL, T(&c, "users.not_yourself"));
		rs->status = 409;
		goto out;
	}
	if (ctx_write_begin(&c, &err) < 0 ||
	    store_account_get(c.st, c.a, id, &acc, &err) < 0)
		goto fail;
	if (!strcmp(action, "role")) {
		detail = account_role_codes[role];
		rc = store_account_set_role(c.st, id, (enum account_role)role,
					    acc.org_id, &err);
	} else {
		detail = NULL;
		rc = store_account_set_disabled(c.st, id, !strcmp(action, "disable"), &err);
	}
	if (rc < 0 ||
	    web_audit(&c, !strcmp(action, "role") ? AUDIT_USER_ROLE
			  : !strcmp(action, "disable") ? AUDIT_USER_DISABLE
						       : AUDIT_USER_ENABLE,
		      "account", id, detail, &err) < 0 ||
	    store_commit(c.st, &err) < 0)
		goto fail;
	rc = web_redirect(&c, "/admin/users");
	goto out;
fail:
	rc = web_fail_store(&c, &err);
out:
	ctx_close(&c);
	return rc;
}
