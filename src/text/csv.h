/* csv.h - RFC 4180 CSV: a writer (quoting, CRLF, a chosen delimiter,
 * formula cells neutralised) and a row-at-a-time reader with line numbers
 * in its errors. Owns no data: rows read live in the caller's arena.
 *
 * Formula neutralising (OWASP "CSV injection"): the writer puts a ' before
 * a cell that starts with = + - @ tab or CR, unless the cell is a plain
 * decimal number ("-12.5"), and before a cell that already starts with one
 * or more ' followed by one of those characters. The reader removes one '
 * from a cell that starts with one or more ' followed by one of those
 * characters. So writing then reading gives back every cell unchanged, and
 * a spreadsheet shows such a cell as text, never runs it. */
#ifndef TEXT_CSV_H
#define TEXT_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"

enum {
	CSV_FIELD_MAX = 1 << 20,  /* bytes in one cell (a presentation fits) */
	CSV_ROW_MAX = 4 << 20,    /* bytes in one row */
	CSV_COLUMNS_MAX = 256,
};

/* Appends one cell (quoted when it holds the delimiter, a quote, CR or
 * LF; neutralised as above); NULL is an empty cell. */
void csv_write_field(struct buf *b, const char *s, char delim);
/* Appends n cells separated by delim and a CRLF. */
void csv_write_row(struct buf *b, const char *const *cells, size_t n,
		   char delim);
/* The UTF-8 byte order mark spreadsheets need to see UTF-8. */
extern const char csv_bom[3];

struct csv_reader {
	const char *data;
	size_t len, pos;
	char delim;
	unsigned long line;     /* line of pos, from 1 */
	unsigned long row_line; /* first line of the row read last */
	size_t ncols;           /* of the first row; 0 before it */
	struct buf field;
};

/* Starts reading data (len bytes, a UTF-8 BOM skipped): the delimiter is
 * ',' or ';', whichever the first line has more of outside quotes. */
void csv_reader_init(struct csv_reader *r, const char *data, size_t len);
/* Reads the next row into *cells (n of them, strings in a). Empty lines
 * are skipped. Every row must have as many cells as the first. Returns
 * 1 for a row, 0 at the end, or an error (ERR_INVALID) whose message
 * starts with "line N:": an unterminated quote, text after a closing
 * quote, invalid UTF-8 or a control character, a ragged row, a cell,
 * row or column count over the limits above. After an error, stop:
 * where the reader stands is undefined. */
int csv_read_row(struct csv_reader *r, struct arena *a, const char ***cells,
		 size_t *n, struct error *err);
void csv_reader_release(struct csv_reader *r);

#endif
