/* spell.h - "did you mean": the word of the search index closest to a
 * misspelt one, by edit distance (transpositions count as one edit), the
 * most common of equally close ones. */
#ifndef SEARCH_SPELL_H
#define SEARCH_SPELL_H

#include <stddef.h>

#include "core/arena.h"
#include "store/store.h"

/* Optimal string alignment distance between two strings of code points
 * given as UTF-8, or max+1 when it exceeds max. */
int spell_distance(const char *a, const char *b, int max);
/* The suggestion for word (any form; it is folded first), or NULL when
 * the index has the word itself or nothing close enough. */
const char *spell_suggest(struct store *st, struct arena *a, const char *word);

#endif
