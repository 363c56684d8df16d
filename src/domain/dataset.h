/* dataset.h - loading a set of organisations and practices from the JSON
 * shape of data/demo.json (documented in README.md), all or nothing. */
#ifndef DOMAIN_DATASET_H
#define DOMAIN_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct arena;
struct json_t;
struct practice_input;
struct store;

struct dataset_stats {
	int64_t organisations, practices, relations;
};

/* Inserts everything in one transaction; on error nothing is stored and
 * err names the record and field. */
int dataset_load_json(struct store *st, const char *json, size_t len,
		      struct dataset_stats *stats, struct error *err);

/* One practice object of the data set's shape, without its organisation
 * (left 0); categories are resolved by slug through the store. Strings
 * point into j: keep j until in is used, or practice_input_dup it. */
int dataset_practice_from_json(struct store *st, struct arena *a,
			       struct json_t *j, struct practice_input *in,
			       struct error *err);

/* One organisation object of the data set's shape (its key aside);
 * strings point into j. */
struct organisation;
int dataset_organisation_from_json(struct json_t *j, struct organisation *o,
				   struct error *err);

/* Inserts n more published practices made from the data set's practices
 * (titles numbered, dates spread), for benchmarks at scale. */
int dataset_generate(struct store *st, const char *json, size_t len,
		     int64_t n, struct error *err);

#endif
