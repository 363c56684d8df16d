/* export.c - writing the published catalogue as CSV or as a data set,
 * a page of records at a time. */
#include "domain/export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/revision.h"
#include "store/store.h"
#include "text/csv.h"

enum { EXPORT_PAGE = 200 };

/* Data-set keys: "{id}-{slug}", unique and readable. */
static json_t *key_json(int64_t id, const char *slug)
{
	char key[400];

	snprintf(key, sizeof key, "%lld-%s", (long long)id, slug ? slug : "");
	return json_string(key);
}

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
}

void export_organisation_facts(struct json_t *j, const struct organisation *o,
			       const char *name_key)
{
	set_str(j, name_key, o->name);
	set_str(j, "unit_type", unit_type_codes[o->unit_type]);
	set_str(j, "town", o->town);
	set_str(j, "county", o->county);
	set_str(j, "region", o->region);
	set_str(j, "country", o->country);
	set_str(j, "postal_code", o->postal_code);
	set_str(j, "post_office", o->post_office);
	set_str(j, "street", o->street);
	set_str(j, "website", o->website);
}

static json_t *org_json(const struct organisation *o)
{
	json_t *j = json_object();

	json_object_set_new(j, "key", key_json(o->id, o->slug));
	export_organisation_facts(j, o, "name");
	if (o->population >= 0)
		json_object_set_new(j, "population", json_integer(o->population));
	if (o->has_coords) {
		json_object_set_new(j, "lat", json_real(o->lat));
		json_object_set_new(j, "lon", json_real(o->lon));
	}
	return j;
}

/* "translations": {"en": {"title", "summary", "body"}, ...} */
static json_t *translations_json(const struct practice_translation *t,
				 size_t n)
{
	json_t *j = json_object();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		set_str(o, "title", t[i].title);
		set_str(o, "summary", t[i].summary);
		set_str(o, "body", t[i].body);
		json_object_set_new(j, t[i].lang, o);
	}
	return j;
}

static int by_id(const void *x, const void *y)
{
	int64_t a = ((const struct practice_ref *)x)->id;
	int64_t b = ((const struct practice_ref *)y)->id;

	return (a > b) - (a < b);
}

/* The revision snapshot's practice object, without its contact persons,
 * with the data set's keys, publication time (to the second, so that an
 * import of the export orders the catalogue as it was), own place,
 * relations and translations. */
static json_t *practice_json(const struct practice *p,
			     const struct practice_translation *tr, size_t ntr)
{
	json_t *j = revision_json(p), *rel;
	char when[32];
	time_t t = (time_t)p->published_at;
	struct tm tm;

	if (!j)
		return NULL;
	json_object_del(j, "contacts");
	json_object_set_new(j, "key", key_json(p->id, p->slug));
	json_object_set_new(j, "organisation", key_json(p->org.id, p->org.slug));
	if (p->published_at && gmtime_r(&t, &tm)) {
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_set_new(j, "published_at", json_string(when));
	}
	/* the store gives a practice without a place its unit's: only a
	 * place of its own is the practice's */
	if (p->has_coords && !(p->org.has_coords && p->lat == p->org.lat &&
			       p->lon == p->org.lon)) {
		json_object_set_new(j, "lat", json_real(p->lat));
		json_object_set_new(j, "lon", json_real(p->lon));
	}
	if (p->adapted_from)
		json_object_set_new(j, "adapted_from",
				    key_json(p->adapted_from->id,
					     p->adapted_from->slug));
	if (ntr)
		json_object_set_new(j, "translations", translations_json(tr, ntr));
	if (p->nrelated) {
		/* in id order: the store lists a practice's own relations
		 * before the ones made to it, which an import (storing both
		 * directions) would not reproduce */
		qsort(p->related, p->nrelated, sizeof *p->related, by_id);
		json_object_set_new(j, "related", rel = json_array());
		for (size_t i = 0; i < p->nrelated; i++)
			json_array_append_new(rel, key_json(p->related[i].id,
							    p->related[i].slug));
	}
	return j;
}

/* One item of a JSON array, on a line of its own. */
static int put_json(FILE *out, json_t *j, bool first, struct error *err)
{
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS |
				 JSON_REAL_PRECISION(15)) : NULL;

	json_decref(j);
	if (!text)
		return error_set(err, ERR_INTERNAL, "out of memory");
	fputs(first ? "\n" : ",\n", out);
	fputs(text, out);
	free(text);
	return 0;
}

static int put_row(FILE *out, const char **row, char delim,
		   struct error *err)
{
	struct buf b;
	int rc = 0;

	if (!row)
		return error_set(err, ERR_INTERNAL, "out of memory");
	buf_init(&b, 4096);
	csv_write_row(&b, row, EXPORT_COLUMNS, delim);
	if (b.oom)
		rc = error_set(err, ERR_INTERNAL, "out of memory");
	else
		fwrite(b.data, 1, b.len, out);
	buf_release(&b);
	return rc;
}

static int write_organisations(struct store *st, FILE *out,
			       struct error *err)
{
	struct arena a = ARENA_INIT;
	int64_t after = 0, *ids;
	size_t n;
	bool first = true;
	int rc;

	do {
		arena_free(&a);
		if ((rc = store_export_organisation_ids(st, &a, after,
							EXPORT_PAGE, &ids, &n,
							err)) < 0)
			goto out;
		for (size_t i = 0; i < n; i++) {
			struct organisation o;
			if ((rc = store_organisation_get(st, &a, ids[i], &o, err)) < 0 ||
			    (rc = put_json(out, org_json(&o), first, err)) < 0)
				goto out;
			first = false;
			after = ids[i];
		}
	} while (n == EXPORT_PAGE);
out:
	arena_free(&a);
	return rc;
}

static int write_practices(struct store *st, enum export_format f,
			   const char *base_url, FILE *out, struct error *err)
{
	char delim = f == EXPORT_CSV_EXCEL ? ';' : ',';
	struct arena a = ARENA_INIT;
	int64_t after = 0, *ids;
	size_t n;
	bool first = true;
	int rc;

	do {
		arena_free(&a);
		if ((rc = store_export_practice_ids(st, &a, after, EXPORT_PAGE,
						    &ids, &n, err)) < 0)
			goto out;
		for (size_t i = 0; i < n; i++) {
			struct practice_translation *tr = NULL;
			struct practice p;
			size_t ntr = 0;

			if ((rc = store_practice_get(st, &a, ids[i], NULL, true,
						     &p, err)) < 0 ||
			    (f == EXPORT_JSON &&
			     (rc = store_practice_translations(st, &a, ids[i], &tr,
							       &ntr, err)) < 0))
				goto out;
			p.contacts = NULL; /* never leaves the store in bulk */
			p.ncontacts = 0;
			rc = f == EXPORT_JSON
				     ? put_json(out, practice_json(&p, tr, ntr),
						first, err)
				     : put_row(out, export_practice_row(&a, &p, base_url),
					       delim, err);
			if (rc < 0)
				goto out;
			first = false;
			after = ids[i];
		}
	} while (n == EXPORT_PAGE);
out:
	arena_free(&a);
	return rc;
}

int export_write(struct store *st, enum export_format f, const char *base_url,
		 FILE *out, struct error *err)
{
	const char *header[EXPORT_COLUMNS];
	int rc;

	if ((unsigned)f >= EXPORT__MAX)
		return error_set(err, ERR_INVALID, "format: unknown");
	if (f == EXPORT_JSON) {
		fputs("{\"organisations\": [", out);
		if ((rc = write_organisations(st, out, err)) < 0)
			return rc;
		fputs("\n],\n\"practices\": [", out);
	} else {
		if (f == EXPORT_CSV_EXCEL)
			fwrite(csv_bom, 1, sizeof csv_bom, out);
		for (size_t i = 0; i < EXPORT_COLUMNS; i++)
			header[i] = export_columns[i].name;
		if ((rc = put_row(out, header, f == EXPORT_CSV_EXCEL ? ';' : ',',
				  err)) < 0)
			return rc;
	}
	if ((rc = write_practices(st, f, base_url ? base_url : "", out, err)) < 0)
		return rc;
	if (f == EXPORT_JSON)
		fputs("\n]}\n", out);
	if (fflush(out) != 0 || ferror(out))
		return error_set(err, ERR_IO, "writing the export failed");
	return 0;
}
