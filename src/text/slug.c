#include "text/slug.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

/* Letters that NFKD does not break into base letter + mark. */
static const char *fold_special(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x0141: case 0x0142: return "l"; /* Ł ł */
	case 0x0110: case 0x0111: return "d"; /* Đ đ */
	case 0x00D0: case 0x00F0: return "d"; /* Ð ð */
	case 0x00DF: case 0x1E9E: return "ss";
	case 0x00D8: case 0x00F8: return "o";
	case 0x00C6: case 0x00E6: return "ae";
	case 0x0152: case 0x0153: return "oe";
	case 0x00DE: case 0x00FE: return "th";
	case 0x0131: return "i";
	default: return NULL;
	}
}

size_t slug_make(char *out, size_t cap, const char *s)
{
	utf8proc_uint8_t *folded = NULL;
	size_t len = 0;
	bool dash = false;

	if (!cap)
		return 0;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_COMPAT |
				 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD) < 0)
		folded = NULL;
	const utf8proc_uint8_t *p = folded;
	while (p && *p && len + 1 < cap) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		const char *rep = NULL;
		char one[2] = {0, 0};

		if (n <= 0)
			break;
		p += n;
		if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') ||
				  (cp >= '0' && cp <= '9'))) {
			one[0] = (char)cp;
			rep = one;
		} else {
			rep = fold_special(cp);
		}
		if (!rep) {
			dash = len > 0;
			continue;
		}
		if (dash && len + 2 < cap) {
			out[len++] = '-';
		}
		dash = false;
		for (; *rep && len + 1 < cap; rep++)
			out[len++] = *rep;
	}
	free(folded);
	if (len > 80) /* keep URLs short; cut at a word boundary */
		for (len = 80; len > 40 && out[len] != '-'; len--)
			;
	while (len && out[len - 1] == '-')
		len--;
	if (!len)
		len = (size_t)snprintf(out, cap, "%s", "item");
	out[len] = '\0';
	return len;
}
