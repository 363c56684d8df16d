/* Unit tests of src/text/csv.c: RFC 4180 writing and reading, the
 * byte order mark, ';' detection, line breaks inside cells, errors with
 * line numbers, and formula cells neutralised on the way out and
 * restored on the way in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/csv.h"

/* All rows of s; returns the status of the last csv_read_row. */
static int read_all(struct arena *a, const char *s, size_t len,
		    const char ***rows, size_t *ncells, size_t *nrows,
		    struct error *err, char *delim)
{
	struct csv_reader r;
	const char **cells;
	size_t n;
	int rc;

	*nrows = 0;
	csv_reader_init(&r, s, len);
	while ((rc = csv_read_row(&r, a, &cells, &n, err)) > 0) {
		rows[(*nrows)++] = cells;
		*ncells = n;
	}
	if (delim)
		*delim = r.delim;
	csv_reader_release(&r);
	return rc;
}

static void writer_quotes_only_when_needed(void **state)
{
	const char *cells[] = {"plain", "a,b", "say \"hi\"", "two\r\nlines",
			       NULL, "", "łódź", "semi;colon"};
	struct buf b;

	(void)state;
	buf_init(&b, 64);
	csv_write_row(&b, cells, 8, ',');
	assert_string_equal(b.data, "plain,\"a,b\",\"say \"\"hi\"\"\","
			    "\"two\r\nlines\",,,łódź,semi;colon\r\n");
	buf_reset(&b);
	csv_write_row(&b, cells, 8, ';');
	assert_string_equal(b.data, "plain;a,b;\"say \"\"hi\"\"\";"
			    "\"two\r\nlines\";;;łódź;\"semi;colon\"\r\n");
	buf_release(&b);
}

static void writer_neutralises_formulas(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{"=SUM(A1:A2)", "'=SUM(A1:A2)"},
		{"+48 600", "'+48 600"},
		{"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\tx", "'\tx"},
		{"\rx", "\"'\rx\""},
		{"-12.5", "-12.5"},   /* a number stays a number */
		{"+3", "+3"},
		{"12-3", "12-3"},
		{"'=x", "''=x"},      /* an existing ' survives the reader */
		{"''-1", "'''-1"},
		{"'plain", "'plain"},
		{"'", "'"},
		{"-", "'-"},
		{"1.", "1."},
	};
	struct buf b;

	(void)state;
	buf_init(&b, 64);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_reset(&b);
		csv_write_field(&b, cases[i].in, ',');
		assert_string_equal(b.data, cases[i].out);
	}
	buf_release(&b);
}

static void reader_reads_rfc4180(void **state)
{
	const char *s = "a,b,c\r\n\"x,1\",\"q\"\"uote\",\"multi\r\nline\n"
			"text\"\r\n,,\n\nlast,\"\",z";
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	const char **rows[8];
	size_t nc, nr;
	char delim;

	(void)state;
	assert_int_equal(read_all(&a, s, strlen(s), rows, &nc, &nr, &err,
				  &delim), 0);
	assert_int_equal(delim, ',');
	assert_int_equal(nr, 4);
	assert_int_equal(nc, 3);
	assert_string_equal(rows[1][0], "x,1");
	assert_string_equal(rows[1][1], "q\"uote");
	assert_string_equal(rows[1][2], "multi\r\nline\ntext");
	assert_string_equal(rows[2][0], "");
	assert_string_equal(rows[2][2], "");
	assert_string_equal(rows[3][0], "last");
	assert_string_equal(rows[3][1], "");
	assert_string_equal(rows[3][2], "z");
	arena_free(&a);
}

static void reader_takes_bom_and_semicolons(void **state)
{
	const char *s = "\xEF\xBB\xBFtytu\xC5\x82;miasto,gmina;x\r\n"
			"\"a;b\";Kórnik,Pozna\xC5\x84;\r\n";
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	const char **rows[4];
	size_t nc, nr;
	char delim;

	(void)state;
	assert_int_equal(read_all(&a, s, strlen(s), rows, &nc, &nr, &err,
				  &delim), 0);
	assert_int_equal(delim, ';');
	assert_int_equal(nr, 2);
	assert_string_equal(rows[0][0], "tytuł"); /* no BOM in the name */
	assert_string_equal(rows[1][0], "a;b");
	assert_string_equal(rows[1][1], "Kórnik,Poznań");
	assert_string_equal(rows[1][2], "");
	arena_free(&a);
}

static void reader_restores_neutralised_cells(void **state)
{
	const char *s = "a,b,c,d,e\n'=1+2,''@x,'plain,'-5,-5\n";
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	const char **rows[4];
	size_t nc, nr;

	(void)state;
	assert_int_equal(read_all(&a, s, strlen(s), rows, &nc, &nr, &err,
				  NULL), 0);
	assert_string_equal(rows[1][0], "=1+2");
	assert_string_equal(rows[1][1], "'@x");
	assert_string_equal(rows[1][2], "'plain");
	assert_string_equal(rows[1][3], "-5");
	assert_string_equal(rows[1][4], "-5");
	arena_free(&a);
}

static void errors_name_the_line(void **state)
{
	static const struct { const char *in, *msg; } cases[] = {
		{"a,b\n1,2\n\"open,3\n4,5\n", "line 3: a quoted field is never closed"},
		{"a,b\n1,2\n3\n", "line 3: 1 cells where the first row has 2"},
		{"a,b\n1,2,3\n", "line 2: 3 cells where the first row has 2"},
		{"a,b\n\"x\"y,2\n", "line 2: text after the closing quote"},
		{"a,b\n1,\xC3\x28\n", "line 2: invalid UTF-8"},
		{"a,b\n1,\x01\n", "line 2: invalid UTF-8 or a control character"},
		{"a,b\n\"1\n\n\",\xFF\n", "line 4: invalid UTF-8"},
	};
	struct arena a = ARENA_INIT;
	const char **rows[8];
	size_t nc, nr;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct error err = ERROR_INIT;
		assert_int_equal(read_all(&a, cases[i].in, strlen(cases[i].in),
					  rows, &nc, &nr, &err, NULL),
				 ERR_INVALID);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)))
			fail_msg("case %zu: '%s'", i, err.msg);
	}
	arena_free(&a);
}

static void limits_are_enforced(void **state)
{
	size_t big = CSV_FIELD_MAX + 10;
	char *s = malloc(big + 16);
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	const char **rows[4];
	size_t nc, nr;

	(void)state;
	memcpy(s, "a\n\"", 3);
	memset(s + 3, 'x', big);
	memcpy(s + 3 + big, "\"\n", 2);
	assert_int_equal(read_all(&a, s, big + 5, rows, &nc, &nr, &err, NULL),
			 ERR_INVALID);
	assert_non_null(strstr(err.msg, "line 2: a cell is longer"));
	/* more columns than allowed */
	size_t n = 0;
	for (int i = 0; i <= CSV_COLUMNS_MAX; i++)
		s[n++] = ',';
	s[n++] = '\n';
	assert_int_equal(read_all(&a, s, n, rows, &nc, &nr, &err, NULL),
			 ERR_INVALID);
	assert_non_null(strstr(err.msg, "line 1: more than"));
	free(s);
	arena_free(&a);
}

static void round_trip_is_exact(void **state)
{
	const char *cells[] = {"=HYPERLINK(\"x\")", "a\r\nb", "'", "''+",
			       "\t", "-0.5", "x;y,z", "\"", "", "@", "ą"};
	enum { N = sizeof cells / sizeof *cells };
	char delims[] = {',', ';'};
	struct arena a = ARENA_INIT;

	(void)state;
	for (size_t d = 0; d < 2; d++) {
		struct buf b;
		struct error err = ERROR_INIT;
		const char **rows[4];
		size_t nc, nr;
		char delim;

		buf_init(&b, 256);
		buf_add(&b, csv_bom, sizeof csv_bom);
		csv_write_row(&b, cells, N, delims[d]);
		csv_write_row(&b, cells, N, delims[d]);
		assert_int_equal(read_all(&a, b.data, b.len, rows, &nc, &nr,
					  &err, &delim), 0);
		assert_int_equal(delim, delims[d]);
		assert_int_equal(nr, 2);
		assert_int_equal(nc, N);
		for (size_t i = 0; i < N; i++)
			assert_string_equal(rows[1][i], cells[i]);
		buf_release(&b);
	}
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writer_quotes_only_when_needed),
		cmocka_unit_test(writer_neutralises_formulas),
		cmocka_unit_test(reader_reads_rfc4180),
		cmocka_unit_test(reader_takes_bom_and_semicolons),
		cmocka_unit_test(reader_restores_neutralised_cells),
		cmocka_unit_test(errors_name_the_line),
		cmocka_unit_test(limits_are_enforced),
		cmocka_unit_test(round_trip_is_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
