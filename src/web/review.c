/* review.c - the editors' side of the review loop: the moderation
 * queue, one practice under review with its submitter and files, and
 * the decision (publish, reject or ask for changes, with a message). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/utf8.h"
#include "domain/attachment.h"
#include "text/html.h"
#include "text/markdown.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"
#include "web/session.h"

enum { QUEUE_PAGE = 50, DAY = 86400 };

static void render_status_filter(struct ctx *c, unsigned statuses, long days)
{
	buf_puts(c->b, "<form method=\"get\" class=\"filters\" action=\"");
	html_attr(c->b, ctx_url(c, "/editor/queue"));
	buf_puts(c->b, "\"><fieldset><legend>");
	html_text(c->b, T(c, "queue.status"));
	buf_puts(c->b, "</legend>");
	for (int s = 0; s < STATUS__MAX; s++) {
		const char *code = practice_status_codes[s];
		buf_puts(c->b, "<input type=\"checkbox\" name=\"status\" id=\"st-");
		html_attr(c->b, code);
		buf_puts(c->b, "\" value=\"");
		html_attr(c->b, code);
		buf_puts(c->b, statuses & (1u << s) ? "\" checked>" : "\">");
		buf_puts(c->b, "<label for=\"st-");
		html_attr(c->b, code);
		buf_puts(c->b, "\">");
		html_text(c->b, label_status(c, (enum practice_status)s));
		buf_puts(c->b, "</label> ");
	}
	buf_puts(c->b, "</fieldset><div class=\"field\"><label for=\"f-older\">");
	html_text(c->b, T(c, "queue.older"));
	buf_printf(c->b, "</label><input type=\"number\" min=\"0\" id=\"f-older\" "
			 "name=\"older\" value=\"%ld\"></div><button type=\"submit\">",
		   days);
	html_text(c->b, T(c, "form.filter"));
	buf_puts(c->b, "</button></form>\n");
}

static void render_queue_table(struct ctx *c, const struct submission *s,
			       size_t n, int64_t now)
{
	static const char *const heads[] = {"queue.col.title", "queue.col.unit",
		"queue.col.status", "queue.col.sent", "queue.col.waiting"};

	render_table_open(c, "queue", "queue.caption", heads,
			  sizeof heads / sizeof *heads);
	for (size_t i = 0; i < n; i++) {
		buf_puts(c->b, "<tr><td>");
		html_link(c->b, ctx_url(c, "/editor/practices/%lld",
					(long long)s[i].practice_id), s[i].title);
		buf_puts(c->b, "</td><td>");
		html_text(c->b, s[i].org_name);
		buf_puts(c->b, "</td><td>");
		html_text(c->b, label_status(c, s[i].status));
		buf_puts(c->b, "</td><td>");
		html_text(c->b, format_day(c, s[i].created_at));
		buf_printf(c->b, "</td><td>%lld</td></tr>\n",
			   (long long)((now - s[i].created_at) / DAY));
	}
	buf_puts(c->b, "</tbody></table>\n");
}

int page_queue(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct queue_filter f = {.now = time(NULL), .limit = QUEUE_PAGE};
	struct submission *items;
	size_t n;
	int64_t total;
	long days, page;
	bool replied = false;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	for (size_t i = 0; i < rq->nargs; i++) {
		int s;
		if (strcmp(rq->args[i].name, "status"))
			continue;
		if ((s = code_parse(practice_status_codes, STATUS__MAX,
				    rq->args[i].value)) < 0) {
			rc = web_fail(&c, 400, "status: unknown status");
			goto out;
		}
		f.statuses |= 1u << s;
	}
	if (!f.statuses)
		f.statuses = (1u << STATUS_SUBMITTED) | (1u << STATUS_IN_REVIEW);
	if (web_int_or_reply(&c, "older", 0, 36500, 0, &days, &replied) < 0 ||
	    web_int_or_reply(&c, "page", 1, 100000, 1, &page, &replied) < 0) {
		rc = 0;
		goto out;
	}
	f.older_than = days * DAY;
	f.offset = (int)((page - 1) * QUEUE_PAGE);
	if (store_queue_list(c.st, c.a, &f, &items, &n, &total, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, T(&c, "queue.title"), &(struct layout_opts){.nav = "queue"});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "queue.title"));
	buf_puts(c.b, "</h1>\n");
	render_status_filter(&c, f.statuses, days);
	buf_puts(c.b, "<p role=\"status\">");
	html_text(c.b, arena_printf(c.a, "%s: %lld", T(&c, "queue.count"),
				    (long long)total));
	buf_puts(c.b, "</p>\n");
	if (n)
		render_queue_table(&c, items, n, f.now);
	render_pager(&c, "/editor/queue", page,
		     (long)((total + QUEUE_PAGE - 1) / QUEUE_PAGE));
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

/* GDPR: a contact person can be removed, or reduced to their role,
 * without touching the rest of the practice. */
static void render_erasure(struct ctx *c, const struct practice *p)
{
	if (!p->ncontacts)
		return;
	buf_puts(c->b, "<section class=\"erasure\"><h2>");
	html_text(c->b, T(c, "erase.title"));
	buf_puts(c->b, "</h2><ul>");
	for (size_t i = 0; i < p->ncontacts; i++) {
		const struct contact *k = &p->contacts[i];
		buf_puts(c->b, "<li><form method=\"post\" action=\"");
		html_attr(c->b, ctx_url(c, "/editor/practices/%lld/contacts/%lld/erase",
					(long long)p->id, (long long)k->id));
		buf_puts(c->b, "\">");
		web_csrf_field(c);
		html_text(c->b, k->name ? k->name : k->role ? k->role : "—");
		buf_puts(c->b, " <button type=\"submit\" name=\"mode\" value=\"anonymise\">");
		html_text(c->b, T(c, "erase.anonymise"));
		buf_puts(c->b, "</button> <button type=\"submit\" name=\"mode\" value=\"remove\">");
		html_text(c->b, T(c, "erase.remove"));
		buf_puts(c->b, "</button></form></li>");
	}
	buf_puts(c->b, "</ul></section>\n");
}

static void render_decision_form(struct ctx *c, int64_t id,
				 const struct form_errors *e,
				 const char *message)
{
	const char *labels[DECISION__MAX];

	for (int i = 0; i < DECISION__MAX; i++)
		labels[i] = T(c, arena_printf(c->a, "decision.%s",
					      review_decision_codes[i]));
	buf_puts(c->b, "<section class=\"decision\"><h2>");
	html_text(c->b, T(c, "review.decide"));
	buf_puts(c->b, "</h2>\n");
	render_form_errors(c, e);
	buf_puts(c->b, "<form method=\"post\" action=\"");
	html_attr(c->b, ctx_url(c, "/editor/practices/%lld/decision", (long long)id));
	buf_puts(c->b, "\">\n");
	web_csrf_field(c);
	render_select(c, "decision", T(c, "review.decision"),
		      review_decision_codes, labels, DECISION__MAX, NULL, e,
		      FIELD_REQUIRED);
	render_textarea(c, "message", T(c, "review.message"),
			T(c, "review.message.hint"), message, e, 0, 5);
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "review.save"));
	buf_puts(c->b, "</button></p></form></section>\n");
}

/* The review page; e and message when a decision came back with errors. */
static int render_review(struct ctx *c, int64_t id, const struct form_errors *e,
			 const char *message)
{
	struct practice p;
	struct submission sub;
	struct attachment_ref *atts;
	size_t natts;
	struct error err = ERROR_INIT;

	if (store_practice_get(c->st, c->a, id, NULL, false, &p, &err) < 0 ||
	    store_submission_get(c->st, c->a, id, &sub, &err) < 0 ||
	    store_attachment_list(c->st, c->a, id, &atts, &natts, &err) < 0)
		return web_fail_store(c, &err);
	page_begin(c, p.title, &(struct layout_opts){.nav = "queue"});
	buf_puts(c->b, "<p class=\"actions\">");
	html_link(c->b, ctx_url(c, "/editor/practices/%lld/edit", (long long)id),
		  T(c, "edit.title"));
	html_link(c->b, ctx_url(c, "/editor/practices/%lld/revisions", (long long)id),
		  T(c, "revisions.title"));
	if (p.status == STATUS_PUBLISHED)
		html_link(c->b, practice_path(c, p.id, p.slug), T(c, "review.public"));
	buf_puts(c->b, "</p>\n<p class=\"status-line\">");
	html_text(c->b, T(c, "track.status"));
	buf_puts(c->b, ": <strong>");
	html_text(c->b, label_status(c, p.status));
	buf_puts(c->b, "</strong></p>\n<h1>");
	html_text(c->b, p.title);
	buf_puts(c->b, "</h1>\n<p class=\"summary\">");
	html_text(c->b, p.summary);
	buf_puts(c->b, "</p>\n");
	if (sub.submitter_email) {
		buf_puts(c->b, "<section><h2>");
		html_text(c->b, T(c, "review.submitter"));
		buf_puts(c->b, "</h2><dl>");
		render_fact(c, "submit.submitter_name", sub.submitter_name);
		render_fact(c, "submit.submitter_email", sub.submitter_email);
		render_fact(c, "track.sent", format_day(c, sub.created_at));
		render_fact(c, "track.message", sub.editor_message);
		buf_puts(c->b, "</dl></section>\n");
	}
	render_key_facts(c, &p);
	buf_puts(c->b, "<section class=\"presentation\"><h2>");
	html_text(c->b, T(c, "practice.view_full"));
	buf_puts(c->b, "</h2>\n");
	markdown_render(c->b, p.body);
	buf_puts(c->b, "</section>\n");
	render_contacts(c, &p);
	render_erasure(c, &p);
	render_attachments(c, atts, natts, "/editor/attachments");
	render_decision_form(c, id, e, message);
	page_end(c);
	return 0;
}

int page_review(struct request *rq, struct response *rs)
{
	struct ctx c;
	int rc;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rc = render_review(&c, strtoll(rq->params[0], NULL, 10), NULL, NULL);
	ctx_close(&c);
	return rc;
}

int page_decision_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct form_errors e = {0};
	struct error err = ERROR_INIT;
	int64_t id = strtoll(rq->params[0], NULL, 10);
	const char *message, *code;
	int d, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	code = form_value(&f, "decision");
	message = form_value(&f, "message");
	if (message && !*message)
		message = NULL;
	d = code ? code_parse(review_decision_codes, DECISION__MAX, code) : -1;
	if (d < 0)
		form_error(&e, "decision", T(&c, "form.missing"));
	else if (review_decision_needs_message((enum review_decision)d) && !message)
		form_error(&e, "message", T(&c, "review.message.missing"));
	if (message && utf8_length(message) > REVIEW_MESSAGE_MAX)
		form_error(&e, "message", T(&c, "form.too_long"));
	if (e.n) {
		rc = render_review(&c, id, &e, message);
		if (rc == 0 && rs->status == 200)
			rs->status = 422;
		goto out;
	}
	if (ctx_write_begin(&c, &err) < 0 ||
	    store_practice_set_status(c.st, id,
				      review_decision_status((enum review_decision)d),
				      message, &err) < 0 ||
	    web_audit(&c, AUDIT_STATUS, "practice", id, review_decision_codes[d],
		      &err) < 0 ||
	    store_commit(c.st, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	rc = web_redirect(&c, arena_printf(c.a, "/editor/practices/%lld",
					   (long long)id));
out:
	ctx_close(&c);
	return rc;
}

/* Reads a stored file whole (files are bounded by attachment_max_mb). */
static int read_file(const char *path, struct buf *out, struct error *err)
{
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return error_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO,
				 "attachment file: %s", strerror(errno));
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)n);
	close(fd);
	if (n < 0)
		return error_set(err, ERR_IO, "attachment file: read failed");
	return out->oom ? error_set(err, ERR_INTERNAL, "out of memory") : 0;
}

/* Sends a stored file as a download, never shown inline: its bytes
 * were checked, but a browser must still not render what a stranger
 * sent. Public requests get files of published practices only. */
static int serve_attachment(struct request *rq, struct response *rs,
			    bool published_only)
{
	struct ctx c;
	struct attachment_ref a;
	struct practice p;
	struct error err = ERROR_INIT;
	const char *path;
	int t, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (store_attachment_get(c.st, c.a, strtoll(rq->params[0], NULL, 10), &a,
				 &err) < 0 ||
	    (published_only && store_practice_get(c.st, c.a, a.practice_id, NULL,
						  true, &p, &err) < 0) ||
	    !(path = attachment_path(c.a, c.app->attachments_dir, a.stored_name)) ||
	    read_file(path, c.b, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	t = attachment_type_parse(a.type);
	rs->content_type = t >= 0 ? attachment_mime[t] : "application/octet-stream";
	response_header(rs, "Content-Disposition",
			attachment_disposition(c.a, a.display_name));
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_attachment(struct request *rq, struct response *rs)
{
	return serve_attachment(rq, rs, false);
}

int page_public_attachment(struct request *rq, struct response *rs)
{
	return serve_attachment(rq, rs, true);
}
