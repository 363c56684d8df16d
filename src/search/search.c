#include "search/search.h"

#include <string.h>

int search_run(struct store *st, struct arena *a, const char *lang,
	       const char *q, struct practice_filter *f,
	       const struct page_req *page, bool facets,
	       struct search_result *out, struct error *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = search_query_parse(a, q, &out->query, err)) < 0)
		return rc;
	f->match = out->query.match;
	if ((rc = store_practice_list(st, a, lang, f, page, &out->page, err)) < 0)
		return rc;
	if (!out->page.total && (f->match = search_query_relaxed(a, &out->query))) {
		out->relaxed = true;
		if ((rc = store_practice_list(st, a, lang, f, page, &out->page,
					      err)) < 0)
			return rc;
	}
	for (int p = 0; facets && p < FILTER__MAX; p++)
		if ((rc = store_facet_values(st, a, (enum filter_param)p, f,
					     &out->facets[p], &out->nfacets[p],
					     err)) < 0)
			return rc;
	return 0;
}
