#include "web/json.h"

#include <stdlib.h>
#include <time.h>

static int dump_cb(const char *buffer, size_t size, void *data)
{
	buf_add(data, buffer, size);
	return 0;
}

int json_emit(struct buf *b, json_t *v)
{
	int rc;

	if (!v)
		return -1;
	/* Reals are coordinates: 10 significant digits keep well under a
	 * metre, without binary tails such as 16.380700000000001. */
	rc = json_dump_callback(v, dump_cb, b, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(v);
	buf_putc(b, '\n');
	return rc;
}

void json_error_body(struct buf *b, const char *code, const char *message)
{
	json_emit(b, json_pack("{s:{s:s,s:s}}", "error", "code", code,
			       "message", message ? message : ""));
}

/* A string member, or null. */
static json_t *jstr(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *jtime(int64_t t)
{
	char s[32];
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t)
		return json_null();
	gmtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

json_t *json_practice_summary(const struct practice_summary *p)
{
	return json_pack(
		"{s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:s,s:{s:I,s:o,s:s,s:o,s:o,s:o}}",
		"id", (json_int_t)p->id, "slug", p->slug, "lang", p->lang,
		"title", jstr(p->title), "summary", jstr(p->summary),
		"published_at", jtime(p->published_at),
		"date_entered", jstr(p->date_entered),
		"initiator_type", initiator_type_codes[p->initiator],
		"organisation", "id", (json_int_t)p->org_id,
		"name", jstr(p->org_name), "unit_type",
		unit_type_codes[p->unit_type], "town", jstr(p->town),
		"region", jstr(p->region), "country", jstr(p->country));
}

json_t *json_organisation(const struct organisation *o)
{
	json_t *j = json_pack(
		"{s:I,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
		"id", (json_int_t)o->id, "slug", o->slug, "name", jstr(o->name),
		"unit_type", unit_type_codes[o->unit_type], "town", jstr(o->town),
		"county", jstr(o->county), "region", jstr(o->region),
		"country", jstr(o->country), "postal_code", jstr(o->postal_code),
		"post_office", jstr(o->post_office), "street", jstr(o->street),
		"website", jstr(o->website));
	if (!j)
		return NULL;
	json_object_set_new(j, "population", o->population >= 0
			    ? json_integer(o->population) : json_null());
	json_object_set_new(j, "coordinates", o->has_coords
			    ? json_pack("{s:f,s:f}", "lat", o->lat, "lon", o->lon)
			    : json_null());
	return j;
}

static json_t *json_ref(const struct practice_ref *r)
{
	return json_pack("{s:I,s:s,s:o}", "id", (json_int_t)r->id, "slug",
			 r->slug, "title", jstr(r->title));
}

json_t *json_practice(const struct practice *p)
{
	json_t *j = json_pack(
		"{s:I,s:s,s:s,s:s,s:s,s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s,"
		"s:o,s:o,s:o,s:I}",
		"id", (json_int_t)p->id, "slug", p->slug, "lang", p->lang,
		"text_lang", p->text_lang, "status",
		practice_status_codes[p->status], "revision", p->revision,
		"created_at", jtime(p->created_at), "updated_at",
		jtime(p->updated_at), "published_at", jtime(p->published_at),
		"title", jstr(p->title), "summary", jstr(p->summary),
		"body", jstr(p->body), "implementing_office",
		jstr(p->implementing_office), "initiator_type",
		initiator_type_codes[p->initiator], "date_entered",
		jstr(p->date_entered), "period_start", jstr(p->period_start),
		"period_end", jstr(p->period_end), "views", (json_int_t)p->views);
	json_t *arr;

	if (!j)
		return NULL;
	json_object_set_new(j, "organisation", json_organisation(&p->org));
	json_object_set_new(j, "coordinates", p->has_coords
			    ? json_pack("{s:f,s:f}", "lat", p->lat, "lon", p->lon)
			    : json_null());
	arr = json_array();
	for (size_t i = 0; i < p->ncontacts; i++)
		json_array_append_new(arr, json_pack(
			"{s:o,s:o,s:o,s:o}", "name", jstr(p->contacts[i].name),
			"role", jstr(p->contacts[i].role), "phone",
			jstr(p->contacts[i].phone), "email",
			jstr(p->contacts[i].email)));
	json_object_set_new(j, "contacts", arr);
	arr = json_array();
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct link *l = &p->links[i];
		json_array_append_new(arr, json_pack(
			"{s:s,s:o,s:o,s:o,s:o,s:o}", "kind",
			link_kind_codes[l->kind], "url", jstr(l->url), "title",
			jstr(l->title), "act_number", jstr(l->act_number),
			"act_date", jstr(l->act_date), "issuer", jstr(l->issuer)));
	}
	json_object_set_new(j, "links", arr);
	arr = json_array();
	for (size_t i = 0; i < p->ncategories; i++)
		json_array_append_new(arr, json_pack(
			"{s:s,s:s,s:o}", "slug", p->categories[i].slug,
			"vocabulary", p->categories[i].vocabulary, "label",
			jstr(p->categories[i].label)));
	json_object_set_new(j, "categories", arr);
	arr = json_array();
	for (size_t i = 0; i < p->nkeywords; i++)
		json_array_append_new(arr, json_string(p->keywords[i]));
	json_object_set_new(j, "keywords", arr);
	json_object_set_new(j, "adapted_from", p->adapted_from
			    ? json_ref(p->adapted_from) : json_null());
	arr = json_array();
	for (size_t i = 0; i < p->nadaptations; i++)
		json_array_append_new(arr, json_ref(&p->adaptations[i]));
	json_object_set_new(j, "adaptations", arr);
	arr = json_array();
	for (size_t i = 0; i < p->nrelated; i++)
		json_array_append_new(arr, json_ref(&p->related[i]));
	json_object_set_new(j, "related", arr);
	return j;
}

json_t *json_vocabulary(const struct vocabulary *v)
{
	json_t *cats = json_array();

	for (size_t i = 0; i < v->ncategories; i++) {
		const struct category *c = &v->categories[i];
		const char *parent = NULL;
		for (size_t k = 0; k < i; k++)
			if (v->categories[k].id == c->parent_id)
				parent = v->categories[k].slug;
		json_array_append_new(cats, json_pack(
			"{s:s,s:o,s:o,s:i,s:I}", "slug", c->slug, "label",
			jstr(c->label), "parent", jstr(parent), "depth", c->depth,
			"practices", (json_int_t)c->count));
	}
	return json_pack("{s:s,s:o,s:o}", "slug", v->slug, "label",
			 jstr(v->label), "categories", cats);
}
