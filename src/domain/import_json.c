/* import_json.c - reading a data set (data/demo.json's shape, which the
 * JSON export writes) into import records, and the canonical text of a
 * record that both readers give for its content hash. */
#include "domain/import_readers.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/check.h"
#include "domain/dataset.h"
#include "domain/export.h"
#include "domain/revision.h"

static const char *copy(struct arena *a, const char *s, bool *oom)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = arena_strdup(a, s)))
		*oom = true;
	return d;
}

static int org_dup(struct arena *a, struct organisation *o)
{
	bool oom = false;

	o->name = copy(a, o->name, &oom);
	o->town = copy(a, o->town, &oom);
	o->county = copy(a, o->county, &oom);
	o->region = copy(a, o->region, &oom);
	o->country = copy(a, o->country, &oom);
	o->postal_code = copy(a, o->postal_code, &oom);
	o->post_office = copy(a, o->post_office, &oom);
	o->street = copy(a, o->street, &oom);
	o->website = copy(a, o->website, &oom);
	return oom ? -1 : 0;
}

/* Fields found: the strings and lists a record has. */
static unsigned count_fields(const struct import_record *r)
{
	const struct practice_input *in = &r->practice;
	const struct organisation *o = &r->org;
	const char *s[] = {in->lang, in->title, in->summary, in->body,
		in->implementing_office, in->date_entered, in->period_start,
		in->period_end, o->name, o->town, o->county, o->region,
		o->country, o->postal_code, o->post_office, o->street,
		o->website};
	unsigned n = 0;

	for (size_t i = 0; i < sizeof s / sizeof *s; i++)
		n += s[i] && *s[i];
	n += !!in->ncategories + !!in->nkeywords + !!in->nlinks +
	     !!in->ncontacts + !!in->published_at + in->has_coords +
	     o->has_coords + (o->population >= 0) + !!r->ntranslations +
	     !!r->nrelations;
	return n;
}

/* "translations": {"en": {"title", "summary", "body"}, ...}, checked as
 * a data set's are, and never in the original's language (the store
 * would refuse it half-way through the file). */
static int read_translations(struct arena *a, json_t *tr,
			     struct import_record *r, struct error *err)
{
	const char *lang;
	json_t *t;
	size_t n = 0;

	if (!tr)
		return 0;
	if (!json_is_object(tr))
		return error_set(err, ERR_INVALID, "translations: expected an "
				 "object of languages");
	if (!(r->translations = arena_calloc(a, json_object_size(tr) + 1,
					     sizeof *r->translations)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_object_foreach(tr, lang, t) {
		struct import_translation *x = &r->translations[n];
		const char *body = json_string_value(json_object_get(t, "body"));
		bool oom = false;

		x->title = json_string_value(json_object_get(t, "title"));
		x->summary = json_string_value(json_object_get(t, "summary"));
		if (!json_is_object(t) || !lang_code_valid(lang) ||
		    !x->title || !x->summary)
			return error_set(err, ERR_INVALID, "translations.%.20s: "
					 "needs a known language, a title and "
					 "a summary", lang);
		if (r->practice.lang && !strcmp(lang, r->practice.lang))
			return error_set(err, ERR_INVALID, "translations.%s: the "
					 "original's language", lang);
		if (check_text("translations.title", x->title,
			       PRACTICE_TITLE_MAX, true, err) < 0 ||
		    check_text("translations.summary", x->summary,
			       PRACTICE_SUMMARY_MAX, true, err) < 0 ||
		    check_text("translations.body", body, PRACTICE_BODY_MAX,
			       false, err) < 0)
			return ERR_INVALID;
		x->lang = copy(a, lang, &oom);
		x->title = copy(a, x->title, &oom);
		x->summary = copy(a, x->summary, &oom);
		x->body = copy(a, body && *body ? body : NULL, &oom);
		if (oom)
			return error_set(err, ERR_INTERNAL, "out of memory");
		n++;
	}
	r->ntranslations = n;
	return 0;
}

static int add_relation(struct arena *a, struct import_record *r,
			size_t *cap, enum relation_kind kind, const char *key)
{
	bool oom = false;

	if (!(r->relations = arena_grow(a, r->relations, r->nrelations, cap,
					sizeof *r->relations)))
		return -1;
	r->relations[r->nrelations].kind = kind;
	r->relations[r->nrelations].key = copy(a, key, &oom);
	r->nrelations++;
	return oom ? -1 : 0;
}

/* "adapted_from": key and "related": [key, ...]; whether the keys are
 * in the file is the pipeline's business (it reports the ones that are
 * not), not a reason to refuse the file. */
static int read_relations(struct arena *a, json_t *j, struct import_record *r,
			  struct error *err)
{
	json_t *from = json_object_get(j, "adapted_from");
	json_t *rel = json_object_get(j, "related"), *v;
	size_t i, cap = 0;

	if ((from && !json_is_string(from)) || (rel && !json_is_array(rel)))
		return error_set(err, ERR_INVALID, "adapted_from: expected a "
				 "key, related: a list of keys");
	if (from && add_relation(a, r, &cap, RELATION_ADAPTED_FROM,
				 json_string_value(from)) < 0)
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_array_foreach(rel, i, v) {
		if (!json_is_string(v))
			return error_set(err, ERR_INVALID, "related[%zu]: "
					 "expected a key", i);
		if (add_relation(a, r, &cap, RELATION_RELATED,
				 json_string_value(v)) < 0)
			return error_set(err, ERR_INTERNAL, "out of memory");
	}
	return 0;
}

/* Relations name records by key: one record a key. */
static int unique_keys(json_t *practices, struct error *err)
{
	json_t *seen = json_object(), *j;
	size_t i;
	int rc = 0;

	if (!seen)
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_array_foreach(practices, i, j) {
		const char *key = json_string_value(json_object_get(j, "key"));
		if (!key)
			continue;
		if (json_object_get(seen, key)) {
			rc = error_set(err, ERR_INVALID, "practice %zu: key "
				       "'%.100s' twice", i, key);
			break;
		}
		json_object_set_new(seen, key, json_true());
	}
	json_decref(seen);
	return rc;
}

static int read_all(struct store *st, struct arena *a, json_t *root,
		    json_t *keys, struct import_file *out, struct error *err)
{
	json_t *orgs = json_object_get(root, "organisations");
	json_t *practices = json_object_get(root, "practices"), *j;
	struct error why = ERROR_INIT;
	size_t i;

	if (!json_is_object(root) || !json_is_array(practices) ||
	    (orgs && !json_is_array(orgs)))
		return error_set(err, ERR_INVALID, "not a data set: expected "
				 "{\"organisations\": [...], \"practices\": [...]}");
	out->nrecords = json_array_size(practices);
	if (!(out->records = arena_calloc(a, out->nrecords + 1,
					  sizeof *out->records)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	json_array_foreach(orgs, i, j) {
		const char *key = json_string_value(json_object_get(j, "key"));
		if (json_is_object(j) && key)
			json_object_set(keys, key, j);
	}
	if (unique_keys(practices, err) < 0)
		return ERR_INVALID;
	json_array_foreach(practices, i, j) {
		struct import_record *r = &out->records[i];
		const char *key = json_string_value(json_object_get(j, "key"));
		const char *org = json_string_value(json_object_get(j, "organisation"));
		json_t *o = org ? json_object_get(keys, org) : NULL;

		if (!json_is_object(j))
			return error_set(err, ERR_INVALID, "practice %zu: not an "
					 "object", i);
		if (!o)
			return error_set(err, ERR_INVALID, "practice %zu (%s): "
					 "organisation: unknown '%.100s'", i,
					 key ? key : "no key", org ? org : "");
		if (dataset_practice_from_json(st, a, j, &r->practice, &why) < 0 ||
		    dataset_organisation_from_json(o, &r->org, &why) < 0)
			return error_set(err, ERR_INVALID, "practice %zu (%s): %s",
					 i, key ? key : "no key", why.msg);
		if (practice_input_dup(a, &r->practice) < 0 ||
		    org_dup(a, &r->org) < 0 ||
		    (key && !(r->key = arena_strdup(a, key))))
			return error_set(err, ERR_INTERNAL, "out of memory");
		if (read_translations(a, json_object_get(j, "translations"),
				      r, &why) < 0 ||
		    read_relations(a, j, r, &why) < 0)
			return error_set(err, why.code, "practice %zu (%s): %s",
					 i, key ? key : "no key", why.msg);
		if (!(r->content = import_record_content(a, r)))
			return error_set(err, ERR_INTERNAL, "out of memory");
		r->nfields = count_fields(r);
	}
	return 0;
}

int import_read_json(struct store *st, struct arena *a, const char *name,
		     const char *data, size_t len, struct import_file *out,
		     struct error *err)
{
	json_error_t jerr;
	json_t *root, *keys;
	int rc;

	(void)name;
	memset(out, 0, sizeof *out);
	out->format = "json";
	if (!(root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr)))
		return error_set(err, ERR_INVALID, "line %d: %s", jerr.line,
				 jerr.text);
	/* organisation key -> its object, for each practice's lookup */
	if (!(keys = json_object())) {
		json_decref(root);
		return error_set(err, ERR_INTERNAL, "out of memory");
	}
	rc = read_all(st, a, root, keys, out, err);
	json_decref(keys);
	json_decref(root);
	if (rc < 0) {
		out->nrecords = 0;
		return rc;
	}
	return 0;
}

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
}

static json_t *links_json(const struct practice_input *in)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < in->nlinks; i++)
		json_array_append_new(arr, revision_link_json(&in->links[i]));
	return arr;
}

const char *import_record_content(struct arena *a,
				  const struct import_record *r)
{
	const struct practice_input *in = &r->practice;
	const struct organisation *o = &r->org;
	json_t *j = json_object(), *arr;
	const char *out = NULL;
	char *text;

	set_str(j, "lang", in->lang);
	set_str(j, "title", in->title);
	set_str(j, "summary", in->summary);
	set_str(j, "body", in->body);
	set_str(j, "implementing_office", in->implementing_office);
	set_str(j, "initiator_type", initiator_type_codes[in->initiator]);
	set_str(j, "date_entered", in->date_entered);
	set_str(j, "period_start", in->period_start);
	set_str(j, "period_end", in->period_end);
	if (in->has_coords)
		set_str(j, "place", arena_printf(a, "%s,%s",
			export_number(a, in->lat), export_number(a, in->lon)));
	json_object_set_new(j, "categories", arr = json_array());
	for (size_t i = 0; i < in->ncategories; i++)
		json_array_append_new(arr, json_integer(in->category_ids[i]));
	json_object_set_new(j, "keywords", arr = json_array());
	for (size_t i = 0; i < in->nkeywords; i++)
		json_array_append_new(arr, json_string(in->keywords[i]));
	json_object_set_new(j, "links", links_json(in));
	export_organisation_facts(j, o, "organisation");
	text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (text)
		out = arena_strdup(a, text);
	free(text);
	return out;
}
