#include "text/slug.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

size_t slug_make(char *out, size_t cap, const char *s)
{
	size_t n = strlen(s), len = 0;
	char *plain = malloc(n * 3 + 8); /* folding may lengthen (ß → ss) */
	bool dash = false;

	if (!cap)
		return 0;
	if (plain)
		fold_plain(s, n, plain, n * 3 + 8);
	/* ASCII letters and digits stay; every other run becomes one dash */
	for (const char *p = plain; p && *p && len + 1 < cap; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			if (dash && len + 2 < cap)
				out[len++] = '-';
			dash = false;
			out[len++] = *p;
		} else {
			dash = len > 0;
		}
	}
	free(plain);
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
