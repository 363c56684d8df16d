/* import_doc.h - a page or text file reduced to what an import reads:
 * its title, site, blocks of text in reading order and its links, with
 * the site's chrome (menus, counters, comments, footers) left out. The
 * HTML and text readers fill it; import_page.c makes records of it. */
#ifndef DOMAIN_IMPORT_DOC_H
#define DOMAIN_IMPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

enum import_block_kind {
	IMPORT_PARA,    /* lines of a paragraph, cell row or text block */
	IMPORT_HEADING,
	IMPORT_ITEM,    /* a list item; number > 0 in an ordered list */
};

struct import_block {
	enum import_block_kind kind;
	int level;  /* headings: 1..6 */
	int number; /* ordered list items: 1, 2, ...; else 0 */
	char *text; /* one or more lines joined by '\n'; never empty */
};

struct import_anchor {
	const char *href, *text; /* href as written; text may be "" */
};

struct import_doc {
	const char *title; /* <title>, or a text file's first line */
	const char *h1;    /* the content's first top heading; NULL if none */
	const char *site;  /* og:site_name or application-name; NULL if none */
	const char *base;  /* <base href> or the canonical address */
	const char *lang;  /* <html lang>, two letters; NULL if none */
	struct import_block *blocks;
	size_t nblocks, cap;
	struct import_anchor *links;
	size_t nlinks, lcap;
};

/* Adds a block (text copied into a; blank text adds nothing). */
int import_doc_add(struct arena *a, struct import_doc *d,
		   enum import_block_kind kind, int level, int number,
		   const char *text, size_t len);

/* The page's content (valid UTF-8 HTML) without the site's chrome. */
int import_html_parse(struct arena *a, const char *html, size_t len,
		      struct import_doc *out, struct error *err);
/* A saved text: blocks are runs of lines between blank lines. */
int import_text_parse(struct arena *a, const char *text, size_t len,
		      struct import_doc *out, struct error *err);

/* Whether a line is chrome that a saved page carries as text: a skin or
 * layout picker, a visitor counter, "Loading...", a comment widget's
 * prompts, "Source link"... */
bool import_line_is_chrome(const char *line, size_t len);

#endif
