/* libFuzzer target: the JSON data-set loader (`praxis demo --file`), into
 * an in-memory database with the real schema and vocabularies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/assets.h"
#include "domain/dataset.h"
#include "store/store.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct asset *vocab = asset_find("vocabularies.json");
	struct error err = ERROR_INIT;

	(void)argc;
	(void)argv;
	st = store_open(":memory:", STORE_NO_MIGRATE_CHECK, &err);
	if (!st || store_migrate(st, NULL, NULL, &err) < 0 ||
	    taxonomy_seed_json(st, (const char *)vocab->data, vocab->size, &err) < 0) {
		fprintf(stderr, "fuzz_dataset: %s\n", err.msg);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = ERROR_INIT;
	struct dataset_stats stats;

	dataset_load_json(st, (const char *)data, size, &stats, &err);
	return 0;
}
