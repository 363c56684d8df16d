/* export.h - the published catalogue in bulk: CSV with one row per
 * practice (the columns of export_columns, which the CSV import reader
 * reads back) or a data set in data/demo.json's shape. Contact persons
 * are never part of either. */
#ifndef DOMAIN_EXPORT_H
#define DOMAIN_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "domain/practice.h"

struct json_t;
struct store;

enum export_format { EXPORT_JSON, EXPORT_CSV, EXPORT_CSV_EXCEL, EXPORT__MAX };
/* "json", "csv", "csv-excel" (BOM, ';', CRLF: what Polish-locale
 * spreadsheets open as they are). */
extern const char *const export_format_codes[EXPORT__MAX];

/* What a column holds; the writer and the reader switch on it. */
enum export_kind {
	COL_ID, COL_URL, COL_SLUG,       /* identity: written, not read */
	COL_TEXT,                        /* a string of the practice */
	COL_STATUS, COL_INITIATOR, COL_PUBLISHED_AT,
	COL_CATEGORIES, COL_KEYWORDS, COL_LINKS,
	COL_LAT, COL_LON,                /* the practice's place */
	COL_ORG_TEXT,                    /* a string of its organisation */
	COL_UNIT_TYPE, COL_POPULATION, COL_ORG_LAT, COL_ORG_LON,
};

struct export_column {
	const char *name;
	enum export_kind kind;
	size_t off;    /* COL_TEXT: in struct practice; COL_ORG_TEXT: in
			* struct organisation */
	size_t in_off; /* COL_TEXT: in struct practice_input */
};

enum { EXPORT_COLUMNS = 32 };
extern const struct export_column export_columns[EXPORT_COLUMNS];

/* Lists inside one cell: items joined by '|', a '|', '\' or line break
 * inside an item written \|, \\, \n. A link is one item of its own list:
 * kind|url|title|act_number|act_date|issuer (trailing empties left out),
 * the links of a practice one per line. */
void export_list_put(struct buf *b, const char *item);
/* Splits s at unescaped seps into *items (unescaped, in a); empty items
 * are dropped unless keep_empty. -1 when memory runs out. */
int export_list_split(struct arena *a, const char *s, char sep,
		      bool keep_empty, const char ***items, size_t *n);

/* The unit's facts that identify it, as the data set names them, set on
 * j, with its name under name_key; empty ones left out. */
void export_organisation_facts(struct json_t *j, const struct organisation *o,
			       const char *name_key);

/* Shortest decimal text that reads back as the same double. */
const char *export_number(struct arena *a, double v);

/* The row of p (strings in a), in export_columns' order; url is
 * base_url + /practices/{id}-{slug}. NULL when memory runs out. */
const char **export_practice_row(struct arena *a, const struct practice *p,
				 const char *base_url);

/* Writes every published practice to out in id order, a page at a time
 * (memory stays bounded whatever the catalogue's size). Call inside a
 * read transaction for one consistent snapshot. */
int export_write(struct store *st, enum export_format f, const char *base_url,
		 FILE *out, struct error *err);

#endif
