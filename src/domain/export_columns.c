/* export_columns.c - the practice columns of CSV exports and imports, in
 * one table, and the cell encodings both directions share. */
#include "domain/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const export_format_codes[EXPORT__MAX] = {
	"json", "csv", "csv-excel",
};

#define P(f) offsetof(struct practice, f), offsetof(struct practice_input, f)
#define O(f) offsetof(struct organisation, f), 0

/* Documented in README.md ("Data exports"); append, never reorder. */
const struct export_column export_columns[EXPORT_COLUMNS] = {
	{"id", COL_ID, 0, 0},
	{"url", COL_URL, 0, 0},
	{"slug", COL_SLUG, 0, 0},
	{"lang", COL_TEXT, P(lang)},
	{"status", COL_STATUS, 0, 0},
	{"title", COL_TEXT, P(title)},
	{"summary", COL_TEXT, P(summary)},
	{"body", COL_TEXT, P(body)},
	{"categories", COL_CATEGORIES, 0, 0},
	{"keywords", COL_KEYWORDS, 0, 0},
	{"initiator_type", COL_INITIATOR, 0, 0},
	{"implementing_office", COL_TEXT, P(implementing_office)},
	{"date_entered", COL_TEXT, P(date_entered)},
	{"period_start", COL_TEXT, P(period_start)},
	{"period_end", COL_TEXT, P(period_end)},
	{"published_at", COL_PUBLISHED_AT, 0, 0},
	{"lat", COL_LAT, 0, 0},
	{"lon", COL_LON, 0, 0},
	{"links", COL_LINKS, 0, 0},
	{"organisation", COL_ORG_TEXT, O(name)},
	{"unit_type", COL_UNIT_TYPE, 0, 0},
	{"town", COL_ORG_TEXT, O(town)},
	{"county", COL_ORG_TEXT, O(county)},
	{"region", COL_ORG_TEXT, O(region)},
	{"country", COL_ORG_TEXT, O(country)},
	{"postal_code", COL_ORG_TEXT, O(postal_code)},
	{"post_office", COL_ORG_TEXT, O(post_office)},
	{"street", COL_ORG_TEXT, O(street)},
	{"website", COL_ORG_TEXT, O(website)},
	{"population", COL_POPULATION, 0, 0},
	{"org_lat", COL_ORG_LAT, 0, 0},
	{"org_lon", COL_ORG_LON, 0, 0},
};

void export_list_put(struct buf *b, const char *item)
{
	for (const char *s = item ? item : ""; *s; s++) {
		if (*s == '|' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
	}
}

int export_list_split(struct arena *a, const char *s, char sep,
		      bool keep_empty, const char ***items, size_t *n)
{
	struct buf item;
	size_t cap = 0;
	const char **out = NULL;
	int rc = 0;

	*n = 0;
	buf_init(&item, 64);
	for (;; s++) {
		if (*s && *s != sep) {
			if (*s == '\\' && s[1]) {
				s++;
				buf_putc(&item, *s == 'n' ? '\n' : *s);
			} else {
				buf_putc(&item, *s);
			}
			continue;
		}
		if (item.len || keep_empty) {
			char *copy = arena_strndup(a, item.data, item.len);
			if (item.oom || !copy ||
			    !(out = arena_grow(a, out, *n, &cap, sizeof *out))) {
				rc = -1;
				break;
			}
			out[(*n)++] = copy;
		}
		buf_reset(&item);
		if (!*s)
			break;
	}
	buf_release(&item);
	*items = out;
	return rc;
}

const char *export_number(struct arena *a, double v)
{
	char s[40];

	for (int prec = 6; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*g", prec, v);
		if (strtod(s, NULL) == v)
			break;
	}
	return arena_strdup(a, s);
}

static const char *list_cell(struct arena *a, const char *const *items,
			     size_t n)
{
	struct buf b;
	const char *s;

	buf_init(&b, 128);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, '|');
		export_list_put(&b, items[i]);
	}
	s = b.oom ? NULL : arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

/* One link a line: kind|url|title|act_number|act_date|issuer. */
static const char *links_cell(struct arena *a, const struct practice *p)
{
	struct buf b;
	const char *s;

	buf_init(&b, 256);
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct link *l = &p->links[i];
		const char *f[6] = {link_kind_codes[l->kind], l->url, l->title,
				    l->act_number, l->act_date, l->issuer};
		size_t n = 6;

		while (n > 1 && (!f[n - 1] || !*f[n - 1]))
			n--;
		if (i)
			buf_putc(&b, '\n');
		for (size_t k = 0; k < n; k++) {
			if (k)
				buf_putc(&b, '|');
			export_list_put(&b, f[k]);
		}
	}
	s = b.oom ? NULL : arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

static const char *time_cell(struct arena *a, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	if (!t || !gmtime_r(&tt, &tm))
		return "";
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(a, s);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static const char *cell(struct arena *a, const struct export_column *c,
			const struct practice *p, const char *base_url)
{
	const char **slugs;

	switch (c->kind) {
	case COL_ID:
		return arena_printf(a, "%lld", (long long)p->id);
	case COL_URL:
		return arena_printf(a, "%s/practices/%lld-%s", base_url,
				    (long long)p->id, p->slug);
	case COL_SLUG:
		return nz(p->slug);
	case COL_TEXT:
		return nz(*(const char *const *)((const char *)p + c->off));
	case COL_STATUS:
		return practice_status_codes[p->status];
	case COL_INITIATOR:
		return initiator_type_codes[p->initiator];
	case COL_PUBLISHED_AT:
		return time_cell(a, p->published_at);
	case COL_CATEGORIES:
		if (!(slugs = arena_calloc(a, p->ncategories + 1, sizeof *slugs)))
			return NULL;
		for (size_t i = 0; i < p->ncategories; i++)
			slugs[i] = p->categories[i].slug;
		return list_cell(a, slugs, p->ncategories);
	case COL_KEYWORDS:
		return list_cell(a, p->keywords, p->nkeywords);
	case COL_LINKS:
		return links_cell(a, p);
	case COL_LAT:
		return p->has_coords ? export_number(a, p->lat) : "";
	case COL_LON:
		return p->has_coords ? export_number(a, p->lon) : "";
	case COL_ORG_TEXT:
		return nz(*(const char *const *)((const char *)&p->org + c->off));
	case COL_UNIT_TYPE:
		return unit_type_codes[p->org.unit_type];
	case COL_POPULATION:
		return p->org.population < 0 ? ""
		       : arena_printf(a, "%lld", (long long)p->org.population);
	case COL_ORG_LAT:
		return p->org.has_coords ? export_number(a, p->org.lat) : "";
	case COL_ORG_LON:
		return p->org.has_coords ? export_number(a, p->org.lon) : "";
	}
	return "";
}

const char **export_practice_row(struct arena *a, const struct practice *p,
				 const char *base_url)
{
	const char **row = arena_calloc(a, EXPORT_COLUMNS, sizeof *row);

	for (size_t i = 0; row && i < EXPORT_COLUMNS; i++) {
		const char *s = cell(a, &export_columns[i], p, base_url);
		if (!s)
			return NULL;
		row[i] = s;
	}
	return row;
}
