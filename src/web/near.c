/* near.c - practices near a named place. */
#include "web/near.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"

int web_near_or_reply(struct ctx *c, struct near *nr, bool *replied)
{
	struct error err = ERROR_INIT;
	struct place *found;
	size_t n;
	int geo;

	memset(nr, 0, sizeof *nr);
	nr->query = request_arg(c->rq, "near");
	if (web_int_or_reply(c, "km", 1, NEAR_KM_MAX, NEAR_KM_DEFAULT, &nr->km,
			     replied) < 0)
		return -1;
	if (!nr->query || !*nr->query)
		return 0;
	if ((geo = geo_find(c->st, c->a, nr->query, &found, &n, &err)) < 0) {
		*replied = web_fail_store(c, &err) == 0;
		return -1;
	}
	nr->status = (enum geo_status)geo;
	if (geo == GEO_LOCATED) {
		nr->on = true;
		nr->place = found[0];
	} else {
		nr->candidates = found;
		nr->ncandidates = n;
	}
	return 0;
}

static int by_distance(const void *a, const void *b)
{
	double x = ((const struct practice_point *)a)->km;
	double y = ((const struct practice_point *)b)->km;
	return (x > y) - (x < y);
}

void near_filter(const struct near *nr, struct practice_point *pts, size_t *n)
{
	size_t kept = 0;

	if (!nr->on)
		return;
	for (size_t i = 0; i < *n; i++) {
		double km = geo_distance_km(nr->place.lat, nr->place.lon,
					    pts[i].lat, pts[i].lon);
		if (km <= (double)nr->km) {
			pts[kept] = pts[i];
			pts[kept++].km = km;
		}
	}
	*n = kept;
	qsort(pts, kept, sizeof *pts, by_distance);
}
