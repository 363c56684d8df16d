/* docprep.h - prepares records for the search index on a worker thread:
 * the text of each Markdown body and the analysis of every field (token
 * tapes, tape.h), a batch at a time, while the caller writes the batches
 * prepared before. Owns the thread and every batch it hands out. */
#ifndef SEARCH_DOCPREP_H
#define SEARCH_DOCPREP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "search/tape.h"

enum doc_field_id { DOC_TITLE, DOC_SUMMARY, DOC_BODY, DOC_FACTS, DOC_FIELDS };

struct doc_field {
	bool null;              /* no value: nothing to analyse */
	struct buf text;        /* DOC_BODY: the text of the Markdown, once prepared */
	struct token_tape tape; /* the analysis of text, once prepared */
};

struct prep_doc {
	int64_t id;
	int table;         /* the caller's, untouched */
	char lang[8];      /* the language the fields are analysed in */
	struct buf markdown; /* the body as given */
	struct doc_field field[DOC_FIELDS];
};

struct doc_batch {
	struct prep_doc *doc;
	size_t n, cap;
	size_t bytes;      /* bytes of text added: the caller's budget */
	int rc;            /* once prepared: 0, or the worker's error in err */
	struct error err;
	struct doc_batch *next; /* the pipeline's queues */
};

/* Appends a record to b, copying its texts: text[DOC_BODY] is Markdown
 * (NULL: empty), the others NULL for no value. ERR_INTERNAL when out of
 * memory. */
int doc_batch_add(struct doc_batch *b, int64_t id, int table,
		  const char *lang, const char *const text[DOC_FIELDS],
		  const size_t len[DOC_FIELDS], struct error *err);

struct docprep;

/* Starts the worker thread. A field whose text (a body's: after the
 * Markdown) is longer than max_len bytes fails its batch with ERR_INVALID
 * (FTS5 takes lengths as int). */
int docprep_start(struct docprep **out, size_t max_len, struct error *err);
/* An empty batch to fill (a used one recycled when there is one); NULL
 * when out of memory. */
struct doc_batch *docprep_batch(struct docprep *p);
/* Queues b for the worker; b belongs to the pipeline until popped.
 * Memory stays bounded as long as the caller keeps few batches in flight. */
void docprep_push(struct docprep *p, struct doc_batch *b);
/* Waits for the oldest batch pushed and returns it prepared (check its
 * rc); NULL when none is in flight. */
struct doc_batch *docprep_pop(struct docprep *p);
/* Gives a popped batch back for reuse. */
void docprep_recycle(struct docprep *p, struct doc_batch *b);
/* Stops the worker (after the batch it is preparing, if any) and frees
 * the pipeline and every batch it holds; p may be NULL. */
void docprep_stop(struct docprep *p);

#endif
