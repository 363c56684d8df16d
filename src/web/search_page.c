/* search_page.c - the search page: the search box, facets with counts
 * (checkboxes: values of one facet are ORed, facets ANDed), ranked
 * results with highlighted passages, and help when nothing matches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "text/html.h"
#include "web/feeds.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

enum { SEARCH_PAGE_SIZE = 20 };

static bool arg_has(const struct request *rq, const char *name, const char *v)
{
	for (size_t i = 0; i < rq->nargs; i++)
		if (!strcmp(rq->args[i].name, name) && !strcmp(rq->args[i].value, v))
			return true;
	return false;
}

static const char *facet_label(struct ctx *c, enum filter_param p,
			       const char *v, const struct vocabulary *vs,
			       size_t nv)
{
	int code;

	switch (p) {
	case FILTER_CATEGORY:
		for (size_t i = 0; i < nv; i++)
			for (size_t k = 0; k < vs[i].ncategories; k++)
				if (!strcmp(vs[i].categories[k].slug, v))
					return vs[i].categories[k].label;
		return v;
	case FILTER_UNIT:
		code = code_parse(unit_type_codes, UNIT__MAX, v);
		return code < 0 ? v : label_unit(c, (enum unit_type)code);
	case FILTER_INITIATOR:
		code = code_parse(initiator_type_codes, INITIATOR__MAX, v);
		return code < 0 ? v : label_initiator(c, (enum initiator_type)code);
	case FILTER_LANG:
		return label_language(c, v);
	default:
		return v;
	}
}

static void render_facets(struct ctx *c, const struct search_result *r,
			  const struct vocabulary *vs, size_t nv)
{
	struct buf *b = c->b;

	for (int p = 0; p < FILTER__MAX; p++) {
		const char *name = filter_param_names[p];
		char key[32];

		if (!r->nfacets[p])
			continue;
		snprintf(key, sizeof key, "filter.%s", p == FILTER_CATEGORY ? "category"
			 : p == FILTER_UNIT ? "unit" : name);
		buf_puts(b, "<fieldset class=\"facet\"><legend>");
		html_text(b, T(c, key));
		buf_puts(b, "</legend><ul>");
		for (size_t i = 0; i < r->nfacets[p]; i++) {
			const struct facet_value *v = &r->facets[p][i];
			const char *id = arena_printf(c->a, "f-%s-%zu", name, i);
			buf_puts(b, "<li><input type=\"checkbox\" name=\"");
			html_attr(b, name);
			buf_puts(b, "\" id=\"");
			html_attr(b, id);
			buf_puts(b, "\" value=\"");
			html_attr(b, v->value);
			buf_puts(b, arg_has(c->rq, name, v->value) ? "\" checked>" : "\">");
			buf_puts(b, "<label for=\"");
			html_attr(b, id);
			buf_puts(b, "\">");
			html_text(b, facet_label(c, (enum filter_param)p, v->value, vs, nv));
			buf_printf(b, " <span class=\"count\">(%lld)</span></label></li>",
				   (long long)v->count);
		}
		buf_puts(b, "</ul></fieldset>\n");
	}
}

/* When nothing matches: one link per active filter that drops it. */
static void render_no_results(struct ctx *c, const struct vocabulary *vs,
			      size_t nv)
{
	struct buf *b = c->b;
	bool any = false;

	buf_puts(b, "<div class=\"no-results\"><p>");
	html_text(b, T(c, "search.none"));
	buf_puts(b, "</p>");
	for (size_t i = 0; i < c->rq->nargs; i++) {
		const struct http_arg *drop = &c->rq->args[i];
		int p = filter_param_parse(drop->name);
		bool first = true;

		if (p < 0 || !*drop->value)
			continue;
		if (!any)
			buf_puts(b, "<p>");
		else
			buf_puts(b, " · ");
		any = true;
		buf_puts(b, "<a href=\"");
		html_attr(b, ctx_url(c, "/search"));
		for (size_t k = 0; k < c->rq->nargs; k++) {
			if (k == i || !strcmp(c->rq->args[k].name, "page"))
				continue;
			buf_puts(b, first ? "?" : "&amp;");
			first = false;
			html_url_arg(b, c->rq->args[k].name);
			buf_putc(b, '=');
			html_url_arg(b, c->rq->args[k].value);
		}
		buf_puts(b, "\">");
		html_text(b, arena_printf(c->a, "%s: %s", T(c, "search.remove_filter"),
			  facet_label(c, (enum filter_param)p, drop->value, vs, nv)));
		buf_puts(b, "</a>");
	}
	if (any)
		buf_puts(b, "</p>");
	buf_puts(b, "<p>");
	html_text(b, T(c, "search.tips"));
	buf_puts(b, "</p></div>\n");
}

/* The reader's own unit, to rank units like it first; kept in the URL. */
static void render_likeness_form(struct ctx *c, const struct likeness *like)
{
	struct buf *b = c->b;

	buf_puts(b, "<fieldset class=\"facet likeness\"><legend>");
	html_text(b, T(c, "like.legend"));
	buf_puts(b, "</legend><div class=\"field\"><label for=\"my_unit\">");
	html_text(b, T(c, "like.unit"));
	buf_puts(b, "</label><select id=\"my_unit\" name=\"my_unit\">");
	html_option(b, "", T(c, "filter.any"), 0);
	for (int u = 0; u < UNIT__MAX; u++)
		html_option(b, unit_type_codes[u], label_unit(c, (enum unit_type)u),
			    like->unit_type == u);
	buf_puts(b, "</select></div><div class=\"field\"><label for=\"my_population\">");
	html_text(b, T(c, "like.population"));
	buf_puts(b, "</label><input type=\"number\" id=\"my_population\" "
		    "name=\"my_population\" min=\"0\" step=\"1\" value=\"");
	if (like->population > 0)
		buf_printf(b, "%lld", (long long)like->population);
	buf_puts(b, "\"></div></fieldset>\n");
}

static int render_search(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice_filter f;
	struct search_result r;
	struct page_req pr = {.limit = SEARCH_PAGE_SIZE};
	struct vocabulary *vs;
	struct likeness like;
	size_t nv;
	const char *q = request_arg(rq, "q");
	bool replied = false;
	long page;
	const char *feed;
	int rc = -1, has_like;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_filter_or_reply(&c, &f, &replied) < 0 ||
	    web_int_or_reply(&c, "page", 1, 10000, 1, &page, &replied) < 0 ||
	    (has_like = web_likeness_or_reply(&c, &like, &replied)) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	pr.like = has_like ? &like : NULL;
	pr.offset = (int)((page - 1) * SEARCH_PAGE_SIZE);
	if ((rc = search_run(c.st, c.a, c.lang, q, &f, &pr, true, &r, &err)) < 0 ||
	    (rc = store_vocabulary_list(c.st, c.a, c.lang, &vs, &nv, &err)) < 0) {
		rc = err.code == ERR_INVALID ? web_fail(&c, 400, err.msg)
					     : web_fail_store(&c, &err);
		goto out;
	}
	feed = feed_href(&c, &f, q);
	page_begin(&c, q && *q ? arena_printf(c.a, "%s: %s", T(&c, "search.title"), q)
			       : T(&c, "search.title"),
		   &(struct layout_opts){.nav = "search", .feed = feed,
					 .feed_title = feed_title(&c, &f, q)});
	buf_puts(c.b, "<h1>");
	html_text(c.b, T(&c, "search.title"));
	buf_puts(c.b, "</h1>\n<form class=\"search\" role=\"search\" method=\"get\" action=\"");
	html_attr(c.b, ctx_url(&c, "/search"));
	buf_puts(c.b, "\">\n<div class=\"search-box\"><label for=\"q\">");
	html_text(c.b, T(&c, "search.label"));
	buf_puts(c.b, "</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"");
	html_attr(c.b, q);
	buf_puts(c.b, "\" aria-describedby=\"q-help\"> <button type=\"submit\">");
	html_text(c.b, T(&c, "search.submit"));
	buf_puts(c.b, "</button><p id=\"q-help\" class=\"help\">");
	html_text(c.b, T(&c, "search.help"));
	buf_puts(c.b, "</p></div>\n<div class=\"with-sidebar\"><div class=\"sidebar\">");
	render_likeness_form(&c, &like);
	render_facets(&c, &r, vs, nv);
	buf_puts(c.b, "<button type=\"submit\">");
	html_text(c.b, T(&c, "filter.apply"));
	/* The count is a status region: screen readers announce it. */
	buf_puts(c.b, "</button></div>\n<section class=\"results\" aria-labelledby=\"result-count\">"
		      "<div role=\"status\" aria-atomic=\"true\"><h2 id=\"result-count\">");
	html_text(c.b, arena_printf(c.a, "%s: %s", T(&c, "list.found"),
				    format_count(&c, r.page.total)));
	buf_puts(c.b, "</h2></div>\n");
	if (r.relaxed && r.page.n) {
		buf_puts(c.b, "<p class=\"notice\">");
		html_text(c.b, T(&c, "search.relaxed"));
		buf_puts(c.b, "</p>\n");
	}
	if (r.suggestion) {
		buf_puts(c.b, "<p class=\"did-you-mean\">");
		html_text(c.b, T(&c, "search.did_you_mean"));
		buf_puts(c.b, ": <a href=\"");
		html_attr(c.b, ctx_url(&c, "/search"));
		buf_puts(c.b, "?q=");
		html_url_arg(c.b, r.suggestion);
		buf_puts(c.b, "\">");
		html_text(c.b, r.suggestion);
		buf_puts(c.b, "</a>?</p>\n");
	}
	if (!r.page.n)
		render_no_results(&c, vs, nv);
	render_practice_cards(&c, r.page.items, r.page.n, 3);
	render_pager(&c, ctx_url(&c, "/search"), page,
		     (long)((r.page.total + SEARCH_PAGE_SIZE - 1) / SEARCH_PAGE_SIZE));
	buf_puts(c.b, "</section></div></form>\n");
	render_feed_link(&c, feed);
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_search(struct request *rq, struct response *rs)
{
	return web_cached(rq, rs, render_search);
}
