/* libFuzzer target: uploaded files and their client-given names. The bytes
 * go to the type sniffer as they are (libFuzzer's buffer is exactly size
 * long, so any overread is caught), then as a file name through the display
 * name and Content-Disposition builders, whose output must stay inside
 * what a stored name and a header may hold. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "domain/attachment.h"

/* A display name: valid UTF-8, short, and without anything that ends a
 * path segment or a quoted header value, or controls a terminal or the
 * direction of text. */
static void check_display_name(const char *name)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(name), k;
	utf8proc_int32_t cp;

	if (left == 0 || left > ATTACHMENT_NAME_MAX ||
	    !utf8_valid_text(name, (size_t)left) || name[0] == '.' ||
	    strpbrk(name, "/\\\"\t\r\n"))
		abort();
	for (; left > 0; p += k, left -= k) {
		k = utf8proc_iterate(p, left, &cp);
		if (k <= 0)
			abort();
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_CC:
		case UTF8PROC_CATEGORY_CF:
		case UTF8PROC_CATEGORY_ZL:
		case UTF8PROC_CATEGORY_ZP:
			abort();
		default:
			break;
		}
	}
}

/* A header value: printable ASCII only, and exactly the two quotes that
 * delimit filename. */
static void check_disposition(const char *v)
{
	int quotes = 0;

	for (; *v; v++) {
		if (*v < 0x20 || *v > 0x7e)
			abort();
		quotes += *v == '"';
	}
	if (quotes != 2)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	const char *name, *value;
	char *text;
	int t = attachment_sniff(data, size);

	if (t < -1 || t >= ATT__MAX)
		abort();
	text = arena_strndup(&a, (const char *)data, size);
	if (!text)
		return 0;
	/* The first byte picks the type, so every extension rule is reached. */
	name = attachment_display_name(&a, text,
				       size ? data[0] % ATT__MAX : ATT_PDF);
	if (name) {
		check_display_name(name);
		value = attachment_disposition(&a, name);
		if (value)
			check_disposition(value);
	}
	/* The header stays whole even for a name that was never cleaned. */
	value = attachment_disposition(&a, text);
	if (value)
		check_disposition(value);
	arena_free(&a);
	return 0;
}
