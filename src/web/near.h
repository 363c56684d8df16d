/* near.h - "near me": the practices within a distance of a place the
 * reader names (near=Kórnik&km=30), nearest first; shared by the map
 * page and the GeoJSON API. */
#ifndef WEB_NEAR_H
#define WEB_NEAR_H

#include "domain/geo.h"
#include "web/web.h"

struct near {
	bool on;
	const char *query;
	struct place place;
	long km;
	/* when the name fits several places, or none */
	enum geo_status status;
	struct place *candidates;
	size_t ncandidates;
};

enum { NEAR_KM_DEFAULT = 30, NEAR_KM_MAX = 1000 };

/* Reads near= and km=. A malformed km gets a 400 (-1, *replied). A name
 * that fits several places or none leaves nr->on false with the status
 * and candidates set, for the page to say so. */
int web_near_or_reply(struct ctx *c, struct near *nr, bool *replied);
/* Keeps the points within nr->km of its place, nearest first, with
 * their distances. */
void near_filter(const struct near *nr, struct practice_point *pts, size_t *n);

#endif
