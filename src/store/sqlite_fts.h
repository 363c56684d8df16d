/* sqlite_fts.h - private to the SQLite store: the FTS5 search index. */
#ifndef STORE_SQLITE_FTS_H
#define STORE_SQLITE_FTS_H

#include "core/buf.h"
#include "store/sqlite_impl.h"

extern const char *const sq_fts_langs[]; /* NULL-terminated */
/* Which index table a record language goes to. */
const char *sq_fts_table_lang(const char *lang);
/* Registers the "praxis" FTS5 tokenizer on the connection. */
int sq_fts_register(struct store *st, struct error *err);
/* (Re)indexes one practice, all its languages; call inside the
 * transaction that changed it. */
int sq_fts_index(struct store *st, int64_t id, struct error *err);
/* Empties and refills every index table (inside the caller's transaction). */
int sq_fts_rebuild(struct store *st, int64_t *count, struct error *err);
/* Appends the CTE "best": the practices matching the FTS5 expression
 * bound as ?1; when ranked, as best(id, score, tbl) with the best bm25
 * score (lower is better) and the index table it came from, else as
 * best(id) alone, which is far cheaper (counts, facets). With only_lang,
 * only the index table of that record language is searched. */
void sq_fts_hits_sql(struct buf *sql, bool ranked, const char *only_lang);
/* The best-matching passage of practice id in index table `table`, with
 * matches between \x02 and \x03; computed for one row only. */
const char *sq_fts_snippet(struct store *st, struct arena *a, int table,
			   const char *match, int64_t id);

#endif
