#include "text/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

int markdown_render(struct buf *b, const char *md)
{
	char *html;

	if (!md)
		return 0;
	/* CMARK_OPT_SAFE is the default since cmark 0.29; ask for it anyway
	 * so that a build against an older cmark stays safe. */
	html = cmark_markdown_to_html(md, strlen(md),
				      CMARK_OPT_SAFE | CMARK_OPT_SMART |
					      CMARK_OPT_VALIDATE_UTF8);
	if (!html)
		return -1;
	buf_puts(b, html);
	free(html);
	return 0;
}
