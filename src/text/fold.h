/* fold.h - the normal forms of a word for search and slugs: "lower" (NFKC and case
 * folded, diacritics kept: what stemmers read) and "plain" (lower without
 * diacritics, including letters that have no decomposition: ł→l, đ→d,
 * ß→ss, ø→o, æ→ae). Pure functions; no allocation on the ASCII path. */
#ifndef TEXT_FOLD_H
#define TEXT_FOLD_H

#include <stddef.h>

enum { FOLD_MAX = 256 }; /* longest folded word kept, in bytes */

/* Each writes at most cap-1 bytes and a NUL and returns the length; a
 * result that would not fit is cut at a character boundary. Input must
 * be valid UTF-8 (the analyzer only passes validated words). */
size_t fold_lower(const char *s, size_t n, char *out, size_t cap);
size_t fold_plain(const char *s, size_t n, char *out, size_t cap);

#endif
