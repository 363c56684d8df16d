/* audit_page.c - the audit trail for admins, newest first, filtered by
 * action, actor and record; paged by id so that new entries do not
 * shift the pages. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/forms.h"
#include "web/render.h"

enum { AUDIT_PAGE = 100 };

static const char *when(struct ctx *c, int64_t t)
{
	char s[32];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S UTC", &tm);
	return arena_strdup(c->a, s);
}

static void render_filter(struct ctx *c, const struct audit_filter *f)
{
	buf_puts(c->b, "<form method=\"get\" class=\"filters\" action=\"");
	html_attr(c->b, ctx_url(c, "/admin/audit"));
	buf_puts(c->b, "\">");
	render_input(c, "action", T(c, "audit.action"), NULL, f->action, NULL, 0,
		     "off");
	render_input(c, "actor", T(c, "audit.actor"), NULL, f->actor, NULL, 0,
		     "off");
	render_input(c, "object_type", T(c, "audit.object_type"), NULL,
		     f->object_type, NULL, 0, "off");
	render_input(c, "object_id", T(c, "audit.object_id"), NULL,
		     f->object_id ? arena_printf(c->a, "%lld", (long long)f->object_id)
				  : NULL, NULL, FIELD_NUMBER, "off");
	buf_puts(c->b, "<button type=\"submit\">");
	html_text(c->b, T(c, "form.filter"));
	buf_puts(c->b, "</button></form>\n");
}

static void render_entries(struct ctx *c, const struct audit_entry *e, size_t n)
{
	static const char *const heads[] = {"audit.when", "audit.actor",
		"audit.action", "audit.record", "audit.detail"};

	render_table_open(c, "audit", "audit.title", heads,
			  sizeof heads / sizeof *heads);
	for (size_t i = 0; i < n; i++) {
		buf_puts(c->b, "<tr><td>");
		html_text(c->b, when(c, e[i].at));
		buf_puts(c->b, "</td><td>");
		html_text(c->b, e[i].actor);
		buf_puts(c->b, "</td><td>");
		html_text(c->b, e[i].action);
		buf_puts(c->b, "</td><td>");
		if (e[i].object_type)
			html_text(c->b, arena_printf(c->a, "%s %lld", e[i].object_type,
						     (long long)e[i].object_id));
		buf_puts(c->b, "</td><td>");
		html_text(c->b, e[i].detail);
		buf_puts(c->b, "</td></tr>\n");
	}
	buf_puts(c->b, "</tbody></table>\n");
}

int page_audit(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct audit_filter f = {.limit = AUDIT_PAGE};
	struct audit_entry *e;
	size_t n;
	long id, before;
	bool replied = false;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	f.action = request_arg(rq, "action");
	f.actor = request_arg(rq, "actor");
	f.object_type = request_arg(rq, "object_type");
	if (f.action && !*f.action)
		f.action = NULL;
	if (f.actor && !*f.actor)
		f.actor = NULL;
	if (f.object_type && !*f.object_type)
		f.object_type = NULL;
	if (web_int_or_reply(&c, "object_id", 0, 1L << 53, 0, &id, &replied) < 0 ||
	    web_int_or_reply(&c, "before", 0, 1L << 53, 0, &before, &replied) < 0) {
		rc = 0;
		goto out;
	}
	f.object_id = id;
	f.before_id = before;
	if (store_audit_list(c.st, c.a, &f, &e, &n, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, T(&c, "audit.title"), &(struct layout_opts){.nav = "audit"});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "audit.title"));
	buf_puts(c.b, "</h1>\n");
	render_filter(&c, &f);
	render_entries(&c, e, n);
	if (n == AUDIT_PAGE) {
		struct buf *b = c.b;
		buf_puts(b, "<p><a href=\"");
		html_attr(b, ctx_url(&c, "/admin/audit"));
		buf_printf(b, "?before=%lld", (long long)e[n - 1].id);
		for (size_t i = 0; i < rq->nargs; i++) {
			if (!strcmp(rq->args[i].name, "before"))
				continue;
			buf_puts(b, "&amp;");
			html_url_arg(b, rq->args[i].name);
			buf_putc(b, '=');
			html_url_arg(b, rq->args[i].value);
		}
		buf_puts(b, "\">");
		html_text(b, T(&c, "audit.older"));
		buf_puts(b, "</a></p>\n");
	}
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}
