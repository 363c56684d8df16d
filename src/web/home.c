/* home.c - the home page: totals, newest practices, categories. */
#include "text/html.h"
#include "web/feeds.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

enum { HOME_NEWEST = 6 };

static void render_totals(struct ctx *c, const struct store_totals *t)
{
	struct buf *b = c->b;

	buf_puts(b, "<ul class=\"totals\">");
	buf_puts(b, "<li><strong>");
	html_text(b, format_count(c, t->practices));
	buf_puts(b, "</strong> ");
	html_text(b, T(c, "home.total.practices"));
	buf_puts(b, "</li><li><strong>");
	html_text(b, format_count(c, t->organisations));
	buf_puts(b, "</strong> ");
	html_text(b, T(c, "home.total.organisations"));
	buf_puts(b, "</li><li><strong>");
	html_text(b, format_count(c, t->regions));
	buf_puts(b, "</strong> ");
	html_text(b, T(c, "home.total.regions"));
	buf_puts(b, "</li></ul>\n");
}

void render_category_tree(struct ctx *c, const struct vocabulary *v,
			  int heading)
{
	struct buf *b = c->b;
	int prev = -1;

	buf_printf(b, "<section class=\"vocabulary\"><h%d>", heading);
	html_text(b, v->label);
	buf_printf(b, "</h%d>\n<ul class=\"categories\">", heading);
	/* Pre-order with depths: a child opens a list inside its parent's
	 * item; climbing back up closes one list per level. */
	for (size_t i = 0; i < v->ncategories; i++) {
		const struct category *k = &v->categories[i];
		if (prev >= 0 && k->depth > prev) {
			buf_puts(b, "<ul>");
		} else if (prev >= 0) {
			buf_puts(b, "</li>");
			for (int d = prev; d > k->depth; d--)
				buf_puts(b, "</ul></li>");
		}
		buf_puts(b, "<li>");
		html_link(b, ctx_url(c, "/categories/%s", k->slug), k->label);
		buf_printf(b, " <span class=\"count\">(%lld)</span>",
			   (long long)k->count);
		prev = k->depth;
	}
	if (prev >= 0) {
		buf_puts(b, "</li>");
		for (int d = prev; d > 0; d--)
			buf_puts(b, "</ul></li>");
	}
	buf_puts(b, "</ul></section>\n");
}

static int render_home(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct store_totals t;
	struct practice_filter f = {0};
	struct page_req pr = {.limit = HOME_NEWEST};
	struct practice_page newest;
	struct vocabulary *vs;
	size_t nv;
	const char *feed;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (store_totals(c.st, &t, &err) < 0 ||
	    store_practice_list(c.st, c.a, c.lang, &f, &pr, &newest, &err) < 0 ||
	    store_vocabulary_list(c.st, c.a, c.lang, &vs, &nv, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	feed = feed_href(&c, &f, NULL);
	page_begin(&c, T(&c, "home.title"),
		   &(struct layout_opts){.nav = "home", .canonical = "/",
					 .description = T(&c, "site.tagline"),
					 .feed = feed,
					 .feed_title = feed_title(&c, &f, NULL)});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "home.heading"));
	buf_puts(c.b, "</h1>\n<p class=\"lead\">");
	html_text(c.b, T(&c, "home.lead"));
	buf_puts(c.b, "</p>\n");
	render_totals(&c, &t);
	buf_puts(c.b, "<div class=\"columns\"><section class=\"newest\"><h2>");
	html_text(c.b, T(&c, "home.newest"));
	buf_puts(c.b, "</h2>\n");
	render_practice_cards(&c, newest.items, newest.n, 3);
	buf_puts(c.b, "<p>");
	html_link(c.b, ctx_url(&c, "/practices"), T(&c, "home.all_practices"));
	buf_puts(c.b, "</p>\n");
	render_feed_link(&c, feed);
	buf_puts(c.b, "</section>\n<section class=\"browse\"><h2>");
	html_text(c.b, T(&c, "home.categories"));
	buf_puts(c.b, "</h2>\n");
	for (size_t i = 0; i < nv; i++)
		render_category_tree(&c, &vs[i], 3);
	buf_puts(c.b, "</section></div>\n");
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_home(struct request *rq, struct response *rs)
{
	return web_cached(rq, rs, render_home);
}
