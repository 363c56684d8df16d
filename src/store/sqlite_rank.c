/* sqlite_rank.c - praxis_bm25(), the search's ranking function: FTS5's
 * own bm25() computed the same way, to the bit, except that each row's
 * length in tokens comes from memory (the facet cache of the catalogue's
 * generation, sqlite_facets.h) instead of a lookup in the table's
 * %_docsize B-tree for every matching row, which costs about as much as
 * the rest of the scoring. */
#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_phrases.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What FTS5's bm25 computes once per query: the average row length and
 * each phrase's inverse document frequency; then room for the phrase
 * frequencies of the current row. */
struct bm25_query {
	int nphrase;
	double avgdl;
	double *idf, *freq;
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	(void)api, (void)fts;
	++*(sqlite3_int64 *)ctx;
	return SQLITE_OK;
}

static int bm25_query(const Fts5ExtensionApi *api, Fts5Context *fts,
		      struct bm25_query **out)
{
	struct bm25_query *q = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, tokens = 0;
	int n, rc = SQLITE_OK;

	if ((*out = q))
		return SQLITE_OK;
	n = api->xPhraseCount(fts);
	if (!(q = sqlite3_malloc64(sizeof *q + 2 * (size_t)n * sizeof(double))))
		return SQLITE_NOMEM;
	memset(q, 0, sizeof *q + 2 * (size_t)n * sizeof(double));
	q->nphrase = n;
	q->idf = (double *)(q + 1);
	q->freq = q->idf + n;
	if ((rc = api->xRowCount(fts, &rows)) == SQLITE_OK &&
	    (rc = api->xColumnTotalSize(fts, -1, &tokens)) == SQLITE_OK)
		q->avgdl = (double)tokens / (double)rows;
	for (int i = 0; rc == SQLITE_OK && i < n; i++) {
		sqlite3_int64 hits = 0;
		if ((rc = api->xQueryPhrase(fts, i, &hits, count_row)) == SQLITE_OK)
			q->idf[i] = sq_bm25_idf(rows, hits);
	}
	if (rc != SQLITE_OK) {
		sqlite3_free(q);
		return rc;
	}
	if ((rc = api->xSetAuxdata(fts, q, sqlite3_free)) == SQLITE_OK)
		*out = q;
	return rc;
}

/* The row's length in tokens, all columns: from the cache when it has
 * the row, else from FTS5. */
static int row_tokens(const Fts5ExtensionApi *api, Fts5Context *fts,
		      struct store *st, int table, double *out)
{
	const struct facet_cache *fc = st->facets;
	sqlite3_int64 id = api->xRowid(fts);
	int n, rc;

	if (fc && table >= 0 && table < SQ_FTS_TABLES && fc->doclen[table] &&
	    id >= 1 && id <= fc->max_id && fc->doclen[table][id] >= 0) {
		*out = (double)fc->doclen[table][id];
		return SQLITE_OK;
	}
	rc = api->xColumnSize(fts, -1, &n);
	*out = (double)n;
	return rc;
}

/* praxis_bm25(fts_table, table_index, weight...): bm25(fts_table,
 * weight...). */
static void praxis_bm25(const Fts5ExtensionApi *api, Fts5Context *fts,
			sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct store *st = api->xUserData(fts);
	struct bm25_query *q;
	double score = 0.0, len = 0.0;
	int ninst = 0, rc;

	if (nval < 1) {
		sqlite3_result_error(ctx, "praxis_bm25: no table index", -1);
		return;
	}
	if ((rc = bm25_query(api, fts, &q)) == SQLITE_OK) {
		memset(q->freq, 0, (size_t)q->nphrase * sizeof *q->freq);
		rc = api->xInstCount(fts, &ninst);
	}
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int phrase, col, off;
		if ((rc = api->xInst(fts, i, &phrase, &col, &off)) == SQLITE_OK)
			q->freq[phrase] += nval - 1 > col
					   ? sqlite3_value_double(val[col + 1]) : 1.0;
	}
	if (rc == SQLITE_OK)
		rc = row_tokens(api, fts, st, sqlite3_value_int(val[0]), &len);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (int i = 0; i < q->nphrase; i++)
		score += sq_bm25_term(q->idf[i], q->freq[i], len, q->avgdl);
	sqlite3_result_double(ctx, -1.0 * score);
}

/* Appends a match at column col, token off to the list being read; a
 * list that cannot keep it keeps none (passages then ask FTS5). */
static void keep_at(struct phrase_list *l, int col, int off)
{
	if (col < 0 || col >= (1 << PHRASE_AT_COLUMN_BITS) || off < 0 ||
	    (unsigned)off > PHRASE_AT_OFFSET_MAX || l->nat == UINT32_MAX) {
		free(l->at);
		l->at = NULL; /* read_list drops the rest */
		return;
	}
	if (l->nat == l->capat) {
		uint32_t nc = l->capat > UINT32_MAX / 2 ? UINT32_MAX : l->capat * 2;
		uint32_t *more = realloc(l->at, (size_t)nc * sizeof *more);
		if (!more) {
			free(l->at);
			l->at = NULL;
			return;
		}
		l->at = more;
		l->capat = nc;
	}
	l->at[l->nat++] = PHRASE_AT(col, off);
}

/* praxis_phrase_freq(fts_table, weight...): for a query of one phrase,
 * the weighted count of its instances in the row, as praxis_bm25 counts
 * them; the first row also gives the list being read (sqlite_phrases.c)
 * the table's size, for the average row length. */
static void praxis_phrase_freq(const Fts5ExtensionApi *api, Fts5Context *fts,
			       sqlite3_context *ctx, int nval,
			       sqlite3_value **val)
{
	struct store *st = api->xUserData(fts);
	struct phrase_list *l = st->phrase_reading;
	double freq = 0.0;
	int ninst = 0, rc;

	rc = api->xInstCount(fts, &ninst);
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int phrase, col, off;
		if ((rc = api->xInst(fts, i, &phrase, &col, &off)) != SQLITE_OK)
			break;
		freq += nval > col ? sqlite3_value_double(val[col]) : 1.0;
		if (l && l->at)
			keep_at(l, col, off);
	}
	if (rc == SQLITE_OK && l && !l->rows) {
		sqlite3_int64 rows = 0, tokens = 0;
		l->size = api->xPhraseSize(fts, 0);
		if ((rc = api->xRowCount(fts, &rows)) == SQLITE_OK &&
		    (rc = api->xColumnTotalSize(fts, -1, &tokens)) == SQLITE_OK) {
			l->rows = rows;
			l->tokens = tokens;
		}
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else
		sqlite3_result_double(ctx, freq);
}

int sq_rank_register(struct store *st, fts5_api *api, struct error *err)
{
	if (api->xCreateFunction(api, "praxis_bm25", st, praxis_bm25, NULL) !=
	    SQLITE_OK)
		return sq_fail(st, err, "fts5 function");
	if (api->xCreateFunction(api, "praxis_phrase_freq", st, praxis_phrase_freq,
				 NULL) != SQLITE_OK)
		return sq_fail(st, err, "fts5 function");
	return 0;
}

int sq_varint(const unsigned char *p, int n, uint64_t *v)
{
	*v = 0;
	for (int i = 0; i < 9 && i < n; i++) {
		if (i == 8) {
			*v = (*v << 8) | p[i];
			return 9;
		}
		*v = (*v << 7) | (p[i] & 0x7f);
		if (!(p[i] & 0x80))
			return i + 1;
	}
	return 0;
}

int sq_rank_load(struct store *st, struct facet_cache *fc, struct error *err)
{
	char sql[128];
	int rc = 0;

	for (int t = 0; rc == 0 && t < SQ_FTS_TABLES; t++) {
		sqlite3_stmt *s;
		int step;

		snprintf(sql, sizeof sql, "SELECT id, sz FROM practice_fts_%s_docsize",
			 sq_fts_langs[t]);
		if (!(s = sq_prepare(st, sql, err)))
			return ERR_IO;
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0);
			const unsigned char *p = sqlite3_column_blob(s, 1);
			int n = sqlite3_column_bytes(s, 1), k;
			int64_t sum = 0;
			uint64_t v;

			if (id < 1 || id > fc->max_id)
				continue;
			if (!fc->doclen[t]) {
				/* -1 everywhere: not known, ask FTS5 */
				fc->doclen[t] = malloc((size_t)(fc->max_id + 1) *
						       sizeof *fc->doclen[t]);
				if (!fc->doclen[t]) {
					rc = error_set(err, ERR_INTERNAL, "out of memory");
					break;
				}
				memset(fc->doclen[t], 0xff, (size_t)(fc->max_id + 1) *
				       sizeof *fc->doclen[t]);
			}
			for (; n > 0 && (k = sq_varint(p, n, &v)) > 0; p += k, n -= k)
				sum += (int64_t)v;
			fc->doclen[t][id] = sum <= INT32_MAX ? (int32_t)sum : -1;
		}
		if (rc == 0 && step != SQLITE_DONE)
			rc = sq_fail(st, err, "docsize");
		sq_release(st, s);
	}
	return rc;
}
