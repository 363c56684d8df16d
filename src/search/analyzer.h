/* analyzer.h - turns text into search tokens: words split on Unicode
 * letter/number boundaries, each emitted in plain form (fold.h) with its
 * byte offsets in the original text, followed by its stems in the text's
 * language as tokens at the same position. One analyzer serves every
 * store (SQLite's FTS5 today, PostgreSQL later), so both find the same. */
#ifndef SEARCH_ANALYZER_H
#define SEARCH_ANALYZER_H

#include <stdbool.h>
#include <stddef.h>

enum analyze_flags {
	ANALYZE_NO_STEMS = 1, /* a prefix query: surface forms only */
	/* only where the words are (passages, highlighting): one token per
	 * word that has a plain form, and no stems; the token's text is not
	 * to be relied on (an ASCII word comes as written) */
	ANALYZE_POSITIONS = 2,
};

/* Called for every token; colocated tokens share the previous token's
 * position. start/end are byte offsets into the analysed text. A nonzero
 * return stops the analysis and is returned by analyze_text. */
typedef int (*analyze_token_fn)(void *ctx, bool colocated, const char *token,
				size_t len, size_t start, size_t end);

/* Analyses text[0..len) in language lang (NULL or unknown: fold only).
 * Invalid UTF-8 bytes separate words and are otherwise skipped. */
int analyze_text(const char *lang, int flags, const char *text, size_t len,
		 analyze_token_fn fn, void *ctx);

#endif
