#include "text/fuzzy.h"

#include <string.h>

#include "core/utf8.h"
#include "text/fold.h"

size_t fuzzy_key(const char *s, size_t n, char *out, size_t cap)
{
	char plain[FOLD_MAX * 2];
	size_t len, o = 0;
	bool space = false;

	if (!cap)
		return 0;
	out[0] = '\0';
	if (!utf8_valid_text(s, n))
		return 0;
	len = fold_plain(s, n, plain, sizeof plain);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)plain[i];
		size_t w = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c >= 0x80;

		if (i + w > len)
			break;
		if (!word) {
			space = o > 0;
			i++;
			continue;
		}
		if (o + w + (space ? 1 : 0) + 1 > cap)
			break; /* whole characters only */
		if (space)
			out[o++] = ' ';
		space = false;
		memcpy(out + o, plain + i, w);
		o += w;
		i += w;
	}
	out[o] = '\0';
	return o;
}

unsigned fuzzy_distance(const char *a, size_t na, const char *b, size_t nb,
			unsigned max)
{
	unsigned row[FOLD_MAX + 1];

	if (na > FOLD_MAX || nb > FOLD_MAX)
		return max + 1;
	if ((na > nb ? na - nb : nb - na) > max)
		return max + 1;
	for (size_t j = 0; j <= nb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		unsigned diag = row[0], best;
		row[0] = (unsigned)i;
		best = row[0];
		for (size_t j = 1; j <= nb; j++) {
			unsigned up = row[j];
			unsigned v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > max) /* every path is already too long */
			return max + 1;
	}
	return row[nb];
}

int fuzzy_label_distance(const char *text, const char *label)
{
	char kt[FOLD_MAX], kl[FOLD_MAX];
	size_t nt = fuzzy_key(text, strlen(text), kt, sizeof kt);
	size_t nl = fuzzy_key(label, strlen(label), kl, sizeof kl);
	unsigned max = nl < 5 ? 0 : nl < 12 ? 1 : 2, d;

	if (!nl || !nt)
		return -1;
	d = fuzzy_distance(kt, nt, kl, nl, max);
	return d <= max ? (int)d : -1;
}

bool fuzzy_label_match(const char *text, const char *label)
{
	return fuzzy_label_distance(text, label) >= 0;
}
