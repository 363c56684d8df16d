/* libFuzzer target: the JSON data-set loader (`praxis demo --file`), into
 * an in-memory database with the real schema and vocabularies. */
#include <stdint.h>

#include "domain/dataset.h"
#include "fuzz_store.h"
#include "store/store.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	st = fuzz_store_open("fuzz_dataset");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = ERROR_INIT;
	struct dataset_stats stats;

	dataset_load_json(st, (const char *)data, size, &stats, &err);
	return 0;
}
