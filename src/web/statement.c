/* statement.c - the accessibility statement in the structure Polish law
 * asks of public bodies (ustawa z 4 kwietnia 2019 r. o dostępności
 * cyfrowej, with the element ids of the technical conditions, so that
 * monitoring tools find each part), and the privacy notice. Facts come
 * from the configuration; the wording from the message catalogue. */
#include <string.h>

#include "text/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"

/* <p>label: <span id="id">value</span></p>, or "not given" when empty. */
static void fact(struct ctx *c, const char *label_key, const char *id,
		 const char *value)
{
	buf_puts(c->b, "<p>");
	html_text(c->b, T(c, label_key));
	buf_puts(c->b, ": <span id=\"");
	html_attr(c->b, id);
	buf_puts(c->b, "\">");
	html_text(c->b, value && *value ? value : T(c, "a11y.not_given"));
	buf_puts(c->b, "</span></p>\n");
}

static void para(struct ctx *c, const char *key)
{
	buf_puts(c->b, "<p>");
	html_text(c->b, T(c, key));
	buf_puts(c->b, "</p>\n");
}

static void heading(struct ctx *c, int level, const char *id, const char *key)
{
	buf_printf(c->b, "<h%d", level);
	if (id) {
		buf_puts(c->b, " id=\"");
		html_attr(c->b, id);
		buf_puts(c->b, "\"");
	}
	buf_puts(c->b, ">");
	html_text(c->b, T(c, key));
	buf_printf(c->b, "</h%d>\n", level);
}

static const char *operator_of(const struct ctx *c)
{
	const char *op = c->app->cfg->operator_name;
	return *op ? op : c->app->cfg->site_name;
}

static void render_intro(struct ctx *c)
{
	const struct config *cfg = c->app->cfg;
	const char *url = *cfg->base_url ? cfg->base_url : "/";

	buf_puts(c->b, "<p id=\"a11y-wstep\"><span id=\"a11y-podmiot\">");
	html_text(c->b, operator_of(c));
	buf_puts(c->b, "</span> ");
	html_text(c->b, T(c, "a11y.intro"));
	buf_puts(c->b, " <a id=\"a11y-url\" href=\"");
	html_attr(c->b, url);
	buf_puts(c->b, "\">");
	html_text(c->b, cfg->site_name);
	buf_puts(c->b, "</a>.</p>\n");
	fact(c, "a11y.published", "a11y-data-publikacja", cfg->a11y_published);
	fact(c, "a11y.updated", "a11y-data-aktualizacja", cfg->a11y_updated);
}

static void render_status(struct ctx *c)
{
	const char *st = c->app->cfg->a11y_status;
	const char *e = c->app->cfg->a11y_exceptions;

	if (strcmp(st, "full") && strcmp(st, "none"))
		st = "partial";
	heading(c, 2, NULL, "a11y.status.title");
	buf_puts(c->b, "<p id=\"a11y-status\">");
	html_text(c->b, T(c, arena_printf(c->a, "a11y.status.%s", st)));
	buf_puts(c->b, "</p>\n");
	heading(c, 3, NULL, "a11y.exceptions.title");
	buf_puts(c->b, "<p>");
	html_text(c->b, *e ? e : T(c, "a11y.exceptions.none"));
	buf_puts(c->b, "</p>\n");
	heading(c, 2, NULL, "a11y.prepared.title");
	fact(c, "a11y.prepared", "a11y-data-sporzadzenie", c->app->cfg->a11y_prepared);
	para(c, "a11y.method");
	para(c, "a11y.keyboard");
}

static void render_contact(struct ctx *c)
{
	const struct config *cfg = c->app->cfg;

	heading(c, 2, "a11y-kontakt", "a11y.contact.title");
	para(c, "a11y.contact.intro");
	fact(c, "a11y.contact.person", "a11y-osoba", cfg->a11y_contact_name);
	fact(c, "a11y.contact.email", "a11y-email", cfg->a11y_contact_email);
	fact(c, "a11y.contact.phone", "a11y-telefon", cfg->a11y_contact_phone);
	para(c, "a11y.rights");
	heading(c, 3, "a11y-procedura", "a11y.procedure.title");
	para(c, "a11y.procedure");
	para(c, "a11y.complaint");
}

int page_accessibility(struct request *rq, struct response *rs)
{
	struct ctx c;
	const char *arch;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	page_begin(&c, T(&c, "a11y.title"), &(struct layout_opts){
		.canonical = "/accessibility"});
	heading(&c, 1, "a11y-title", "a11y.title");
	render_intro(&c);
	render_status(&c);
	render_contact(&c);
	heading(&c, 2, "a11y-architektura", "a11y.architecture.title");
	arch = c.app->cfg->a11y_architecture;
	buf_puts(c.b, "<p>");
	html_text(c.b, *arch ? arch : T(&c, "a11y.architecture.none"));
	buf_puts(c.b, "</p>\n");
	heading(&c, 2, "a11y-aplikacje", "a11y.apps.title");
	para(&c, "a11y.apps");
	page_end(&c);
	ctx_close(&c);
	return 0;
}

int page_privacy(struct request *rq, struct response *rs)
{
	struct ctx c;
	const char *contact;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	contact = c.app->cfg->privacy_contact;
	page_begin(&c, T(&c, "privacy.title"), &(struct layout_opts){
		.canonical = "/privacy"});
	heading(&c, 1, NULL, "privacy.title");
	buf_puts(c.b, "<p>");
	html_text(c.b, T(&c, "privacy.controller"));
	buf_puts(c.b, " <strong>");
	html_text(c.b, operator_of(&c));
	buf_puts(c.b, "</strong>.</p>\n");
	fact(&c, "privacy.contact", "privacy-contact", contact);
	static const char *const parts[] = {"readers", "submitters", "contacts",
		"accounts", "logs", "rights"};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		heading(&c, 2, NULL, arena_printf(c.a, "privacy.%s.title", parts[i]));
		para(&c, arena_printf(c.a, "privacy.%s", parts[i]));
	}
	page_end(&c);
	ctx_close(&c);
	return 0;
}
