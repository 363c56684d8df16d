#include "search/spell.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

#include "text/fold.h"

enum { SPELL_MAX_CHARS = 64 };

static int decode(const char *s, int32_t *out)
{
	int n = 0;
	utf8proc_int32_t cp;

	while (*s && n < SPELL_MAX_CHARS) {
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		if (k <= 0)
			break;
		out[n++] = cp;
		s += k;
	}
	return n;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

int spell_distance(const char *sa, const char *sb, int max)
{
	int32_t a[SPELL_MAX_CHARS], b[SPELL_MAX_CHARS];
	int na = decode(sa, a), nb = decode(sb, b);
	int d[SPELL_MAX_CHARS + 1][SPELL_MAX_CHARS + 1];

	if (na - nb > max || nb - na > max)
		return max + 1;
	for (int i = 0; i <= na; i++)
		d[i][0] = i;
	for (int j = 0; j <= nb; j++)
		d[0][j] = j;
	for (int i = 1; i <= na; i++) {
		int row_min = max + 1;
		for (int j = 1; j <= nb; j++) {
			int cost = a[i - 1] != b[j - 1];
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				       d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
			if (d[i][j] < row_min)
				row_min = d[i][j];
		}
		if (row_min > max)
			return max + 1;
	}
	return d[na][nb] > max ? max + 1 : d[na][nb];
}

struct best {
	const char *word;
	int max;
	bool exact;
	int dist;
	int64_t docs;
	char term[FOLD_MAX];
};

static int consider(void *ctx, const char *term, int64_t docs)
{
	struct best *b = ctx;
	int d;

	if (!strcmp(term, b->word)) {
		b->exact = true;
		return 1;
	}
	d = spell_distance(b->word, term, b->max);
	if (d <= b->max && (d < b->dist || (d == b->dist && docs > b->docs))) {
		b->dist = d;
		b->docs = docs;
		snprintf(b->term, sizeof b->term, "%s", term);
	}
	return 0;
}

const char *spell_suggest(struct store *st, struct arena *a, const char *word)
{
	char folded[FOLD_MAX], from[8], to[8];
	struct best b = {0};
	size_t n = fold_plain(word, strlen(word), folded, sizeof folded);
	size_t first;

	if (n < 3 || n >= 60)
		return NULL;
	b.word = folded;
	b.max = n < 6 ? 1 : 2;
	b.dist = b.max + 1;
	/* Candidates share the first character: typos there are rare, and
	 * it keeps the scan to a slice of the vocabulary. */
	first = 1;
	while (first < n && ((unsigned char)folded[first] & 0xC0) == 0x80)
		first++;
	memcpy(from, folded, first);
	from[first] = '\0';
	memcpy(to, folded, first);
	to[first] = '\0';
	to[first - 1]++;
	if (store_index_terms(st, from, to, consider, &b, NULL) < 0 || b.exact ||
	    b.dist > b.max)
		return NULL;
	return arena_strdup(a, b.term);
}
