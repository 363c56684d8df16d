/* geo.c - locating organisations in the gazetteer. */
#include "domain/geo.h"

#include <math.h>
#include <string.h>

#include "store/store.h"

void geo_key(const char *name, char out[FOLD_MAX])
{
	char plain[FOLD_MAX];
	size_t n = fold_plain(name, strlen(name), plain, sizeof plain), k = 0;
	bool space = true; /* drops leading separators */

	for (size_t i = 0; i < n && k + 1 < FOLD_MAX; i++) {
		char ch = plain[i];
		if (ch == ' ' || ch == '-' || ch == '\t') {
			if (!space)
				out[k++] = ' ';
			space = true;
			continue;
		}
		out[k++] = ch;
		space = false;
	}
	if (k && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
}

/* Whether a record's region names the place's: "wielkopolskie" and
 * "Województwo Wielkopolskie" both name "wielkopolskie". */
static bool same_region(const char *record, const char *place)
{
	char a[FOLD_MAX], b[FOLD_MAX];

	if (!record || !place)
		return false;
	geo_key(record, a);
	geo_key(place, b);
	return *b && strstr(a, b) != NULL;
}

int geo_locate(struct store *st, struct arena *a, struct organisation *o,
	       struct error *err)
{
	char key[FOLD_MAX];
	struct place *found, *pick = NULL;
	size_t n, in_region = 0;

	if (o->has_coords)
		return o->geo = o->geo == GEO_MANUAL ? GEO_MANUAL : GEO_GIVEN;
	if (!o->town || !*o->town)
		return o->geo = GEO_UNKNOWN;
	geo_key(o->town, key);
	if (store_place_find(st, a, key, o->country && *o->country ? o->country : "PL",
			     &found, &n, err) < 0)
		return -1;
	if (n == 1)
		pick = &found[0];
	for (size_t i = 0; n > 1 && i < n; i++)
		if (same_region(o->region, found[i].region)) {
			pick = &found[i];
			in_region++;
		}
	if (n > 1 && in_region != 1)
		pick = NULL;
	if (!pick)
		return o->geo = n ? GEO_AMBIGUOUS : GEO_UNKNOWN;
	o->lat = pick->lat;
	o->lon = pick->lon;
	o->has_coords = true;
	return o->geo = GEO_LOCATED;
}

int geo_find(struct store *st, struct arena *a, const char *query,
	     struct place **out, size_t *n, struct error *err)
{
	static const char *const countries[] = {"PL", "SI"};
	const char *comma = strchr(query, ',');
	char *town = arena_strndup(a, query, comma ? (size_t)(comma - query)
						   : strlen(query));
	char key[FOLD_MAX];
	struct place *all = NULL;
	size_t total = 0, cap = 0, kept = 0;

	*out = NULL;
	*n = 0;
	if (!town)
		return error_set(err, ERR_INTERNAL, "out of memory");
	geo_key(town, key);
	for (size_t c = 0; c < 2; c++) {
		struct place *found;
		size_t k;
		if (store_place_find(st, a, key, countries[c], &found, &k, err) < 0)
			return -1;
		for (size_t i = 0; i < k; i++) {
			if (!(all = arena_grow(a, all, total, &cap, sizeof *all)))
				return error_set(err, ERR_INTERNAL, "out of memory");
			all[total++] = found[i];
		}
	}
	/* "Town, region": keep the places of that region */
	for (size_t i = 0; comma && i < total; i++)
		if (same_region(comma + 1, all[i].region))
			all[kept++] = all[i];
	if (comma && kept)
		total = kept;
	*out = all;
	*n = total;
	return total == 1 ? GEO_LOCATED : total ? GEO_AMBIGUOUS : GEO_UNKNOWN;
}

double geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
	const double r = 6371.0088, rad = M_PI / 180;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double h = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);

	return 2 * r * asin(sqrt(h));
}
