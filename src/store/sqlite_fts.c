/* sqlite_fts.c - the search index in SQLite: FTS5 with praxis's analyzer
 * as its tokenizer, one table per analysed language (so that each record
 * is stemmed in its own language, and a query in each table's), kept in
 * step with the records inside the same transactions. */
#include "store/sqlite_fts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "search/analyzer.h"
#include "search/docprep.h"
#include "text/markdown.h"

/* Record languages with a table of their own; any other goes to "xx",
 * which folds but does not stem. */
const char *const sq_fts_langs[] = {"pl", "sl", "en", "ar", "xx", NULL};
_Static_assert(sizeof sq_fts_langs / sizeof *sq_fts_langs == SQ_FTS_TABLES + 1,
	       "one cached statement slot per index table");

const char *sq_fts_table_lang(const char *lang)
{
	for (int i = 0; sq_fts_langs[i + 1]; i++)
		if (lang && !strcmp(lang, sq_fts_langs[i]))
			return sq_fts_langs[i];
	return "xx";
}

struct tokenizer {
	char lang[8];
	struct store *st; /* whose fts_replay may hold the analysis */
};

static int tok_create(void *ctx, const char **argv, int argc,
		      Fts5Tokenizer **out)
{
	struct tokenizer *t = calloc(1, sizeof *t);

	if (!t)
		return SQLITE_NOMEM;
	t->st = ctx;
	snprintf(t->lang, sizeof t->lang, "%s", argc > 0 ? argv[0] : "xx");
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	free(t);
}

struct emit {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
};

static int emit(void *ctx, bool colocated, const char *token, size_t len,
		size_t start, size_t end)
{
	struct emit *e = ctx;

	return e->token(e->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, token,
			(int)len, (int)start, (int)end);
}

static int tok_tokenize(Fts5Tokenizer *tp, void *ctx, int flags,
			const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct tokenizer *t = (struct tokenizer *)tp;
	struct emit e = {ctx, token};
	/* A prefix term must match surface forms: stems would turn
	 * "sanitiz*" into something no word starts with. */
	int aflags = (flags & FTS5_TOKENIZE_PREFIX) ? ANALYZE_NO_STEMS : 0;

	/* snippet() and highlight() only count words and keep their
	 * offsets: colocated stems are skipped by them anyway. (With
	 * detail=full, the tables' default, FTS5 reads matches from the
	 * index, never from this.) */
	if (flags == FTS5_TOKENIZE_AUX)
		aflags = ANALYZE_POSITIONS;

	if (len <= 0)
		return SQLITE_OK;
	/* a rebuild has analysed the record's fields ahead, on another
	 * thread: the same text gives the same tokens */
	if (flags == FTS5_TOKENIZE_DOCUMENT && t->st->fts_replay)
		for (int f = 0; f < DOC_FIELDS; f++) {
			const struct token_tape *tape = &t->st->fts_replay->field[f].tape;
			if (tape_matches(tape, t->lang, text, (size_t)len)) {
				t->st->fts_replayed++;
				return tape_replay(tape, emit, &e);
			}
		}
	return analyze_text(t->lang, aflags, text, (size_t)len, emit, &e);
}

int sq_fts_register(struct store *st, struct error *err)
{
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = NULL;
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return sq_fail(st, err, "fts5");
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (!api)
		return error_set(err, ERR_INTERNAL, "SQLite has no FTS5");
	if (api->xCreateTokenizer(api, "praxis", st, &tok, NULL) != SQLITE_OK)
		return sq_fail(st, err, "fts5 tokenizer");
	if (sq_rank_register(st, api, err) < 0)
		return ERR_IO;
	return sq_passage_register(st, api, err);
}

/* The key facts a reader may search for, as one text: unit, place,
 * office, keywords and category labels in the record's language (labels
 * in other languages would match readers of those languages with words
 * the record does not contain). Never contact persons. */
int sq_fts_facts(struct store *st, int64_t id, struct buf *facts,
		 struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_FTS_FACTS, err);

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(s); c++) {
			const char *v = (const char *)sqlite3_column_text(s, c);
			if (!v || !*v)
				continue;
			if (facts->len)
				buf_puts(facts, " · ");
			buf_puts(facts, v);
		}
	sqlite3_reset(s);
	return 0;
}

int sq_fts_table(const char *lang)
{
	const char *t = sq_fts_table_lang(lang);

	for (int i = 0; sq_fts_langs[i]; i++)
		if (!strcmp(sq_fts_langs[i], t))
			return i;
	return SQ_FTS_TABLES - 1;
}

sqlite3_stmt *sq_fts_stmt(struct store *st, bool insert, int i,
			  struct error *err)
{
	sqlite3_stmt **slot = insert ? &st->fts_insert[i] : &st->fts_delete[i];
	char sql[160];

	if (*slot) {
		sqlite3_reset(*slot);
		return *slot;
	}
	if (insert)
		snprintf(sql, sizeof sql, "INSERT INTO practice_fts_%s"
			 " (rowid, title, summary, body, facts) VALUES (?, ?, ?, ?, ?)",
			 sq_fts_langs[i]);
	else
		snprintf(sql, sizeof sql, "DELETE FROM practice_fts_%s WHERE rowid = ?",
			 sq_fts_langs[i]);
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot,
			       NULL) != SQLITE_OK) {
		sq_fail(st, err, "fts prepare");
		return NULL;
	}
	return *slot;
}

/* fresh: the index holds nothing of this practice (a rebuild). */
static int index_one(struct store *st, int64_t id, bool fresh,
		     struct error *err)
{
	sqlite3_stmt *s, *ins;
	struct buf facts, body;
	int rc = 0;

	for (int i = 0; !fresh && i < SQ_FTS_TABLES; i++) {
		if (!(s = sq_fts_stmt(st, false, i, err)))
			return ERR_IO;
		sqlite3_bind_int64(s, 1, id);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : sq_fail(st, err, "fts delete");
		sqlite3_reset(s);
		if (rc < 0)
			return rc;
	}
	buf_init(&facts, 256);
	buf_init(&body, 4096);
	if ((rc = sq_fts_facts(st, id, &facts, err)) < 0)
		goto out;
	if (!(s = sq_stmt(st, SQ_FTS_TEXTS, err))) {
		rc = ERR_IO;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		int t = sq_fts_table((const char *)sqlite3_column_text(s, 0));
		if (!(ins = sq_fts_stmt(st, true, t, err))) {
			rc = ERR_IO;
			break;
		}
		/* The body is indexed as text: passages then read as prose. */
		buf_reset(&body);
		markdown_to_text(&body, (const char *)sqlite3_column_text(s, 3));
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_value(ins, 2, sqlite3_column_value(s, 1));
		sqlite3_bind_value(ins, 3, sqlite3_column_value(s, 2));
		sqlite3_bind_text(ins, 4, body.data, (int)body.len, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, facts.data, (int)facts.len, SQLITE_STATIC);
		if (body.oom || facts.oom)
			rc = error_set(err, ERR_INTERNAL, "out of memory");
		else if (sqlite3_step(ins) != SQLITE_DONE)
			rc = sq_fail(st, err, "fts insert");
		sqlite3_reset(ins);
	}
	sqlite3_reset(s);
out:
	buf_release(&facts);
	buf_release(&body);
	return rc;
}

int sq_fts_index(struct store *st, int64_t id, struct error *err)
{
	return index_one(st, id, false, err);
}

int sq_fts_add(struct store *st, int64_t id, struct error *err)
{
	return index_one(st, id, true, err);
}

void sq_fts_hits_sql(struct buf *sql, const char *only_lang)
{
	const char *only = only_lang ? sq_fts_table_lang(only_lang) : NULL;
	bool first = true;

	buf_puts(sql, "best(id) AS (");
	for (int i = 0; sq_fts_langs[i]; i++) {
		if (only && strcmp(only, sq_fts_langs[i]))
			continue;
		buf_printf(sql, "%sSELECT rowid FROM practice_fts_%s"
			   " WHERE practice_fts_%s MATCH ?1", first ? "" : " UNION ",
			   sq_fts_langs[i], sq_fts_langs[i]);
		first = false;
	}
	buf_puts(sql, ")");
}

int store_index_terms(struct store *st, const char *from, const char *to,
		      int (*fn)(void *ctx, const char *term, int64_t docs),
		      void *ctx, struct error *err)
{
	char sql[160];
	int rc = 0;

	for (int i = 0; rc == 0 && sq_fts_langs[i]; i++) {
		sqlite3_stmt *s;
		snprintf(sql, sizeof sql, "SELECT term, doc FROM practice_fts_%s_vocab"
			 " WHERE term >= ?1 AND term < ?2", sq_fts_langs[i]);
		if (!(s = sq_prepare(st, sql, err)))
			return ERR_IO;
		sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
		while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
			rc = fn(ctx, (const char *)sqlite3_column_text(s, 0),
				sqlite3_column_int64(s, 1));
		sq_release(st, s);
	}
	return rc < 0 ? rc : 0;
}

int store_index_term_docs(struct store *st, const char *const *terms,
			 size_t n, int64_t *docs, struct error *err)
{
	struct buf sql;
	int rc = 0;

	if (!n)
		return 0;
	memset(docs, 0, n * sizeof *docs);
	buf_init(&sql, 256);
	for (int i = 0; rc == 0 && sq_fts_langs[i]; i++) {
		sqlite3_stmt *s;
		buf_reset(&sql);
		buf_printf(&sql, "SELECT term, doc FROM practice_fts_%s_vocab"
			   " WHERE term IN (", sq_fts_langs[i]);
		for (size_t k = 0; k < n; k++)
			buf_puts(&sql, k ? ", ?" : "?");
		buf_putc(&sql, ')');
		if (!(s = sq_prepare(st, sql.data, err))) {
			rc = ERR_IO;
			break;
		}
		for (size_t k = 0; k < n; k++)
			sqlite3_bind_text(s, (int)k + 1, terms[k], -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(s, 0);
			for (size_t k = 0; k < n; k++)
				if (!strcmp(terms[k], t))
					docs[k] += sqlite3_column_int64(s, 1);
		}
		sq_release(st, s);
	}
	buf_release(&sql);
	return rc;
}
