/* organisation.h - the implementing units: municipalities, counties,
 * regions, NGOs, groups and companies whose practices the catalogue holds. */
#ifndef DOMAIN_ORGANISATION_H
#define DOMAIN_ORGANISATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

enum unit_type {
	UNIT_URBAN_MUNICIPALITY,      /* gmina miejska, mestna občina */
	UNIT_RURAL_MUNICIPALITY,      /* gmina wiejska */
	UNIT_URBAN_RURAL_MUNICIPALITY, /* gmina miejsko-wiejska, občina */
	UNIT_CITY_COUNTY,             /* miasto na prawach powiatu */
	UNIT_COUNTY,                  /* powiat */
	UNIT_REGION,                  /* województwo */
	UNIT_NGO,
	UNIT_INFORMAL_GROUP,
	UNIT_COMPANY,
	UNIT_OTHER,
	UNIT__MAX
};

extern const char *const unit_type_codes[UNIT__MAX];

/* How an organisation's place was found: coordinates given with the
 * record, located from its town by the gazetteer, or set by an editor;
 * or why not (several places fit, or none). */
enum geo_status {
	GEO_NONE,       /* not looked up */
	GEO_GIVEN,
	GEO_LOCATED,
	GEO_AMBIGUOUS,  /* for an editor to settle */
	GEO_UNKNOWN,    /* for an editor to settle */
	GEO_MANUAL,
	GEO__MAX
};
extern const char *const geo_status_codes[GEO__MAX];

struct organisation {
	int64_t id;
	const char *slug, *name;
	enum unit_type unit_type;
	const char *town, *county, *region, *country; /* country: ISO 3166-1 */
	const char *postal_code, *post_office, *street, *website;
	int64_t population; /* -1: unknown */
	bool has_coords;
	double lat, lon;
	enum geo_status geo;
};

int organisation_validate(const struct organisation *o, struct error *err);

#endif
