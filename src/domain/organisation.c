#include "domain/organisation.h"

#include <string.h>

#include "domain/check.h"
#include "domain/practice.h"

const char *const unit_type_codes[UNIT__MAX] = {
	"urban_municipality", "rural_municipality", "urban_rural_municipality",
	"city_county", "county", "region", "ngo", "informal_group", "company",
	"other",
};

const char *const geo_status_codes[GEO__MAX] = {
	"", "given", "located", "ambiguous", "unknown", "manual",
};

int organisation_validate(const struct organisation *o, struct error *err)
{
	if ((unsigned)o->unit_type >= UNIT__MAX)
		return error_set(err, ERR_INVALID, "unit_type: unknown");
	TRY(check_text("name", o->name, PRACTICE_SHORT_MAX, true, err));
	TRY(check_text("town", o->town, PRACTICE_SHORT_MAX, false, err));
	TRY(check_text("county", o->county, PRACTICE_SHORT_MAX, false, err));
	TRY(check_text("region", o->region, PRACTICE_SHORT_MAX, false, err));
	TRY(check_text("postal_code", o->postal_code, 20, false, err));
	TRY(check_text("post_office", o->post_office, PRACTICE_SHORT_MAX, false, err));
	TRY(check_text("street", o->street, PRACTICE_SHORT_MAX, false, err));
	TRY(check_url("website", o->website, err));
	if (o->country && *o->country &&
	    (strlen(o->country) != 2 || o->country[0] < 'A' ||
	     o->country[0] > 'Z' || o->country[1] < 'A' || o->country[1] > 'Z'))
		return error_set(err, ERR_INVALID,
				 "country: expected a two-letter ISO code");
	if (o->population < -1 || o->population > 100000000)
		return error_set(err, ERR_INVALID, "population: out of range");
	if (o->has_coords && (o->lat < -90 || o->lat > 90 || o->lon < -180 ||
			      o->lon > 180))
		return error_set(err, ERR_INVALID, "coordinates: out of range");
	return 0;
}
