/* search.h - a search as the pages, the API and the command line run it:
 * the reader's text parsed (query.h), combined with the list filters,
 * ranked results with snippets, and facet counts for every filter. */
#ifndef SEARCH_SEARCH_H
#define SEARCH_SEARCH_H

#include <stdbool.h>

#include "search/query.h"
#include "store/store.h"

struct search_result {
	struct search_query query;
	bool relaxed; /* nothing had every word: these have some of them */
	const char *suggestion; /* nothing at all: the query respelt, or NULL */
	struct practice_page page;
	/* Per filter parameter: values with counts under the other filters. */
	struct facet_value *facets[FILTER__MAX];
	size_t nfacets[FILTER__MAX];
};

/* Runs q (may be empty: then the newest practices) with filter f (its
 * match is set here). Bad q fails with ERR_INVALID naming "q". */
int search_run(struct store *st, struct arena *a, const char *lang,
	       const char *q, struct practice_filter *f,
	       const struct page_req *page, bool facets,
	       struct search_result *out, struct error *err);

enum { SIMILAR_MAX = 5 };

/* Practices like p: in its language and categories, sharing its rarest
 * title words and keywords. Fills out with at most SIMILAR_MAX. */
int search_similar(struct store *st, struct arena *a, const char *lang,
		   const struct practice *p, struct practice_page *out,
		   struct error *err);

#endif
