#include "web/layout.h"

#include <stdio.h>
#include <string.h>

#include "text/html.h"
#include "web/session.h"
#include "web/web.h"

static const char *prefix_of(const struct request *rq)
{
	return rq->lang_in_path ? rq->lang : NULL;
}

/* Writes href for the same page in language lang (query kept). */
static void same_page_in(struct buf *b, const struct request *rq,
			 const char *lang)
{
	buf_puts(b, "/");
	html_attr(b, lang);
	if (rq->path && strcmp(rq->path, "/"))
		html_attr(b, rq->path);
	for (size_t i = 0; i < rq->nargs; i++) {
		buf_puts(b, i ? "&amp;" : "?");
		html_url_arg(b, rq->args[i].name);
		buf_putc(b, '=');
		html_url_arg(b, rq->args[i].value);
	}
}

static void nav_item(struct buf *b, const struct request *rq,
		     const struct catalog *cat, const char *id,
		     const char *path, const char *current)
{
	char key[48];
	const char *p = prefix_of(rq);

	snprintf(key, sizeof key, "nav.%s", id);
	buf_puts(b, "<li><a href=\"");
	if (p) {
		buf_putc(b, '/');
		html_attr(b, p);
	}
	html_attr(b, path);
	buf_puts(b, current && !strcmp(current, id) ? "\" aria-current=\"page\">"
						   : "\">");
	html_text(b, catalog_get(cat, key));
	buf_puts(b, "</a></li>");
}

/* For the signed-in: their work pages and a sign-out button (a form:
 * signing out changes state, so it is a POST with a CSRF token). */
static void account_nav(struct buf *b, struct request *rq,
			const struct catalog *cat, const char *current)
{
	const struct account *acc = web_account(rq);
	const char *token;

	if (!acc || !(token = web_csrf_token(rq, NULL)))
		return;
	buf_puts(b, "<nav class=\"account\" aria-label=\"");
	html_attr(b, acc->email);
	buf_puts(b, "\"><ul>");
	if (acc->role != ACCOUNT_CONTRIBUTOR)
		nav_item(b, rq, cat, "queue", "/editor/queue", current);
	else
		nav_item(b, rq, cat, "my", "/my/practices", current);
	if (acc->role == ACCOUNT_ADMIN) {
		nav_item(b, rq, cat, "users", "/admin/users", current);
		nav_item(b, rq, cat, "vocabularies", "/admin/vocabularies", current);
		nav_item(b, rq, cat, "audit", "/admin/audit", current);
	}
	buf_puts(b, "<li><form method=\"post\" action=\"");
	if (rq->lang_in_path) {
		buf_putc(b, '/');
		html_attr(b, rq->lang);
	}
	buf_puts(b, "/logout\"><input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, token);
	buf_puts(b, "\"><button type=\"submit\">");
	html_text(b, catalog_get(cat, "nav.logout"));
	buf_puts(b, "</button></form></li></ul></nav>\n");
}

void layout_begin(struct buf *b, const struct catalog *cat,
		  struct request *rq, const char *title,
		  const struct layout_opts *opt)
{
	const struct app *app = rq->app;
	const char *lang = catalog_lang(cat);
	const char *p = prefix_of(rq);

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(b, lang);
	buf_puts(b, i18n_rtl(lang) ? "\" dir=\"rtl\">\n" : "\" dir=\"ltr\">\n");
	buf_puts(b, "<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, "
		    "initial-scale=1\">\n<title>");
	html_text(b, title);
	buf_puts(b, " – ");
	html_text(b, app->cfg->site_name);
	buf_puts(b, "</title>\n");
	if (opt && opt->description) {
		buf_puts(b, "<meta name=\"description\" content=\"");
		html_attr(b, opt->description);
		buf_puts(b, "\">\n");
	}
	buf_puts(b, "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
		    "<link rel=\"stylesheet\" href=\"/static/print.css\" "
		    "media=\"print\">\n");
	if (opt && opt->canonical) {
		buf_puts(b, "<link rel=\"canonical\" href=\"");
		html_attr(b, app->cfg->base_url);
		if (p) {
			buf_putc(b, '/');
			html_attr(b, p);
		}
		html_attr(b, opt->canonical);
		buf_puts(b, "\">\n");
	}
	if (opt && opt->feed) { /* RSS/Atom autodiscovery */
		buf_puts(b, "<link rel=\"alternate\" type=\"application/atom+xml\" "
			    "title=\"");
		html_attr(b, opt->feed_title);
		buf_puts(b, "\" href=\"");
		html_attr(b, opt->feed);
		buf_puts(b, "\">\n");
	}
	for (const char *const *l = i18n_languages; *l; l++) {
		buf_puts(b, "<link rel=\"alternate\" hreflang=\"");
		html_attr(b, *l);
		buf_puts(b, "\" href=\"");
		same_page_in(b, rq, *l);
		buf_puts(b, "\">\n");
	}
	buf_puts(b, "</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">");
	html_text(b, catalog_get(cat, "nav.skip"));
	buf_puts(b, "</a>\n<header class=\"site-header\">\n<a class=\"brand\" href=\"");
	if (p) {
		buf_putc(b, '/');
		html_attr(b, p);
	}
	buf_puts(b, "/\">");
	html_text(b, app->cfg->site_name);
	buf_puts(b, "<span class=\"tagline\">");
	html_text(b, catalog_get(cat, "site.tagline"));
	buf_puts(b, "</span></a>\n<nav aria-label=\"");
	html_attr(b, catalog_get(cat, "nav.main"));
	buf_puts(b, "\"><ul>");
	nav_item(b, rq, cat, "home", "/", opt ? opt->nav : NULL);
	nav_item(b, rq, cat, "practices", "/practices", opt ? opt->nav : NULL);
	nav_item(b, rq, cat, "categories", "/categories", opt ? opt->nav : NULL);
	nav_item(b, rq, cat, "search", "/search", opt ? opt->nav : NULL);
	nav_item(b, rq, cat, "map", "/map", opt ? opt->nav : NULL);
	nav_item(b, rq, cat, "submit", "/submit", opt ? opt->nav : NULL);
	buf_puts(b, "</ul></nav>\n");
	account_nav(b, rq, cat, opt ? opt->nav : NULL);
	buf_puts(b, "<nav class=\"languages\" aria-label=\"");
	html_attr(b, catalog_get(cat, "nav.language"));
	buf_puts(b, "\"><ul>");
	for (const char *const *l = i18n_languages; *l; l++) {
		char key[32];
		snprintf(key, sizeof key, "language.%s", *l);
		buf_puts(b, "<li><a href=\"");
		same_page_in(b, rq, *l);
		buf_puts(b, "\" hreflang=\"");
		html_attr(b, *l);
		buf_puts(b, "\" lang=\"");
		html_attr(b, *l);
		buf_puts(b, strcmp(*l, lang) ? "\">" : "\" aria-current=\"true\">");
		html_text(b, catalog_get(cat, key));
		buf_puts(b, "</a></li>");
	}
	buf_puts(b, "</ul></nav>\n</header>\n<main id=\"main\">\n");
}

/* A footer link to a local page, with the language prefix. */
static void footer_link(struct buf *b, const struct request *rq,
			const struct catalog *cat, const char *path,
			const char *key)
{
	buf_puts(b, "<li><a href=\"");
	if (rq->lang_in_path) {
		buf_putc(b, '/');
		html_attr(b, rq->lang);
	}
	html_attr(b, path);
	buf_puts(b, "\">");
	html_text(b, catalog_get(cat, key));
	buf_puts(b, "</a></li>");
}

void layout_end(struct buf *b, const struct catalog *cat,
		const struct request *rq)
{
	buf_puts(b, "</main>\n<footer class=\"site-footer\"><p>");
	html_text(b, catalog_get(cat, "site.footer"));
	buf_puts(b, "</p><ul class=\"footer-links\">");
	footer_link(b, rq, cat, "/accessibility", "a11y.title");
	footer_link(b, rq, cat, "/privacy", "privacy.title");
	buf_puts(b, "<li><a href=\"/api/v1/practices\">");
	html_text(b, catalog_get(cat, "site.api"));
	buf_puts(b, "</a></li>");
	buf_puts(b, "<li><a href=\"/catalog.jsonld\" type=\"application/ld+json\">");
	html_text(b, catalog_get(cat, "site.open_data"));
	buf_puts(b, "</a></li>");
	if (!rq->user)
		footer_link(b, rq, cat, "/login", "nav.login");
	buf_puts(b, "</ul></footer>\n</body>\n</html>\n");
}

void layout_error_page(struct buf *b, const struct catalog *cat,
		       struct request *rq, int status,
		       const char *message)
{
	char key[32], code[16];
	const char *title;

	snprintf(key, sizeof key, "error.title.%d", status);
	title = catalog_has(cat, key) ? catalog_get(cat, key)
				      : catalog_get(cat, "error.title");
	layout_begin(b, cat, rq, title, NULL);
	buf_puts(b, "<h1>");
	html_text(b, title);
	buf_puts(b, "</h1>\n<p class=\"error-message\">");
	html_text(b, message);
	snprintf(code, sizeof code, "%d", status);
	buf_puts(b, "</p>\n<p>");
	html_text(b, catalog_get(cat, "error.status"));
	buf_puts(b, " ");
	html_text(b, code);
	buf_puts(b, ". <a href=\"/\">");
	html_text(b, catalog_get(cat, "error.home"));
	buf_puts(b, "</a></p>\n");
	layout_end(b, cat, rq);
}

void page_begin(struct ctx *c, const char *title,
		const struct layout_opts *opt)
{
	layout_begin(c->b, c->cat, c->rq, title, opt);
}

void page_end(struct ctx *c)
{
	layout_end(c->b, c->cat, c->rq);
}
