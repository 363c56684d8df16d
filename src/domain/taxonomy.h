/* taxonomy.h - vocabularies of hierarchical categories with labels per
 * language. The lists themselves are data (data/vocabularies.json and
 * editors' additions); nothing here knows a particular category. */
#ifndef DOMAIN_TAXONOMY_H
#define DOMAIN_TAXONOMY_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct store;

struct category {
	int64_t id, parent_id, vocabulary_id; /* parent_id 0: top level */
	const char *slug, *label;             /* label in the asked language */
	const char *vocabulary_slug;
	int depth;     /* 0 for top level */
	int64_t count; /* published practices here or in a subcategory */
};

struct vocabulary {
	int64_t id;
	const char *slug, *label;
	struct category *categories; /* pre-order: parents before children */
	size_t ncategories;
};

/* Seeds vocabularies from a JSON document of the data/vocabularies.json
 * shape; categories that exist (by slug) are updated, not duplicated. */
int taxonomy_seed_json(struct store *st, const char *json, size_t len,
		       struct error *err);

/* Slug rules shared by categories and vocabularies: [a-z0-9-], 1..64. */
int taxonomy_slug_valid(const char *s);

#endif
