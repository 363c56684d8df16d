/* revision.c - snapshots of a practice's content. */
#include "domain/revision.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/dataset.h"

const char *const revision_fields[REVISION_FIELDS] = {
	"title", "summary", "body", "implementing_office", "initiator_type",
	"period_start", "period_end", "keywords", "categories", "links",
	"contacts",
};

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
}

static json_t *contact_json(const struct contact *c)
{
	json_t *o = json_object();

	set_str(o, "name", c->name);
	set_str(o, "role", c->role);
	set_str(o, "phone", c->phone);
	set_str(o, "email", c->email);
	return o;
}

json_t *revision_link_json(const struct link *l)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string(link_kind_codes[l->kind]));
	set_str(o, "url", l->url);
	set_str(o, "title", l->title);
	set_str(o, "act_number", l->act_number);
	set_str(o, "act_date", l->act_date);
	set_str(o, "issuer", l->issuer);
	return o;
}

static json_t *practice_json(const struct practice *p)
{
	json_t *o = json_object(), *arr;

	set_str(o, "lang", p->lang);
	set_str(o, "title", p->title);
	set_str(o, "summary", p->summary);
	set_str(o, "body", p->body);
	set_str(o, "implementing_office", p->implementing_office);
	set_str(o, "initiator_type", initiator_type_codes[p->initiator]);
	set_str(o, "status", practice_status_codes[p->status]);
	set_str(o, "date_entered", p->date_entered);
	set_str(o, "period_start", p->period_start);
	set_str(o, "period_end", p->period_end);
	json_object_set_new(o, "keywords", arr = json_array());
	for (size_t i = 0; i < p->nkeywords; i++)
		json_array_append_new(arr, json_string(p->keywords[i]));
	json_object_set_new(o, "categories", arr = json_array());
	for (size_t i = 0; i < p->ncategories; i++)
		json_array_append_new(arr, json_string(p->categories[i].slug));
	json_object_set_new(o, "links", arr = json_array());
	for (size_t i = 0; i < p->nlinks; i++)
		json_array_append_new(arr, revision_link_json(&p->links[i]));
	json_object_set_new(o, "contacts", arr = json_array());
	for (size_t i = 0; i < p->ncontacts; i++)
		json_array_append_new(arr, contact_json(&p->contacts[i]));
	return o;
}

json_t *revision_json(const struct practice *p)
{
	return practice_json(p);
}

int revision_snapshot(const struct practice *p, struct buf *out,
		      struct error *err)
{
	json_t *o = practice_json(p);
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;

	json_decref(o);
	if (!text)
		return error_set(err, ERR_INTERNAL, "out of memory");
	buf_puts(out, text);
	free(text);
	return out->oom ? error_set(err, ERR_INTERNAL, "out of memory") : 0;
}

int revision_parse(struct store *st, struct arena *a, const char *json,
		   struct practice_input *in, struct error *err)
{
	json_t *o = json_loads(json, 0, NULL);
	int rc;

	if (!json_is_object(o)) {
		json_decref(o);
		return error_set(err, ERR_INVALID, "revision: not a JSON object");
	}
	rc = dataset_practice_from_json(st, a, o, in, err);
	if (rc == 0 && practice_input_dup(a, in) < 0)
		rc = error_set(err, ERR_INTERNAL, "out of memory");
	json_decref(o);
	return rc;
}

/* One line per list item: strings as they are, objects as their
 * values joined with " · " in a fixed key order. */
static void item_text(struct buf *b, json_t *v)
{
	static const char *const keys[] = {"name", "role", "phone", "email",
		"kind", "url", "title", "act_number", "act_date", "issuer"};
	bool first = true;

	if (json_is_string(v)) {
		buf_puts(b, json_string_value(v));
		return;
	}
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *s = json_string_value(json_object_get(v, keys[i]));
		if (!s)
			continue;
		buf_puts(b, first ? "" : " · ");
		buf_puts(b, s);
		first = false;
	}
}

const char *revision_field_text(struct arena *a, const char *json,
				const char *field)
{
	json_t *o = json_loads(json, 0, NULL), *v = json_object_get(o, field);
	struct buf b;
	const char *text;
	size_t i;
	json_t *item;

	buf_init(&b, 256);
	if (json_is_string(v))
		buf_puts(&b, json_string_value(v));
	json_array_foreach(json_is_array(v) ? v : NULL, i, item) {
		item_text(&b, item);
		buf_putc(&b, '\n');
	}
	text = b.oom ? NULL : arena_strdup(a, b.data);
	buf_release(&b);
	json_decref(o);
	return text ? text : "";
}

static bool same(json_t *o, const char *key, const char *v)
{
	const char *s = json_string_value(json_object_get(o, key));
	return (!s && (!v || !*v)) || (s && v && !strcmp(s, v));
}

int revision_scrub_contact(struct arena *a, const char *json,
			   const struct contact *c, bool anonymise,
			   const char **out, struct error *err)
{
	json_t *o = json_loads(json, 0, NULL);
	json_t *arr = json_object_get(o, "contacts"), *item;
	char *text;
	size_t i;

	if (!json_is_object(o)) {
		json_decref(o);
		return error_set(err, ERR_INVALID, "revision: not a JSON object");
	}
	/* Backwards, so removing keeps the indices still to visit. */
	for (i = json_array_size(arr); i-- > 0;) {
		item = json_array_get(arr, i);
		if (!same(item, "name", c->name) || !same(item, "email", c->email) ||
		    !same(item, "phone", c->phone))
			continue;
		if (!anonymise) {
			json_array_remove(arr, i);
			continue;
		}
		json_object_del(item, "name");
		json_object_del(item, "phone");
		json_object_del(item, "email");
	}
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	*out = text ? arena_strdup(a, text) : NULL;
	free(text);
	return *out ? 0 : error_set(err, ERR_INTERNAL, "out of memory");
}
