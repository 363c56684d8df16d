/* list.c - the practice list: filter form, results and numbered pages.
 * The whole state is in the query string, so every view has a URL. */
#include <stdlib.h>
#include <string.h>

#include "text/html.h"
#include "web/feeds.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

enum { LIST_PAGE_SIZE = 20, LIST_PAGE_MAX = 10000 };

static bool chosen(const char *const *vals, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(vals[i], v))
			return true;
	return false;
}

static bool chosen_int(const int *vals, size_t n, int v)
{
	for (size_t i = 0; i < n; i++)
		if (vals[i] == v)
			return true;
	return false;
}

static void select_open(struct ctx *c, const char *name, const char *label)
{
	buf_puts(c->b, "<div class=\"field\"><label for=\"f-");
	html_attr(c->b, name);
	buf_puts(c->b, "\">");
	html_text(c->b, label);
	buf_puts(c->b, "</label><select id=\"f-");
	html_attr(c->b, name);
	buf_puts(c->b, "\" name=\"");
	html_attr(c->b, name);
	buf_puts(c->b, "\">");
	html_option(c->b, "", T(c, "filter.any"), 0);
}

static void select_close(struct ctx *c)
{
	buf_puts(c->b, "</select></div>\n");
}

static void category_select(struct ctx *c, const struct practice_filter *f,
			    const struct vocabulary *vs, size_t nv)
{
	select_open(c, "category", T(c, "filter.category"));
	for (size_t i = 0; i < nv; i++) {
		buf_puts(c->b, "<optgroup label=\"");
		html_attr(c->b, vs[i].label);
		buf_puts(c->b, "\">");
		for (size_t k = 0; k < vs[i].ncategories; k++) {
			const struct category *cat = &vs[i].categories[k];
			const char *label = arena_printf(c->a, "%s%s (%lld)",
				cat->depth ? "— " : "", cat->label,
				(long long)cat->count);
			html_option(c->b, cat->slug, label,
				    chosen(f->categories, f->ncategories, cat->slug));
		}
		buf_puts(c->b, "</optgroup>");
	}
	select_close(c);
}

/* A select of the values of p among all published practices, with
 * their counts (vals and n from store_facets). */
static void facet_select(struct ctx *c, enum filter_param p, const char *label,
			 const struct practice_filter *f,
			 const struct facet_value *vals, size_t n)
{
	select_open(c, filter_param_names[p], label);
	for (size_t i = 0; i < n; i++) {
		const char *v = vals[i].value, *shown = v;
		bool sel = false;
		int code;

		switch (p) {
		case FILTER_REGION:
			sel = chosen(f->regions, f->nregions, v);
			break;
		case FILTER_LANG:
			sel = chosen(f->langs, f->nlangs, v);
			shown = label_language(c, v);
			break;
		case FILTER_YEAR:
			sel = chosen_int(f->years, f->nyears, atoi(v));
			break;
		case FILTER_UNIT:
			if ((code = code_parse(unit_type_codes, UNIT__MAX, v)) < 0)
				continue;
			sel = chosen_int(f->unit_types, f->nunit_types, code);
			shown = label_unit(c, (enum unit_type)code);
			break;
		case FILTER_INITIATOR:
			if ((code = code_parse(initiator_type_codes, INITIATOR__MAX,
					       v)) < 0)
				continue;
			sel = chosen_int(f->initiators, f->ninitiators, code);
			shown = label_initiator(c, (enum initiator_type)code);
			break;
		default:
			break;
		}
		html_option(c->b, v, arena_printf(c->a, "%s (%lld)", shown,
						  (long long)vals[i].count), sel);
	}
	select_close(c);
}

int render_filters(struct ctx *c, const struct practice_filter *f,
		   const char *action, struct error *err)
{
	static const struct practice_filter all;
	struct vocabulary *vs;
	struct facet_value *vals[FILTER__MAX];
	size_t nv, n[FILTER__MAX];
	int64_t total;

	/* The choices count every published practice, whatever is chosen. */
	if (store_vocabulary_list(c->st, c->a, c->lang, &vs, &nv, err) < 0 ||
	    store_facets(c->st, c->a, &all, vals, n, &total, err) < 0)
		return -1;
	buf_puts(c->b, "<form class=\"filters\" method=\"get\" action=\"");
	html_attr(c->b, ctx_url(c, "%s", action));
	buf_puts(c->b, "\"><fieldset><legend>");
	html_text(c->b, T(c, "filter.legend"));
	buf_puts(c->b, "</legend>\n");
	category_select(c, f, vs, nv);
	for (int p = FILTER_REGION; p < FILTER__MAX; p++) {
		static const char *const labels[FILTER__MAX] = {
			[FILTER_REGION] = "filter.region", [FILTER_UNIT] = "filter.unit",
			[FILTER_INITIATOR] = "filter.initiator",
			[FILTER_LANG] = "filter.lang", [FILTER_YEAR] = "filter.year",
		};
		facet_select(c, (enum filter_param)p, T(c, labels[p]), f, vals[p], n[p]);
	}
	buf_puts(c->b, "<div class=\"actions\"><button type=\"submit\">");
	html_text(c->b, T(c, "filter.apply"));
	buf_puts(c->b, "</button> ");
	html_link(c->b, ctx_url(c, "%s", action), T(c, "filter.clear"));
	buf_puts(c->b, "</div></fieldset></form>\n");
	return 0;
}

static int render_list(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice_filter f;
	struct practice_page res;
	struct page_req pr = {.limit = LIST_PAGE_SIZE};
	bool replied = false;
	long page, pages;
	const char *feed;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_filter_or_reply(&c, &f, &replied) < 0 ||
	    web_int_or_reply(&c, "page", 1, LIST_PAGE_MAX, 1, &page,
			     &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	pr.offset = (int)((page - 1) * LIST_PAGE_SIZE);
	if (store_practice_list(c.st, c.a, c.lang, &f, &pr, &res, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	pages = (long)((res.total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE);
	feed = feed_href(&c, &f, NULL);
	page_begin(&c, T(&c, "list.title"),
		   &(struct layout_opts){.nav = "practices",
					 .canonical = filter_is_empty(&f) &&
						 page == 1 ? "/practices" : NULL,
					 .feed = feed,
					 .feed_title = feed_title(&c, &f, NULL)});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "list.title"));
	buf_puts(c.b, "</h1>\n<div class=\"with-sidebar\"><div class=\"sidebar\">");
	if (render_filters(&c, &f, "/practices", &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	buf_puts(c.b, "</div>\n<section class=\"results\" aria-labelledby=\"results-heading\">"
		      "<h2 id=\"results-heading\">");
	html_text(c.b, arena_printf(c.a, "%s: %s", T(&c, "list.found"),
				    format_count(&c, res.total)));
	buf_puts(c.b, "</h2>\n");
	if (!res.n) {
		buf_puts(c.b, "<p class=\"empty\">");
		html_text(c.b, T(&c, "list.empty"));
		buf_puts(c.b, "</p>\n");
	}
	render_practice_cards(&c, res.items, res.n, 3);
	render_pager(&c, ctx_url(&c, "/practices"), page, pages);
	render_feed_link(&c, feed);
	buf_puts(c.b, "</section></div>\n");
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_practice_list(struct request *rq, struct response *rs)
{
	return web_cached(rq, rs, render_list);
}
