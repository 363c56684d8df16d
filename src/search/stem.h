/* stem.h - stems of a word in one language: hunspell with Debian's
 * dictionaries for Polish and Slovene (every stem it knows), Snowball for
 * English and Arabic. Each language's stemmer is loaded once per process,
 * on first use, and shared by all threads (calls are serialised inside,
 * since neither library is thread-safe) with a cache of recent words. */
#ifndef SEARCH_STEM_H
#define SEARCH_STEM_H

#include <stdbool.h>
#include <stddef.h>

#include "text/fold.h"

enum { STEMS_MAX = 8 };

struct stems {
	int n;
	char word[STEMS_MAX][FOLD_MAX]; /* in plain form (see fold.h) */
};

/* Whether praxis has a stemmer for lang (pl, sl, en, ar). */
bool stem_supported(const char *lang);
/* Fills out with the distinct plain-form stems of lower (a word in lower
 * form), leaving out one equal to skip (the word's own plain form). A
 * language without a stemmer, or a dictionary that failed to load,
 * yields none: search then matches the folded word exactly. */
void stem_word(const char *lang, const char *lower, size_t n,
	       const char *skip, struct stems *out);

#endif
