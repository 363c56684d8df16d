/* track.c - the submitter's private tracking page: the status of the
 * submission and the editor's message. The token in the address is the
 * only key, so the page is never cached, indexed or referred on. */
#include <string.h>

#include "text/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

int page_track(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct submission sub;
	struct error err = ERROR_INIT;
	uint8_t hash[TOKEN_HASH_BYTES];
	const char *link;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rs->max_age = -1;
	response_header(rs, "Referrer-Policy", "no-referrer");
	response_header(rs, "X-Robots-Tag", "noindex");
	if (!token_valid(rq->params[0])) {
		rc = web_fail(&c, 404, T(&c, "track.unknown"));
		goto out;
	}
	token_hash(rq->params[0], hash);
	if (store_submission_by_token(c.st, c.a, hash, &sub, &err) < 0) {
		rc = err.code == ERR_NOT_FOUND ? web_fail(&c, 404, T(&c, "track.unknown"))
					       : web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, T(&c, "track.title"), NULL);
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "track.title"));
	buf_puts(c.b, "</h1>\n");
	if (request_arg(rq, "new")) {
		buf_puts(c.b, "<div class=\"notice\" role=\"status\"><p>");
		html_text(c.b, T(&c, "track.thanks"));
		buf_puts(c.b, "</p><p>");
		html_text(c.b, T(&c, "track.keep_link"));
		buf_puts(c.b, "</p><p class=\"tracking-link\">");
		link = arena_printf(c.a, "%s%s/track/%s", c.app->cfg->base_url,
				    c.prefix, rq->params[0]);
		html_link(c.b, link, link);
		buf_puts(c.b, "</p></div>\n");
	}
	buf_puts(c.b, "<dl class=\"key-facts\">\n");
	render_fact(&c, "track.practice", sub.title);
	render_fact(&c, "track.status", label_status(&c, sub.status));
	render_fact(&c, "track.sent", format_day(&c, sub.created_at));
	render_fact(&c, "track.updated", format_day(&c, sub.updated_at));
	buf_puts(c.b, "</dl>\n");
	if (sub.editor_message) {
		buf_puts(c.b, "<section class=\"editor-message\"><h2>");
		html_text(c.b, T(&c, "track.message"));
		buf_puts(c.b, "</h2><p>");
		html_text(c.b, sub.editor_message);
		buf_puts(c.b, "</p></section>\n");
	}
	if (sub.status == STATUS_PUBLISHED) {
		buf_puts(c.b, "<p>");
		html_link(c.b, ctx_url(&c, "/practices/%lld", (long long)sub.practice_id),
			  T(&c, "track.see_published"));
		buf_puts(c.b, "</p>\n");
	}
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}
