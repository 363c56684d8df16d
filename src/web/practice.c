/* practice.c - a practice in two views: "summary and key facts" and
 * "full presentation". */
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "text/html.h"
#include "text/markdown.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

enum practice_view { VIEW_SUMMARY, VIEW_FULL };

void render_key_facts(struct ctx *c, const struct practice *p)
{
	const struct organisation *o = &p->org;
	struct buf *b = c->b;

	buf_puts(b, "<section class=\"key-facts\" aria-labelledby=\"facts\"><h2 id=\"facts\">");
	html_text(b, T(c, "practice.key_facts"));
	buf_puts(b, "</h2>\n<dl>\n<dt>");
	html_text(b, T(c, "fact.organisation"));
	buf_puts(b, "</dt><dd>");
	html_link(b, organisation_path(c, o->id, o->slug), o->name);
	buf_puts(b, "</dd>\n");
	render_fact(c, "fact.implementing_office", p->implementing_office);
	render_fact(c, "fact.initiator", label_initiator(c, p->initiator));
	render_org_facts(c, o);
	render_fact(c, "fact.date_entered", p->date_entered);
	if (p->period_start)
		render_fact(c, "fact.period", arena_printf(c->a, "%s – %s",
			p->period_start, p->period_end ? p->period_end
							: T(c, "fact.ongoing")));
	render_fact(c, "fact.language", label_language(c, p->lang));
	render_fact(c, "fact.views", format_count(c, p->views));
	buf_puts(b, "</dl></section>\n");
}

void render_contacts(struct ctx *c, const struct practice *p)
{
	struct buf *b = c->b;

	if (!p->ncontacts)
		return;
	buf_puts(b, "<section class=\"contacts\" aria-labelledby=\"contacts\"><h2 id=\"contacts\">");
	html_text(b, T(c, "practice.contacts"));
	buf_puts(b, "</h2>\n<ul>");
	for (size_t i = 0; i < p->ncontacts; i++) {
		const struct contact *k = &p->contacts[i];
		buf_puts(b, "<li><p class=\"name\">");
		html_text(b, k->name);
		buf_puts(b, "</p>");
		if (k->role) {
			buf_puts(b, "<p>");
			html_text(b, k->role);
			buf_puts(b, "</p>");
		}
		if (k->phone) {
			buf_puts(b, "<p>");
			html_text(b, T(c, "contact.phone"));
			buf_puts(b, ": ");
			html_text(b, k->phone);
			buf_puts(b, "</p>");
		}
		if (k->email) {
			buf_puts(b, "<p>");
			html_text(b, T(c, "contact.email"));
			buf_puts(b, ": ");
			html_link(b, arena_printf(c->a, "mailto:%s", k->email),
				  k->email);
			buf_puts(b, "</p>");
		}
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul></section>\n");
}

static void render_links(struct ctx *c, const struct practice *p)
{
	struct buf *b = c->b;

	if (!p->nlinks)
		return;
	buf_puts(b, "<section class=\"links\" aria-labelledby=\"links\"><h2 id=\"links\">");
	html_text(b, T(c, "practice.links"));
	buf_puts(b, "</h2>\n<ul>");
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct link *l = &p->links[i];
		const char *text = l->title ? l->title : l->url;

		buf_puts(b, "<li><span class=\"kind\">");
		html_text(b, label_link_kind(c, l->kind));
		buf_puts(b, ":</span> ");
		if (l->url && html_url_is_safe(l->url))
			html_link(b, l->url, text);
		else
			html_text(b, text);
		if (l->kind == LINK_LEGAL_ACT &&
		    (l->act_number || l->act_date || l->issuer)) {
			buf_puts(b, " <span class=\"act\">(");
			html_text(b, arena_printf(c->a, "%s%s%s%s%s",
				l->act_number ? l->act_number : "",
				l->act_number && (l->issuer || l->act_date) ? ", " : "",
				l->issuer ? l->issuer : "",
				l->issuer && l->act_date ? ", " : "",
				l->act_date ? l->act_date : ""));
			buf_puts(b, ")</span>");
		}
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul></section>\n");
}

static void render_refs(struct ctx *c, const char *key,
			const struct practice_ref *r, size_t n)
{
	if (!n)
		return;
	buf_puts(c->b, "<h3>");
	html_text(c->b, T(c, key));
	buf_puts(c->b, "</h3><ul>");
	for (size_t i = 0; i < n; i++) {
		buf_puts(c->b, "<li>");
		html_link(c->b, practice_path(c, r[i].id, r[i].slug), r[i].title);
		buf_puts(c->b, "</li>");
	}
	buf_puts(c->b, "</ul>");
}

static void render_classification(struct ctx *c, const struct practice *p)
{
	struct buf *b = c->b;

	buf_puts(b, "<section class=\"classification\" aria-labelledby=\"classification\">"
		    "<h2 id=\"classification\">");
	html_text(b, T(c, "practice.categories"));
	buf_puts(b, "</h2>\n<ul class=\"tags\">");
	for (size_t i = 0; i < p->ncategories; i++) {
		buf_puts(b, "<li>");
		html_link(b, ctx_url(c, "/categories/%s", p->categories[i].slug),
			  p->categories[i].label);
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul>\n");
	if (p->nkeywords) {
		buf_puts(b, "<h3>");
		html_text(b, T(c, "practice.keywords"));
		buf_puts(b, "</h3><ul class=\"keywords\">");
		for (size_t i = 0; i < p->nkeywords; i++) {
			buf_puts(b, "<li lang=\"");
			html_attr(b, p->lang);
			buf_puts(b, "\">");
			html_text(b, p->keywords[i]);
			buf_puts(b, "</li>");
		}
		buf_puts(b, "</ul>\n");
	}
	if (p->adapted_from || p->nadaptations || p->nrelated) {
		render_refs(c, "practice.adapted_from", p->adapted_from,
			    p->adapted_from ? 1 : 0);
		render_refs(c, "practice.adaptations", p->adaptations,
			    p->nadaptations);
		render_refs(c, "practice.related", p->related, p->nrelated);
	}
	buf_puts(b, "</section>\n");
}

static int render_similar(struct ctx *c, const struct practice *p)
{
	struct practice_page sim;
	struct error err = ERROR_INIT;

	if (search_similar(c->st, c->a, c->lang, p, &sim, &err) < 0)
		return web_fail_store(c, &err);
	if (!sim.n)
		return 0;
	buf_puts(c->b, "<section class=\"similar\" aria-labelledby=\"similar\"><h2 id=\"similar\">");
	html_text(c->b, T(c, "similar.heading"));
	buf_puts(c->b, "</h2>\n");
	render_practice_cards(c, sim.items, sim.n, 3);
	buf_puts(c->b, "</section>\n");
	return 0;
}

static void render_view_tabs(struct ctx *c, const struct practice *p,
			     enum practice_view view)
{
	const char *base = practice_path(c, p->id, p->slug);
	struct buf *b = c->b;

	buf_puts(b, "<nav class=\"views\" aria-label=\"");
	html_attr(b, T(c, "practice.views"));
	buf_puts(b, "\"><ul><li><a href=\"");
	html_attr(b, base);
	buf_puts(b, view == VIEW_SUMMARY ? "\" aria-current=\"page\">" : "\">");
	html_text(b, T(c, "practice.view_summary"));
	buf_puts(b, "</a></li><li><a href=\"");
	html_attr(b, arena_printf(c->a, "%s/full", base));
	buf_puts(b, view == VIEW_FULL ? "\" aria-current=\"page\">" : "\">");
	html_text(b, T(c, "practice.view_full"));
	buf_puts(b, "</a></li></ul></nav>\n");
}

/* Says which language the reader sees and which the original is in,
 * when the practice is not written in the interface's language. */
static void render_language_note(struct ctx *c, const struct practice *p)
{
	const char *key;

	if (!strcmp(p->lang, c->lang))
		return;
	key = strcmp(p->text_lang, p->lang) ? "practice.translated_from"
					     : "practice.written_in";
	buf_puts(c->b, "<p class=\"language-note\">");
	html_text(c->b, T(c, key));
	buf_puts(c->b, " <span lang=\"");
	html_attr(c->b, p->lang);
	buf_puts(c->b, "\">");
	html_text(c->b, label_language(c, p->lang));
	buf_puts(c->b, "</span>.</p>\n");
}

static int render_practice(struct request *rq, struct response *rs,
			   enum practice_view view)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice p;
	struct attachment_ref *atts;
	size_t natts;
	int64_t id = strtoll(rq->params[0], NULL, 10);
	const char *canonical;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (store_practice_get(c.st, c.a, id, c.lang, true, &p, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	p.views += views_pending(c.app->views, p.id);
	canonical = arena_printf(c.a, "/practices/%lld-%s%s", (long long)p.id,
				 p.slug, view == VIEW_FULL ? "/full" : "");
	page_begin(&c, p.title, &(struct layout_opts){
		.nav = "practices", .canonical = canonical,
		.description = p.summary});
	buf_puts(c.b, "<article class=\"practice\">\n<header><p class=\"breadcrumb\">");
	for (size_t i = 0; i < p.ncategories && i < 1; i++)
		html_link(c.b, ctx_url(&c, "/categories/%s", p.categories[i].slug),
			  p.categories[i].label);
	buf_puts(c.b, "</p>\n<h1 lang=\"");
	html_attr(c.b, p.text_lang);
	buf_puts(c.b, "\">");
	html_text(c.b, p.title);
	buf_puts(c.b, "</h1>\n<p class=\"meta\">");
	html_link(c.b, organisation_path(&c, p.org.id, p.org.slug), p.org.name);
	if (p.org.region) {
		buf_puts(c.b, " · ");
		html_text(c.b, p.org.region);
	}
	buf_puts(c.b, "</p>\n");
	render_language_note(&c, &p);
	buf_puts(c.b, "</header>\n");
	render_view_tabs(&c, &p, view);
	if (view == VIEW_SUMMARY) {
		buf_puts(c.b, "<section class=\"summary\" aria-labelledby=\"summary\"><h2 id=\"summary\">");
		html_text(c.b, T(&c, "practice.summary"));
		buf_puts(c.b, "</h2><p lang=\"");
		html_attr(c.b, p.text_lang);
		buf_puts(c.b, "\">");
		html_text(c.b, p.summary);
		buf_puts(c.b, "</p><p>");
		html_link(c.b, arena_printf(c.a, "%s/full",
			  practice_path(&c, p.id, p.slug)),
			  T(&c, "practice.read_full"));
		buf_puts(c.b, "</p></section>\n<div class=\"facts-and-contacts\">");
		render_key_facts(&c, &p);
		render_contacts(&c, &p);
		buf_puts(c.b, "</div>\n");
		render_classification(&c, &p);
	} else {
		/* a translation without a presentation shows the original's */
		buf_puts(c.b, "<div class=\"presentation\" lang=\"");
		html_attr(c.b, p.body && *p.body ? p.body_lang : p.text_lang);
		buf_puts(c.b, "\">\n");
		if (p.body && *p.body) {
			if (markdown_render(c.b, p.body) < 0)
				goto out;
		} else {
			buf_puts(c.b, "<p>");
			html_text(c.b, p.summary);
			buf_puts(c.b, "</p>");
		}
		buf_puts(c.b, "</div>\n");
		render_links(&c, &p);
		render_contacts(&c, &p);
	}
	if (view == VIEW_SUMMARY)
		render_links(&c, &p);
	if (store_attachment_list(c.st, c.a, p.id, &atts, &natts, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	render_attachments(&c, atts, natts, "/attachments");
	buf_puts(c.b, "</article>\n");
	render_jsonld(&c, &p);
	if (view == VIEW_SUMMARY && (rc = render_similar(&c, &p)) != 0)
		goto out;
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

static int render_summary(struct request *rq, struct response *rs)
{
	return render_practice(rq, rs, VIEW_SUMMARY);
}

static int render_full(struct request *rq, struct response *rs)
{
	return render_practice(rq, rs, VIEW_FULL);
}

/* Serves the view, from the cache when it can, and counts the view once
 * the practice is known to exist (so made-up ids cost nothing). */
static int serve_practice(struct request *rq, struct response *rs,
			  http_handler render)
{
	struct app *app = rq->app;
	int rc = web_cached(rq, rs, render);

	if (rc == 0 && rs->status == 200 && !rq->head)
		views_hit(app->views, strtoll(rq->params[0], NULL, 10),
			  request_header(rq, "User-Agent"));
	return rc;
}

int page_practice(struct request *rq, struct response *rs)
{
	return serve_practice(rq, rs, render_summary);
}

int page_practice_full(struct request *rq, struct response *rs)
{
	return serve_practice(rq, rs, render_full);
}
