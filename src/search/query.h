/* query.h - what a reader types into the search box, parsed into the
 * store's full-text expression: words (all must match, in any inflected
 * form), "quoted phrases", -excluded words or phrases, and prefix* terms.
 * Every term is quoted in the output, so no input can inject operators. */
#ifndef SEARCH_QUERY_H
#define SEARCH_QUERY_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

enum { QUERY_MAX_BYTES = 500, QUERY_MAX_TERMS = 32 };

enum term_kind { TERM_WORD, TERM_PHRASE };

struct query_term {
	enum term_kind kind;
	const char *text; /* as typed, without quotes, minus or star */
	int excluded, prefix;
};

struct search_query {
	struct query_term terms[QUERY_MAX_TERMS];
	size_t nterms, npositive;
	const char *match; /* FTS5 expression; NULL when nothing to search */
};

/* Parses q (valid UTF-8). An empty or blank q gives match == NULL. Fails,
 * naming the parameter "q", when q is too long, has too many terms, or
 * has only excluded terms. */
int search_query_parse(struct arena *a, const char *q, struct search_query *out,
		       struct error *err);

/* The same search with any positive term enough (OR), for when no
 * practice has them all; NULL when there is only one. */
const char *search_query_relaxed(struct arena *a, const struct search_query *q);

#endif
