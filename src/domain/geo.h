/* geo.h - places: the gazetteer's entries, and locating an organisation
 * from its town, told apart by its region when the name is not unique.
 * Names meet in their plain fold, so "Kórnik", "kornik" and "KÓRNIK"
 * are one place. */
#ifndef DOMAIN_GEO_H
#define DOMAIN_GEO_H

#include <stddef.h>

#include "core/arena.h"
#include "domain/organisation.h"
#include "text/fold.h"

struct store;

struct place {
	const char *name, *country, *region; /* region: as records write it */
	double lat, lon;
};

/* The key a place is found by: plain fold, hyphens and runs of spaces
 * as one space, trimmed. */
void geo_key(const char *name, char out[FOLD_MAX]);

/* Looks o's town up in its country (PL when none is given) and, when
 * several places have the name, keeps those in o's region. One place:
 * sets o's coordinates and returns GEO_LOCATED; else GEO_AMBIGUOUS or
 * GEO_UNKNOWN and leaves them. Records that have coordinates keep them
 * (GEO_GIVEN). Negative on a store error. */
int geo_locate(struct store *st, struct arena *a, struct organisation *o,
	       struct error *err);

/* The place a reader names ("Kórnik", or "Wysoka, podkarpackie" when
 * the name alone is not enough), in Poland or Slovenia. GEO_LOCATED with
 * *out set; GEO_AMBIGUOUS with the candidates in *out and *n; or
 * GEO_UNKNOWN. Negative on a store error. */
int geo_find(struct store *st, struct arena *a, const char *query,
	     struct place **out, size_t *n, struct error *err);

/* Great-circle distance in kilometres. */
double geo_distance_km(double lat1, double lon1, double lat2, double lon2);

#endif
