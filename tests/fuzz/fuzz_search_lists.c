/* libFuzzer target: searches answered from phrase lists against FTS5, on
 * the demo data. The input is read twice: as what a reader types (the
 * search's pages, totals and facets must be the same with the lists on
 * and off, passages included) and as an FTS5 expression of its own
 * (whatever shape, the list reader must not misread it: rows and scores
 * equal FTS5's, or it leaves the expression to FTS5, and a passage made
 * from the lists' matches is praxis_snippet()'s; and praxis_snippet()
 * writes every matching row's passage as snippet() does). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/utf8.h"
#include "domain/dataset.h"
#include "fuzz_store.h"
#include "search/query.h"
#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"
#include "store/sqlite_phrases.h"

enum { MAX_ROWS = 256 };

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct asset *data = asset_find("demo.json");
	struct error err = ERROR_INIT;
	struct dataset_stats stats;

	(void)argc, (void)argv;
	st = fuzz_store_open("fuzz_search_lists");
	if (dataset_load_json(st, (const char *)data->data, data->size, &stats,
			      &err) < 0) {
		fprintf(stderr, "fuzz_search_lists: %s\n", err.msg);
		abort();
	}
	return 0;
}

/* What a search gives, folded into a few numbers to compare. */
struct outcome {
	int rc;
	int64_t total, ids[20];
	uint64_t facets; /* the counts, folded */
	uint64_t passages; /* the same */
	size_t n;
};

static uint64_t fold(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h * 31 + (s != NULL);
}

static struct outcome search(struct arena *a, const char *match,
			     size_t budget)
{
	struct practice_filter f = {.match = match};
	struct page_req pr = {.limit = 20};
	struct practice_page res;
	struct facet_value *fv[FILTER__MAX];
	size_t nfv[FILTER__MAX];
	struct error err = ERROR_INIT;
	struct outcome o = {0};

	store_search_cache_set(budget);
	o.rc = store_search(st, a, "pl", &f, &pr, &res, fv, nfv, &err) < 0;
	if (o.rc)
		return o;
	o.total = res.total;
	for (size_t i = 0; i < res.n && i < 20; i++) {
		o.ids[o.n++] = res.items[i].id;
		o.passages = fold(o.passages, res.items[i].snippet);
	}
	for (int x = 0; x < FILTER__MAX; x++)
		for (size_t i = 0; i < nfv[x]; i++)
			o.facets = o.facets * 31 + (uint64_t)fv[x][i].count;
	return o;
}

struct rows {
	int64_t id[MAX_ROWS];
	double score[MAX_ROWS];
	size_t n;
	bool over;
};

static void collect(void *ctx, int64_t id, double score)
{
	struct rows *r = ctx;

	if (r->n == MAX_ROWS) {
		r->over = true;
		return;
	}
	r->id[r->n] = id;
	r->score[r->n++] = score;
}

/* The passages of the first rows from the lists' matches (while they are
 * pinned) against praxis_snippet() through FTS5. */
static void list_passages(struct arena *a, const char *match,
			  const struct match_expr *x, const struct rows *got)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "SELECT praxis_snippet(practice_fts_pl, -1,"
			       " char(2), char(3), '" PASSAGE_ELLIPSIS "', 24)"
			       " FROM practice_fts_pl WHERE practice_fts_pl MATCH ?1"
			       " AND rowid = ?2", -1, &s, NULL) != SQLITE_OK)
		abort();
	for (size_t i = 0; i < got->n && i < 8; i++) {
		const char *mine = sq_match_passage(st, a, x, 0, got->id[i]), *want;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, got->id[i]);
		if (!mine || sqlite3_step(s) != SQLITE_ROW)
			continue; /* the lists cannot tell; FTS5 refuses */
		want = (const char *)sqlite3_column_text(s, 0);
		if (!want || strcmp(want, mine))
			abort();
	}
	sqlite3_finalize(s);
}

/* match read as an expression of its own, in the Polish table. */
static void expression(struct arena *a, const char *match)
{
	struct rows got = {0}, want = {0};
	struct error err = ERROR_INIT;
	sqlite3_stmt *s;
	int rc;

	store_search_cache_set(1u << 20);
	/* the facet cache (with row lengths) of this generation */
	if (search(a, "\"gmina\"", 1u << 20).rc)
		abort();
	struct match_expr *x;

	if (sq_match_parse(a, match, &x, &err) < 0 || !x)
		return; /* left to FTS5 */
	rc = sq_match_table(st, a, x, 0, true, collect, &got, &err);
	if (rc > 0)
		list_passages(a, match, x, &got);
	sq_phrase_unpin(st);
	if (rc <= 0)
		return; /* left to FTS5, or an error FTS5 would give too */
	if (sqlite3_prepare_v2(st->db, "SELECT rowid, praxis_bm25(practice_fts_pl,"
			       " 0, " BM25_WEIGHTS ") FROM practice_fts_pl WHERE"
			       " practice_fts_pl MATCH ?1 ORDER BY rowid", -1, &s,
			       NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		collect(&want, sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		abort(); /* an expression read as lists that FTS5 refuses */
	if (got.over || want.over)
		return;
	if (got.n != want.n)
		abort();
	for (size_t i = 0; i < got.n; i++)
		if (got.id[i] != want.id[i] ||
		    memcmp(&got.score[i], &want.score[i], sizeof(double)))
			abort();
}

/* match as an expression of its own: praxis_snippet() against snippet(),
 * with a column and a length taken from the input's size. */
static void passages(const char *match, size_t size)
{
	char sql[400];
	sqlite3_stmt *s;
	int col = (int)(size % 6) - 2, ntoken = (int)(size % 37);

	snprintf(sql, sizeof sql, "SELECT snippet(practice_fts_pl, %d, '[', ']',"
		 " '…', %d), praxis_snippet(practice_fts_pl, %d, '[', ']', '…', %d)"
		 " FROM practice_fts_pl WHERE practice_fts_pl MATCH ?1 LIMIT 50",
		 col, ntoken, col, ntoken);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *want = (const char *)sqlite3_column_text(s, 0);
		const char *got = (const char *)sqlite3_column_text(s, 1);
		if ((want == NULL) != (got == NULL) || (want && strcmp(want, got)))
			abort();
	}
	sqlite3_finalize(s); /* an expression FTS5 refuses: nothing to compare */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct search_query q = {0};
	char *text = arena_strndup(&a, (const char *)data, size);

	if (!text || !utf8_valid_text(text, strlen(text)))
		goto out;
	if (search_query_parse(&a, text, &q, &err) == 0 && q.match) {
		struct outcome on = search(&a, q.match, 1u << 20);
		struct outcome off = search(&a, q.match, 0);
		if (on.rc != off.rc || on.total != off.total || on.n != off.n ||
		    memcmp(on.ids, off.ids, on.n * sizeof on.ids[0]) ||
		    on.facets != off.facets || on.passages != off.passages)
			abort();
	}
	expression(&a, text);
	passages(text, size);
	if (q.match)
		passages(q.match, size);
out:
	arena_free(&a);
	return 0;
}
