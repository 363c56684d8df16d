/* import.h - outside files turned into practice records. Each format has a
 * reader that fills an import_file from a file's bytes (import_format.h);
 * import_file_store stores the records for review or published and skips
 * what was imported before (by content hash); `praxis import` reports. */
#ifndef DOMAIN_IMPORT_H
#define DOMAIN_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/organisation.h"
#include "domain/practice.h"

struct arena;
struct store;

/* The practice's text in another language than its original. */
struct import_translation {
	const char *lang, *title, *summary, *body; /* body may be NULL */
};

/* A relation to another record of the same file, by that record's key. */
struct import_relation {
	enum relation_kind kind; /* adapted_from: this one adapts key's */
	const char *key;
};

/* One practice found in a file, with the unit that implemented it. */
struct import_record {
	struct organisation org;        /* matched to a stored one, or added */
	struct practice_input practice; /* org_id and status set when stored */
	const char *content;            /* what the content hash is taken of */
	unsigned nfields;               /* fields found, for the summary */
	const char *key;                /* the record's key in the file, or NULL */
	struct import_translation *translations;
	size_t ntranslations;
	struct import_relation *relations; /* resolved once the file is in */
	size_t nrelations;
};

struct import_file {
	const char *format; /* "metryka-html", "article-text", "csv", ... */
	const char *lang;   /* detected or declared; NULL when unknown */
	struct import_record *records;
	size_t nrecords;
};

/* A format's reader: name is the file's name (for messages and the
 * format's guess), data its bytes (len of them, not NUL-terminated).
 * Category slugs are resolved through st, read only. Everything in out
 * lives in a. A file the reader cannot make sense of is an error that
 * says why; it never stores anything. */
typedef int import_reader_fn(struct store *st, struct arena *a,
			     const char *name, const char *data, size_t len,
			     struct import_file *out, struct error *err);

/* What storing one file did: practices added, records imported before
 * (seen), translations added to those, relations not resolved. */
struct import_result {
	int64_t added, seen, translated, missing;
};

/* Told of a relation that names a key not in the file (or itself). */
typedef void import_note_fn(void *ctx, const char *key, const char *what,
			    const char *to);

/* Stores f's records, in review or published, and then their relations,
 * in one transaction: all or nothing. A record whose content hash was
 * imported before is not stored again; it only gains translations in
 * languages it lacks. file is recorded as the records' source. */
int import_file_store(struct store *st, struct arena *a, const char *file,
		      struct import_file *f, bool publish, import_note_fn *note,
		      void *note_ctx, struct import_result *res,
		      struct error *err);

#endif
