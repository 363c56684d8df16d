/* sitemap.c - /sitemap.xml (sitemaps.org 0.9): the main pages and every
 * published practice, with the date it was published, in the default
 * language; the pages' hreflang alternates lead to the others. */
#include <string.h>

#include "text/html.h"
#include "web/pages.h"
#include "web/render.h"

static void url_entry(struct ctx *c, const char *origin, const char *path,
		      int64_t day)
{
	buf_puts(c->b, "<url><loc>");
	html_text(c->b, origin);
	html_text(c->b, path);
	buf_puts(c->b, "</loc>");
	if (day) {
		buf_puts(c->b, "<lastmod>");
		html_text(c->b, format_day(c, day));
		buf_puts(c->b, "</lastmod>");
	}
	buf_puts(c->b, "</url>\n");
}

int sys_sitemap(struct request *rq, struct response *rs)
{
	static const char *const pages[] = {"/", "/practices", "/categories",
		"/map", "/search", "/submit", "/accessibility", "/privacy"};
	static const struct practice_filter all;
	struct ctx c;
	struct error err = ERROR_INIT;
	struct page_req pr = {.limit = PAGE_LIMIT_MAX, .skip_total = true,
			      .no_snippets = true};
	struct practice_page res;
	const char *origin;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	origin = web_origin(&c);
	rs->content_type = "application/xml; charset=utf-8";
	buf_puts(c.b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		url_entry(&c, origin, pages[i], 0);
	/* every published practice, a page of the list at a time */
	do {
		if (store_practice_list(c.st, c.a, c.lang, &all, &pr, &res, &err) < 0) {
			rc = web_fail_store(&c, &err);
			goto out;
		}
		for (size_t i = 0; i < res.n; i++)
			url_entry(&c, origin, arena_printf(c.a, "/practices/%lld-%s",
				  (long long)res.items[i].id, res.items[i].slug),
				  res.items[i].published_at);
		pr.after = res.next;
		pr.has_cursor = true;
	} while (res.has_next);
	buf_puts(c.b, "</urlset>\n");
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}
