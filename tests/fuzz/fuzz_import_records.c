/* libFuzzer target: the import readers of praxis's own formats (CSV in
 * either variant, the data set's JSON) on arbitrary bytes, against an
 * in-memory database with the real schema and vocabularies. A reader
 * that accepts a file must give every record its content text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "domain/import_readers.h"
#include "fuzz_store.h"
#include "store/store.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	st = fuzz_store_open("fuzz_import_records");
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
