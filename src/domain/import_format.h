/* import_format.h - the formats `praxis import` reads: which reader a
 * file goes to, by its content first and its name's extension second.
 * Adding a format is one line in the table in import_format.c. */
#ifndef DOMAIN_IMPORT_FORMAT_H
#define DOMAIN_IMPORT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/import.h"

struct import_format {
	const char *name;          /* "html", "text", "csv", "json" */
	const char *const *exts;   /* lower case, with the dot; NULL-ended */
	/* whether the bytes look like the format; NULL: by extension only */
	bool (*sniff)(const char *data, size_t len);
	import_reader_fn *read;    /* NULL: known, but no reader yet */
};

/* The format of the file called name with these bytes, or NULL when it
 * is none the table knows (binary data, an unknown extension). */
const struct import_format *import_format_pick(const char *name,
					       const char *data, size_t len);

/* Reads a file through its format's reader: bytes in another encoding
 * than UTF-8 are converted first when the page declares its charset (or
 * are taken as Windows-1250, the old Polish sites' default), a byte
 * order mark is dropped. Empty and binary files are errors that say so. */
int import_file_read(struct store *st, struct arena *a, const char *name,
		     const char *data, size_t len, struct import_file *out,
		     struct error *err);

#endif
