/* libFuzzer target: the import readers (saved web pages through gumbo,
 * and text) on arbitrary bytes, through the format table as `praxis
 * import` uses them, with the real vocabularies. Whatever a reader
 * accepts must be a record the store would take: a practice and an
 * organisation that validate. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/import_format.h"
#include "domain/import_page.h"
#include "fuzz_store.h"
#include "store/store.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	st = fuzz_store_open("fuzz_import");
	return 0;
}

static void check(const struct import_file *f)
{
	struct error err = ERROR_INIT;

	for (size_t i = 0; i < f->nrecords; i++) {
		struct import_record r = f->records[i];
		if (!r.content || !f->format)
			abort();
		r.practice.org_id = 1;
		if (organisation_validate(&r.org, &err) < 0 ||
		    practice_input_validate(&r.practice, &err) < 0) {
			fprintf(stderr, "fuzz_import: unstorable record: %s\n", err.msg);
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"page.html", "page.txt", "page"};
	struct error err = ERROR_INIT;

	/* both readers directly, and the table (sniffing, encodings) */
	for (int i = 0; i < 3; i++) {
		struct arena a = ARENA_INIT;
		struct import_file f;
		int rc = i == 0 ? import_read_html(st, &a, names[i], (const char *)data, size, &f, &err)
			: i == 1 ? import_read_text(st, &a, names[i], (const char *)data, size, &f, &err)
			: import_file_read(st, &a, names[i], (const char *)data, size, &f, &err);
		if (rc == 0)
			check(&f);
		arena_free(&a);
	}
	return 0;
}
