/* category.c - the category index and one category with its practices. */
#include <string.h>

#include "text/html.h"
#include "web/feeds.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

enum { CATEGORY_PAGE_SIZE = 20 };

static int render_categories(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct vocabulary *vs;
	size_t nv;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (store_vocabulary_list(c.st, c.a, c.lang, &vs, &nv, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	page_begin(&c, T(&c, "categories.title"),
		   &(struct layout_opts){.nav = "categories",
					 .canonical = "/categories"});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "categories.title"));
	buf_puts(c.b, "</h1>\n");
	for (size_t i = 0; i < nv; i++)
		render_category_tree(&c, &vs[i], 2);
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

/* The category's parent and children, found in its vocabulary. */
static void render_neighbours(struct ctx *c, const struct category *cat,
			      const struct vocabulary *vs, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		const struct vocabulary *v = &vs[i];
		bool any = false;

		if (v->id != cat->vocabulary_id)
			continue;
		buf_puts(c->b, "<p class=\"breadcrumb\">");
		html_link(c->b, ctx_url(c, "/categories"), v->label);
		for (size_t k = 0; k < v->ncategories; k++)
			if (v->categories[k].id == cat->parent_id) {
				buf_puts(c->b, " › ");
				html_link(c->b, ctx_url(c, "/categories/%s",
					  v->categories[k].slug),
					  v->categories[k].label);
			}
		buf_puts(c->b, "</p>\n");
		for (size_t k = 0; k < v->ncategories; k++) {
			const struct category *ch = &v->categories[k];
			if (ch->parent_id != cat->id)
				continue;
			if (!any) {
				buf_puts(c->b, "<nav aria-label=\"");
				html_attr(c->b, T(c, "categories.sub"));
				buf_puts(c->b, "\"><ul class=\"tags\">");
				any = true;
			}
			buf_puts(c->b, "<li>");
			html_link(c->b, ctx_url(c, "/categories/%s", ch->slug),
				  ch->label);
			buf_printf(c->b, " (%lld)</li>", (long long)ch->count);
		}
		if (any)
			buf_puts(c->b, "</ul></nav>\n");
	}
}

static int render_category(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct category cat;
	struct vocabulary *vs;
	size_t nv;
	struct practice_filter f = {0};
	struct practice_page res;
	struct page_req pr = {.limit = CATEGORY_PAGE_SIZE};
	bool replied = false;
	long page;
	const char *feed;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_int_or_reply(&c, "page", 1, 10000, 1, &page, &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	f.categories[f.ncategories++] = rq->params[0];
	pr.offset = (int)((page - 1) * CATEGORY_PAGE_SIZE);
	if (store_category_get(c.st, c.a, rq->params[0], c.lang, &cat, &err) < 0 ||
	    store_vocabulary_list(c.st, c.a, c.lang, &vs, &nv, &err) < 0 ||
	    store_practice_list(c.st, c.a, c.lang, &f, &pr, &res, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	feed = feed_href(&c, &f, NULL);
	page_begin(&c, cat.label, &(struct layout_opts){
		.nav = "categories",
		.canonical = arena_printf(c.a, "/categories/%s", cat.slug),
		.feed = feed, .feed_title = feed_title(&c, &f, NULL)});
	render_neighbours(&c, &cat, vs, nv);
	buf_puts(c.b, "<h1>");
	html_text(c.b, cat.label);
	buf_puts(c.b, "</h1>\n<p>");
	html_text(c.b, arena_printf(c.a, "%s: %s", T(&c, "list.found"),
				    format_count(&c, res.total)));
	buf_puts(c.b, " · ");
	html_link(c.b, arena_printf(c.a, "%s?category=%s",
		  ctx_url(&c, "/practices"), cat.slug), T(&c, "categories.filter"));
	buf_puts(c.b, "</p>\n");
	render_practice_cards(&c, res.items, res.n, 2);
	render_pager(&c, ctx_url(&c, "/categories/%s", cat.slug), page,
		     (long)((res.total + CATEGORY_PAGE_SIZE - 1) / CATEGORY_PAGE_SIZE));
	render_feed_link(&c, feed);
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_categories(struct request *rq, struct response *rs)
{
	return web_cached(rq, rs, render_categories);
}

int page_category(struct request *rq, struct response *rs)
{
	return web_cached(rq, rs, render_category);
}
