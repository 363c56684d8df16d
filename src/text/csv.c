/* csv.c - RFC 4180 writer and reader; see csv.h for the formula rule. */
#include "text/csv.h"

#include <string.h>

#include "core/utf8.h"

const char csv_bom[3] = {'\xEF', '\xBB', '\xBF'};

static bool formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	       c == '\r';
}

/* "-12.5", "+3", "42": a spreadsheet reads these as numbers, not
 * formulas, so they keep their sign unprefixed. */
static bool plain_number(const char *s)
{
	size_t i = 0, digits = 0;

	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (s[i] == '.') {
		size_t frac = 0;
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			frac++;
		if (!frac)
			return false;
	}
	return digits && !s[i];
}

/* Leading 's of s, and whether the character after them starts a
 * formula (the reader and writer share this test so a cell survives). */
static size_t quote_run(const char *s, bool *formula)
{
	size_t k = strspn(s, "'");

	*formula = formula_start(s[k]);
	return k;
}

void csv_write_field(struct buf *b, const char *s, char delim)
{
	bool formula, quote;
	size_t k;

	if (!s || !*s)
		return;
	k = quote_run(s, &formula);
	quote = strchr(s, delim) || strpbrk(s, "\"\r\n");
	if (quote)
		buf_putc(b, '"');
	if (formula && (k > 0 || !plain_number(s)))
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
}

void csv_write_row(struct buf *b, const char *const *cells, size_t n,
		   char delim)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, delim);
		csv_write_field(b, cells[i], delim);
	}
	buf_puts(b, "\r\n");
}

/* ',' or ';': whichever the first line has more of outside quotes. */
static char detect_delim(const char *p, size_t len)
{
	size_t commas = 0, semicolons = 0;
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (p[i] == '\n')
			break;
		else if (p[i] == ',')
			commas++;
		else if (p[i] == ';')
			semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	if (len >= 3 && !memcmp(data, csv_bom, 3)) {
		data += 3;
		len -= 3;
	}
	r->data = data;
	r->len = len;
	r->line = 1;
	r->delim = detect_delim(data, len);
	buf_init(&r->field, 256);
}

void csv_reader_release(struct csv_reader *r)
{
	buf_release(&r->field);
}

/* At a line end (LF or CRLF), its length; else 0. */
static size_t eol(const struct csv_reader *r)
{
	if (r->pos < r->len && r->data[r->pos] == '\n')
		return 1;
	if (r->pos + 1 < r->len && r->data[r->pos] == '\r' &&
	    r->data[r->pos + 1] == '\n')
		return 2;
	return 0;
}

static int quoted_field(struct csv_reader *r, struct error *err)
{
	unsigned long start = r->line;

	r->pos++;
	for (;;) {
		char c;

		if (r->pos >= r->len)
			return error_set(err, ERR_INVALID, "line %lu: a quoted "
					 "field is never closed", start);
		c = r->data[r->pos++];
		if (c == '"') {
			if (r->pos >= r->len || r->data[r->pos] != '"')
				break;
			r->pos++;
		} else if (c == '\n') {
			r->line++;
		}
		buf_putc(&r->field, c);
		if (r->field.len > CSV_FIELD_MAX)
			return error_set(err, ERR_INVALID, "line %lu: a cell is "
					 "longer than %d bytes", start,
					 CSV_FIELD_MAX);
	}
	if (r->pos < r->len && r->data[r->pos] != r->delim && !eol(r))
		return error_set(err, ERR_INVALID, "line %lu: text after the "
				 "closing quote of a cell", r->line);
	return 0;
}

static int plain_field(struct csv_reader *r, struct error *err)
{
	while (r->pos < r->len && r->data[r->pos] != r->delim && !eol(r)) {
		buf_putc(&r->field, r->data[r->pos++]);
		if (r->field.len > CSV_FIELD_MAX)
			return error_set(err, ERR_INVALID, "line %lu: a cell is "
					 "longer than %d bytes", r->line,
					 CSV_FIELD_MAX);
	}
	return 0;
}

/* The cell just read, checked and with a neutralising ' removed. */
static const char *take_field(struct csv_reader *r, struct arena *a,
			      struct error *err)
{
	const char *s = r->field.data;
	size_t n = r->field.len;
	bool formula;
	char *out;

	if (r->field.oom) {
		error_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	if (!utf8_valid_text(s, n)) {
		error_set(err, ERR_INVALID, "line %lu: invalid UTF-8 or a "
			  "control character", r->line);
		return NULL;
	}
	if (quote_run(s, &formula) > 0 && formula) {
		s++;
		n--;
	}
	if (!(out = arena_strndup(a, s, n)))
		error_set(err, ERR_INTERNAL, "out of memory");
	return out;
}

int csv_read_row(struct csv_reader *r, struct arena *a, const char ***cells,
		 size_t *n, struct error *err)
{
	const char **row = NULL;
	size_t cap = 0, start;
	int rc;

	*cells = NULL;
	*n = 0;
	for (size_t k; (k = eol(r));) { /* empty lines */
		r->pos += k;
		r->line++;
	}
	if (r->pos >= r->len)
		return 0;
	r->row_line = r->line;
	start = r->pos;
	for (;;) {
		const char *s;

		buf_reset(&r->field);
		rc = r->pos < r->len && r->data[r->pos] == '"'
			     ? quoted_field(r, err) : plain_field(r, err);
		if (rc < 0)
			return rc;
		if (r->pos - start > CSV_ROW_MAX)
			return error_set(err, ERR_INVALID, "line %lu: a row is "
					 "longer than %d bytes", r->row_line,
					 CSV_ROW_MAX);
		if (!(s = take_field(r, a, err)))
			return err ? err->code : ERR_INVALID;
		if (*n >= CSV_COLUMNS_MAX)
			return error_set(err, ERR_INVALID, "line %lu: more than "
					 "%d cells", r->row_line, CSV_COLUMNS_MAX);
		if (!(row = arena_grow(a, row, *n, &cap, sizeof *row)))
			return error_set(err, ERR_INTERNAL, "out of memory");
		row[(*n)++] = s;
		if (r->pos < r->len && r->data[r->pos] == r->delim) {
			r->pos++;
			continue;
		}
		r->pos += eol(r); /* or the end of the data */
		r->line++;
		break;
	}
	if (!r->ncols)
		r->ncols = *n;
	else if (*n != r->ncols)
		return error_set(err, ERR_INVALID, "line %lu: %zu cells where "
				 "the first row has %zu", r->row_line, *n,
				 r->ncols);
	*cells = row;
	return 1;
}
