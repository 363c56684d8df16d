/* import_page.h - readers for saved web pages and text files: pages of
 * the Polish good-practice database (a category trail, the description
 * and a "Metryka praktyki" block of key facts), and any other article,
 * news item or minutes, which become a practice draft. */
#ifndef DOMAIN_IMPORT_PAGE_H
#define DOMAIN_IMPORT_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
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

/* A page's text as Markdown (md), as plain text, and its paragraphs
 * alone (import_body.c). heading: "## text". item: a numbered item
 * (number > 0) or a bullet. para: a block's lines from skip_lines on;
 * numbered and bulleted lines become list items, other consecutive lines
 * one paragraph (-1 when memory runs out). */
struct import_body {
	struct buf md, plain, paras;
	int list; /* the run of items being written: 0 none, 1 numbered, 2 bullets */
};
void import_body_init(struct import_body *b);
void import_body_release(struct import_body *b);
bool import_body_oom(const struct import_body *b);
void import_body_heading(struct import_body *b, const char *text);
void import_body_item(struct import_body *b, int number, const char *text);
int import_body_para(struct import_body *b, struct arena *a, const char *text,
		     size_t skip_lines);
/* The first sentences of plain's paragraphs, up to about 160-300
 * characters (cut at a word, with "…"); title when there is no text. */
char *import_summary(struct arena *a, const char *plain, const char *title);

/* Helpers the readers share (import_page.c, import_links.c,
 * import_trail.c); strings in a. cut: s at most max bytes, cut at a
 * character boundary. one_line: runs of blanks and newlines as one space. */
char *import_cut(struct arena *a, const char *s, size_t max);
char *import_one_line(struct arena *a, const char *s);

/* The page's links (articles and documents, not its own address nor the
 * unit's website) and the legal acts text names, at most
 * PRACTICE_LINKS_MAX; an act whose number is a link's text takes its
 * address. -1 when memory runs out. */
int import_links_read(struct arena *a, const struct import_doc *doc,
		      const char *text, const char *website, struct link **out,
		      size_t *n);

/* A category trail in line, perhaps after "Kategoria:", parts separated
 * by ':', '>', '»', '/', '|' or ';'; each part is matched against every
 * label, and the most specific matches (a parent named with its child is
 * implied) are added to cats[*ncats] (at most PRACTICE_CATEGORIES_MAX).
 * True when every part named a category: else the line is text, and
 * nothing is added. */
struct category_label;
bool import_trail_read(const char *line, const struct category_label *labels,
		       size_t nlabels, int64_t *cats, size_t *ncats);

#endif
