/* libFuzzer target: the import readers of praxis's own formats (CSV in
 * either variant, the data set's JSON) on arbitrary bytes, against an
 * in-memory database with the real schema and vocabularies. A reader
 * that accepts a file must give every record its content text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/assets.h"
#include "domain/import_readers.h"
#include "domain/taxonomy.h"
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
		fprintf(stderr, "fuzz_import: %s\n", err.msg);
		abort();
	}
	return 0;
}

static void check(import_reader_fn *read, const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct import_file f;

	if (read(st, &a, "fuzz", (const char *)data, size, &f, &err) == 0) {
		for (size_t i = 0; i < f.nrecords; i++)
			if (!f.records[i].content)
				abort();
	} else if (!err.msg[0]) {
		abort(); /* a refusal always says why */
	}
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(import_read_csv, data, size);
	check(import_read_json, data, size);
	return 0;
}
