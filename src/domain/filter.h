/* filter.h - which practices a list shows and which page of them: the
 * filters of the list page and the API, parsed and validated here so that
 * both front ends accept exactly the same parameters. */
#ifndef DOMAIN_FILTER_H
#define DOMAIN_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum { FILTER_VALUES_MAX = 8 };

/* Values of one parameter are ORed; different parameters are ANDed. */
struct practice_filter {
	const char *categories[FILTER_VALUES_MAX]; /* slugs; subtree included */
	size_t ncategories;
	const char *regions[FILTER_VALUES_MAX];
	size_t nregions;
	int unit_types[FILTER_VALUES_MAX]; /* enum unit_type */
	size_t nunit_types;
	int initiators[FILTER_VALUES_MAX]; /* enum initiator_type */
	size_t ninitiators;
	const char *langs[FILTER_VALUES_MAX];
	size_t nlangs;
	int years[FILTER_VALUES_MAX]; /* year of the date entered */
	size_t nyears;
	int64_t org_id; /* 0: any organisation */
	const char *match; /* full-text expression (search/query.h), or NULL */
	int64_t exclude_id; /* leave this practice out (similar practices) */
	const char *match_lang; /* search only records in this language */
};

/* "From municipalities like yours": the reader's own unit, to rank
 * practices of the same type and a similar population first. */
struct likeness {
	int unit_type;      /* enum unit_type, or -1 */
	int64_t population; /* 0: unknown */
};

/* Names of the filter parameters, in the order forms show them. */
enum filter_param {
	FILTER_CATEGORY,
	FILTER_REGION,
	FILTER_UNIT,
	FILTER_INITIATOR,
	FILTER_LANG,
	FILTER_YEAR,
	FILTER__MAX
};
extern const char *const filter_param_names[FILTER__MAX];

/* Index of a filter parameter name, or -1 for other names. */
int filter_param_parse(const char *name);
/* Adds one value of parameter p; the value must outlive the filter.
 * Fails with ERR_INVALID and a message naming the parameter. */
int filter_add(struct practice_filter *f, enum filter_param p,
	       const char *value, struct error *err);
bool filter_is_empty(const struct practice_filter *f);

/* Keyset position for API paging: the last item of the previous page. */
struct cursor {
	int64_t published_at, id;
};

/* Opaque text form of a cursor: writes at most cap bytes with NUL. */
void cursor_encode(const struct cursor *c, char *out, size_t cap);
int cursor_decode(const char *s, struct cursor *c, struct error *err);

/* How alike a unit is to the reader's, from 0 to 1: half for the same
 * type of unit, half for a population within a factor of ten (closer is
 * more). */
double likeness_score(int unit_type, int64_t population,
		      const struct likeness *me);

struct page_req {
	const struct likeness *like; /* rank units like this first, or NULL */
	int limit;       /* items per page */
	int offset;      /* for numbered pages (HTML) */
	bool has_cursor; /* for keyset pages (API); offset ignored */
	bool skip_total; /* the caller counts (with the facets): no count here */
	bool no_snippets; /* a search's items need no passages */
	bool newest;      /* newest first even for a search (feeds) */
	struct cursor after;
};

enum { PAGE_LIMIT_DEFAULT = 20, PAGE_LIMIT_MAX = 100 };

#endif
