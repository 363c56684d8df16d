/* api.c - the JSON API under /api/v1. Lists never carry contact persons. */
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "web/json.h"
#include "web/render.h"
#include "web/pages.h"

/* Labels in the API follow ?hl=xx when given, else the default language. */
static void api_lang(struct ctx *c)
{
	const char *hl = request_arg(c->rq, "hl");

	if (hl && i18n_catalog(c->app->i18n, hl))
		c->lang = hl;
}

static int api_reply(struct ctx *c, json_t *v)
{
	if (!v)
		return -1;
	return json_emit(c->b, v);
}

int api_practices(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice_filter f;
	struct practice_page res;
	struct page_req pr = {0};
	const char *cursor;
	bool replied = false;
	long limit;
	int rc = -1;
	json_t *items;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	api_lang(&c);
	if (web_filter_or_reply(&c, &f, &replied) < 0 ||
	    web_int_or_reply(&c, "limit", 1, PAGE_LIMIT_MAX, PAGE_LIMIT_DEFAULT,
			     &limit, &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	pr.limit = (int)limit;
	cursor = request_arg(rq, "cursor");
	if (cursor && *cursor) {
		if (cursor_decode(cursor, &pr.after, &err) < 0) {
			rc = web_fail(&c, 400, err.msg);
			goto out;
		}
		pr.has_cursor = true;
	}
	if (store_practice_list(c.st, c.a, c.lang, &f, &pr, &res, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	items = json_array();
	for (size_t i = 0; i < res.n; i++)
		json_array_append_new(items, json_practice_summary(&res.items[i]));
	json_t *page = json_pack("{s:o,s:I,s:i}", "items", items, "total",
				 (json_int_t)res.total, "limit", (int)limit);
	if (page && res.has_next) {
		char next[128];
		cursor_encode(&res.next, next, sizeof next);
		json_object_set_new(page, "next_cursor", json_string(next));
	} else if (page) {
		json_object_set_new(page, "next_cursor", json_null());
	}
	rc = api_reply(&c, page);
out:
	ctx_close(&c);
	return rc;
}

int api_practice(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice p;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	api_lang(&c);
	if (store_practice_get(c.st, c.a, strtoll(rq->params[0], NULL, 10),
			       c.lang, true, &p, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	p.views += views_pending(c.app->views, p.id);
	rc = api_reply(&c, json_practice(&p));
out:
	ctx_close(&c);
	return rc;
}

int api_vocabularies(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct vocabulary *vs;
	size_t nv;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	api_lang(&c);
	if (store_vocabulary_list(c.st, c.a, c.lang, &vs, &nv, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < nv; i++)
		json_array_append_new(arr, json_vocabulary(&vs[i]));
	rc = api_reply(&c, json_pack("{s:o}", "vocabularies", arr));
out:
	ctx_close(&c);
	return rc;
}

int api_organisation(struct request *rq, struct response *rs)
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
	api_lang(&c);
	f.org_id = strtoll(rq->params[0], NULL, 10);
	if (store_organisation_get(c.st, c.a, f.org_id, &o, &err) < 0 ||
	    store_practice_list(c.st, c.a, c.lang, &f, &pr, &res, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	json_t *j = json_organisation(&o), *items = json_array();
	for (size_t i = 0; i < res.n; i++)
		json_array_append_new(items, json_practice_summary(&res.items[i]));
	if (j)
		json_object_set_new(j, "practices", items);
	else
		json_decref(items);
	rc = api_reply(&c, j);
out:
	ctx_close(&c);
	return rc;
}

/* The passage as plain text and as HTML with <mark> around matches. */
static void add_snippet(json_t *item, const char *snippet)
{
	struct buf plain, html;

	if (!item || !snippet)
		return;
	buf_init(&plain, 0);
	buf_init(&html, 0);
	for (const char *p = snippet; *p; p++)
		if (*p != '\x02' && *p != '\x03')
			buf_putc(&plain, *p);
	render_snippet(&html, snippet);
	json_object_set_new(item, "snippet", json_string(plain.data));
	json_object_set_new(item, "snippet_html", json_string(html.data));
	buf_release(&plain);
	buf_release(&html);
}

int api_search(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice_filter f;
	struct search_result r;
	struct page_req pr = {0};
	struct likeness like;
	bool replied = false;
	long limit, page;
	int rc = -1, has_like;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	api_lang(&c);
	if (web_filter_or_reply(&c, &f, &replied) < 0 ||
	    web_int_or_reply(&c, "limit", 1, PAGE_LIMIT_MAX, PAGE_LIMIT_DEFAULT,
			     &limit, &replied) < 0 ||
	    web_int_or_reply(&c, "page", 1, 10000, 1, &page, &replied) < 0 ||
	    (has_like = web_likeness_or_reply(&c, &like, &replied)) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	pr.like = has_like ? &like : NULL;
	pr.limit = (int)limit;
	pr.offset = (int)((page - 1) * limit);
	if (search_run(c.st, c.a, c.lang, request_arg(rq, "q"), &f, &pr, true,
		       &r, &err) < 0) {
		rc = err.code == ERR_INVALID ? web_fail(&c, 400, err.msg)
					     : web_fail_store(&c, &err);
		goto out;
	}
	json_t *items = json_array(), *facets = json_object();
	for (size_t i = 0; i < r.page.n; i++) {
		json_t *item = json_practice_summary(&r.page.items[i]);
		add_snippet(item, r.page.items[i].snippet);
		json_array_append_new(items, item);
	}
	for (int p = 0; p < FILTER__MAX; p++) {
		json_t *vals = json_array();
		for (size_t i = 0; i < r.nfacets[p]; i++)
			json_array_append_new(vals, json_pack("{s:s,s:I}",
				"value", r.facets[p][i].value,
				"count", (json_int_t)r.facets[p][i].count));
		json_object_set_new(facets, filter_param_names[p], vals);
	}
	rc = api_reply(&c, json_pack("{s:o,s:I,s:i,s:i,s:b,s:o,s:o}", "items", items,
				     "total", (json_int_t)r.page.total,
				     "page", (int)page, "limit", (int)limit,
				     "relaxed", r.relaxed, "suggestion",
				     r.suggestion ? json_string(r.suggestion) : json_null(),
				     "facets", facets));
out:
	ctx_close(&c);
	return rc;
}
