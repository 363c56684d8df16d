/* geojson.c - /api/v1/practices.geojson: the published practices that
 * have a place, as a GeoJSON FeatureCollection (RFC 7946: longitude
 * first), with the filters of the list page and near=/km=. For maps,
 * the site's own and other portals'; no contact persons, as in every
 * list. */
#include <jansson.h>

#include "web/json.h"
#include "web/near.h"
#include "web/pages.h"
#include "web/render.h"

enum { POINTS_DEFAULT = 5000, POINTS_MAX = 20000 };

static json_t *feature(struct ctx *c, const struct practice_point *p)
{
	const char *base = c->app->cfg->base_url;

	json_t *f = json_pack("{s:s, s:{s:s, s:[f,f]}, s:{s:I, s:s?, s:s?, s:s?, s:s}}",
		"type", "Feature",
		"geometry", "type", "Point", "coordinates", p->lon, p->lat,
		"properties", "id", (json_int_t)p->id, "title", p->title,
		"organisation", p->org_name, "town", p->town,
		"url", arena_printf(c->a, "%s/practices/%lld-%s", base,
				    (long long)p->id, p->slug));

	if (f && p->km >= 0) /* with near=: how far, rounded to 100 m */
		json_object_set_new(json_object_get(f, "properties"), "km",
				    json_real((double)(long)(p->km * 10 + 0.5) / 10));
	return f;
}

int api_practices_geojson(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct practice_filter f;
	struct practice_point *pts;
	struct near nr;
	size_t n;
	bool replied = false, more;
	long limit;
	json_t *features, *all;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_filter_or_reply(&c, &f, &replied) < 0 ||
	    web_int_or_reply(&c, "limit", 1, POINTS_MAX, POINTS_DEFAULT, &limit,
			     &replied) < 0 ||
	    web_near_or_reply(&c, &nr, &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	if (nr.query && *nr.query && !nr.on) {
		rc = web_fail(&c, 400, nr.status == GEO_AMBIGUOUS
			? "near: several places have this name; add the region after a comma"
			: "near: no such place in the gazetteer");
		goto out;
	}
	if (store_practice_points(c.st, c.a, c.lang, &f, (int)limit, &pts, &n,
				  &more, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	near_filter(&nr, pts, &n);
	if (!(features = json_array()))
		goto out;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(features, feature(&c, &pts[i]));
	/* "truncated" is a foreign member (RFC 7946, 6.1): more matched
	 * than limit allowed */
	all = json_pack("{s:s, s:o, s:b}", "type", "FeatureCollection",
			"features", features, "truncated", more);
	rs->content_type = "application/geo+json";
	rc = all ? json_emit(c.b, all) : -1;
out:
	ctx_close(&c);
	return rc;
}
