/* fts_raw.c - the floor under praxis's search: times a bare FTS5 MATCH on
 * the Polish index for each query of a file, with the expression the API
 * would use (search_query_parse), no HTTP, no joins, no facets.
 *
 * Usage: fts_raw DB QUERIES_FILE REPEAT
 * Prints the median and p99 latency over all timings (REPEAT per query,
 * after one untimed warm-up pass over all queries), then the same for the
 * top 20 by bm25() with the API's weights (bm25_median_ms, bm25_p99_ms).
 * FTS_RAW_VERBOSE=1 adds a line per query on stderr: its expression, rows
 * and median. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/error.h"
#include "search/query.h"
#include "store/sqlite_impl.h"
#include "store/store.h"

enum { LINE_MAX_BYTES = 4096 };

static const char raw_sql[] =
	"SELECT rowid FROM practice_fts_pl WHERE practice_fts_pl MATCH ?1"
	" ORDER BY rank LIMIT 20";
/* The same top 20 ordered by a bm25() call with the API's column weights
 * rather than by FTS5's rank column (a sorter over a nested statement):
 * shown beside the reference, not used for the goal. */
static const char bm25_sql[] =
	"SELECT rowid FROM practice_fts_pl WHERE practice_fts_pl MATCH ?1"
	" ORDER BY bm25(practice_fts_pl, 10.0, 5.0, 2.0, 1.0) LIMIT 20";

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The value at quantile q (0..1) of n sorted values, nearest rank. */
static double quantile(const double *v, size_t n, double q)
{
	size_t i = (size_t)(q * (double)n + 0.999999);

	if (i < 1)
		i = 1;
	if (i > n)
		i = n;
	return v[i - 1];
}

/* Runs the statement once for match; returns the rows, or -1. */
static int run_once(sqlite3 *db, sqlite3_stmt *s, const char *match)
{
	int rows = 0, rc;

	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		rows++;
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "fts_raw: %s: %s\n", match, sqlite3_errmsg(db));
		return -1;
	}
	return rows;
}

/* Reads the query file: one query per line, blank lines skipped. The
 * expressions are parsed into arena a. */
static const char **read_queries(const char *path, struct arena *a,
				 size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[LINE_MAX_BYTES];
	const char **out = NULL;
	size_t cap = 0;

	*n = 0;
	if (!f) {
		fprintf(stderr, "fts_raw: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	while (fgets(line, sizeof line, f)) {
		struct search_query q;
		struct error err = ERROR_INIT;

		line[strcspn(line, "\r\n")] = '\0';
		if (search_query_parse(a, line, &q, &err) < 0) {
			fprintf(stderr, "fts_raw: query '%s': %s\n", line, err.msg);
			fclose(f);
			return NULL;
		}
		if (!q.match)
			continue;
		if (!(out = arena_grow(a, out, *n, &cap, sizeof *out))) {
			fclose(f);
			return NULL;
		}
		out[(*n)++] = q.match;
	}
	fclose(f);
	return out;
}

/* Times sql for every query, repeat times each after a warm-up pass;
 * t has room for nq * repeat timings, per for repeat. */
static int time_sql(struct store *st, const char *sql, const char **queries,
		    size_t nq, long repeat, bool verbose, double *t,
		    double *per, double *median, double *p99)
{
	sqlite3_stmt *s = NULL;
	size_t nt = 0;
	int rc = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts_raw: %s\n", sqlite3_errmsg(st->db));
		goto out;
	}
	/* Warm-up: the database pages into the cache, as for a running server. */
	for (size_t i = 0; i < nq; i++)
		if (run_once(st->db, s, queries[i]) < 0)
			goto out;
	for (size_t i = 0; i < nq; i++) {
		int rows = 0;

		for (long r = 0; r < repeat; r++) {
			double t0 = now_ms();

			if ((rows = run_once(st->db, s, queries[i])) < 0)
				goto out;
			per[r] = now_ms() - t0;
			t[nt++] = per[r];
		}
		if (verbose) {
			qsort(per, (size_t)repeat, sizeof *per, cmp_double);
			fprintf(stderr, "  %8.3f ms  %2d rows  %s\n",
				quantile(per, (size_t)repeat, 0.5), rows, queries[i]);
		}
	}
	qsort(t, nt, sizeof *t, cmp_double);
	*median = quantile(t, nt, 0.5);
	*p99 = quantile(t, nt, 0.99);
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

int main(int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct store *st = NULL;
	const char **queries;
	double *t = NULL, *per = NULL, median, p99, bm25_median, bm25_p99;
	size_t nq;
	long repeat;
	char *end;
	int rc = 1;
	const char *v = getenv("FTS_RAW_VERBOSE");
	bool verbose = v && *v && strcmp(v, "0");

	if (argc != 4) {
		fputs("usage: fts_raw DB QUERIES_FILE REPEAT\n", stderr);
		return 2;
	}
	repeat = strtol(argv[3], &end, 10);
	if (*end || repeat < 1 || repeat > 1000000) {
		fputs("fts_raw: REPEAT takes 1..1000000\n", stderr);
		return 2;
	}
	if (store_library_init() < 0) {
		fputs("fts_raw: cannot initialise the database library\n", stderr);
		return 1;
	}
	if (!(queries = read_queries(argv[2], &a, &nq)))
		goto out;
	if (!nq) {
		fprintf(stderr, "fts_raw: no queries in %s\n", argv[2]);
		goto out;
	}
	if (!(st = store_open(argv[1], STORE_READONLY, &err))) {
		fprintf(stderr, "fts_raw: %s: %s\n", argv[1], err.msg);
		goto out;
	}
	t = malloc(nq * (size_t)repeat * sizeof *t);
	per = malloc((size_t)repeat * sizeof *per);
	if (!t || !per) {
		fputs("fts_raw: out of memory\n", stderr);
		goto out;
	}
	if (time_sql(st, raw_sql, queries, nq, repeat, verbose, t, per, &median,
		     &p99) < 0)
		goto out;
	if (verbose)
		fputs("  (ORDER BY bm25 with the API's weights:)\n", stderr);
	if (time_sql(st, bm25_sql, queries, nq, repeat, verbose, t, per,
		     &bm25_median, &bm25_p99) < 0)
		goto out;
	printf("queries %zu\ntimings %zu\nmedian_ms %.3f\np99_ms %.3f\n"
	       "bm25_median_ms %.3f\nbm25_p99_ms %.3f\n", nq,
	       nq * (size_t)repeat, median, p99, bm25_median, bm25_p99);
	rc = 0;
out:
	store_close(st);
	free(t);
	free(per);
	arena_free(&a);
	return rc;
}
