/* fuzzy.h - matching labels written by hand against the ones we expect:
 * case, spacing, punctuation and diacritics do not count, and a label may
 * be misspelt by an edit or two, according to its length. Pure functions. */
#ifndef TEXT_FUZZY_H
#define TEXT_FUZZY_H

#include <stdbool.h>
#include <stddef.h>

/* s folded to plain letters and digits with one space between words
 * ("  Kod  pocztowy:" -> "kod pocztowy"); at most cap-1 bytes and a NUL.
 * Returns the length. Invalid UTF-8 gives "". */
size_t fuzzy_key(const char *s, size_t n, char *out, size_t cap);

/* Levenshtein distance of a and b (bytes), stopping once it passes max:
 * any result above max means "further than max". */
unsigned fuzzy_distance(const char *a, size_t na, const char *b, size_t nb,
			unsigned max);

/* Whether text names label: their keys are equal, or within 1 edit when
 * the label's key has 5 to 11 bytes, 2 edits from 12 bytes on. */
bool fuzzy_label_match(const char *text, const char *label);
/* The same test, giving the number of edits (0: equal keys), or -1 when
 * text does not name label; callers choosing among labels take the
 * nearest, so that "gmina wiejska" is not taken for "gmina miejska". */
int fuzzy_label_distance(const char *text, const char *label);

#endif
