/* sqlite_snippet.c - the passages of a search's page: snippet()'s text
 * (praxis_snippet, sqlite_passage.c) for the page's rows, with the
 * matches between \x02 and \x03. When the search was answered from
 * phrase lists, which keep where each phrase is in each row, a passage
 * needs only the row's stored text and sizes (sq_fts_passage). Else
 * through FTS5: one row at a time from the catalogue's index; but for a
 * prefix term, FTS5 expands the prefix over every term of the index it
 * searches, so those come from a scratch index of the page's rows alone.
 * Its rows, tokenizer and column sizes are the big index's, so the
 * passages are the same. (Measured on 100,000 practices: a prefix
 * query's page 9-19 ms from the big index, 5 ms from the scratch one;
 * any other query's 3-5 ms one row at a time, and 4-9 ms from the
 * scratch index, where every row's text must be analysed with its
 * stems.) */
#include "store/sqlite_fts.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"

#define STR(x) #x
#define XSTR(x) STR(x)
/* snippet()'s arguments after the table: any column, the marks, the
 * ellipsis and the most tokens shown. */
#define SNIPPET_ARGS \
	"-1, char(2), char(3), '" PASSAGE_ELLIPSIS "', " XSTR(PASSAGE_TOKENS)

const char *sq_fts_snippet(struct store *st, struct arena *a, int table,
			   const char *match, int64_t id)
{
	sqlite3_stmt **slot;
	const char *out = NULL;
	char sql[256];

	if (table < 0 || table >= SQ_FTS_TABLES)
		return NULL;
	slot = &st->fts_snippet[table];
	if (!*slot) {
		snprintf(sql, sizeof sql, "SELECT praxis_snippet(practice_fts_%s, " SNIPPET_ARGS
			 ") FROM practice_fts_%s WHERE practice_fts_%s MATCH ?1"
			 " AND rowid = ?2", sq_fts_langs[table], sq_fts_langs[table],
			 sq_fts_langs[table]);
		if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				       slot, NULL) != SQLITE_OK)
			return NULL;
	}
	sqlite3_reset(*slot);
	sqlite3_bind_text(*slot, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(*slot, 2, id);
	if (sqlite3_step(*slot) == SQLITE_ROW)
		out = sq_text(a, *slot, 0);
	sqlite3_reset(*slot);
	return out;
}

int sq_snippet_open(struct store *st, struct error *err)
{
	char sql[300];
	int rc;

	/* when the connection opens, outside any transaction: one rolled
	 * back would take the tables with it */
	rc = sq_exec(st, "CREATE TEMP TABLE passage_text (id INTEGER PRIMARY"
		     " KEY, title, summary, body, facts)", err);
	for (int t = 0; rc == 0 && sq_fts_langs[t]; t++) {
		snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE temp.passages_%s"
			 " USING fts5(title, summary, body, facts, content ="
			 " 'passage_text', content_rowid = 'id', tokenize ="
			 " 'praxis %s')", sq_fts_langs[t], sq_fts_langs[t]);
		rc = sq_exec(st, sql, err);
	}
	return rc;
}

/* Refills the scratch index of table t with the rows ids[] (a JSON
 * array in list) of practice_fts_<lang>. */
static int scratch_fill(struct store *st, int t, const char *list,
			struct error *err)
{
	const char *lang = sq_fts_langs[t];
	sqlite3_stmt *s;
	char sql[400];
	int rc;

	snprintf(sql, sizeof sql, "INSERT INTO passages_%s(passages_%s)"
		 " VALUES ('delete-all'); DELETE FROM passage_text;", lang, lang);
	if ((rc = sq_exec(st, sql, err)) < 0)
		return rc;
	snprintf(sql, sizeof sql, "INSERT INTO passage_text SELECT rowid, title,"
		 " summary, body, facts FROM main.practice_fts_%s WHERE rowid IN"
		 " (SELECT value FROM json_each(?1))", lang);
	if (!(s = sq_prepare(st, sql, err)))
		return ERR_IO;
	sqlite3_bind_text(s, 1, list, -1, SQLITE_STATIC);
	if ((rc = sq_run(st, s, "passages", err)) < 0)
		return rc;
	snprintf(sql, sizeof sql, "INSERT INTO passages_%s(rowid, title, summary,"
		 " body, facts) SELECT id, title, summary, body, facts FROM"
		 " passage_text", lang);
	return sq_exec(st, sql, err);
}

int sq_fts_snippets(struct store *st, struct arena *a, int table,
		    const char *match, const int64_t *ids, size_t n,
		    const char **out, struct error *err)
{
	const char *lang;
	sqlite3_stmt *s;
	struct buf list;
	char sql[300];
	int rc = 0, step;

	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	if (!n || table < 0 || table >= SQ_FTS_TABLES)
		return 0;
	lang = sq_fts_langs[table];
	buf_init(&list, 16 * n);
	buf_putc(&list, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&list, ']');
	if (list.oom) {
		rc = error_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	if ((rc = scratch_fill(st, table, list.data, err)) < 0)
		goto out;
	snprintf(sql, sizeof sql, "SELECT rowid, praxis_snippet(passages_%s, " SNIPPET_ARGS
		 ") FROM passages_%s WHERE passages_%s MATCH ?1", lang, lang, lang);
	if (!(s = sq_prepare(st, sql, err))) {
		rc = ERR_IO;
		goto out;
	}
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		for (size_t i = 0; i < n; i++)
			if (ids[i] == id)
				out[i] = sq_text(a, s, 1);
	}
	if (step != SQLITE_DONE)
		rc = sq_fail(st, err, "snippets");
	sq_release(st, s);
out:
	buf_release(&list);
	return rc;
}

const char *sq_fts_passage(struct store *st, struct arena *a, int table,
			   int64_t id, struct passage_inst *inst, int ninst,
			   const int *size, int nphrase)
{
	struct passage_text text = {0};
	const char *out = NULL;
	const unsigned char *sz;
	sqlite3_stmt *s;
	struct buf b;
	char sql[300];
	int nsz, k;

	if (table < 0 || table >= SQ_FTS_TABLES)
		return NULL;
	/* the index's own copy of the row, and its lengths in tokens */
	snprintf(sql, sizeof sql, "SELECT d.sz, c.c0, c.c1, c.c2, c.c3 FROM"
		 " practice_fts_%s_content c, practice_fts_%s_docsize d"
		 " WHERE c.id = ?1 AND d.id = ?1", sq_fts_langs[table],
		 sq_fts_langs[table]);
	if (!(s = sq_prepare(st, sql, NULL)))
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW)
		goto out;
	text.lang = sq_fts_langs[table];
	sz = sqlite3_column_blob(s, 0);
	nsz = sqlite3_column_bytes(s, 0);
	for (int c = 0; c < PASSAGE_COLUMNS; c++) {
		uint64_t v = 0;
		text.doc[c] = (const char *)sqlite3_column_text(s, c + 1);
		text.ndoc[c] = sqlite3_column_bytes(s, c + 1);
		if (!sz || (k = sq_varint(sz, nsz, &v)) == 0 || v > INT32_MAX)
			goto out; /* not a size per column: FTS5 will tell */
		text.size[c] = (int)v;
		sz += k;
		nsz -= k;
	}
	buf_init(&b, 256);
	if (sq_passage_of(&text, inst, ninst, size, nphrase, &b) == SQLITE_OK &&
	    !b.oom)
		out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_release(&b);
out:
	sq_release(st, s);
	return out;
}
