#include "text/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* The page's own title is its only <h1>: a "# heading" in the text
 * becomes <h2>, so the outline screen readers follow stays whole. */
static void demote_top_headings(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	if (!it)
		return;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(node) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(node) == 1)
			cmark_node_set_heading_level(node, 2);
	}
	cmark_iter_free(it);
}

int markdown_render(struct buf *b, const char *md)
{
	/* CMARK_OPT_SAFE is the default since cmark 0.29; ask for it anyway
	 * so that a build against an older cmark stays safe. */
	const int opts = CMARK_OPT_SAFE | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *doc;
	char *html;

	if (!md)
		return 0;
	if (!(doc = cmark_parse_document(md, strlen(md), opts)))
		return -1;
	demote_top_headings(doc);
	html = cmark_render_html(doc, opts);
	cmark_node_free(doc);
	if (!html)
		return -1;
	buf_puts(b, html);
	free(html);
	return 0;
}

int markdown_to_text(struct buf *b, const char *md)
{
	cmark_node *doc, *node;
	cmark_iter *it;
	cmark_event_type ev;

	if (!md)
		return 0;
	if (!(doc = cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8)))
		return -1;
	if (!(it = cmark_iter_new(doc))) {
		cmark_node_free(doc);
		return -1;
	}
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev == CMARK_EVENT_ENTER)
				buf_puts(b, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT && b->len && b->data[b->len - 1] != '\n')
				buf_putc(b, '\n');
			break;
		default:
			break; /* raw HTML is dropped, as on the page */
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return 0;
}
