/* libFuzzer target: the text helpers every page uses on record content:
 * escaping, slugs and safe Markdown. Checks that no escaped output can
 * open a tag and that Markdown never lets raw HTML or script through. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "text/html.h"
#include "text/markdown.h"
#include "text/slug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), slug[128];
	struct buf b;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	buf_init(&b, 0);
	html_text(&b, text);
	if (strpbrk(b.data, "<>\"'"))
		abort();
	buf_reset(&b);
	html_url_arg(&b, text);
	if (strspn(b.data, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789-_.~%") != b.len)
		abort();
	slug_make(slug, sizeof slug, text);
	if (strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(slug))
		abort();
	if (utf8_valid_text(text, strlen(text))) {
		buf_reset(&b);
		markdown_render(&b, text);
		if (strstr(b.data, "<script") || strstr(b.data, "<iframe") ||
		    strstr(b.data, "href=\"javascript:"))
			abort();
	}
	buf_release(&b);
	free(text);
	return 0;
}
