#include "web/render.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "text/html.h"

static const char *label(const struct ctx *c, const char *group,
			 const char *code)
{
	char key[64];

	snprintf(key, sizeof key, "%s.%s", group, code);
	return arena_strdup(c->a, T(c, key));
}

const char *label_unit(const struct ctx *c, enum unit_type t)
{
	return label(c, "unit", unit_type_codes[t]);
}

const char *label_initiator(const struct ctx *c, enum initiator_type t)
{
	return label(c, "initiator", initiator_type_codes[t]);
}

const char *label_language(const struct ctx *c, const char *code)
{
	char key[32];

	snprintf(key, sizeof key, "language.%s", code);
	return catalog_has(c->cat, key) ? T(c, key) : code;
}

const char *label_link_kind(const struct ctx *c, enum link_kind k)
{
	return label(c, "link", link_kind_codes[k]);
}

const char *label_status(const struct ctx *c, enum practice_status s)
{
	return label(c, "status", practice_status_codes[s]);
}

const char *format_day(const struct ctx *c, int64_t t)
{
	char s[16];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%d", &tm);
	return arena_strdup(c->a, s);
}

const char *format_date_today(const struct ctx *c)
{
	return format_day(c, (int64_t)time(NULL));
}

const char *format_count(const struct ctx *c, int64_t n)
{
	char digits[32], out[48];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
	size_t o = 0;

	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0 && digits[0] != '-') {
			/* U+202F narrow no-break space, as Polish writes it */
			memcpy(out + o, "\u202f", 3);
			o += 3;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(c->a, out);
}

const char *practice_path(const struct ctx *c, int64_t id, const char *slug)
{
	return ctx_url(c, "/practices/%lld-%s", (long long)id, slug);
}

const char *organisation_path(const struct ctx *c, int64_t id,
			      const char *slug)
{
	return ctx_url(c, "/organisations/%lld-%s", (long long)id, slug);
}

void render_snippet(struct buf *b, const char *s)
{
	bool open = false;

	while (*s) {
		size_t n = strcspn(s, "\x02\x03");
		html_textn(b, s, n);
		s += n;
		if (*s == '\x02' && !open) {
			buf_puts(b, "<mark>");
			open = true;
		} else if (*s == '\x03' && open) {
			buf_puts(b, "</mark>");
			open = false;
		}
		if (*s)
			s++;
	}
	if (open)
		buf_puts(b, "</mark>");
}

void render_practice_cards(struct ctx *c, const struct practice_summary *p,
			   size_t n, int level)
{
	struct buf *b = c->b;

	buf_puts(b, "<ul class=\"practice-list\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "<li class=\"practice-card\"><h%d>", level);
		html_link(b, practice_path(c, p[i].id, p[i].slug), p[i].title);
		buf_printf(b, "</h%d>\n<p class=\"meta\">", level);
		html_text(b, p[i].org_name);
		if (p[i].town && (!p[i].org_name || !strstr(p[i].org_name, p[i].town))) {
			buf_puts(b, ", ");
			html_text(b, p[i].town);
		}
		if (p[i].region) {
			buf_puts(b, " · ");
			html_text(b, p[i].region);
		}
		buf_puts(b, " · ");
		html_text(b, label_unit(c, p[i].unit_type));
		if (p[i].date_entered) {
			buf_puts(b, " · <time datetime=\"");
			html_attr(b, p[i].date_entered);
			buf_puts(b, "\">");
			html_text(b, p[i].date_entered);
			buf_puts(b, "</time>");
		}
		if (strcmp(p[i].lang, c->lang)) {
			buf_puts(b, " · <span lang=\"");
			html_attr(b, c->lang);
			buf_puts(b, "\">");
			html_text(b, label_language(c, p[i].lang));
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</p>\n<p class=\"summary\" lang=\"");
		html_attr(b, p[i].lang);
		buf_puts(b, "\">");
		if (p[i].snippet)
			render_snippet(b, p[i].snippet);
		else
			html_text(b, p[i].summary);
		buf_puts(b, "</p></li>\n");
	}
	buf_puts(b, "</ul>\n");
}

static void pager_link(struct ctx *c, const char *base, long page,
		       const char *rel, const char *text)
{
	struct buf *b = c->b;
	bool first = true;

	buf_puts(b, "<a rel=\"");
	buf_puts(b, rel);
	buf_puts(b, "\" href=\"");
	html_attr(b, base);
	for (size_t i = 0; i < c->rq->nargs; i++) {
		if (!strcmp(c->rq->args[i].name, "page") || !*c->rq->args[i].value)
			continue;
		buf_puts(b, first ? "?" : "&amp;");
		first = false;
		html_url_arg(b, c->rq->args[i].name);
		buf_putc(b, '=');
		html_url_arg(b, c->rq->args[i].value);
	}
	if (page > 1)
		buf_printf(b, "%spage=%ld", first ? "?" : "&amp;", page);
	buf_puts(b, "\">");
	html_text(b, text);
	buf_puts(b, "</a>");
}

void render_pager(struct ctx *c, const char *base, long page, long pages)
{
	struct buf *b = c->b;
	char status[96];

	if (pages <= 1)
		return;
	buf_puts(b, "<nav class=\"pager\" aria-label=\"");
	html_attr(b, T(c, "pager.label"));
	buf_puts(b, "\"><ul>");
	if (page > 1) {
		buf_puts(b, "<li>");
		pager_link(c, base, page - 1, "prev", T(c, "pager.previous"));
		buf_puts(b, "</li>");
	}
	snprintf(status, sizeof status, "%s %ld %s %ld", T(c, "pager.page"),
		 page, T(c, "pager.of"), pages);
	buf_puts(b, "<li aria-current=\"page\">");
	html_text(b, status);
	buf_puts(b, "</li>");
	if (page < pages) {
		buf_puts(b, "<li>");
		pager_link(c, base, page + 1, "next", T(c, "pager.next"));
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul></nav>\n");
}

void render_fact(struct ctx *c, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	buf_puts(c->b, "<dt>");
	html_text(c->b, T(c, key));
	buf_puts(c->b, "</dt><dd>");
	html_text(c->b, value);
	buf_puts(c->b, "</dd>\n");
}

void render_org_facts(struct ctx *c, const struct organisation *o)
{
	render_fact(c, "fact.unit_type", label_unit(c, o->unit_type));
	render_fact(c, "fact.town", o->town);
	render_fact(c, "fact.county", o->county);
	render_fact(c, "fact.region", o->region);
	render_fact(c, "fact.country", o->country);
	if (o->postal_code)
		render_fact(c, "fact.postal_code", arena_printf(c->a, "%s%s%s",
			    o->postal_code, o->post_office ? " " : "",
			    o->post_office ? o->post_office : ""));
	render_fact(c, "fact.street", o->street);
	if (o->website && html_url_is_safe(o->website)) {
		buf_puts(c->b, "<dt>");
		html_text(c->b, T(c, "fact.website"));
		buf_puts(c->b, "</dt><dd>");
		html_link(c->b, o->website, o->website);
		buf_puts(c->b, "</dd>\n");
	}
	if (o->population >= 0)
		render_fact(c, "fact.population", format_count(c, o->population));
}

void render_attachments(struct ctx *c, const struct attachment_ref *a,
			size_t n, const char *base)
{
	if (!n)
		return;
	buf_puts(c->b, "<section class=\"attachments\" aria-labelledby=\"files\">"
		       "<h2 id=\"files\">");
	html_text(c->b, T(c, "review.attachments"));
	buf_puts(c->b, "</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		buf_puts(c->b, "<li>");
		html_link(c->b, ctx_url(c, "%s/%lld", base, (long long)a[i].id),
			  a[i].display_name);
		buf_printf(c->b, " (%s, %lld kB)</li>", a[i].type,
			   (long long)(a[i].size + 1023) / 1024);
	}
	buf_puts(c->b, "</ul></section>\n");
}

void render_table_open(struct ctx *c, const char *cls, const char *caption_key,
		       const char *const *head_keys, size_t n)
{
	buf_puts(c->b, "<table class=\"");
	html_attr(c->b, cls);
	buf_puts(c->b, "\"><caption>");
	html_text(c->b, T(c, caption_key));
	buf_puts(c->b, "</caption><thead><tr>");
	for (size_t i = 0; i < n; i++) {
		buf_puts(c->b, "<th scope=\"col\">");
		html_text(c->b, T(c, head_keys[i]));
		buf_puts(c->b, "</th>");
	}
	buf_puts(c->b, "</tr></thead><tbody>\n");
}

const char *web_origin(struct ctx *c)
{
	const char *host = request_header(c->rq, "Host");

	if (*c->app->cfg->base_url)
		return c->app->cfg->base_url;
	if (!host || !*host ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789.-:[]") != strlen(host))
		return "http://localhost";
	return arena_printf(c->a, "http://%s", host);
}
