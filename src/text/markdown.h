/* markdown.h - Markdown to HTML through cmark in safe mode: raw HTML and
 * javascript:/data: links are dropped, so the output may go on a page. */
#ifndef TEXT_MARKDOWN_H
#define TEXT_MARKDOWN_H

#include "core/buf.h"

/* Appends the rendering of md to b; returns 0, or -1 when cmark fails. */
int markdown_render(struct buf *b, const char *md);

/* Appends the text of md without its markup (headings, emphasis, link
 * targets), blocks separated by newlines: what search indexes and shows
 * in result passages. */
int markdown_to_text(struct buf *b, const char *md);

#endif
