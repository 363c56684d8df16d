/* import_readers.h - the readers of praxis's own export formats (CSV in
 * either variant, and the data set's JSON), as import_reader_fn, and the
 * canonical text of a record that import content hashes are taken of. */
#ifndef DOMAIN_IMPORT_READERS_H
#define DOMAIN_IMPORT_READERS_H

#include "domain/import.h"

/* CSV with a header row of export_columns names (any order, any subset
 * with title, summary and organisation; identity columns are ignored);
 * ',' or ';', optional BOM. Errors name the line and the column. */
import_reader_fn import_read_csv;
/* {"organisations": [...], "practices": [...]} as in data/demo.json,
 * with each practice's key, translations (checked as a data set's) and
 * relations by key ("adapted_from", "related"), left for the pipeline
 * to resolve. */
import_reader_fn import_read_json;

/* The record as compact JSON with sorted keys: the same practice read
 * from either format gives the same text. Translations and relations,
 * which only JSON carries, are not in it: the pipeline adds a known
 * practice's missing translations instead. NULL when memory runs out. */
const char *import_record_content(struct arena *a,
				  const struct import_record *r);

#endif
