/* sqlite_fts.h - private to the SQLite store: the FTS5 search index. */
#ifndef STORE_SQLITE_FTS_H
#define STORE_SQLITE_FTS_H

#include "core/buf.h"
#include "store/sqlite_impl.h"

extern const char *const sq_fts_langs[]; /* NULL-terminated */
/* Which index table a record language goes to. */
const char *sq_fts_table_lang(const char *lang);
/* Registers the "praxis" FTS5 tokenizer and the praxis_bm25() ranking
 * function (sqlite_rank.c) on the connection. */
int sq_fts_register(struct store *st, struct error *err);
int sq_rank_register(struct store *st, fts5_api *api, struct error *err);
/* Registers praxis_snippet(), FTS5's snippet() computed with less work
 * (sqlite_passage.c). */
int sq_passage_register(struct store *st, fts5_api *api, struct error *err);
/* (Re)indexes one practice, all its languages; call inside the
 * transaction that changed it. */
int sq_fts_index(struct store *st, int64_t id, struct error *err);
/* Indexes one practice the index holds nothing of (a rebuild). */
int sq_fts_add(struct store *st, int64_t id, struct error *err);
/* The key facts of practice id as one text, appended to facts. */
int sq_fts_facts(struct store *st, int64_t id, struct buf *facts,
		 struct error *err);
/* The index table (sq_fts_langs[i]) of a record language. */
int sq_fts_table(const char *lang);
/* The cached INSERT (or DELETE) statement of index table i, reset. */
sqlite3_stmt *sq_fts_stmt(struct store *st, bool insert, int i,
			  struct error *err);
/* Text read ahead per batch for the rebuild's worker thread. The tokens
 * of a batch take about five times its text; batches this small stay in
 * the processors' caches between the two threads. */
enum { SQ_FTS_BATCH = 256 * 1024 };
/* Empties and refills every index table (inside the caller's
 * transaction; sqlite_fts_build.c). The records' analysis runs on a
 * second thread, batch_bytes of text at a time (SQ_FTS_BATCH); with 0,
 * each practice is analysed as it is inserted (sq_fts_add). */
int sq_fts_rebuild(struct store *st, size_t batch_bytes, int64_t *count,
		   struct error *err);
/* Appends the CTE "best(id)": the practices matching the FTS5 expression
 * bound as ?1 (with only_lang, only in the index table of that record
 * language), for lists that filter on them (maps). */
void sq_fts_hits_sql(struct buf *sql, const char *only_lang);
/* A search in one pass over the matches of f->match (sqlite_search.c):
 * the page of them when page is not NULL (ranked by bm25 and the
 * reader's likeness, or newest first; out->total counts them all), and
 * the facets when facets is not NULL, and *total when total is not NULL. */
int sq_fts_search(struct store *st, struct arena *a, const char *lang,
		  const struct practice_filter *f, const struct page_req *page,
		  struct practice_page *out,
		  struct facet_value *facets[FILTER__MAX],
		  size_t nfacets[FILTER__MAX], int64_t *total, struct error *err);
/* Decodes an SQLite varint at p (n bytes left) into *v (the row sizes
 * FTS5 keeps); its length, or 0. */
int sq_varint(const unsigned char *p, int n, uint64_t *v);

/* Passages, as snippet() writes them with these arguments: any column,
 * matches between \x02 and \x03, at most PASSAGE_TOKENS tokens. */
#define PASSAGE_TOKENS 24
#define PASSAGE_ELLIPSIS "…"
enum { PASSAGE_COLUMNS = 4, PASSAGE_PHRASES = 64 };

/* A match of a phrase in a row: column and token offset. */
struct passage_inst {
	int phrase, col, off;
};

/* A row's columns as the index stored them, in an index table's
 * language, with their lengths in tokens. */
struct passage_text {
	const char *lang;
	const char *doc[PASSAGE_COLUMNS];
	int ndoc[PASSAGE_COLUMNS], size[PASSAGE_COLUMNS];
};

/* The passage praxis_snippet() gives for a row whose matches are inst[]
 * (any order; sorted here) of nphrase phrases of size[] tokens, appended
 * to out (sqlite_passage.c); an SQLite code: SQLITE_NOTFOUND when the
 * row has no text. */
int sq_passage_of(const struct passage_text *text, struct passage_inst *inst,
		  int ninst, const int *size, int nphrase, struct buf *out);
/* The same for practice id in index table `table`, its text read from
 * the index's own copy; NULL when it cannot (sqlite_snippet.c). */
const char *sq_fts_passage(struct store *st, struct arena *a, int table,
			   int64_t id, struct passage_inst *inst, int ninst,
			   const int *size, int nphrase);

/* Creates the connection's scratch indexes for passages, in its
 * temporary database (sqlite_snippet.c). */
int sq_snippet_open(struct store *st, struct error *err);
/* The best-matching passage of practice id in index table `table`, with
 * matches between \x02 and \x03; for one row (sqlite_snippet.c). */
const char *sq_fts_snippet(struct store *st, struct arena *a, int table,
			   const char *match, int64_t id);
/* The same for the n practices ids[] (out[i]: NULL where none) from a
 * scratch index of those rows: for an expression with a prefix term. */
int sq_fts_snippets(struct store *st, struct arena *a, int table,
		    const char *match, const int64_t *ids, size_t n,
		    const char **out, struct error *err);

#endif
