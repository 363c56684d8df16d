/* fuzz_store.h - what the targets that read into a database share: an
 * in-memory store with the real schema and vocabularies, opened once
 * from LLVMFuzzerInitialize (name: the target's, for the message). */
#ifndef FUZZ_STORE_H
#define FUZZ_STORE_H

#include <stdio.h>
#include <stdlib.h>

#include "core/assets.h"
#include "domain/taxonomy.h"
#include "store/store.h"

static inline struct store *fuzz_store_open(const char *name)
{
	const struct asset *vocab = asset_find("vocabularies.json");
	struct error err = ERROR_INIT;
	struct store *st = store_open(":memory:", STORE_NO_MIGRATE_CHECK, &err);

	if (!st || store_migrate(st, NULL, NULL, &err) < 0 ||
	    taxonomy_seed_json(st, (const char *)vocab->data, vocab->size,
			       &err) < 0) {
		fprintf(stderr, "%s: %s\n", name, err.msg);
		abort();
	}
	return st;
}

#endif
