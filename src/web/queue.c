/* queue.c - the moderation queue: practices waiting for review, oldest
 * first, filtered by status and by how long they have waited; rows can
 * be ticked for one decision on many (editors want one click against a
 * wave of spam, not a round trip per item). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/html.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"
#include "web/review.h"
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

/* The queue as a table whose rows can be ticked for one decision. */
static void render_queue_table(struct ctx *c, const struct submission *s,
			       size_t n, int64_t now)
{
	static const char *const heads[] = {"queue.col.choose", "queue.col.title",
		"queue.col.unit", "queue.col.status", "queue.col.sent",
		"queue.col.waiting"};

	render_table_open(c, "queue", "queue.caption", heads,
			  sizeof heads / sizeof *heads);
	for (size_t i = 0; i < n; i++) {
		const char *box = arena_printf(c->a, "q-%lld", (long long)s[i].practice_id);
		buf_puts(c->b, "<tr><td><input type=\"checkbox\" name=\"id\" id=\"");
		html_attr(c->b, box);
		buf_printf(c->b, "\" value=\"%lld\"><label for=\"", (long long)s[i].practice_id);
		html_attr(c->b, box);
		buf_puts(c->b, "\" class=\"visually-hidden\">");
		html_text(c->b, s[i].title);
		buf_puts(c->b, "</label></td><td>");
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

/* The queue's filters from the address: statuses and days waiting. */
static int read_queue_filter(struct ctx *c, struct queue_filter *f, long *days,
			     long *page, int *rc)
{
	bool replied = false;

	for (size_t i = 0; i < c->rq->nargs; i++) {
		int s;
		if (strcmp(c->rq->args[i].name, "status"))
			continue;
		if ((s = code_parse(practice_status_codes, STATUS__MAX,
				    c->rq->args[i].value)) < 0) {
			*rc = web_fail(c, 400, "status: unknown status");
			return -1;
		}
		f->statuses |= 1u << s;
	}
	if (!f->statuses)
		f->statuses = (1u << STATUS_SUBMITTED) | (1u << STATUS_IN_REVIEW);
	if (web_int_or_reply(c, "older", 0, 36500, 0, days, &replied) < 0 ||
	    web_int_or_reply(c, "page", 1, 100000, 1, page, &replied) < 0) {
		*rc = 0;
		return -1;
	}
	f->older_than = *days * DAY;
	f->offset = (int)((*page - 1) * QUEUE_PAGE);
	return 0;
}

/* The queue page; e and message when a decision for several came back. */
static int render_queue(struct ctx *c, const struct form_errors *e,
			const char *message)
{
	struct error err = ERROR_INIT;
	struct queue_filter f = {.now = time(NULL), .limit = QUEUE_PAGE};
	struct submission *items;
	size_t n;
	int64_t total;
	long days, page;
	int rc = -1;

	if (read_queue_filter(c, &f, &days, &page, &rc) < 0)
		return rc;
	if (store_queue_list(c->st, c->a, &f, &items, &n, &total, &err) < 0)
		return web_fail_store(c, &err);
	page_begin(c, T(c, "queue.title"), &(struct layout_opts){.nav = "queue"});
	buf_puts(c->b, "<h1>");
	html_text(c->b, T(c, "queue.title"));
	buf_puts(c->b, "</h1>\n");
	render_status_filter(c, f.statuses, days);
	buf_puts(c->b, "<p role=\"status\">");
	html_text(c->b, arena_printf(c->a, "%s: %lld", T(c, "queue.count"),
				     (long long)total));
	buf_puts(c->b, "</p>\n");
	render_form_errors(c, e);
	if (n) {
		buf_puts(c->b, "<form method=\"post\" action=\"");
		html_attr(c->b, ctx_url(c, "/editor/queue/decision"));
		buf_puts(c->b, "\" id=\"f-id\">\n");
		web_csrf_field(c);
		render_queue_table(c, items, n, f.now);
		render_fieldset_open(c, "queue.bulk");
		render_decision_fields(c, e, message);
		buf_puts(c->b, "<p><button type=\"submit\">");
		html_text(c->b, T(c, "queue.apply"));
		buf_puts(c->b, "</button></p></fieldset></form>\n");
	}
	render_pager(c, "/editor/queue", page,
		     (long)((total + QUEUE_PAGE - 1) / QUEUE_PAGE));
	page_end(c);
	return 0;
}

int page_queue(struct request *rq, struct response *rs)
{
	struct ctx c;
	int rc;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rc = render_queue(&c, NULL, NULL);
	ctx_close(&c);
	return rc;
}

/* One decision for the practices ticked in the queue (spam, say), all
 * in one transaction: every one moves, or none. */
int page_queue_decision_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct form_errors e = {0};
	struct error err = ERROR_INIT;
	const char *message;
	int64_t ids[QUEUE_PAGE];
	size_t n = 0;
	int d, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	for (size_t i = 0; i < f.n; i++) {
		char *end;
		if (strcmp(f.fields[i].name, "id"))
			continue;
		if (n == QUEUE_PAGE) {
			rc = web_fail(&c, 400, "id: too many practices at once");
			goto out;
		}
		ids[n] = strtoll(f.fields[i].value, &end, 10);
		if (*end || ids[n] <= 0) {
			rc = web_fail(&c, 400, "id: not a practice number");
			goto out;
		}
		n++;
	}
	d = read_decision(&c, &f, &e, &message);
	if (!n)
		form_error(&e, "id", T(&c, "queue.none_chosen"));
	if (e.n) {
		rc = render_queue(&c, &e, message);
		rs->status = 422;
		goto out;
	}
	if (ctx_write_begin(&c, &err) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (apply_decision(&c, ids[i], (enum review_decision)d, message, &err) < 0)
			goto fail;
	if (store_commit(c.st, &err) < 0)
		goto fail;
	rc = web_redirect(&c, "/editor/queue");
	goto out;
fail:
	rc = web_fail_store(&c, &err);
out:
	ctx_close(&c);
	return rc;
}
