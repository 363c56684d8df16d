/* sqlite_snippet.c - the passages of a search's page: FTS5's snippet()
 * over the page's rows, with the matches between \x02 and \x03, from a
 * scratch index of those rows alone. In the whole catalogue's index,
 * FTS5 finds a row's matches by seeking through each term's list of
 * rows, long for common words, and expands a prefix over every term it
 * begins: a scratch index of twenty rows costs a fraction of that. Its
 * rows, tokenizer and column sizes are the big index's, so the passages
 * are the same. */
#include "store/sqlite_fts.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"

/* snippet()'s arguments after the table: any column, the marks, the
 * ellipsis and the most tokens shown. */
#define SNIPPET_ARGS "-1, char(2), char(3), '…', 24"

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
	snprintf(sql, sizeof sql, "SELECT rowid, snippet(passages_%s, " SNIPPET_ARGS
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
