/* Unit tests of the search's one pass over its matches (src/store/
 * sqlite_search.c, sqlite_rank.c) on the demo data: praxis_bm25 equals
 * FTS5's bm25 to the bit, pages, totals and facets equal what plain SQL
 * over the index finds, and passages are the same from a scratch index
 * of a page's rows as from the whole index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/assets.h"
#include "domain/dataset.h"
#include "search/query.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"
#include "store/store.h"
#include "temp_store.h"

static const char *const queries[] = {
	"gmina", "współpraca organizacjami", "wspolprac*", "młodzież -sport",
	"\"budżet obywatelski\"", "seniorzy", "mlad*", "community", NULL,
};

static int setup(void **state)
{
	return (*state = store_fixture_new("test-rank", true)) ? 0 : -1;
}

static int teardown(void **state)
{
	store_fixture_free(*state);
	return 0;
}

static const char *match_of(struct store_fixture *fx, const char *q)
{
	struct search_query sq;
	struct error err = ERROR_INIT;

	assert_int_equal(search_query_parse(&fx->a, q, &sq, &err), 0);
	assert_non_null(sq.match);
	return sq.match;
}

static void praxis_bm25_is_bm25_to_the_bit(void **state)
{
	struct store_fixture *fx = *state;
	struct practice_filter f = {0};
	struct facet_value *fv[FILTER__MAX];
	size_t nfv[FILTER__MAX];
	struct error err = ERROR_INIT;
	char sql[300];
	int64_t total, rows = 0;

	/* the facet cache, with the row lengths, for this generation */
	assert_int_equal(store_facets(fx->st, &fx->a, &f, fv, nfv, &total, &err), 0);
	for (int q = 0; queries[q]; q++)
		for (int t = 0; sq_fts_langs[t]; t++) {
			const char *n = sq_fts_langs[t];
			sqlite3_stmt *s;
			snprintf(sql, sizeof sql, "SELECT bm25(practice_fts_%s, 10.0, 5.0,"
				 " 2.0, 1.0), praxis_bm25(practice_fts_%s, %d, 10.0, 5.0,"
				 " 2.0, 1.0) FROM practice_fts_%s WHERE practice_fts_%s"
				 " MATCH ?1", n, n, t, n, n);
			assert_int_equal(sqlite3_prepare_v2(fx->st->db, sql, -1, &s, NULL),
					 SQLITE_OK);
			sqlite3_bind_text(s, 1, match_of(fx, queries[q]), -1,
					  SQLITE_STATIC);
			while (sqlite3_step(s) == SQLITE_ROW) {
				assert_true(sqlite3_column_double(s, 0) ==
					    sqlite3_column_double(s, 1));
				rows++;
			}
			sqlite3_finalize(s);
		}
	assert_true(rows > 50);
}

/* The published practices matching match, best first, as plain SQL over
 * every index table ranks them; their number. */
static size_t reference(struct store_fixture *fx, const char *match, int64_t *ids,
			size_t cap)
{
	char sql[2048];
	size_t o = 0, n = 0;
	sqlite3_stmt *s;

	o += (size_t)snprintf(sql + o, sizeof sql - o, "WITH hits(id, score) AS (");
	for (int t = 0; sq_fts_langs[t]; t++)
		o += (size_t)snprintf(sql + o, sizeof sql - o,
			"%sSELECT rowid, bm25(practice_fts_%s, 10.0, 5.0, 2.0, 1.0)"
			" FROM practice_fts_%s WHERE practice_fts_%s MATCH ?1",
			t ? " UNION ALL " : "", sq_fts_langs[t], sq_fts_langs[t],
			sq_fts_langs[t]);
	snprintf(sql + o, sizeof sql - o, "), best AS (SELECT id, min(score) AS"
		 " score FROM hits GROUP BY id) SELECT b.id FROM best b JOIN"
		 " practice p ON p.id = b.id WHERE p.status = 'published'"
		 " ORDER BY b.score, b.id");
	assert_int_equal(sqlite3_prepare_v2(fx->st->db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW && n < cap)
		ids[n++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void pages_totals_and_facets_match_plain_sql(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	int64_t want[512];

	for (int q = 0; queries[q]; q++) {
		struct practice_filter f = {.match = match_of(fx, queries[q])};
		size_t n = reference(fx, f.match, want, 512), seen = 0;
		int64_t lang_sum = 0;

		for (int page = 0;; page++) {
			struct page_req pr = {.limit = 3, .offset = page * 3};
			struct practice_page res;
			struct facet_value *fv[FILTER__MAX];
			size_t nfv[FILTER__MAX];

			assert_int_equal(store_search(fx->st, &fx->a, "pl", &f, &pr, &res,
						      fv, nfv, &err), 0);
			assert_int_equal(res.total, (int64_t)n);
			for (size_t i = 0; i < res.n; i++) {
				assert_int_equal(res.items[i].id, want[seen]);
				assert_int_equal(res.items[i].status, STATUS_PUBLISHED);
				assert_non_null(res.items[i].snippet);
				assert_non_null(strchr(res.items[i].snippet, '\x02'));
				seen++;
			}
			if (page == 0) /* every match has one language */
				for (size_t i = 0; i < nfv[FILTER_LANG]; i++)
					lang_sum += fv[FILTER_LANG][i].count;
			if (page == 0)
				assert_int_equal(lang_sum, (int64_t)n);
			assert_int_equal(res.has_next, seen < n);
			if (!res.has_next)
				break;
		}
		assert_int_equal(seen, n);
		assert_true(n > 0 || !strcmp(queries[q], "community"));
	}
}

static void filters_and_list_agree_with_the_search(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct practice_filter f = {.match = match_of(fx, "gmina")};
	struct page_req pr = {.limit = 100};
	struct practice_page all, some;
	struct facet_value *fv[FILTER__MAX];
	size_t nfv[FILTER__MAX];
	int64_t total;

	/* store_practice_list and store_facets give what store_search gives */
	assert_int_equal(store_search(fx->st, &fx->a, "pl", &f, &pr, &all, fv,
				      nfv, &err), 0);
	assert_int_equal(store_practice_list(fx->st, &fx->a, "pl", &f, &pr, &some,
					     &err), 0);
	assert_int_equal(some.n, all.n);
	for (size_t i = 0; i < all.n; i++)
		assert_int_equal(some.items[i].id, all.items[i].id);
	assert_int_equal(store_facets(fx->st, &fx->a, &f, fv, nfv, &total, &err), 0);
	assert_int_equal(total, all.total);
	/* a region filter keeps exactly the matches from that region */
	assert_true(all.n > 0 && all.items[0].region);
	f.regions[f.nregions++] = all.items[0].region;
	assert_int_equal(store_search(fx->st, &fx->a, "pl", &f, &pr, &some, fv,
				      nfv, &err), 0);
	size_t k = 0;
	for (size_t i = 0; i < all.n; i++)
		if (all.items[i].region && !strcmp(all.items[i].region, f.regions[0])) {
			assert_true(k < some.n);
			assert_int_equal(some.items[k++].id, all.items[i].id);
		}
	assert_int_equal(k, some.n);
	/* the region facet still offers the others (OR within a facet) */
	assert_true(nfv[FILTER_REGION] > 1);
	/* a cursor cannot page a search */
	pr.has_cursor = true;
	assert_true(store_search(fx->st, &fx->a, "pl", &f, &pr, &some, fv, nfv,
				 &err) < 0);
}

/* The passage of row id in table t, from the whole index. */
static const char *index_passage(struct store_fixture *fx, int t, const char *match,
				 int64_t id)
{
	const char *n = sq_fts_langs[t], *out = NULL;
	sqlite3_stmt *s;
	char sql[300];

	snprintf(sql, sizeof sql, "SELECT snippet(practice_fts_%s, -1, char(2),"
		 " char(3), '…', 24) FROM practice_fts_%s WHERE practice_fts_%s"
		 " MATCH ?1 AND rowid = ?2", n, n, n);
	assert_int_equal(sqlite3_prepare_v2(fx->st->db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		out = arena_strdup(&fx->a, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return out;
}

/* Passages come from a scratch index of the page's rows: the same, to the
 * byte, as the whole index's for each row. */
static void passages_equal_the_index_ones(void **state)
{
	static const char *const typed[] = {"mlad*", "wspolprac*", "gmin*",
					       "seni* -sport", "commun*", "gmina",
					       "współpraca organizacjami",
					       "wspolpraca z ngo", "młodzież -sport",
					       "\"budżet obywatelski\"", "community",
					       "prostovoljci", NULL};
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	size_t pages = 0;

	for (int q = 0; typed[q]; q++)
		for (int t = 0; sq_fts_langs[t]; t++) {
			const char *match = match_of(fx, typed[q]), *got[64];
			char sql[200];
			int64_t ids[64];
			size_t n = 0;
			sqlite3_stmt *s;

			snprintf(sql, sizeof sql, "SELECT rowid FROM practice_fts_%s"
				 " WHERE practice_fts_%s MATCH ?1 LIMIT 64",
				 sq_fts_langs[t], sq_fts_langs[t]);
			assert_int_equal(sqlite3_prepare_v2(fx->st->db, sql, -1, &s,
							    NULL), SQLITE_OK);
			sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
			while (sqlite3_step(s) == SQLITE_ROW)
				ids[n++] = sqlite3_column_int64(s, 0);
			sqlite3_finalize(s);
			/* all of them, then every other one: the scratch index
			 * is emptied between pages */
			for (size_t step = 1; step <= 2 && n; step++) {
				int64_t page[64];
				size_t k = 0;
				for (size_t i = 0; i < n; i += step)
					page[k++] = ids[i];
				assert_int_equal(sq_fts_snippets(fx->st, &fx->a, t, match,
								 page, k, got, &err), 0);
				for (size_t i = 0; i < k; i++) {
					const char *want = index_passage(fx, t, match,
									 page[i]);
					assert_non_null(want);
					assert_non_null(got[i]);
					assert_string_equal(got[i], want);
				}
				pages++;
			}
		}
	assert_true(pages >= 20);
}

/* praxis_snippet() writes what snippet() writes, for every matching row
 * of every table, whatever column and length is asked for. */
static void praxis_snippet_is_snippet(void **state)
{
	static const char *const typed[] = {"gmina", "współpraca organizacjami",
		"wspolpraca z ngo", "młodzież -sport", "\"budżet obywatelski\"",
		"seniorzy", "mlad*", "community", "prostovoljci", "pomoc społeczna",
		"kultura sport młodzież", "w", "z i w", "\"w ramach\" projekt*",
		NULL};
	static const char *const args[] = {"-1, char(2), char(3), '…', 24",
		"-1, '[', ']', '...', 5", "2, char(2), char(3), '…', 24",
		"0, '<', '>', '', 1", "1, '(', ')', '~', 64",
		"3, char(2), char(3), '…', 24", "-1, '', '', '', 0",
		"-1, '<', '>', '.', 2", "-1, '<', '>', '.', 3", NULL};
	struct store_fixture *fx = *state;
	size_t rows = 0;

	for (int q = 0; typed[q]; q++)
		for (int t = 0; sq_fts_langs[t]; t++)
			for (int a = 0; args[a]; a++) {
				const char *n = sq_fts_langs[t];
				sqlite3_stmt *s;
				char sql[400];

				snprintf(sql, sizeof sql, "SELECT rowid, snippet(practice_fts_%s,"
					 " %s), praxis_snippet(practice_fts_%s, %s) FROM"
					 " practice_fts_%s WHERE practice_fts_%s MATCH ?1",
					 n, args[a], n, args[a], n, n);
				assert_int_equal(sqlite3_prepare_v2(fx->st->db, sql, -1, &s,
								    NULL), SQLITE_OK);
				sqlite3_bind_text(s, 1, match_of(fx, typed[q]), -1,
						  SQLITE_STATIC);
				while (sqlite3_step(s) == SQLITE_ROW) {
					const char *want = (const char *)sqlite3_column_text(s, 1);
					const char *got = (const char *)sqlite3_column_text(s, 2);
					if ((want == NULL) != (got == NULL) ||
					    (want && strcmp(want, got)))
						fail_msg("%s / %s / row %lld:\nsnippet: %s\npraxis:  %s",
							 typed[q], args[a],
							 (long long)sqlite3_column_int64(s, 0),
							 want ? want : "(null)", got ? got : "(null)");
					rows++;
				}
				sqlite3_finalize(s);
			}
	assert_true(rows > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(praxis_bm25_is_bm25_to_the_bit, setup, teardown),
		cmocka_unit_test_setup_teardown(pages_totals_and_facets_match_plain_sql, setup, teardown),
		cmocka_unit_test_setup_teardown(filters_and_list_agree_with_the_search, setup, teardown),
		cmocka_unit_test_setup_teardown(passages_equal_the_index_ones, setup, teardown),
		cmocka_unit_test_setup_teardown(praxis_snippet_is_snippet, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
