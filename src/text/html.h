/* html.h - every byte that reaches a page goes through one of these.
 * One function per output context; composite helpers escape their own
 * arguments. Raw output (buf_puts) is for string literals only. */
#ifndef TEXT_HTML_H
#define TEXT_HTML_H

#include "core/buf.h"

/* Element content: escapes & < > " '. NULL writes nothing. */
void html_text(struct buf *b, const char *s);
void html_textn(struct buf *b, const char *s, size_t n);
/* Attribute value inside double quotes: same set as html_text. */
void html_attr(struct buf *b, const char *s);
/* One URL query component (key or value): percent-encodes all but
 * unreserved characters, so the result is also safe in an attribute. */
void html_url_arg(struct buf *b, const char *s);
/* <a href="href">text</a>; href must be a URL we built or validated. */
void html_link(struct buf *b, const char *href, const char *text);
/* <option value="v" selected>label</option> */
void html_option(struct buf *b, const char *value, const char *label,
		 int selected);
/* Whether s is an http(s) URL that may be shown as a link. */
int html_url_is_safe(const char *s);

#endif
