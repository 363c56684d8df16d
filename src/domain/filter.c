#include "domain/filter.h"

#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/utf8.h"
#include "domain/organisation.h"
#include "domain/practice.h"
#include "domain/taxonomy.h"

const char *const filter_param_names[FILTER__MAX] = {
	"category", "region", "unit", "initiator", "lang", "year",
};

int filter_param_parse(const char *name)
{
	return code_parse(filter_param_names, FILTER__MAX, name);
}

static int too_many(enum filter_param p, struct error *err)
{
	return error_set(err, ERR_INVALID, "%s: at most %d values",
			 filter_param_names[p], FILTER_VALUES_MAX);
}

int filter_add(struct practice_filter *f, enum filter_param p,
	       const char *v, struct error *err)
{
	const char *name = filter_param_names[p];
	int code;

	if (!v || !*v) /* an empty form field means "any" */
		return 0;
	switch (p) {
	case FILTER_CATEGORY:
		if (!taxonomy_slug_valid(v))
			return error_set(err, ERR_INVALID,
					 "%s: not a category identifier", name);
		if (f->ncategories == FILTER_VALUES_MAX)
			return too_many(p, err);
		f->categories[f->ncategories++] = v;
		return 0;
	case FILTER_REGION:
		if (strlen(v) > 100 || !utf8_valid_text(v, strlen(v)))
			return error_set(err, ERR_INVALID,
					 "%s: not a region name", name);
		if (f->nregions == FILTER_VALUES_MAX)
			return too_many(p, err);
		f->regions[f->nregions++] = v;
		return 0;
	case FILTER_UNIT:
		if ((code = code_parse(unit_type_codes, UNIT__MAX, v)) < 0)
			return error_set(err, ERR_INVALID,
					 "%s: unknown unit type", name);
		if (f->nunit_types == FILTER_VALUES_MAX)
			return too_many(p, err);
		f->unit_types[f->nunit_types++] = code;
		return 0;
	case FILTER_INITIATOR:
		if ((code = code_parse(initiator_type_codes, INITIATOR__MAX, v)) < 0)
			return error_set(err, ERR_INVALID,
					 "%s: unknown initiator type", name);
		if (f->ninitiators == FILTER_VALUES_MAX)
			return too_many(p, err);
		f->initiators[f->ninitiators++] = code;
		return 0;
	case FILTER_LANG:
		if (!lang_code_valid(v))
			return error_set(err, ERR_INVALID,
					 "%s: unknown language code", name);
		if (f->nlangs == FILTER_VALUES_MAX)
			return too_many(p, err);
		f->langs[f->nlangs++] = v;
		return 0;
	case FILTER_YEAR:
		if (strlen(v) != 4 || strspn(v, "0123456789") != 4 ||
		    atoi(v) < 1900 || atoi(v) > 2100)
			return error_set(err, ERR_INVALID,
					 "%s: expected a year such as 2020", name);
		if (f->nyears == FILTER_VALUES_MAX)
			return too_many(p, err);
		f->years[f->nyears++] = atoi(v);
		return 0;
	case FILTER__MAX:
		break;
	}
	return error_set(err, ERR_INTERNAL, "unknown filter");
}

bool filter_is_empty(const struct practice_filter *f)
{
	return !f->ncategories && !f->nregions && !f->nunit_types &&
	       !f->ninitiators && !f->nlangs && !f->nyears && !f->org_id &&
	       !f->match;
}

/* The text form is base64url("c1:<published_at>:<id>"): opaque to
 * clients, versioned so that the sort key can change later. */
void cursor_encode(const struct cursor *c, char *out, size_t cap)
{
	char raw[64];
	int n = snprintf(raw, sizeof raw, "c1:%" PRId64 ":%" PRId64,
			 c->published_at, c->id);

	if (cap < sodium_base64_ENCODED_LEN((size_t)n,
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING)) {
		if (cap)
			out[0] = '\0';
		return;
	}
	sodium_bin2base64(out, cap, (const unsigned char *)raw, (size_t)n,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int cursor_decode(const char *s, struct cursor *c, struct error *err)
{
	unsigned char raw[64];
	size_t n = 0;
	char text[65], *end;
	long long t, id;

	if (!s || strlen(s) > 80 ||
	    sodium_base642bin(raw, sizeof raw - 1, s, strlen(s), NULL, &n,
			      NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING))
		goto bad;
	memcpy(text, raw, n);
	text[n] = '\0';
	if (strncmp(text, "c1:", 3))
		goto bad;
	errno = 0;
	t = strtoll(text + 3, &end, 10);
	if (errno || *end != ':' || end == text + 3)
		goto bad;
	id = strtoll(end + 1, &end, 10);
	if (errno || *end || id <= 0 || t < 0)
		goto bad;
	c->published_at = t;
	c->id = id;
	return 0;
bad:
	return error_set(err, ERR_INVALID, "cursor: not a cursor from this API");
}

double likeness_score(int unit_type, int64_t population,
		      const struct likeness *me)
{
	double score = 0;

	if (me->unit_type >= 0 && unit_type == me->unit_type)
		score += 0.5;
	if (me->population > 0 && population > 0) {
		double gap = fabs(log((double)population / (double)me->population));
		if (gap < log(10.0))
			score += 0.5 * (1 - gap / log(10.0));
	}
	return score;
}
