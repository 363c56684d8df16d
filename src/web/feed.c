/* feed.c - Atom feeds (RFC 4287) of the newest published practices: all
 * of them, or those of the list's filters or a search, found by the same
 * search call the pages use; and the feed links those pages carry.
 * Entries say what a practice is and who carried it out, never whom to
 * contact. */
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "http/etag.h"
#include "search/search.h"
#include "text/html.h"
#include "text/xml.h"
#include "web/feeds.h"
#include "web/pages.h"
#include "web/render.h"

enum { FEED_ENTRIES = 50 };

static void query_arg(struct buf *b, const char *name, const char *value)
{
	buf_putc(b, b->len ? '&' : '?');
	html_url_arg(b, name);
	buf_putc(b, '=');
	html_url_arg(b, value);
}

/* "?category=…&region=…&q=…" of f and q, in the filters' order; "" for
 * none. Built from the parsed filter, so equal selections give equal
 * addresses whatever the order of the page's arguments. */
static const char *selection_query(struct ctx *c, const struct practice_filter *f,
				   const char *q)
{
	struct buf b;
	const char *out;

	buf_init(&b, 128);
	if (q && *q)
		query_arg(&b, "q", q);
	for (size_t i = 0; i < f->ncategories; i++)
		query_arg(&b, filter_param_names[FILTER_CATEGORY], f->categories[i]);
	for (size_t i = 0; i < f->nregions; i++)
		query_arg(&b, filter_param_names[FILTER_REGION], f->regions[i]);
	for (size_t i = 0; i < f->nunit_types; i++)
		query_arg(&b, filter_param_names[FILTER_UNIT],
			  unit_type_codes[f->unit_types[i]]);
	for (size_t i = 0; i < f->ninitiators; i++)
		query_arg(&b, filter_param_names[FILTER_INITIATOR],
			  initiator_type_codes[f->initiators[i]]);
	for (size_t i = 0; i < f->nlangs; i++)
		query_arg(&b, filter_param_names[FILTER_LANG], f->langs[i]);
	for (size_t i = 0; i < f->nyears; i++)
		query_arg(&b, filter_param_names[FILTER_YEAR],
			  arena_printf(c->a, "%d", f->years[i]));
	out = b.oom ? "" : arena_strdup(c->a, b.data);
	buf_release(&b);
	return out ? out : "";
}

const char *feed_href(struct ctx *c, const struct practice_filter *f,
		      const char *q)
{
	return arena_printf(c->a, "%s%s", ctx_url(c, "/feed.atom"),
			    selection_query(c, f, q));
}

static void title_part(struct ctx *c, struct buf *b, const char *key,
		       const char *value)
{
	buf_puts(b, b->len ? ", " : ": ");
	buf_printf(b, "%s: %s", T(c, key), value);
}

const char *feed_title(struct ctx *c, const struct practice_filter *f,
		       const char *q)
{
	struct buf b;
	const char *parts;

	buf_init(&b, 128);
	if (q && *q)
		title_part(c, &b, "feed.search", q);
	for (size_t i = 0; i < f->ncategories; i++) {
		struct category cat;
		/* an unknown slug selects nothing; its name is the slug */
		bool known = store_category_get(c->st, c->a, f->categories[i],
						c->lang, &cat, NULL) == 0;
		title_part(c, &b, "filter.category",
			   known ? cat.label : f->categories[i]);
	}
	for (size_t i = 0; i < f->nregions; i++)
		title_part(c, &b, "filter.region", f->regions[i]);
	for (size_t i = 0; i < f->nunit_types; i++)
		title_part(c, &b, "filter.unit",
			   label_unit(c, (enum unit_type)f->unit_types[i]));
	for (size_t i = 0; i < f->ninitiators; i++)
		title_part(c, &b, "filter.initiator",
			   label_initiator(c, (enum initiator_type)f->initiators[i]));
	for (size_t i = 0; i < f->nlangs; i++)
		title_part(c, &b, "filter.lang", label_language(c, f->langs[i]));
	for (size_t i = 0; i < f->nyears; i++)
		title_part(c, &b, "filter.year", arena_printf(c->a, "%d", f->years[i]));
	parts = b.oom ? "" : arena_strdup(c->a, b.data);
	buf_release(&b);
	return arena_printf(c->a, "%s — %s%s", c->app->cfg->site_name,
			    T(c, "feed.all"), parts ? parts : "");
}

void render_feed_link(struct ctx *c, const char *href)
{
	buf_puts(c->b, "<p class=\"feed-link\"><a href=\"");
	html_attr(c->b, href);
	buf_puts(c->b, "\" type=\"application/atom+xml\">");
	html_text(c->b, T(c, "feed.subscribe"));
	buf_puts(c->b, "</a></p>\n");
}

static void atom_date(struct buf *b, const char *name, int64_t t)
{
	char d[XML_DATETIME_SIZE];

	xml_datetime(t, d);
	buf_printf(b, "<%s>%s</%s>\n", name, d, name);
}

static void atom_link(struct buf *b, const char *rel, const char *type,
		      const char *href)
{
	buf_printf(b, "<link rel=\"%s\" type=\"%s\" href=\"", rel, type);
	xml_text(b, href);
	buf_puts(b, "\"/>\n");
}

static void atom_entry(struct ctx *c, const char *origin,
		       const struct practice *p)
{
	struct buf *b = c->b;

	buf_puts(b, "<entry xml:lang=\"");
	xml_text(b, p->text_lang);
	buf_puts(b, "\">\n<id>");
	/* the id's address without the slug: a new title keeps the id */
	xml_text(b, arena_printf(c->a, "%s/practices/%lld", origin,
				 (long long)p->id));
	buf_puts(b, "</id>\n");
	xml_element(b, "title", p->title);
	buf_putc(b, '\n');
	atom_link(b, "alternate", "text/html", arena_printf(c->a, "%s%s", origin,
		  practice_path(c, p->id, p->slug)));
	atom_date(b, "published", p->published_at);
	atom_date(b, "updated", p->updated_at > p->published_at
				? p->updated_at : p->published_at);
	buf_puts(b, "<summary type=\"text\">");
	xml_text(b, p->summary);
	buf_puts(b, "</summary>\n<author><name>");
	xml_text(b, p->org.name);
	buf_puts(b, "</name></author>\n");
	for (size_t i = 0; i < p->ncategories; i++) {
		buf_puts(b, "<category term=\"");
		xml_text(b, p->categories[i].slug);
		buf_puts(b, "\" scheme=\"");
		xml_text(b, arena_printf(c->a, "%s/categories/", origin));
		buf_puts(b, "\" label=\"");
		xml_text(b, p->categories[i].label);
		buf_puts(b, "\"/>\n");
	}
	buf_puts(b, "</entry>\n");
}

static int render_feed(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice_filter f;
	struct search_result r;
	struct page_req pr = {.limit = FEED_ENTRIES, .newest = true,
			      .no_snippets = true};
	struct practice *ps = NULL;
	const char *q = request_arg(rq, "q"), *origin, *query, *page;
	bool replied = false;
	int64_t updated = 0;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_filter_or_reply(&c, &f, &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	if (search_run(c.st, c.a, c.lang, q, &f, &pr, false, &r, &err) < 0) {
		rc = err.code == ERR_INVALID ? web_fail(&c, 400, err.msg)
					     : web_fail_store(&c, &err);
		goto out;
	}
	/* the entries' categories and dates are in the full records */
	if (r.page.n && !(ps = arena_calloc(c.a, r.page.n, sizeof *ps))) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < r.page.n; i++) {
		if (store_practice_get(c.st, c.a, r.page.items[i].id, c.lang, true,
				       &ps[i], &err) < 0) {
			rc = web_fail_store(&c, &err);
			goto out;
		}
		if (ps[i].updated_at > updated)
			updated = ps[i].updated_at;
		if (ps[i].published_at > updated)
			updated = ps[i].published_at;
	}
	f.match = NULL;
	origin = web_origin(&c);
	query = selection_query(&c, &f, q);
	page = q && *q ? "/search" : "/practices";
	rs->content_type = "application/atom+xml; charset=utf-8";
	buf_puts(c.b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	xml_text(c.b, c.lang);
	buf_puts(c.b, "\">\n<id>");
	xml_text(c.b, arena_printf(c.a, "%s%s", origin, feed_href(&c, &f, q)));
	buf_puts(c.b, "</id>\n");
	xml_element(c.b, "title", feed_title(&c, &f, q));
	buf_putc(c.b, '\n');
	atom_link(c.b, "self", "application/atom+xml",
		  arena_printf(c.a, "%s%s", origin, feed_href(&c, &f, q)));
	atom_link(c.b, "alternate", "text/html",
		  arena_printf(c.a, "%s%s%s", origin, ctx_url(&c, "%s", page), query));
	/* an empty feed changed when it was made */
	atom_date(c.b, "updated", updated ? updated : (int64_t)time(NULL));
	buf_puts(c.b, "<author><name>");
	xml_text(c.b, *c.app->cfg->operator_name ? c.app->cfg->operator_name
						 : c.app->cfg->site_name);
	buf_puts(c.b, "</name></author>\n<generator>praxis</generator>\n");
	for (size_t i = 0; i < r.page.n; i++)
		atom_entry(&c, origin, &ps[i]);
	buf_puts(c.b, "</feed>\n");
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

/* Feed readers poll: the ETag is the catalogue's generation (what the
 * page cache keys on) and the language, so an unchanged catalogue
 * answers 304 without rendering. *tag receives it. */
static int feed_etag(struct request *rq, const char **tag)
{
	struct app *app = rq->app;
	struct error err = ERROR_INIT;
	struct store *st = store_pool_acquire(app->pool);
	int64_t generation;
	int rc;

	if (!st)
		return log_error("no database connection available");
	rc = store_generation(st, &generation, &err);
	store_pool_release(app->pool, st);
	if (rc < 0)
		return log_error("store: %s", err.msg);
	*tag = arena_printf(&rq->arena, "W/\"%lld-%s\"", (long long)generation,
			    rq->lang);
	return *tag ? 0 : -1;
}

int sys_feed(struct request *rq, struct response *rs)
{
	const char *tag, *sent = request_header(rq, "If-None-Match");
	int rc;

	if (feed_etag(rq, &tag) < 0)
		return -1;
	if (http_etag_matches(sent, tag + 2)) { /* weak: compared without W/ */
		rs->status = 304;
		response_header(rs, "ETag", tag);
		return 0;
	}
	/* a page served from the cache keeps the type set here */
	rs->content_type = "application/atom+xml; charset=utf-8";
	if ((rc = web_cached(rq, rs, render_feed)) == 0 && rs->status == 200)
		response_header(rs, "ETag", tag);
	return rc;
}
