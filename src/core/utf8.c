#include "core/utf8.h"

#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

bool utf8_valid_text(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;

	while (len > 0) {
		/* ASCII fast path: most input is ASCII. */
		if (*p < 0x80) {
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				return false;
			if (*p == 0x7f)
				return false;
			p++;
			len--;
			continue;
		}
		utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
		if (n <= 0 || !utf8proc_codepoint_valid(cp))
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

size_t utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}
