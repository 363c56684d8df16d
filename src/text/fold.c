#include "text/fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

/* Letters NFKD leaves whole, folded to what a reader types without them. */
static const char *plain_special(utf8proc_int32_t cp)
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
	case 0x0131: return "i"; /* dotless i */
	case 0x0127: return "h"; /* ħ */
	case 0x0167: return "t"; /* ŧ */
	default: return NULL;
	}
}

static bool all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

static size_t ascii_lower(const char *s, size_t n, char *out, size_t cap)
{
	size_t i;

	if (!cap)
		return 0;
	for (i = 0; i < n && i + 1 < cap; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out[i] = '\0';
	return i;
}

/* Copies whole characters of src into out (cap bytes with the NUL). */
static size_t copy_chars(const unsigned char *src, size_t n, char *out,
			 size_t cap)
{
	size_t len = n < cap ? n : cap - 1;

	while (len > 0 && len < n && (src[len] & 0xC0) == 0x80)
		len--; /* do not cut a character in two */
	memcpy(out, src, len);
	out[len] = '\0';
	return len;
}

static size_t map(const char *s, size_t n, char *out, size_t cap,
		  utf8proc_option_t opts, bool plain)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t len;
	size_t o = 0;

	if (!cap)
		return 0;
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
			   opts | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	if (len < 0) {
		out[0] = '\0';
		return 0;
	}
	if (!plain) {
		o = copy_chars(m, (size_t)len, out, cap);
		free(m);
		return o;
	}
	for (utf8proc_ssize_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(m + i, len - i, &cp);
		const char *rep = plain_special(cp);
		size_t rl = rep ? strlen(rep) : (size_t)k;

		if (k <= 0 || o + rl + 1 > cap)
			break;
		memcpy(out + o, rep ? rep : (const char *)m + i, rl);
		o += rl;
		i += k;
	}
	out[o] = '\0';
	free(m);
	return o;
}

size_t fold_lower(const char *s, size_t n, char *out, size_t cap)
{
	if (all_ascii(s, n))
		return ascii_lower(s, n, out, cap);
	return map(s, n, out, cap, UTF8PROC_COMPOSE, false);
}

size_t fold_plain(const char *s, size_t n, char *out, size_t cap)
{
	if (all_ascii(s, n))
		return ascii_lower(s, n, out, cap);
	return map(s, n, out, cap, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, true);
}
