/* slug.h - readable ASCII identifiers for URLs ("Klub Seniora w Łodzi"
 * becomes "klub-seniora-w-lodzi"), folding diacritics including letters
 * that have no Unicode decomposition (ł, đ, ß, ø, æ). */
#ifndef TEXT_SLUG_H
#define TEXT_SLUG_H

#include <stddef.h>

/* Writes at most cap-1 bytes and a NUL into out; returns the length.
 * An input with no letters or digits gives "item". */
size_t slug_make(char *out, size_t cap, const char *s);

#endif
