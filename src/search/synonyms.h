/* synonyms.h - groups of words and phrases that mean the same thing to a
 * reader (data/synonyms.json, compiled in): "ngo" also finds "organizacja
 * pozarządowa" in any inflected form. Loaded once per process, read-only. */
#ifndef SEARCH_SYNONYMS_H
#define SEARCH_SYNONYMS_H

#include <stddef.h>

/* The other members of the group of term (compared in folded form), as a
 * NULL-terminated list that lives for the process; NULL when none. */
const char *const *synonyms_of(const char *term, size_t len);

#endif
