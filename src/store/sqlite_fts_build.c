/* sqlite_fts_build.c - rebuilding the search index: the index tables
 * emptied by recreating them, then every practice added, its texts read
 * here while a worker thread (docprep.h) turns the ones read before into
 * text and tokens, which the tokenizer replays when they are inserted. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/docprep.h"
#include "store/sqlite_fts.h"

/* Bytes of terms FTS5 gathers in memory during a rebuild before writing
 * them out as a segment (its default, 1 MiB, makes hundreds of segments
 * to merge for a large catalogue). */
enum { FTS_BUILD_HASHSIZE = 64 * 1024 * 1024 };

/* Batches read ahead: one being prepared while the next waits, so that
 * the worker never waits for the reading. */
enum { IN_FLIGHT = 2 };

/* Empties index table i by dropping it and creating it again from its
 * own definition: deleting its rows one by one would tokenise every row
 * once more to find the terms to take out of the index. */
static int fts_recreate(struct store *st, int i, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT sql FROM sqlite_schema"
				     " WHERE type = 'table' AND name = ?", err);
	char name[64], drop[96];
	char *create = NULL;
	int rc = 0;

	if (!s)
		return ERR_IO;
	snprintf(name, sizeof name, "practice_fts_%s", sq_fts_langs[i]);
	snprintf(drop, sizeof drop, "DROP TABLE %s", name);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		rc = sq_fail(st, err, name);
	else if (!(create = strdup((const char *)sqlite3_column_text(s, 0))))
		rc = error_set(err, ERR_INTERNAL, "out of memory");
	/* no statement may be reading the schema while a table is dropped */
	sq_release(st, s);
	if (rc == 0 && (rc = sq_exec(st, drop, err)) == 0)
		rc = sq_exec(st, create, err);
	free(create);
	return rc;
}

/* Sets FTS5 option name of index table i (stored with the table). */
static int fts_config(struct store *st, int i, const char *name, long value,
		      struct error *err)
{
	char sql[200];

	snprintf(sql, sizeof sql, "INSERT INTO practice_fts_%s(practice_fts_%s,"
		 " rank) VALUES ('%s', %ld)", sq_fts_langs[i], sq_fts_langs[i],
		 name, value);
	return sq_exec(st, sql, err);
}

/* Reads the texts of practice id into b, one record per language, with
 * facts (a scratch buffer) as the key facts of each. */
static int read_practice(struct store *st, int64_t id, struct doc_batch *b,
			 struct buf *facts, struct error *err)
{
	const char *text[DOC_FIELDS];
	size_t len[DOC_FIELDS];
	sqlite3_stmt *s;
	int rc, step;

	buf_reset(facts);
	if ((rc = sq_fts_facts(st, id, facts, err)) < 0)
		return rc;
	if (facts->oom)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (!(s = sq_stmt(st, SQ_FTS_TEXTS, err)))
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		int t = sq_fts_table((const char *)sqlite3_column_text(s, 0));
		/* columns 1..3: title, summary, body, as DOC_TITLE.. */
		for (int f = DOC_TITLE; f <= DOC_BODY; f++) {
			text[f] = (const char *)sqlite3_column_text(s, f + 1);
			len[f] = (size_t)sqlite3_column_bytes(s, f + 1);
		}
		text[DOC_FACTS] = facts->data;
		len[DOC_FACTS] = facts->len;
		rc = doc_batch_add(b, id, t, sq_fts_langs[t], text, len, err);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_fail(st, err, "fts texts");
	sqlite3_reset(s);
	return rc;
}

/* Fills b with the practices the cursor ids gives next, up to batch_bytes
 * of text; *more turns false at the end of the cursor. */
static int batch_read(struct store *st, sqlite3_stmt *ids, size_t batch_bytes,
		      struct doc_batch *b, int64_t *count, bool *more,
		      struct error *err)
{
	struct buf facts;
	int rc = 0, step;

	buf_init(&facts, 256);
	while (rc == 0 && b->bytes < batch_bytes) {
		if ((step = sqlite3_step(ids)) != SQLITE_ROW) {
			*more = false;
			if (step != SQLITE_DONE)
				rc = sq_fail(st, err, "reindex");
			break;
		}
		rc = read_practice(st, sqlite3_column_int64(ids, 0), b, &facts, err);
		(*count)++;
	}
	buf_release(&facts);
	return rc;
}

/* Inserts the prepared records of b; the tokenizer replays their
 * analysis. */
static int batch_insert(struct store *st, const struct doc_batch *b,
			struct error *err)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < b->n; i++) {
		const struct prep_doc *d = &b->doc[i];
		sqlite3_stmt *ins = sq_fts_stmt(st, true, d->table, err);

		if (!ins)
			return ERR_IO;
		sqlite3_bind_int64(ins, 1, d->id);
		for (int f = 0; f < DOC_FIELDS; f++) {
			const struct doc_field *fd = &d->field[f];
			if (fd->null)
				sqlite3_bind_null(ins, f + 2);
			else
				sqlite3_bind_text(ins, f + 2, fd->text.data,
						  (int)fd->text.len, SQLITE_STATIC);
		}
		st->fts_replay = d;
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = sq_fail(st, err, "fts insert");
		st->fts_replay = NULL;
		/* the texts bound belong to the batch, which is reused */
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
	}
	return rc;
}

/* Adds every practice the cursor ids gives, reading batch k + 2 and
 * inserting batch k while the worker prepares batch k + 1. */
static int add_pipelined(struct store *st, sqlite3_stmt *ids,
			 size_t batch_bytes, int64_t *count, struct error *err)
{
	struct docprep *p;
	struct doc_batch *b;
	size_t in_flight = 0;
	bool more = true;
	int rc;

	if ((rc = docprep_start(&p, INT_MAX, err)) < 0)
		return rc;
	for (;;) {
		while (rc == 0 && more && in_flight < IN_FLIGHT) {
			if (!(b = docprep_batch(p))) {
				rc = error_set(err, ERR_INTERNAL, "out of memory");
				break;
			}
			rc = batch_read(st, ids, batch_bytes, b, count, &more, err);
			if (rc == 0 && b->n) {
				docprep_push(p, b);
				in_flight++;
			} else {
				docprep_recycle(p, b);
			}
		}
		if (rc < 0 || !in_flight)
			break;
		b = docprep_pop(p);
		in_flight--;
		if ((rc = b->rc) < 0) {
			if (err)
				*err = b->err;
		} else {
			rc = batch_insert(st, b, err);
		}
		docprep_recycle(p, b);
		if (rc < 0)
			break;
	}
	docprep_stop(p);
	return rc;
}

int sq_fts_rebuild(struct store *st, size_t batch_bytes, int64_t *count,
		   struct error *err)
{
	sqlite3_stmt *s;
	char sql[400];
	int rc = 0;

	*count = 0;
	/* Room for the whole build in memory: pages spilled to the WAL
	 * before the commit would be written twice. */
	if ((rc = sq_exec(st, "PRAGMA cache_size = -524288", err)) < 0)
		return rc;
	/* No merging while the index is built, and few segments to merge:
	 * terms gather in memory up to FTS_BUILD_HASHSIZE before FTS5 writes
	 * them out; 'optimize' merges once at the end. */
	for (int i = 0; rc == 0 && sq_fts_langs[i]; i++) {
		if ((rc = fts_recreate(st, i, err)) < 0)
			break;
		rc = fts_config(st, i, "automerge", 0, err);
		if (rc == 0)
			rc = fts_config(st, i, "hashsize", FTS_BUILD_HASHSIZE, err);
	}
	if (rc < 0)
		return rc;
	if (!(s = sq_prepare(st, "SELECT id FROM practice ORDER BY id", err)))
		return ERR_IO;
	if (!batch_bytes) {
		while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
			rc = sq_fts_add(st, sqlite3_column_int64(s, 0), err);
			(*count)++;
		}
	} else {
		rc = add_pipelined(st, s, batch_bytes, count, err);
	}
	sq_release(st, s);
	/* then back to FTS5's defaults for the updates that follow */
	for (int i = 0; rc == 0 && sq_fts_langs[i]; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO practice_fts_%s(practice_fts_%s)"
			 " VALUES ('optimize')", sq_fts_langs[i], sq_fts_langs[i]);
		if ((rc = sq_exec(st, sql, err)) == 0)
			rc = fts_config(st, i, "automerge", 4, err);
		if (rc == 0)
			rc = fts_config(st, i, "hashsize", 1024 * 1024, err);
	}
	/* what a search finds may differ (a newer analyzer): cached pages
	 * of search results must go */
	if (rc == 0)
		rc = sq_exec(st, "UPDATE catalog_state SET generation = generation + 1",
			     err);
	sq_exec(st, "PRAGMA cache_size = -2000", NULL); /* SQLite's default */
	return rc;
}

int store_reindex(struct store *st, int64_t *count, struct error *err)
{
	int rc = store_begin(st, err);

	if (rc == 0)
		rc = sq_fts_rebuild(st, SQ_FTS_BATCH, count, err);
	if (rc == 0)
		rc = store_commit(st, err);
	if (rc < 0)
		store_rollback(st);
	return rc;
}
