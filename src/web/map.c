/* map.c - the map of practices: Leaflet with clustered markers drawn by
 * static/map.js from the GeoJSON API, the list page's filters, and the
 * same practices listed under the map, which is all the page is for
 * people who cannot use a map, without scripts, or without tiles. */
#include <string.h>

#include "text/html.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/near.h"
#include "web/pages.h"
#include "web/render.h"

enum { MAP_POINTS = 5000 };

/* The GeoJSON address with the page's own filter arguments. */
static const char *geojson_url(struct ctx *c)
{
	struct buf b;
	const char *url;

	buf_init(&b, 128);
	buf_puts(&b, "/api/v1/practices.geojson");
	for (size_t i = 0, n = 0; i < c->rq->nargs; i++) {
		const char *name = c->rq->args[i].name;
		if (filter_param_parse(name) < 0 && strcmp(name, "near") &&
		    strcmp(name, "km"))
			continue;
		buf_putc(&b, n++ ? '&' : '?');
		html_url_arg(&b, c->rq->args[i].name);
		buf_putc(&b, '=');
		html_url_arg(&b, c->rq->args[i].value);
	}
	url = b.oom ? NULL : arena_strdup(c->a, b.data);
	buf_release(&b);
	return url ? url : "/api/v1/practices.geojson";
}

static void render_map_box(struct ctx *c)
{
	const struct config *cfg = c->app->cfg;

	buf_puts(c->b, "<div id=\"map\" class=\"map\" role=\"region\" aria-label=\"");
	html_attr(c->b, T(c, "map.label"));
	buf_puts(c->b, "\" data-geojson=\"");
	html_attr(c->b, geojson_url(c));
	buf_puts(c->b, "\" data-tiles=\"");
	html_attr(c->b, cfg->map_tiles);
	buf_puts(c->b, "\" data-attribution=\"");
	html_attr(c->b, cfg->map_attribution);
	buf_puts(c->b, "\" data-prefix=\"");
	html_attr(c->b, c->prefix);
	buf_puts(c->b, "\"><p class=\"map-fallback\">");
	html_text(c->b, T(c, "map.fallback"));
	buf_puts(c->b, "</p></div>\n<p class=\"meta\">");
	/* the gazetteer's licence (CC BY 4.0) asks for its name */
	html_text(c->b, T(c, "map.places_credit"));
	buf_puts(c->b, " <a href=\"https://www.geonames.org/\">GeoNames</a> (CC BY 4.0).</p>\n");
}

static void render_point_list(struct ctx *c, const struct practice_point *p,
			      size_t n, bool more)
{
	buf_puts(c->b, "<h2 id=\"map-list\">");
	html_text(c->b, arena_printf(c->a, "%s: %s", T(c, "map.list"),
				     format_count(c, (int64_t)n)));
	buf_puts(c->b, "</h2>\n<ul class=\"map-list\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(c->b, "<li>");
		html_link(c->b, practice_path(c, p[i].id, p[i].slug), p[i].title);
		if (p[i].km >= 0)
			buf_printf(c->b, " <span class=\"meta\">%.1f km</span>", p[i].km);
		if (p[i].org_name || p[i].town) {
			buf_puts(c->b, " <span class=\"meta\">");
			html_text(c->b, p[i].town && p[i].org_name
					       ? arena_printf(c->a, "%s, %s", p[i].org_name, p[i].town)
					       : p[i].org_name ? p[i].org_name : p[i].town);
			buf_puts(c->b, "</span>");
		}
		buf_puts(c->b, "</li>\n");
	}
	buf_puts(c->b, "</ul>\n");
	if (more) {
		buf_puts(c->b, "<p>");
		html_text(c->b, T(c, "map.more"));
		buf_puts(c->b, "</p>\n");
	}
}

/* "Near me": a place and a distance, with the page's filters kept. */
static void render_near_form(struct ctx *c, const struct near *nr)
{
	buf_puts(c->b, "<form method=\"get\" class=\"near\" action=\"");
	html_attr(c->b, ctx_url(c, "/map"));
	buf_puts(c->b, "\">");
	for (size_t i = 0; i < c->rq->nargs; i++) {
		if (filter_param_parse(c->rq->args[i].name) < 0)
			continue;
		buf_puts(c->b, "<input type=\"hidden\" name=\"");
		html_attr(c->b, c->rq->args[i].name);
		buf_puts(c->b, "\" value=\"");
		html_attr(c->b, c->rq->args[i].value);
		buf_puts(c->b, "\">");
	}
	render_fieldset_open(c, "map.near");
	render_input(c, "near", T(c, "map.near.place"), T(c, "map.near.hint"),
		     nr->query, NULL, 0, "address-level2");
	render_input(c, "km", T(c, "map.near.km"), NULL,
		     arena_printf(c->a, "%ld", nr->km), NULL, FIELD_NUMBER, "off");
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "map.near.show"));
	buf_puts(c->b, "</button></p></fieldset></form>\n");
	if (!nr->query || !*nr->query || nr->on)
		return;
	buf_puts(c->b, "<div class=\"notice\" role=\"status\"><p>");
	html_text(c->b, T(c, nr->status == GEO_AMBIGUOUS ? "map.near.ambiguous"
							 : "map.near.unknown"));
	buf_puts(c->b, "</p>");
	if (nr->ncandidates) {
		buf_puts(c->b, "<ul>");
		for (size_t i = 0; i < nr->ncandidates; i++) {
			const struct place *pl = &nr->candidates[i];
			const char *q = arena_printf(c->a, "%s, %s", pl->name,
						     pl->region ? pl->region : pl->country);
			struct buf u;
			buf_init(&u, 64);
			buf_puts(&u, "/map?near=");
			html_url_arg(&u, q);
			buf_printf(&u, "&km=%ld", nr->km);
			buf_puts(c->b, "<li>");
			html_link(c->b, ctx_url(c, "%s", u.data), q);
			buf_puts(c->b, "</li>");
			buf_release(&u);
		}
		buf_puts(c->b, "</ul>");
	}
	buf_puts(c->b, "</div>\n");
}

static int render_map(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice_filter f;
	struct practice_point *pts;
	struct near nr;
	size_t n;
	bool replied = false, more;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_filter_or_reply(&c, &f, &replied) < 0 ||
	    web_near_or_reply(&c, &nr, &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	if (store_practice_points(c.st, c.a, c.lang, &f, MAP_POINTS, &pts, &n,
				  &more, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	near_filter(&nr, pts, &n);
	if (nr.query && *nr.query && !nr.on)
		n = 0; /* a place to choose first: nothing is near nowhere */
	page_begin(&c, T(&c, "map.title"), &(struct layout_opts){
		.nav = "map", .canonical = filter_is_empty(&f) ? "/map" : NULL});
	buf_puts(c.b, "<link rel=\"stylesheet\" href=\"/static/leaflet.css\">\n"
		      "<link rel=\"stylesheet\" href=\"/static/markercluster.css\">\n"
		      "<link rel=\"stylesheet\" href=\"/static/markercluster-default.css\">\n<h1>");
	html_text(c.b, T(&c, "map.title"));
	buf_puts(c.b, "</h1>\n<div class=\"with-sidebar\"><div class=\"sidebar\">");
	if (render_filters(&c, &f, "/map", &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	render_near_form(&c, &nr);
	buf_puts(c.b, "</div>\n<section class=\"results\" aria-labelledby=\"map-list\">");
	render_map_box(&c);
	render_point_list(&c, pts, n, more);
	buf_puts(c.b, "</section></div>\n"
		      "<script src=\"/static/leaflet.js\"></script>\n"
		      "<script src=\"/static/markercluster.js\"></script>\n"
		      "<script src=\"/static/map.js\"></script>\n");
	page_end(&c);
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_map(struct request *rq, struct response *rs)
{
	return web_cached(rq, rs, render_map);
}
