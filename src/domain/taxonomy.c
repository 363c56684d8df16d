#include "domain/taxonomy.h"

#include <jansson.h>
#include <string.h>

#include "domain/practice.h"
#include "store/store.h"

int taxonomy_slug_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 1 && n <= 64 &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

enum { LABELS_MAX = 16 };

/* Flattens {"pl": "...", "en": "..."} into lang, label pairs + NULL. */
static int labels_read(json_t *obj, const char *labels[2 * LABELS_MAX + 1],
		       const char *where, struct error *err)
{
	const char *lang;
	json_t *v;
	int n = 0;

	if (!json_is_object(obj) || !json_object_size(obj))
		return error_set(err, ERR_INVALID, "%s: labels missing", where);
	json_object_foreach(obj, lang, v) {
		if (!lang_code_valid(lang) || !json_is_string(v) ||
		    !*json_string_value(v) || n == LABELS_MAX)
			return error_set(err, ERR_INVALID,
					 "%s: bad label for '%s'", where, lang);
		labels[2 * n] = lang;
		labels[2 * n + 1] = json_string_value(v);
		n++;
	}
	labels[2 * n] = NULL;
	return 0;
}

static int seed_categories(struct store *st, int64_t vocab, int64_t parent,
			   json_t *list, int depth, struct error *err)
{
	size_t i;
	json_t *c;

	if (depth > 8)
		return error_set(err, ERR_INVALID, "categories nested too deep");
	json_array_foreach(list, i, c) {
		const char *slug = json_string_value(json_object_get(c, "slug"));
		const char *labels[2 * LABELS_MAX + 1];
		json_t *children = json_object_get(c, "children");
		int64_t id;

		if (!taxonomy_slug_valid(slug))
			return error_set(err, ERR_INVALID,
					 "category slug '%s' is not [a-z0-9-]",
					 slug ? slug : "");
		if (labels_read(json_object_get(c, "labels"), labels, slug, err) < 0 ||
		    store_category_put(st, vocab, parent, slug, (int)i + 1, labels,
				       &id, err) < 0)
			return ERR_INVALID;
		if (children && seed_categories(st, vocab, id, children,
						depth + 1, err) < 0)
			return ERR_INVALID;
	}
	return 0;
}

int taxonomy_seed_json(struct store *st, const char *text, size_t len,
		       struct error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, 0, &jerr), *v;
	size_t i;
	int rc = 0;

	if (!root)
		return error_set(err, ERR_INVALID, "vocabularies: line %d: %s",
				 jerr.line, jerr.text);
	json_array_foreach(json_object_get(root, "vocabularies"), i, v) {
		const char *slug = json_string_value(json_object_get(v, "slug"));
		const char *labels[2 * LABELS_MAX + 1];
		int64_t id;

		if (!taxonomy_slug_valid(slug)) {
			rc = error_set(err, ERR_INVALID, "vocabulary slug '%s'",
				       slug ? slug : "");
			break;
		}
		if ((rc = labels_read(json_object_get(v, "labels"), labels, slug,
				      err)) < 0 ||
		    (rc = store_vocabulary_put(st, slug, labels, &id, err)) < 0 ||
		    (rc = seed_categories(st, id, 0,
					  json_object_get(v, "categories"), 0,
					  err)) < 0)
			break;
	}
	json_decref(root);
	return rc;
}
