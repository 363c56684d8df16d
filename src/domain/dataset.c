#include "domain/dataset.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "domain/check.h"
#include "domain/geo.h"
#include "domain/practice.h"
#include "store/store.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s && *s ? s : NULL;
}

/* "2019-03-20" as unix seconds at noon UTC, or "2019-03-20T08:15:00Z"
 * (what exports write, to the second) as it says; 0 when absent or bad. */
static int64_t day_to_time(const char *s)
{
	struct tm tm = {0};
	size_t len = s ? strlen(s) : 0;
	char day[11];
	int h = 12, mi = 0, sec = 0, used = 0;

	if (len != 10 && len != 20)
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_partial_valid(day))
		return 0;
	if (len == 20) {
		if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
		    strspn(s + 11, "0123456789") != 2 ||
		    strspn(s + 14, "0123456789") != 2 ||
		    strspn(s + 17, "0123456789") != 2 ||
		    sscanf(s + 11, "%2d:%2d:%2dZ%n", &h, &mi, &sec, &used) != 3 ||
		    used != 9 || h > 23 || mi > 59 || sec > 60)
			return 0;
	}
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	return (int64_t)timegm(&tm);
}

static int read_org(json_t *j, struct organisation *o, struct error *err)
{
	const char *unit = str(j, "unit_type");
	json_t *pop = json_object_get(j, "population");
	json_t *lat = json_object_get(j, "lat"), *lon = json_object_get(j, "lon");
	int code = code_parse(unit_type_codes, UNIT__MAX, unit);

	memset(o, 0, sizeof *o);
	if (code < 0)
		return error_set(err, ERR_INVALID, "unit_type: unknown '%s'",
				 unit ? unit : "");
	o->unit_type = code;
	o->name = str(j, "name");
	o->town = str(j, "town");
	o->county = str(j, "county");
	o->region = str(j, "region");
	o->country = str(j, "country");
	o->postal_code = str(j, "postal_code");
	o->post_office = str(j, "post_office");
	o->street = str(j, "street");
	o->website = str(j, "website");
	o->population = json_is_integer(pop) ? json_integer_value(pop) : -1;
	o->has_coords = json_is_number(lat) && json_is_number(lon);
	o->lat = json_number_value(lat);
	o->lon = json_number_value(lon);
	return 0;
}

int dataset_organisation_from_json(json_t *j, struct organisation *o,
				   struct error *err)
{
	return read_org(j, o, err);
}

int dataset_practice_from_json(struct store *st, struct arena *a, json_t *j,
			       struct practice_input *in, struct error *err)
{
	const char *s;
	json_t *arr, *v;
	size_t i;
	int code;

	memset(in, 0, sizeof *in);
	in->lang = str(j, "lang");
	in->title = str(j, "title");
	in->summary = str(j, "summary");
	in->body = str(j, "body");
	in->implementing_office = str(j, "implementing_office");
	in->date_entered = str(j, "date_entered");
	in->period_start = str(j, "period_start");
	in->period_end = str(j, "period_end");
	in->published_at = day_to_time(str(j, "published_at"));
	/* the practice's own place (exports write it when it is not its
	 * unit's); both halves or none */
	v = json_object_get(j, "lat");
	arr = json_object_get(j, "lon");
	in->has_coords = json_is_number(v) && json_is_number(arr);
	in->lat = in->has_coords ? json_number_value(v) : 0;
	in->lon = in->has_coords ? json_number_value(arr) : 0;
	if (in->has_coords && (in->lat < -90 || in->lat > 90 ||
			       in->lon < -180 || in->lon > 180))
		return error_set(err, ERR_INVALID, "lat, lon: out of range");
	s = str(j, "status");
	code = code_parse(practice_status_codes, STATUS__MAX,
			  s ? s : "published");
	if (code < 0)
		return error_set(err, ERR_INVALID, "status: unknown '%s'", s);
	in->status = code;
	s = str(j, "initiator_type");
	code = code_parse(initiator_type_codes, INITIATOR__MAX,
			  s ? s : "local_government");
	if (code < 0)
		return error_set(err, ERR_INVALID, "initiator_type: unknown '%s'", s);
	in->initiator = code;
	arr = json_object_get(j, "contacts");
	in->ncontacts = json_array_size(arr);
	struct contact *cs = arena_calloc(a, in->ncontacts + 1, sizeof *cs);
	if (!cs)
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_array_foreach(arr, i, v) {
		cs[i].name = str(v, "name");
		cs[i].role = str(v, "role");
		cs[i].phone = str(v, "phone");
		cs[i].email = str(v, "email");
	}
	in->contacts = cs;

	arr = json_object_get(j, "links");
	in->nlinks = json_array_size(arr);
	struct link *ls = arena_calloc(a, in->nlinks + 1, sizeof *ls);
	if (!ls)
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_array_foreach(arr, i, v) {
		s = str(v, "kind");
		if ((code = code_parse(link_kind_codes, LINK__MAX, s)) < 0)
			return error_set(err, ERR_INVALID,
					 "links[%zu].kind: unknown '%s'", i,
					 s ? s : "");
		ls[i].kind = code;
		ls[i].url = str(v, "url");
		ls[i].title = str(v, "title");
		ls[i].act_number = str(v, "act_number");
		ls[i].act_date = str(v, "act_date");
		ls[i].issuer = str(v, "issuer");
	}
	in->links = ls;

	arr = json_object_get(j, "categories");
	in->ncategories = json_array_size(arr);
	int64_t *cats = arena_calloc(a, in->ncategories + 1, sizeof *cats);
	if (!cats)
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_array_foreach(arr, i, v) {
		s = json_string_value(v);
		if (!s || !(cats[i] = store_category_id(st, s)))
			return error_set(err, ERR_INVALID,
					 "categories: unknown '%s'", s ? s : "");
	}
	in->category_ids = cats;

	arr = json_object_get(j, "keywords");
	in->nkeywords = json_array_size(arr);
	const char **kws = arena_calloc(a, in->nkeywords + 1, sizeof *kws);
	if (!kws)
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_array_foreach(arr, i, v)
		kws[i] = json_string_value(v);
	in->keywords = kws;
	return 0;
}

/* A practice of the data set: its content, and its organisation through
 * the map of organisation keys to ids. */
static int read_practice(struct store *st, struct arena *a, json_t *j,
			 json_t *org_ids, struct practice_input *in,
			 struct error *err)
{
	const char *s = str(j, "organisation");
	json_t *org;
	int rc = dataset_practice_from_json(st, a, j, in, err);

	if (rc < 0)
		return rc;
	if (!s || !(org = json_object_get(org_ids, s)))
		return error_set(err, ERR_INVALID, "organisation: unknown '%s'",
				 s ? s : "");
	in->org_id = json_integer_value(org);
	return 0;
}

/* "translations": {"en": {"title", "summary", "body"}, ...} */
static int put_translations(struct store *st, int64_t id, json_t *tr,
			    struct error *err)
{
	const char *lang;
	json_t *t;

	json_object_foreach(tr, lang, t) {
		const char *title = str(t, "title"), *summary = str(t, "summary");
		const char *body = str(t, "body");
		if (!lang_code_valid(lang) || !title || !summary)
			return error_set(err, ERR_INVALID, "translations.%s: needs a "
					 "known language, a title and a summary", lang);
		if (check_text("translations.title", title, PRACTICE_TITLE_MAX, true, err) < 0 ||
		    check_text("translations.summary", summary, PRACTICE_SUMMARY_MAX, true, err) < 0 ||
		    check_text("translations.body", body, PRACTICE_BODY_MAX, false, err) < 0 ||
		    store_practice_translation_put(st, id, lang, title, summary, body, err) < 0)
			return -1;
	}
	return 0;
}

static int relate_all(struct store *st, json_t *practices, json_t *ids,
		      struct dataset_stats *stats, struct error *err)
{
	size_t i, k;
	json_t *p, *v;

	json_array_foreach(practices, i, p) {
		int64_t from = json_integer_value(
			json_object_get(ids, str(p, "key") ? str(p, "key") : ""));
		const char *src = str(p, "adapted_from");
		json_t *to;

		if (src) {
			if (!(to = json_object_get(ids, src)))
				return error_set(err, ERR_INVALID,
						 "adapted_from: unknown '%s'", src);
			if (store_practice_relate(st, from, json_integer_value(to),
						  RELATION_ADAPTED_FROM, err) < 0)
				return ERR_IO;
			stats->relations++;
		}
		json_array_foreach(json_object_get(p, "related"), k, v) {
			const char *key = json_string_value(v);
			if (!key || !(to = json_object_get(ids, key)))
				return error_set(err, ERR_INVALID,
						 "related: unknown '%s'",
						 key ? key : "");
			if (store_practice_relate(st, from, json_integer_value(to),
						  RELATION_RELATED, err) < 0)
				return ERR_IO;
			stats->relations++;
		}
	}
	return 0;
}

static int load(struct store *st, json_t *root, struct dataset_stats *stats,
		struct error *err)
{
	json_t *org_ids = json_object(), *ids = json_object(), *j;
	json_t *practices = json_object_get(root, "practices");
	struct arena a = ARENA_INIT;
	struct error why = ERROR_INIT;
	size_t i;
	int rc = 0;

	json_array_foreach(json_object_get(root, "organisations"), i, j) {
		struct organisation o;
		int64_t id;
		const char *key = str(j, "key");

		/* imported units without coordinates are located like
		 * submitted ones (a store without a gazetteer finds none) */
		if (!key || read_org(j, &o, &why) < 0 ||
		    geo_locate(st, &a, &o, &why) < 0 ||
		    store_organisation_insert(st, &o, &id, &why) < 0) {
			rc = error_set(err, ERR_INVALID, "organisation %zu (%s): %s",
				       i, key ? key : "no key", why.msg);
			goto out;
		}
		json_object_set_new(org_ids, key, json_integer(id));
		stats->organisations++;
	}
	json_array_foreach(practices, i, j) {
		struct practice_input in;
		int64_t id;
		const char *key = str(j, "key");

		if (!key || read_practice(st, &a, j, org_ids, &in, &why) < 0 ||
		    store_practice_insert(st, &in, &id, &why) < 0 ||
		    put_translations(st, id, json_object_get(j, "translations"),
				     &why) < 0) {
			rc = error_set(err, ERR_INVALID, "practice %zu (%s): %s",
				       i, key ? key : "no key", why.msg);
			goto out;
		}
		json_object_set_new(ids, key, json_integer(id));
		stats->practices++;
	}
	rc = relate_all(st, practices, ids, stats, err);
out:
	arena_free(&a);
	json_decref(org_ids);
	json_decref(ids);
	return rc;
}

int dataset_load_json(struct store *st, const char *json, size_t len,
		      struct dataset_stats *stats, struct error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(json, len, 0, &jerr);
	int rc;

	memset(stats, 0, sizeof *stats);
	if (!root)
		return error_set(err, ERR_INVALID, "line %d: %s", jerr.line,
				 jerr.text);
	if ((rc = store_begin(st, err)) == 0) {
		rc = load(st, root, stats, err);
		if (rc == 0)
			rc = store_commit(st, err);
		if (rc < 0)
			store_rollback(st);
	}
	json_decref(root);
	return rc;
}

int dataset_generate(struct store *st, const char *json, size_t len,
		     int64_t n, struct error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(json, len, 0, &jerr);
	json_t *practices, *org_ids = json_object(), *j;
	struct dataset_stats stats = {0};
	size_t i, np;
	int rc;

	if (!root)
		return error_set(err, ERR_INVALID, "line %d: %s", jerr.line,
				 jerr.text);
	practices = json_object_get(root, "practices");
	np = json_array_size(practices);
	if ((rc = store_begin(st, err)) < 0)
		goto out;
	/* Organisations once, then practices round-robin over the set. */
	json_array_foreach(json_object_get(root, "organisations"), i, j) {
		struct organisation o;
		int64_t id;
		if ((rc = read_org(j, &o, err)) < 0 ||
		    (rc = store_organisation_insert(st, &o, &id, err)) < 0)
			goto fail;
		json_object_set_new(org_ids, str(j, "key"), json_integer(id));
		stats.organisations++;
	}
	for (int64_t k = 0; np && k < n; k++) {
		struct arena a = ARENA_INIT;
		struct practice_input in;
		char title[400], day[16];
		int64_t id;

		j = json_array_get(practices, (size_t)k % np);
		rc = read_practice(st, &a, j, org_ids, &in, err);
		if (rc == 0) {
			snprintf(title, sizeof title, "%s (%lld)", in.title,
				 (long long)k + 1);
			snprintf(day, sizeof day, "%04lld-%02lld-%02lld",
				 2010 + (long long)(k % 17), 1 + (long long)(k % 12),
				 1 + (long long)(k % 28));
			in.title = title;
			in.date_entered = day;
			in.status = STATUS_PUBLISHED;
			in.published_at = day_to_time(day) + k % 86400;
			rc = store_practice_insert(st, &in, &id, err);
		}
		arena_free(&a);
		if (rc < 0)
			goto fail;
	}
	rc = store_commit(st, err);
	goto out;
fail:
	store_rollback(st);
out:
	json_decref(org_ids);
	json_decref(root);
	return rc;
}
