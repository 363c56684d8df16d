/* Unit tests of searches answered from phrase lists (src/store/
 * sqlite_phrases.c, sqlite_match.c) on the demo data: every row and
 * score equals what FTS5 with praxis_bm25 gives for the same expression,
 * in every index table; shapes not read are left to FTS5; a whole search
 * is the same with the lists turned off, after a change to the
 * catalogue, and with a budget so small that every list is dropped; its
 * passages are the same from the lists' matches as through FTS5; and
 * facets counted from bitmaps equal those counted match by match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "search/query.h"
#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"
#include "store/sqlite_phrases.h"
#include "store/store.h"
#include "temp_store.h"

/* Words, inflected forms, an exclusion, phrases, prefixes, synonym
 * groups (ngo, "budżet obywatelski"), other languages, and nothing. */
static const char *const queries[] = {
	"gmina", "współpraca organizacjami", "wspolpraca z ngo",
	"młodzież -sport", "\"budżet obywatelski\"", "seniorzy", "mlad*",
	"community", "prostovoljci", "budżet obywatelski mieszkańcy",
	"szkoła -\"dom kultury\"", "energia OR", "zzzyzzx", "pomoc -pomoc",
	NULL,
};

/* Expressions as search.c writes them for similar practices. */
static const char *const expressions[] = {
	"\"gmina\" OR \"szkoła\" OR \"seniorzy\"",
	"\"community\"",
	"\"gmina\" AND (\"ngo\" OR \"organizacja pozarządowa\") NOT \"sport\"",
	NULL,
};

static int setup(void **state)
{
	return (*state = store_fixture_new("test-phrases", true)) ? 0 : -1;
}

static int teardown(void **state)
{
	store_search_cache_set(32u << 20);
	store_fixture_free(*state);
	return 0;
}

/* The FTS5 expressions to try: each query's, its relaxed (OR) form, and
 * the similar-practice ones; NULL-terminated in out. */
static size_t expressions_of(struct store_fixture *fx, const char **out, size_t cap)
{
	struct error err = ERROR_INIT;
	size_t n = 0;

	for (int q = 0; queries[q] && n + 2 < cap; q++) {
		struct search_query sq;
		const char *relaxed;
		assert_int_equal(search_query_parse(&fx->a, queries[q], &sq, &err), 0);
		assert_non_null(sq.match);
		out[n++] = sq.match;
		if ((relaxed = search_query_relaxed(&fx->a, &sq)))
			out[n++] = relaxed;
	}
	for (int e = 0; expressions[e] && n + 1 < cap; e++)
		out[n++] = expressions[e];
	out[n] = NULL;
	return n;
}

struct row {
	int64_t id;
	double score;
};

struct rows {
	struct row r[512];
	size_t n;
};

static void collect(void *ctx, int64_t id, double score)
{
	struct rows *rs = ctx;

	assert_true(rs->n < 512);
	rs->r[rs->n].id = id;
	rs->r[rs->n++].score = score;
}

/* The rows of table t matching match through FTS5, by rowid. */
static void through_fts5(struct store_fixture *fx, int t, const char *match,
			 struct rows *out)
{
	const char *n = sq_fts_langs[t];
	sqlite3_stmt *s;
	char sql[300];

	out->n = 0;
	snprintf(sql, sizeof sql, "SELECT rowid, praxis_bm25(practice_fts_%s, %d, "
		 BM25_WEIGHTS ") FROM practice_fts_%s WHERE practice_fts_%s"
		 " MATCH ?1 ORDER BY rowid", n, t, n, n);
	assert_int_equal(sqlite3_prepare_v2(fx->st->db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW)
		collect(out, sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1));
	sqlite3_finalize(s);
}

/* Loads the facet cache (and the row lengths) of the generation. */
static void begin(struct store_fixture *fx)
{
	struct practice_filter f = {0};
	struct facet_value *fv[FILTER__MAX];
	size_t nfv[FILTER__MAX];
	struct error err = ERROR_INIT;
	int64_t total;

	assert_int_equal(store_facets(fx->st, &fx->a, &f, fv, nfv, &total, &err), 0);
}

static void rows_and_scores_equal_fts5(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	const char *match[64];
	size_t n = expressions_of(fx, match, 64), rows = 0;
	struct rows *want = malloc(sizeof *want), *got = malloc(sizeof *got);

	assert_non_null(want);
	assert_non_null(got);
	begin(fx);
	for (int pass = 0; pass < 2; pass++) /* read, then from memory */
		for (size_t m = 0; m < n; m++)
			for (int t = 0; sq_fts_langs[t]; t++) {
				for (int ranked = 0; ranked < 2; ranked++) {
					got->n = 0;
					struct match_expr *x;
					assert_int_equal(sq_match_parse(&fx->a, match[m], &x,
									&err), 0);
					assert_non_null(x);
					assert_int_equal(sq_match_table(fx->st, &fx->a, x, t,
									ranked, collect, got, &err), 1);
					sq_phrase_unpin(fx->st);
					through_fts5(fx, t, match[m], want);
					assert_int_equal(got->n, want->n);
					for (size_t i = 0; i < got->n; i++) {
						assert_int_equal(got->r[i].id, want->r[i].id);
						/* to the bit: the same order of the same sums */
						if (ranked)
							assert_memory_equal(&got->r[i].score,
									    &want->r[i].score,
									    sizeof(double));
						else
							assert_true(got->r[i].score == 0.0);
					}
					rows += got->n;
				}
			}
	assert_true(rows > 400);
	free(want);
	free(got);
}

static void other_shapes_are_left_to_fts5(void **state)
{
	static const char *const shapes[] = {
		"\"gmina\" OR \"szkoła\" NOT \"sport\"", /* a OR (b NOT c) */
		"(\"gmina\" OR (\"szkoła\" OR (\"a\" OR (\"b\" OR (\"c\" OR (\"d\"))))))",
		"(\"gmina\" AND \"szkoła\")",
		"(\"gmina\" OR \"szkoła\") OR \"sport\"",
		"\"gmina\" \"szkoła\"", /* implicit AND */
		"NEAR(\"gmina\" \"szkoła\", 5)",
		"title : \"gmina\"",
		"\"gmina\" NOT \"sport\" AND \"szkoła\"",
		"\"gmina\" AND",
		"\"gmina",
		"\"-\" AND \"gmina\"", /* a phrase without words */
		"",
		"gmina",
		NULL,
	};
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;

	for (int i = 0; shapes[i]; i++) {
		struct match_expr *x = (struct match_expr *)&err; /* overwritten */
		assert_int_equal(sq_match_parse(&fx->a, shapes[i], &x, &err), 0);
		assert_null(x);
	}
}

/* Everything a search gives for q: page items, total and facets. */
static void search_all(struct store_fixture *fx, const char *match, int64_t *ids,
		       size_t *n, int64_t *total, int64_t *facet_sum)
{
	struct practice_filter f = {.match = match};
	struct page_req pr = {.limit = 100};
	struct practice_page res;
	struct facet_value *fv[FILTER__MAX];
	size_t nfv[FILTER__MAX];
	struct error err = ERROR_INIT;

	assert_int_equal(store_search(fx->st, &fx->a, "pl", &f, &pr, &res, fv,
				      nfv, &err), 0);
	*n = res.n;
	for (size_t i = 0; i < res.n; i++)
		ids[i] = res.items[i].id;
	*total = res.total;
	*facet_sum = 0;
	for (int x = 0; x < FILTER__MAX; x++)
		for (size_t i = 0; i < nfv[x]; i++)
			*facet_sum += fv[x][i].count * (int64_t)(x + 1) +
				      (int64_t)strlen(fv[x][i].value);
}

static void searches_equal_with_lists_off_or_dropped(void **state)
{
	struct store_fixture *fx = *state;
	const char *match[64];
	size_t n = expressions_of(fx, match, 64), hits = 0;

	for (size_t m = 0; m < n; m++) {
		int64_t ids[3][100], total[3], sum[3];
		size_t k[3];

		store_search_cache_set(0); /* FTS5 for every match */
		search_all(fx, match[m], ids[0], &k[0], &total[0], &sum[0]);
		store_search_cache_set(1); /* every list dropped after use */
		search_all(fx, match[m], ids[1], &k[1], &total[1], &sum[1]);
		store_search_cache_set(32u << 20);
		search_all(fx, match[m], ids[2], &k[2], &total[2], &sum[2]);
		for (int v = 1; v < 3; v++) {
			assert_int_equal(k[v], k[0]);
			assert_memory_equal(ids[v], ids[0], k[0] * sizeof ids[0][0]);
			assert_int_equal(total[v], total[0]);
			assert_int_equal(sum[v], sum[0]);
		}
		hits += k[0];
	}
	assert_true(hits > 100);
}

/* The passages a page shows: from where the lists keep their phrases'
 * matches, the same text as praxis_snippet() through FTS5 (row by row,
 * or from the scratch index for a prefix). */
static void passages_equal_with_lists_off(void **state)
{
	struct store_fixture *fx = *state;
	const char *match[64];
	size_t n = expressions_of(fx, match, 64), shown = 0;
	struct error err = ERROR_INIT;

	for (size_t m = 0; m < n; m++) {
		struct practice_filter f = {.match = match[m]};
		struct page_req pr = {.limit = 100};
		struct practice_page res[2];

		for (int v = 0; v < 2; v++) {
			store_search_cache_set(v ? 32u << 20 : 0);
			assert_int_equal(store_search(fx->st, &fx->a, "pl", &f, &pr,
						      &res[v], NULL, NULL, &err), 0);
		}
		assert_int_equal(res[0].n, res[1].n);
		for (size_t i = 0; i < res[0].n; i++) {
			assert_int_equal(res[0].items[i].id, res[1].items[i].id);
			assert_non_null(res[0].items[i].snippet);
			assert_non_null(res[1].items[i].snippet);
			assert_string_equal(res[1].items[i].snippet,
					    res[0].items[i].snippet);
			shown += strchr(res[0].items[i].snippet, '\x02') != NULL;
		}
	}
	assert_true(shown > 100);
}

/* A search matching much of the catalogue counts its facets from bitmaps
 * of each value: the same counts as one by one. */
static void facets_of_most_of_the_catalogue(void **state)
{
	struct store_fixture *fx = *state;
	struct practice_filter f = {.match = "\"w\" OR \"i\" OR \"z\" OR \"gmina\""};
	struct page_req pr = {.limit = 10};
	struct facet_value *fv[2][FILTER__MAX];
	size_t nfv[2][FILTER__MAX];
	struct practice_page res[2];
	struct error err = ERROR_INIT;
	int64_t published = 0;
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_prepare_v2(fx->st->db, "SELECT count(*) FROM"
		" practice WHERE status = 'published'", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	published = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	for (int v = 0; v < 2; v++) {
		/* excluding a practice that does not exist counts one by one */
		f.exclude_id = v ? INT32_MAX : 0;
		assert_int_equal(store_search(fx->st, &fx->a, "pl", &f, &pr, &res[v],
					      fv[v], nfv[v], &err), 0);
	}
	assert_true(res[0].total * 2 > published);
	assert_int_equal(res[0].total, res[1].total);
	assert_int_equal(res[0].n, res[1].n);
	for (size_t i = 0; i < res[0].n; i++)
		assert_int_equal(res[0].items[i].id, res[1].items[i].id);
	for (int x = 0; x < FILTER__MAX; x++) {
		assert_int_equal(nfv[0][x], nfv[1][x]);
		for (size_t i = 0; i < nfv[0][x]; i++) {
			assert_string_equal(fv[0][x][i].value, fv[1][x][i].value);
			assert_int_equal(fv[0][x][i].count, fv[1][x][i].count);
		}
	}
	assert_true(nfv[0][FILTER_REGION] > 1 && nfv[0][FILTER_CATEGORY] > 1);
}

static void a_change_is_searched_at_once(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct search_query sq;
	int64_t ids[100], total, sum;
	size_t n;

	assert_int_equal(search_query_parse(&fx->a, "hovercraft", &sq, &err), 0);
	search_all(fx, sq.match, ids, &n, &total, &sum);
	assert_int_equal(total, 0); /* an empty list, now in memory */
	assert_int_equal(store_practice_translation_put(fx->st, 1, "en",
		"A hovercraft for the ferry", "The town runs a hovercraft.", NULL,
		&err), 0);
	search_all(fx, sq.match, ids, &n, &total, &sum);
	assert_int_equal(total, 1);
	assert_int_equal(ids[0], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rows_and_scores_equal_fts5, setup, teardown),
		cmocka_unit_test_setup_teardown(other_shapes_are_left_to_fts5, setup, teardown),
		cmocka_unit_test_setup_teardown(searches_equal_with_lists_off_or_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(passages_equal_with_lists_off, setup, teardown),
		cmocka_unit_test_setup_teardown(facets_of_most_of_the_catalogue, setup, teardown),
		cmocka_unit_test_setup_teardown(a_change_is_searched_at_once, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
