/* revisions.c - a practice's history for editors: the list of saved
 * states, one compared with the one before it, field by field, and
 * restoring any of them (which saves a new revision); and erasing a
 * contact person, from the practice and from its whole history. */
#include "web/revisions.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/revision.h"
#include "text/diff.h"
#include "text/html.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"
#include "web/session.h"

enum { DIFF_CONTEXT = 3 };

int web_revision_record(struct ctx *c, int64_t id, const char *note,
			struct error *err)
{
	const struct account *acc = web_account(c->rq);
	struct practice p;
	struct buf snap;
	int rc;

	if (store_practice_get(c->st, c->a, id, NULL, false, &p, err) < 0)
		return -1;
	buf_init(&snap, 4096);
	rc = revision_snapshot(&p, &snap, err);
	if (rc == 0) {
		struct revision_info r = {
			.practice_id = id, .revision = p.revision,
			.actor = acc ? acc->email : "anonymous", .note = note,
			.snapshot = snap.data,
		};
		rc = store_revision_put(c->st, &r, acc ? acc->id : 0, err);
	}
	buf_release(&snap);
	return rc;
}

static int64_t practice_id(const struct request *rq)
{
	return strtoll(rq->params[0], NULL, 10);
}

int page_revisions(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice p;
	struct revision_info *r;
	size_t n;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (store_practice_get(c.st, c.a, practice_id(rq), NULL, false, &p, &err) < 0 ||
	    store_revision_list(c.st, c.a, p.id, &r, &n, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, T(&c, "revisions.title"), &(struct layout_opts){.nav = "queue"});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "revisions.title"));
	buf_puts(c.b, "</h1>\n<p class=\"lead\">");
	html_link(c.b, ctx_url(&c, "/editor/practices/%lld", (long long)p.id), p.title);
	buf_puts(c.b, "</p>\n<ol class=\"revisions\" reversed>\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(c.b, "<li>");
		html_link(c.b, ctx_url(&c, "/editor/practices/%lld/revisions/%d",
				       (long long)p.id, r[i].revision),
			  arena_printf(c.a, "%s %d", T(&c, "revisions.revision"),
				       r[i].revision));
		buf_puts(c.b, " · ");
		html_text(c.b, format_day(&c, r[i].created_at));
		buf_puts(c.b, " · ");
		html_text(c.b, r[i].actor);
		if (r[i].note) {
			buf_puts(c.b, " · ");
			html_text(c.b, r[i].note);
		}
		buf_puts(c.b, "</li>\n");
	}
	buf_puts(c.b, "</ol>\n");
	if (!n) {
		buf_puts(c.b, "<p>");
		html_text(c.b, T(&c, "revisions.none"));
		buf_puts(c.b, "</p>\n");
	}
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

/* Each field of revision `to` against `from` (NULL: the first one). */
static int render_comparison(struct ctx *c, const char *from, const char *to)
{
	struct error err = ERROR_INIT;

	for (int i = 0; i < REVISION_FIELDS; i++) {
		const char *f = revision_fields[i];
		const char *a = from ? revision_field_text(c->a, from, f) : "";
		const char *b = revision_field_text(c->a, to, f);
		struct diff d;

		if (!strcmp(a, b))
			continue;
		if (diff_lines(c->a, a, b, DIFF_MAX_COST_DEFAULT, &d, &err) < 0)
			return -1;
		buf_puts(c->b, "<h2>");
		html_text(c->b, T(c, arena_printf(c->a, "field.%s", f)));
		buf_puts(c->b, "</h2>\n");
		diff_render_html(c->b, &d, DIFF_CONTEXT, T(c, "diff.removed"),
				 T(c, "diff.added"), T(c, "diff.unchanged"));
	}
	return 0;
}

int page_revision(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct revision_info r, prev = {0};
	int64_t id = practice_id(rq);
	int n = atoi(rq->params[1]), rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (store_revision_get(c.st, c.a, id, n, &r, &err) < 0 ||
	    (n > 1 && store_revision_get(c.st, c.a, id, n - 1, &prev, &err) < 0 &&
	     err.code != ERR_NOT_FOUND)) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, T(&c, "revisions.compare"), &(struct layout_opts){.nav = "queue"});
	buf_puts(c.b, "<h1>");
	html_text(c.b, arena_printf(c.a, "%s %d", T(&c, "revisions.revision"), n));
	buf_puts(c.b, "</h1>\n<p class=\"lead\">");
	html_text(c.b, prev.snapshot ? arena_printf(c.a, "%s %d", T(&c, "revisions.against"),
						    n - 1)
				     : T(&c, "revisions.first"));
	buf_puts(c.b, " · ");
	html_link(c.b, ctx_url(&c, "/editor/practices/%lld/revisions", (long long)id),
		  T(&c, "revisions.title"));
	buf_puts(c.b, "</p>\n");
	if (render_comparison(&c, prev.snapshot, r.snapshot) < 0)
		goto out;
	buf_puts(c.b, "<form method=\"post\" action=\"");
	html_attr(c.b, ctx_url(&c, "/editor/practices/%lld/revisions/%d/restore",
			       (long long)id, n));
	buf_puts(c.b, "\">\n");
	web_csrf_field(&c);
	buf_puts(c.b, "<p><button type=\"submit\">");
	html_text(c.b, T(&c, "revisions.restore"));
	buf_puts(c.b, "</button></p></form>\n");
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_revision_restore(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct error err = ERROR_INIT;
	struct revision_info r;
	struct practice p;
	struct practice_input in;
	int64_t id = practice_id(rq);
	int n = atoi(rq->params[1]), revision, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	if (ctx_write_begin(&c, &err) < 0 ||
	    store_practice_get(c.st, c.a, id, NULL, false, &p, &err) < 0 ||
	    store_revision_get(c.st, c.a, id, n, &r, &err) < 0 ||
	    revision_parse(c.st, c.a, r.snapshot, &in, &err) < 0)
		goto fail;
	in.org_id = p.org.id;
	in.status = p.status;
	in.lang = p.lang; /* the index keeps a record in its language */
	if (web_revision_record(&c, id, NULL, &err) < 0 ||
	    store_practice_update(c.st, id, &in, &revision, &err) < 0 ||
	    web_revision_record(&c, id, arena_printf(c.a, "%s %d",
			T(&c, "revisions.restored_from"), n), &err) < 0 ||
	    web_audit(&c, AUDIT_RESTORE, "practice", id,
		      arena_printf(c.a, "revision %d from %d", revision, n), &err) < 0 ||
	    store_commit(c.st, &err) < 0)
		goto fail;
	rc = web_redirect(&c, arena_printf(c.a, "/editor/practices/%lld", (long long)id));
	goto out;
fail:
	rc = web_fail_store(&c, &err);
out:
	ctx_close(&c);
	return rc;
}

/* Erases the contact from every stored revision too: erasure is real. */
static int scrub_history(struct ctx *c, int64_t id, const struct contact *k,
			 bool anonymise, struct error *err)
{
	struct revision_info *rs, r;
	const char *clean;
	size_t n;

	if (store_revision_list(c->st, c->a, id, &rs, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (store_revision_get(c->st, c->a, id, rs[i].revision, &r, err) < 0 ||
		    revision_scrub_contact(c->a, r.snapshot, k, anonymise, &clean,
					   err) < 0 ||
		    store_revision_set_snapshot(c->st, id, r.revision, clean, err) < 0)
			return -1;
	return 0;
}

int page_contact_erase(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct error err = ERROR_INIT;
	struct practice p;
	const struct contact *k = NULL;
	int64_t id = practice_id(rq), contact = strtoll(rq->params[1], NULL, 10);
	const char *mode;
	bool anonymise;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	mode = form_value(&f, "mode");
	if (!mode || (strcmp(mode, "remove") && strcmp(mode, "anonymise"))) {
		rc = web_fail(&c, 400, "mode: expected remove or anonymise");
		goto out;
	}
	anonymise = !strcmp(mode, "anonymise");
	if (ctx_write_begin(&c, &err) < 0 ||
	    store_practice_get(c.st, c.a, id, NULL, false, &p, &err) < 0)
		goto fail;
	for (size_t i = 0; i < p.ncontacts; i++)
		if (p.contacts[i].id == contact)
			k = &p.contacts[i];
	if (!k) {
		rc = web_fail(&c, 404, T(&c, "error.not_found"));
		goto out;
	}
	if (store_contact_erase(c.st, id, contact, anonymise, &err) < 0 ||
	    scrub_history(&c, id, k, anonymise, &err) < 0 ||
	    web_audit(&c, AUDIT_ERASE, "practice", id, mode, &err) < 0 ||
	    store_commit(c.st, &err) < 0)
		goto fail;
	rc = web_redirect(&c, arena_printf(c.a, "/editor/practices/%lld", (long long)id));
	goto out;
fail:
	rc = web_fail_store(&c, &err);
out:
	ctx_close(&c);
	return rc;
}
