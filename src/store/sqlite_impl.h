/* sqlite_impl.h - private to the SQLite store: the connection, its cache
 * of prepared statements, and helpers shared by the sqlite_*.c files. */
#ifndef STORE_SQLITE_IMPL_H
#define STORE_SQLITE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/* Statements used on hot paths are prepared once per connection. */
enum sq_stmt {
	SQ_PRACTICE_GET,
	SQ_PRACTICE_CONTACTS,
	SQ_PRACTICE_LINKS,
	SQ_PRACTICE_CATEGORIES,
	SQ_PRACTICE_KEYWORDS,
	SQ_PRACTICE_RELATED_OUT,
	SQ_PRACTICE_RELATED_IN,
	SQ_ORGANISATION_GET,
	SQ_CATEGORY_GET,
	SQ_GENERATION,
	SQ_FTS_FACTS,
	SQ_FTS_TEXTS,
	SQ__MAX
};

enum { SQ_FTS_TABLES = 5 }; /* pl, sl, en, ar, xx: see sqlite_fts.c */
enum { SQ_CACHE = 64 };     /* statements built at run time, kept by text */

struct facet_cache;
struct phrase_list;
struct prep_doc;
struct search_scratch;
struct search_share;
struct phrase_entry;

/* The phrase lists the running search holds (sqlite_phrases.c), in the
 * cache fc. */
struct phrase_pins {
	struct facet_cache *fc;
	struct phrase_entry **e;
	size_t n, cap;
};

struct sq_cached {
	char *sql;
	sqlite3_stmt *s;
	bool busy;
	uint64_t used; /* for least-recently-used replacement */
};

struct store {
	sqlite3 *db;
	int flags;
	sqlite3_stmt *stmts[SQ__MAX];
	/* the search index's statements, one per index table */
	sqlite3_stmt *fts_delete[SQ_FTS_TABLES], *fts_insert[SQ_FTS_TABLES];
	sqlite3_stmt *fts_snippet[SQ_FTS_TABLES];
	struct timespec deadline; /* tv_sec 0: none */
	struct sq_cached cache[SQ_CACHE];
	uint64_t tick;
	/* the facet cache in use (sqlite_facets.c; NULL until needed), from
	 * what the process's connections share (sqlite_share.c), and this
	 * connection's arrays for a search (sqlite_search.c) */
	struct facet_cache *facets;
	struct search_share *share;
	struct search_scratch *scratch;
	struct phrase_list *phrase_reading; /* sqlite_phrases.c: being read */
	struct phrase_pins pins;
	/* during a rebuild's INSERT: the record's fields analysed ahead,
	 * which the tokenizer replays (sqlite_fts_build.c); and how many
	 * texts it replayed, for the tests */
	const struct prep_doc *fts_replay;
	uint64_t fts_replayed;
};

void sq_facet_cache_free(struct facet_cache *fc);

/* The cached statement id, reset and with bindings cleared; NULL and err
 * filled when it cannot be prepared. */
sqlite3_stmt *sq_stmt(struct store *st, enum sq_stmt id, struct error *err);
/* A statement for sql: the same text gives back the same compiled
 * statement (reset, no bindings) when it is not in use. Hand it back with
 * sq_release, never sqlite3_finalize. */
sqlite3_stmt *sq_prepare(struct store *st, const char *sql, struct error *err);
void sq_release(struct store *st, sqlite3_stmt *s);
/* Maps the connection's last error to an error code and message. */
int sq_fail(struct store *st, struct error *err, const char *what);
/* Runs SQL with no results and no parameters. */
int sq_exec(struct store *st, const char *sql, struct error *err);
/* Steps s, which returns no rows, and hands it back (sq_release). */
int sq_run(struct store *st, sqlite3_stmt *s, const char *what,
	   struct error *err);

/* Column text copied into the arena; NULL for SQL NULL. */
const char *sq_text(struct arena *a, sqlite3_stmt *s, int col);
/* Binds s, or NULL for a NULL or empty string. */
int sq_bind_text(sqlite3_stmt *s, int i, const char *v);
int64_t sq_now(void);

/* Writes a practice's texts, contacts, links, categories and keywords
 * (sqlite_practice.c; also used when editing). */
int sq_insert_parts(struct store *st, int64_t id,
		    const struct practice_input *in, struct error *err);

/* Reads a list item from columns 0..14 of s: p.id, p.slug, p.lang,
 * title, summary, p.published_at, p.date_entered, g.id, g.slug, g.name,
 * g.town, g.region, g.country, g.unit_type, p.initiator_type. */
void sq_read_summary(struct arena *a, sqlite3_stmt *s,
		     struct practice_summary *it);

/* Schema migrations (sqlite_schema.c). */
int sq_schema_version(struct store *st);
int sq_schema_latest(void);

#endif
