/* jsonld.c - schema.org data of a practice page (JSON-LD), so that
 * search engines and aggregators read what the page is about: the
 * practice as a CreativeWork by its implementing unit, with its place.
 * Never the contact persons. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "web/render.h"

/* A day for schema.org, or null when there is none. */
static json_t *iso_day(const struct ctx *c, int64_t t)
{
	return t ? json_string(format_day(c, t)) : json_null();
}

static json_t *unit(const struct organisation *o)
{
	json_t *u = json_pack("{s:s, s:s, s:{s:s, s:s?, s:s?, s:s?, s:s?}}",
		"@type", "GovernmentOrganization", "name", o->name,
		"address", "@type", "PostalAddress", "addressLocality", o->town,
		"addressRegion", o->region, "postalCode", o->postal_code,
		"addressCountry", o->country);

	if (u && o->website && *o->website)
		json_object_set_new(u, "url", json_string(o->website));
	return u;
}

void render_jsonld(struct ctx *c, const struct practice *p)
{
	const char *base = c->app->cfg->base_url;
	json_t *ld = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
		"@context", "https://schema.org", "@type", "CreativeWork",
		"name", p->title, "description", p->summary,
		"inLanguage", p->text_lang,
		"url", arena_printf(c->a, "%s%s", base, practice_path(c, p->id, p->slug)),
		"datePublished", iso_day(c, p->published_at),
		"dateModified", iso_day(c, p->updated_at),
		"creator", unit(&p->org));
	json_t *about = json_array(), *kw = json_array();
	char *text;

	if (!ld)
		return;
	for (size_t i = 0; i < p->ncategories; i++)
		json_array_append_new(about, json_string(p->categories[i].label));
	for (size_t i = 0; i < p->nkeywords; i++)
		json_array_append_new(kw, json_string(p->keywords[i]));
	json_object_set_new(ld, "about", about);
	json_object_set_new(ld, "keywords", kw);
	if (p->has_coords)
		json_object_set_new(ld, "spatialCoverage", json_pack(
			"{s:s, s:s?, s:{s:s, s:f, s:f}}", "@type", "Place",
			"name", p->org.town, "geo", "@type", "GeoCoordinates",
			"latitude", p->lat, "longitude", p->lon));
	text = json_dumps(ld, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(ld);
	if (!text)
		return;
	/* inside <script> no markup may appear: <, > and & are written as
	 * JSON escapes, which read back as the same characters */
	buf_puts(c->b, "<script type=\"application/ld+json\">");
	for (const char *s = text; *s; s++) {
		if (*s == '<')
			buf_puts(c->b, "\\u003c");
		else if (*s == '>')
			buf_puts(c->b, "\\u003e");
		else if (*s == '&')
			buf_puts(c->b, "\\u0026");
		else
			buf_putc(c->b, *s);
	}
	buf_puts(c->b, "</script>\n");
	free(text);
}
