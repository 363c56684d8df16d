/* edit.c - editing a practice's content, with a Markdown preview: by
 * editors (any practice) and by contributors (their organisation's;
 * their edits go back to review). Every save is a revision. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/html.h"
#include "text/markdown.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/practice_form.h"
#include "web/render.h"
#include "web/revisions.h"
#include "web/session.h"
#include "web/submit.h"

/* Whether the signed-in account may edit p: editors and admins any,
 * contributors their own organisation's. */
static bool may_edit(const struct ctx *c, const struct practice *p)
{
	const struct account *acc = web_account(c->rq);

	return acc && (acc->role != ACCOUNT_CONTRIBUTOR ||
		       (acc->org_id > 0 && acc->org_id == p->org.id));
}

static const char *edit_path(const struct ctx *c, int64_t id)
{
	bool editor = web_account(c->rq)->role != ACCOUNT_CONTRIBUTOR;
	return ctx_url(c, editor ? "/editor/practices/%lld/edit"
				 : "/my/practices/%lld/edit", (long long)id);
}

/* A translation of the title, summary and (optionally) presentation
 * into one of the interface's other languages. */
static void render_translation_form(struct ctx *c, const struct practice *p)
{
	const char *codes[SUBMIT_LANGS], *labels[SUBMIT_LANGS];
	int n = 0;

	for (int i = 0; i < SUBMIT_LANGS; i++)
		if (strcmp(submit_langs[i], p->lang)) {
			codes[n] = submit_langs[i];
			labels[n++] = label_language(c, submit_langs[i]);
		}
	buf_puts(c->b, "<h2 id=\"translation\">");
	html_text(c->b, T(c, "translation.title"));
	buf_puts(c->b, "</h2>\n<form method=\"post\" class=\"submit-form\" action=\"");
	html_attr(c->b, ctx_url(c, "/editor/practices/%lld/translation", (long long)p->id));
	buf_puts(c->b, "\">\n");
	web_csrf_field(c);
	render_select(c, "lang", T(c, "translation.lang"), codes, labels, n, NULL,
		      NULL, FIELD_REQUIRED);
	render_input(c, "t_title", T(c, "submit.title"), NULL, NULL, NULL,
		     FIELD_REQUIRED, "off");
	render_textarea(c, "t_summary", T(c, "submit.summary"), NULL, NULL, NULL,
			FIELD_REQUIRED, 4);
	render_textarea(c, "t_body", T(c, "submit.body"), T(c, "translation.body.hint"),
			NULL, NULL, 0, 8);
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "translation.save"));
	buf_puts(c->b, "</button></p></form>\n");
}

static void render_edit(struct ctx *c, const struct practice *p,
			const struct form *f, const struct form_errors *e,
			bool preview)
{
	page_begin(c, T(c, "edit.title"), NULL);
	buf_puts(c->b, "<h1>");
	html_text(c->b, T(c, "edit.title"));
	buf_puts(c->b, "</h1>\n<p class=\"lead\">");
	html_text(c->b, p->title);
	buf_puts(c->b, " · ");
	html_text(c->b, label_status(c, p->status));
	buf_puts(c->b, "</p>\n");
	if (web_account(c->rq)->role == ACCOUNT_CONTRIBUTOR) {
		buf_puts(c->b, "<p class=\"notice\">");
		html_text(c->b, T(c, "edit.back_to_review"));
		buf_puts(c->b, "</p>\n");
	}
	if (preview && !(e && e->n)) {
		buf_puts(c->b, "<section class=\"preview\" aria-labelledby=\"pv\">"
			       "<h2 id=\"pv\">");
		html_text(c->b, T(c, "edit.preview"));
		buf_puts(c->b, "</h2>\n<div class=\"presentation\">");
		markdown_render(c->b, form_value(f, "body"));
		buf_puts(c->b, "</div></section>\n");
	}
	render_form_errors(c, e);
	buf_puts(c->b, "<form method=\"post\" class=\"submit-form\" action=\"");
	html_attr(c->b, edit_path(c, p->id));
	buf_puts(c->b, "\">\n");
	web_csrf_field(c);
	practice_form_render(c, f, e, false);
	render_fieldset_open(c, "submit.part.unit");
	practice_form_render_origin(c, f, e);
	buf_puts(c->b, "</fieldset>\n");
	render_input(c, "note", T(c, "edit.note"), T(c, "edit.note.hint"),
		     form_value(f, "note"), e, 0, "off");
	buf_puts(c->b, "<p class=\"actions\"><button type=\"submit\" name=\"action\" "
		       "value=\"preview\">");
	html_text(c->b, T(c, "edit.preview"));
	buf_puts(c->b, "</button> <button type=\"submit\" name=\"action\" "
		       "value=\"save\">");
	html_text(c->b, T(c, "edit.save"));
	buf_puts(c->b, "</button></p>\n</form>\n");
	if (web_account(c->rq)->role != ACCOUNT_CONTRIBUTOR)
		render_translation_form(c, p);
	page_end(c);
}

/* Reads the practice for editing; replies 404/403 itself (returns 1). */
static int load(struct ctx *c, struct practice *p, int *rc)
{
	struct error err = ERROR_INIT;
	int64_t id = strtoll(c->rq->params[0], NULL, 10);

	if (store_practice_get(c->st, c->a, id, NULL, false, p, &err) < 0) {
		*rc = web_fail_store(c, &err);
		return 1;
	}
	if (!may_edit(c, p)) {
		*rc = web_fail(c, 403, T(c, "edit.not_yours"));
		return 1;
	}
	return 0;
}

int page_edit(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct practice p;
	struct form f;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (load(&c, &p, &rc))
		goto out;
	if (practice_form_from(&c, &p, &f) < 0)
		goto out;
	render_edit(&c, &p, &f, NULL, false);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

/* The practice as it was plus what the form changes: contacts, links and
 * the key facts outside the form stay as they are. */
static void merge(const struct practice *p, struct practice_input *in)
{
	in->lang = p->lang;
	in->status = p->status;
	in->org_id = p->org.id;
	in->date_entered = p->date_entered;
	in->contacts = p->contacts;
	in->ncontacts = p->ncontacts;
	in->links = p->links;
	in->nlinks = p->nlinks;
}

static int save(struct ctx *c, const struct practice *p,
		const struct practice_input *in, const char *note,
		struct error *err)
{
	bool contributor = web_account(c->rq)->role == ACCOUNT_CONTRIBUTOR;
	int revision;

	if (ctx_write_begin(c, err) < 0 ||
	    web_revision_record(c, p->id, NULL, err) < 0 ||
	    store_practice_update(c->st, p->id, in, &revision, err) < 0 ||
	    (contributor && p->status != STATUS_IN_REVIEW &&
	     store_practice_set_status(c->st, p->id, STATUS_IN_REVIEW, NULL,
				       err) < 0) ||
	    web_revision_record(c, p->id, note, err) < 0 ||
	    web_audit(c, AUDIT_EDIT, "practice", p->id,
		      arena_printf(c->a, "revision %d", revision), err) < 0)
		return -1;
	return store_commit(c->st, err);
}

int page_edit_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct practice p;
	struct form f;
	struct form_errors e = {0};
	struct practice_form pf = {0};
	struct error err = ERROR_INIT;
	const char *action, *note;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	if (load(&c, &p, &rc))
		goto out;
	practice_form_read(&c, &f, &e, &pf);
	note = form_text(&c, &f, &e, "note", PRACTICE_SHORT_MAX, false);
	action = form_value(&f, "action");
	if (e.n || (action && !strcmp(action, "preview"))) {
		render_edit(&c, &p, &f, &e, true);
		rs->status = e.n ? 422 : 200;
		rc = 0;
		goto out;
	}
	merge(&p, &pf.in);
	if (save(&c, &p, &pf.in, note, &err) < 0) {
		store_rollback(c.st);
		if (err.code == ERR_INVALID) {
			form_error(&e, "title", err.msg);
			render_edit(&c, &p, &f, &e, false);
			rs->status = 422;
			rc = 0;
		} else {
			rc = web_fail_store(&c, &err);
		}
		goto out;
	}
	rc = web_redirect(&c, web_account(rq)->role == ACCOUNT_CONTRIBUTOR
				      ? "/my/practices"
				      : arena_printf(c.a, "/editor/practices/%lld",
						     (long long)p.id));
out:
	ctx_close(&c);
	return rc;
}

int page_my_practices(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	const struct account *acc = web_account(rq);
	struct queue_filter qf = {.now = time(NULL), .org_id = acc->org_id,
				  .statuses = (1u << STATUS__MAX) - 1, .limit = 500};
	struct submission *items;
	size_t n;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (acc->org_id <= 0)
		qf.org_id = -1; /* an account for no organisation: nothing */
	if (store_queue_list(c.st, c.a, &qf, &items, &n, NULL, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, T(&c, "my.title"), &(struct layout_opts){.nav = "my"});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "my.title"));
	buf_puts(c.b, "</h1>\n<ul class=\"my-practices\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(c.b, "<li>");
		html_link(c.b, ctx_url(&c, "/my/practices/%lld/edit",
				       (long long)items[i].practice_id),
			  items[i].title);
		buf_puts(c.b, " · ");
		html_text(c.b, label_status(&c, items[i].status));
		buf_puts(c.b, "</li>\n");
	}
	buf_puts(c.b, "</ul>\n");
	if (!n) {
		buf_puts(c.b, "<p>");
		html_text(c.b, T(&c, "my.empty"));
		buf_puts(c.b, "</p>\n");
	}
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_translation_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct form_errors e = {0};
	struct error err = ERROR_INIT;
	int64_t id = strtoll(rq->params[0], NULL, 10);
	const char *lang, *title, *summary, *body;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	lang = form_value(&f, "lang");
	title = form_text(&c, &f, &e, "t_title", PRACTICE_TITLE_MAX, true);
	summary = form_text(&c, &f, &e, "t_summary", PRACTICE_SUMMARY_MAX, true);
	body = form_text(&c, &f, &e, "t_body", PRACTICE_BODY_MAX, false);
	if (!lang || !lang_code_valid(lang))
		form_error(&e, "lang", T(&c, "form.invalid"));
	if (e.n) {
		rc = web_fail(&c, 422, e.items[0].message);
		goto out;
	}
	if (ctx_write_begin(&c, &err) < 0 ||
	    store_practice_translation_put(c.st, id, lang, title, summary, body,
					   &err) < 0 ||
	    web_audit(&c, AUDIT_TRANSLATION, "practice", id, lang, &err) < 0 ||
	    store_commit(c.st, &err) < 0) {
		rc = err.code == ERR_INVALID ? web_fail(&c, 422, T(&c, "translation.original"))
					     : web_fail_store(&c, &err);
		goto out;
	}
	rc = web_redirect(&c, arena_printf(c.a, "/editor/practices/%lld", (long long)id));
out:
	ctx_close(&c);
	return rc;
}
