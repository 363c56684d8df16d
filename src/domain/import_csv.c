/* import_csv.c - reading praxis's CSV export (or a spreadsheet made in
 * its shape) back into import records, driven by export_columns. */
#include "domain/import_readers.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/export.h"
#include "store/store.h"
#include "text/csv.h"

enum { IMPORT_ROWS_MAX = 1000000 };

static bool number_cell(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return *s && !*end && !errno && isfinite(*v);
}

/* "2019-03-20T12:00:00Z" or "2019-03-20" (noon UTC, as data sets). */
static bool time_cell(const char *s, int64_t *t)
{
	struct tm tm = {0};
	int y, mo, d, h = 12, mi = 0, sec = 0, used = 0;
	size_t len = strlen(s);
	char day[11];

	snprintf(day, sizeof day, "%s", s);
	if (len == 10 && date_partial_valid(day))
		sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used);
	else if (len == 20 && date_partial_valid(day) &&
		 strspn(s + 11, "0123456789") == 2 && s[13] == ':' &&
		 strspn(s + 14, "0123456789") == 2 && s[16] == ':' &&
		 strspn(s + 17, "0123456789") == 2)
		sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi,
		       &sec, &used);
	if ((size_t)used != len || h > 23 || mi > 59 || sec > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*t = (int64_t)timegm(&tm);
	return true;
}

/* One link: kind|url|title|act_number|act_date|issuer. */
static int link_cell(struct arena *a, const char *s, struct link *l,
		     struct error *err)
{
	const char **f;
	size_t n;
	int kind;

	if (export_list_split(a, s, '|', true, &f, &n) < 0)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (n > 6 || (kind = code_parse(link_kind_codes, LINK__MAX, f[0])) < 0)
		return error_set(err, ERR_INVALID, "expected kind|url|title|"
				 "act_number|act_date|issuer with a known kind");
	memset(l, 0, sizeof *l);
	l->kind = kind;
	const char **dst[] = {NULL, &l->url, &l->title, &l->act_number,
			      &l->act_date, &l->issuer};
	for (size_t i = 1; i < n; i++)
		*dst[i] = *f[i] ? f[i] : NULL;
	return 0;
}

/* The coordinates of a row: the practice's place and its unit's, each
 * known only when both halves are given. */
enum { AT_LAT, AT_LON, AT_ORG_LAT, AT_ORG_LON, AT__MAX };

struct row_state {
	double at[AT__MAX];
	bool given[AT__MAX];
};

static int coord_slot(enum export_kind k)
{
	return k == COL_LAT ? AT_LAT : k == COL_LON ? AT_LON
	       : k == COL_ORG_LAT ? AT_ORG_LAT : AT_ORG_LON;
}

static int set_cell(struct store *st, struct arena *a,
		    const struct export_column *c, const char *v,
		    struct import_record *r, struct row_state *rs,
		    struct error *err)
{
	struct practice_input *in = &r->practice;
	const char **items;
	size_t n;
	int code;

	switch (c->kind) {
	case COL_ID: case COL_URL: case COL_SLUG:
		return 0;
	case COL_TEXT:
		*(const char **)((char *)in + c->in_off) = v;
		return 0;
	case COL_ORG_TEXT:
		*(const char **)((char *)&r->org + c->off) = v;
		return 0;
	case COL_STATUS:
		if ((code = code_parse(practice_status_codes, STATUS__MAX, v)) < 0)
			return error_set(err, ERR_INVALID, "unknown status");
		in->status = code;
		return 0;
	case COL_INITIATOR:
		if ((code = code_parse(initiator_type_codes, INITIATOR__MAX, v)) < 0)
			return error_set(err, ERR_INVALID, "unknown initiator type");
		in->initiator = code;
		return 0;
	case COL_UNIT_TYPE:
		if ((code = code_parse(unit_type_codes, UNIT__MAX, v)) < 0)
			return error_set(err, ERR_INVALID, "unknown unit type");
		r->org.unit_type = code;
		return 0;
	case COL_PUBLISHED_AT:
		if (!time_cell(v, &in->published_at))
			return error_set(err, ERR_INVALID, "expected YYYY-MM-DD"
					 " or YYYY-MM-DDTHH:MM:SSZ");
		return 0;
	case COL_POPULATION: {
		char *end;
		errno = 0;
		long long p = strtoll(v, &end, 10);
		if (*end || errno || p < 0)
			return error_set(err, ERR_INVALID, "expected a whole number");
		r->org.population = p;
		return 0;
	}
	case COL_LAT: case COL_LON: case COL_ORG_LAT: case COL_ORG_LON: {
		double d;
		if (!number_cell(v, &d))
			return error_set(err, ERR_INVALID, "expected a number");
		rs->at[coord_slot(c->kind)] = d;
		rs->given[coord_slot(c->kind)] = true;
		return 0;
	}
	case COL_CATEGORIES: {
		int64_t *ids;
		if (export_list_split(a, v, '|', false, &items, &n) < 0 ||
		    !(ids = arena_calloc(a, n + 1, sizeof *ids)))
			return error_set(err, ERR_INTERNAL, "out of memory");
		for (size_t i = 0; i < n; i++)
			if (!(ids[i] = store_category_id(st, items[i])))
				return error_set(err, ERR_INVALID, "unknown "
						 "category '%s'", items[i]);
		in->category_ids = ids;
		in->ncategories = n;
		return 0;
	}
	case COL_KEYWORDS:
		if (export_list_split(a, v, '|', false, &items, &n) < 0)
			return error_set(err, ERR_INTERNAL, "out of memory");
		in->keywords = items;
		in->nkeywords = n;
		return 0;
	case COL_LINKS: {
		/* one link a line; the escapes are undone per field */
		struct link *ls;
		size_t cap = 0;
		n = 0;
		ls = NULL;
		for (const char *p = v, *e; *p; p = *e ? e + 1 : e) {
			const char *line;
			e = p + strcspn(p, "\n");
			if (e == p)
				continue;
			if (!(line = arena_strndup(a, p, (size_t)(e - p))) ||
			    !(ls = arena_grow(a, ls, n, &cap, sizeof *ls)))
				return error_set(err, ERR_INTERNAL, "out of memory");
			if (link_cell(a, line, &ls[n++], err) < 0)
				return ERR_INVALID;
		}
		in->links = ls;
		in->nlinks = n;
		return 0;
	}
	}
	return 0;
}

/* Which export column each header cell is; -1 for none. */
static int map_header(const char **cells, size_t n, int *map,
		      struct error *err)
{
	bool seen[EXPORT_COLUMNS] = {0};

	for (size_t i = 0; i < n; i++) {
		map[i] = -1;
		for (int k = 0; k < EXPORT_COLUMNS; k++)
			if (!strcmp(cells[i], export_columns[k].name))
				map[i] = k;
		if (map[i] < 0)
			return error_set(err, ERR_INVALID, "line 1: unknown "
					 "column '%.80s'", cells[i]);
		if (seen[map[i]])
			return error_set(err, ERR_INVALID, "line 1: column "
					 "'%s' twice", cells[i]);
		seen[map[i]] = true;
	}
	for (int k = 0; k < EXPORT_COLUMNS; k++)
		if (!seen[k] && (!strcmp(export_columns[k].name, "title") ||
				 !strcmp(export_columns[k].name, "summary") ||
				 !strcmp(export_columns[k].name, "organisation")))
			return error_set(err, ERR_INVALID, "line 1: needs the "
					 "columns title, summary and "
					 "organisation");
	return 0;
}

static int read_row(struct store *st, struct arena *a, const char **cells,
		    size_t n, const int *map, unsigned long line,
		    struct import_record *r, struct error *err)
{
	struct row_state rs = {0};
	struct error why = ERROR_INIT;

	memset(r, 0, sizeof *r);
	r->practice.status = STATUS_PUBLISHED;
	r->practice.initiator = INITIATOR_LOCAL_GOVERNMENT;
	r->org.unit_type = UNIT_OTHER;
	r->org.population = -1;
	for (size_t i = 0; i < n; i++) {
		const struct export_column *c = &export_columns[map[i]];
		if (!*cells[i])
			continue;
		if (set_cell(st, a, c, cells[i], r, &rs, &why) < 0)
			return error_set(err, why.code, "line %lu, column %s: %s",
					 line, c->name, why.msg);
		if (c->kind != COL_ID && c->kind != COL_URL && c->kind != COL_SLUG)
			r->nfields++;
	}
	r->org.has_coords = rs.given[AT_ORG_LAT] && rs.given[AT_ORG_LON];
	r->org.lat = rs.at[AT_ORG_LAT];
	r->org.lon = rs.at[AT_ORG_LON];
	/* lat, lon: the practice's place, its unit's when it has none */
	if (rs.given[AT_LAT] && rs.given[AT_LON] &&
	    !(r->org.has_coords && rs.at[AT_LAT] == r->org.lat &&
	      rs.at[AT_LON] == r->org.lon)) {
		r->practice.has_coords = true;
		r->practice.lat = rs.at[AT_LAT];
		r->practice.lon = rs.at[AT_LON];
	}
	if (!(r->content = import_record_content(a, r)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	return 0;
}

int import_read_csv(struct store *st, struct arena *a, const char *name,
		    const char *data, size_t len, struct import_file *out,
		    struct error *err)
{
	struct csv_reader r;
	const char **cells;
	size_t n, cap = 0;
	int *map = NULL, rc;

	(void)name;
	memset(out, 0, sizeof *out);
	out->format = "csv";
	csv_reader_init(&r, data, len);
	if ((rc = csv_read_row(&r, a, &cells, &n, err)) <= 0) {
		if (rc == 0)
			rc = error_set(err, ERR_INVALID, "an empty file");
		goto out;
	}
	if (!(map = arena_calloc(a, n, sizeof *map))) {
		rc = error_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	if ((rc = map_header(cells, n, map, err)) < 0)
		goto out;
	while ((rc = csv_read_row(&r, a, &cells, &n, err)) > 0) {
		if (out->nrecords >= IMPORT_ROWS_MAX) {
			rc = error_set(err, ERR_INVALID, "more than %d rows",
				       IMPORT_ROWS_MAX);
			goto out;
		}
		out->records = arena_grow(a, out->records, out->nrecords, &cap,
					  sizeof *out->records);
		if (!out->records) {
			rc = error_set(err, ERR_INTERNAL, "out of memory");
			goto out;
		}
		if ((rc = read_row(st, a, cells, n, map, r.row_line,
				   &out->records[out->nrecords], err)) < 0)
			goto out;
		out->nrecords++;
	}
	if (rc == 0 && out->nrecords) {
		/* the file's language when its records agree on one */
		out->lang = out->records[0].practice.lang;
		for (size_t i = 1; out->lang && i < out->nrecords; i++) {
			const char *l = out->records[i].practice.lang;
			if (!l || strcmp(l, out->lang))
				out->lang = NULL;
		}
	}
out:
	csv_reader_release(&r);
	return rc < 0 ? rc : 0;
}
