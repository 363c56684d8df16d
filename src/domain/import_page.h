/* import_page.h - readers for saved web pages and text files: pages of
 * the Polish good-practice database (a category trail, the description
 * and a "Metryka praktyki" block of key facts), and any other article,
 * news item or minutes, which become a practice draft. */
#ifndef DOMAIN_IMPORT_PAGE_H
#define DOMAIN_IMPORT_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/import.h"
#include "domain/import_doc.h"

/* The readers (import_reader_fn): HTML through gumbo, text as it is.
 * Each gives one record; format "metryka-html", "article-html",
 * "metryka-text" or "article-text". */
import_reader_fn import_read_html;
import_reader_fn import_read_text;

/* The organisation an article names no unit for: the site's name when
 * the page gives one, else "Nieznana jednostka (import)" (or its English
 * or Slovene form), of type other, for an editor to fix. */
const char *import_placeholder_name(const char *lang);

/* The key facts under "Metryka praktyki" (lines "Label:  value", labels
 * matched tolerantly) into r's organisation and practice: unit type,
 * town, county, region, postal code, post office, street, website,
 * population, implementing office, date entered and contact persons.
 * Returns the number of fields found; -1 when memory runs out. */
int import_metryka_read(struct arena *a, char *const *lines, size_t n,
			struct import_record *r);

/* "gmina miejsko-wiejska", "miasto na prawach powiatu", "powiat", ...
 * (tolerantly); -1 when it is none of them. */
int import_unit_type_parse(const char *s);

/* "12.345" or "12 345" inhabitants as 12345; -1 when not a number. */
long long import_population_parse(const char *s);

#endif
