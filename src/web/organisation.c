/* organisation.c - an implementing unit with all its practices. */
#include <stdlib.h>

#include "text/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

static int render_organisation(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct organisation o;
	struct practice_filter f = {0};
	struct practice_page res;
	struct page_req pr = {.limit = PAGE_LIMIT_MAX};
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	f.org_id = strtoll(rq->params[0], NULL, 10);
	if (store_organisation_get(c.st, c.a, f.org_id, &o, &err) < 0 ||
	    store_practice_list(c.st, c.a, c.lang, &f, &pr, &res, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, o.name, &(struct layout_opts){
		.canonical = arena_printf(c.a, "/organisations/%lld-%s",
					  (long long)o.id, o.slug)});
	buf_puts(c.b, "<h1>");
	html_text(c.b, o.name);
	buf_puts(c.b, "</h1>\n<dl class=\"key-facts\">\n");
	render_org_facts(&c, &o);
	buf_puts(c.b, "</dl>\n<h2>");
	html_text(c.b, arena_printf(c.a, "%s (%lld)",
				    T(&c, "organisation.practices"),
				    (long long)res.total));
	buf_puts(c.b, "</h2>\n");
	render_practice_cards(&c, res.items, res.n, 3);
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_organisation(struct request *rq, struct response *rs)
{
	return web_cached(rq, rs, render_organisation);
}
