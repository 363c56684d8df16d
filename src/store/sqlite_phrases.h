/* sqlite_phrases.h - private to the SQLite store: the rows each phrase of
 * a search matches, with the phrase's weighted frequency in each, kept in
 * memory per catalogue generation (beside the facet cache, which the
 * process's connections share), and searches answered from them
 * (sqlite_match.c). FTS5 still
 * does every match: a phrase is read once with its own MATCH, and a
 * search combining phrases already read costs no index reads. Reading
 * the matches of a common word through FTS5 is the dear part of a search
 * (about a microsecond a row), and common words are the ones searched
 * again and again. */
#ifndef STORE_SQLITE_PHRASES_H
#define STORE_SQLITE_PHRASES_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/sqlite_impl.h"

/* bm25 weights of the index columns: title > summary > full text > key
 * facts (as SQL arguments, and in order for the phrase lists). */
#define BM25_WEIGHTS "10.0, 5.0, 2.0, 1.0"

/* FTS5's bm25 share of one phrase in one row: idf of the phrase, freq its
 * weighted count in the row, len the row's length in tokens and avgdl
 * the table's average. One definition, so that ranking through FTS5
 * (praxis_bm25) and from phrase lists gives the same bits. */
static inline double sq_bm25_term(double idf, double freq, double len,
				  double avgdl)
{
	const double k1 = 1.2, b = 0.75;

	return idf * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * len / avgdl)));
}

/* The inverse document frequency FTS5's bm25 gives a phrase that hits
 * of rows match: a phrase in over half the rows still counts a little. */
static inline double sq_bm25_idf(int64_t rows, int64_t hits)
{
	double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));

	return idf <= 0.0 ? 1e-6 : idf;
}

/* The rows of one index table matching one phrase, by rowid. */
struct phrase_list {
	uint32_t n;
	uint32_t *ids;
	/* the phrase's bm25 share (sq_bm25_term) in each row, worked out
	 * once when read; NULL when a row's length is not known (then FTS5
	 * ranks) */
	double *term;
	int64_t rows, tokens; /* the table's rows and tokens (n > 0 only) */
	/* where the phrase is in each row, for passages: row r's matches
	 * are at[at_of[r]] to at[at_of[r + 1] - 1], each PHRASE_AT(column,
	 * token offset), in order; at_of NULL when they could not be kept
	 * (then FTS5 finds them again) */
	uint32_t *at_of, *at;
	uint32_t nat, capat;
	int size; /* the phrase's length in tokens */
};

#define PHRASE_AT_COLUMN_BITS 3
#define PHRASE_AT_OFFSET_MAX ((1u << (32 - PHRASE_AT_COLUMN_BITS)) - 1)
#define PHRASE_AT(col, off) ((uint32_t)(col) << (32 - PHRASE_AT_COLUMN_BITS) | (uint32_t)(off))
#define PHRASE_AT_COL(at) ((int)((at) >> (32 - PHRASE_AT_COLUMN_BITS)))
#define PHRASE_AT_OFF(at) ((int)((at) & PHRASE_AT_OFFSET_MAX))

struct phrase_cache;

/* The list of phrase (an FTS5 phrase as written in an expression:
 * "word", "two words" or "pre" *) in index table `table`, from the cache
 * of the current generation or read now; NULL in *out when its rows
 * cannot be held (rowids out of range). The list stays valid until
 * sq_phrase_unpin. */
int sq_phrase_list(struct store *st, int table, const char *phrase, size_t len,
		   const struct phrase_list **out, struct error *err);
/* Ends a search's use of its lists: over the budget, the least recently
 * used go. */
void sq_phrase_unpin(struct store *st);
void sq_phrase_cache_free(struct phrase_cache *pc);
/* Bytes of phrase lists a facet cache may keep (store_search_cache_set;
 * 0: none, every search asks FTS5 for its matches). */
size_t sq_phrase_cache_budget_bytes(void);

/* Registers praxis_phrase_freq(fts_table, weight...): the weighted count
 * of a single-phrase query's instances in the row, keeping where they
 * are in the list being read (sqlite_rank.c). */
int sq_phrase_register(struct store *st, fts5_api *api, struct error *err);

/* An FTS5 expression read back into its phrases (sqlite_match.c). */
struct match_expr;

/* Reads the FTS5 expression match for sq_match_table, once for every
 * index table; *out is NULL (and 0 returned) when phrase lists cannot
 * answer it: they are turned off, or it has a shape they do not read. */
int sq_match_parse(struct arena *a, const char *match,
		   struct match_expr **out, struct error *err);
/* Marks, through add, the rows of index table `table` matching x with
 * their praxis_bm25 scores (0 when not ranked), from phrase lists.
 * Returns 1 when done, 0 when a phrase's rows cannot be held in a list
 * (the caller asks FTS5), or an error. */
typedef void (*match_add_fn)(void *ctx, int64_t id, double score);
int sq_match_table(struct store *st, struct arena *a, struct match_expr *x,
		   int table, bool ranked, match_add_fn add, void *ctx,
		   struct error *err);
/* The passage of row id of index table `table` (praxis_snippet()'s),
 * from where x's phrase lists, read for that table by sq_match_table
 * and still pinned, keep their matches; NULL when they cannot tell. */
const char *sq_match_passage(struct store *st, struct arena *a,
			     const struct match_expr *x, int table, int64_t id);

#endif
