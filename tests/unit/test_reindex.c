/* Unit tests of the reindex pipeline: a token tape replays exactly what
 * the analyzer gives (src/search/tape.c), the worker prepares batches in
 * order and reports its failures (src/search/docprep.c), and a rebuild
 * with the worker writes an index identical, byte for byte, to one built
 * a practice at a time (src/store/sqlite_fts_build.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/buf.h"
#include "search/analyzer.h"
#include "search/docprep.h"
#include "search/tape.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"
#include "store/store.h"
#include "temp_store.h"
#include "text/markdown.h"

/* Every token as a line: colocated flag, bytes, offsets. */
static int collect(void *ctx, bool colocated, const char *token, size_t len,
		   size_t start, size_t end)
{
	buf_printf(ctx, "%d|%.*s|%zu|%zu\n", colocated, (int)len, token, start,
		   end);
	return 0;
}

static int stop_at_second(void *ctx, bool colocated, const char *token,
			  size_t len, size_t start, size_t end)
{
	int *n = ctx;

	(void)colocated, (void)token, (void)len, (void)start, (void)end;
	return ++*n == 2 ? 7 : 0;
}

static const struct {
	const char *lang, *text;
} samples[] = {
	{"pl", "Gminy współpracują z organizacjami pozarządowymi; w gminie "
	       "działa budżet obywatelski (2024)."},
	{"sl", "Občina sodeluje z občinami in nevladnimi organizacijami."},
	{"en", "Municipalities running participatory budgets."},
	{"ar", "البلدية تعمل مع المنظمات"},
	{"xx", "Ärger mit Straßen\xff\xfe und ﬁnanzen, ŁÓDŹ"},
	{"pl", ""},
};

static void tape_replays_what_the_analyzer_gives(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		const char *text = samples[i].text, *lang = samples[i].lang;
		struct error err = ERROR_INIT;
		struct token_tape t;
		struct buf want, got;

		buf_init(&want, 256);
		buf_init(&got, 256);
		tape_init(&t);
		assert_int_equal(analyze_text(lang, 0, text, strlen(text), collect,
					      &want), 0);
		assert_int_equal(tape_record(&t, lang, text, strlen(text), &err), 0);
		assert_int_equal(tape_replay(&t, collect, &got), 0);
		assert_string_equal(got.data, want.data);
		assert_true(*text == '\0' || want.len > 0);
		buf_release(&want);
		buf_release(&got);
		tape_release(&t);
	}
}

static void tape_matches_only_the_same_bytes(void **state)
{
	const char *text = samples[0].text;
	size_t n = strlen(text);
	char *copy = strdup(text);
	struct error err = ERROR_INIT;
	struct token_tape t;
	int calls = 0;

	(void)state;
	tape_init(&t);
	assert_false(tape_matches(&t, "pl", text, n)); /* nothing recorded */
	assert_int_equal(tape_record(&t, "pl", text, n, &err), 0);
	assert_true(tape_matches(&t, "pl", text, n));
	assert_true(tape_matches(&t, "pl", copy, n)); /* another pointer */
	assert_false(tape_matches(&t, "sl", copy, n));
	assert_false(tape_matches(&t, "pl", copy, n - 1));
	copy[n / 2] ^= 1;
	assert_false(tape_matches(&t, "pl", copy, n));
	/* a nonzero return stops the replay and comes back */
	assert_int_equal(tape_replay(&t, stop_at_second, &calls), 7);
	assert_int_equal(calls, 2);
	tape_clear(&t);
	assert_false(tape_matches(&t, "pl", text, n));
	tape_release(&t);
	free(copy);
}

/* A batch of n records with ids from first on, in Polish. */
static struct doc_batch *batch_of(struct docprep *p, int64_t first, int n,
				  const char *title)
{
	struct doc_batch *b = docprep_batch(p);
	struct error err = ERROR_INIT;

	assert_non_null(b);
	for (int i = 0; i < n; i++) {
		const char *text[DOC_FIELDS] = {
			title, i % 2 ? NULL : "Skrót praktyki",
			"## Cele\n\nGminy *współpracują* z [organizacjami](https://e.pl).",
			"Gmina Wronki · wielkopolskie",
		};
		size_t len[DOC_FIELDS];
		for (int f = 0; f < DOC_FIELDS; f++)
			len[f] = text[f] ? strlen(text[f]) : 0;
		assert_int_equal(doc_batch_add(b, first + i, 3, "pl", text, len,
					       &err), 0);
	}
	return b;
}

static void docprep_prepares_batches_in_order(void **state)
{
	struct error err = ERROR_INIT;
	struct docprep *p;
	struct doc_batch *b;
	struct buf body;
	int64_t next = 1;

	(void)state;
	buf_init(&body, 256);
	markdown_to_text(&body, "## Cele\n\nGminy *współpracują* z "
			 "[organizacjami](https://e.pl).");
	assert_int_equal(docprep_start(&p, 1 << 20, &err), 0);
	for (int round = 0; round < 3; round++) {
		for (int k = 0; k < 4; k++)
			docprep_push(p, batch_of(p, next + k * 5, 5, "Tytuł"));
		for (int k = 0; k < 4; k++) {
			assert_non_null(b = docprep_pop(p));
			assert_int_equal(b->rc, 0);
			assert_int_equal(b->n, 5);
			for (size_t i = 0; i < b->n; i++) {
				const struct prep_doc *d = &b->doc[i];
				assert_int_equal(d->id, next++);
				assert_int_equal(d->table, 3);
				assert_string_equal(d->field[DOC_BODY].text.data, body.data);
				assert_int_equal(d->field[DOC_SUMMARY].null, i % 2 == 1);
				for (int f = 0; f < DOC_FIELDS; f++) {
					const struct doc_field *fd = &d->field[f];
					assert_int_equal(tape_matches(&fd->tape, "pl",
						fd->text.data, fd->text.len), !fd->null);
				}
			}
			docprep_recycle(p, b);
		}
	}
	assert_null(docprep_pop(p)); /* none in flight */
	docprep_stop(p);
	buf_release(&body);
}

static void docprep_reports_a_failure_and_stops_cleanly(void **state)
{
	struct error err = ERROR_INIT;
	struct docprep *p;
	struct doc_batch *b;

	(void)state;
	assert_int_equal(docprep_start(&p, 80, &err), 0);
	docprep_push(p, batch_of(p, 1, 3, "Tytuł"));
	docprep_push(p, batch_of(p, 4, 3, "Tytuł o wiele za długi, by go indeksować w tym teście,"
				   " bo ma ponad osiemdziesiąt bajtów"));
	docprep_push(p, batch_of(p, 7, 3, "Tytuł"));
	assert_non_null(b = docprep_pop(p));
	assert_int_equal(b->rc, 0);
	docprep_recycle(p, b);
	assert_non_null(b = docprep_pop(p));
	assert_int_equal(b->rc, ERR_INVALID);
	assert_non_null(strstr(b->err.msg, "practice 4"));
	assert_non_null(strstr(b->err.msg, "too long"));
	docprep_recycle(p, b);
	/* the third batch, prepared or not, goes with the pipeline */
	docprep_push(p, batch_of(p, 10, 3, "Tytuł"));
	docprep_stop(p);
}

/* Every row of every shadow table of the index (and the tables' own
 * rows), with each value's type and bytes. */
static void dump_index(struct store *st, struct buf *out)
{
	static const char *const shadows[] = {
		"data", "idx", "content", "docsize", "config", NULL,
	};

	for (int i = 0; sq_fts_langs[i]; i++)
		for (int k = 0; shadows[k]; k++) {
			char sql[128];
			sqlite3_stmt *s;
			snprintf(sql, sizeof sql, "SELECT * FROM practice_fts_%s_%s"
				 " ORDER BY 1, 2", sq_fts_langs[i], shadows[k]);
			assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL),
					 SQLITE_OK);
			buf_printf(out, "%s\n", sql);
			while (sqlite3_step(s) == SQLITE_ROW) {
				for (int c = 0; c < sqlite3_column_count(s); c++) {
					const unsigned char *v = sqlite3_column_blob(s, c);
					int n = sqlite3_column_bytes(s, c);
					buf_printf(out, "%d:", sqlite3_column_type(s, c));
					for (int j = 0; j < n; j++)
						buf_printf(out, "%02x", v[j]);
					buf_putc(out, ' ');
				}
				buf_putc(out, '\n');
			}
			sqlite3_finalize(s);
		}
	assert_false(out->oom);
}

static void rebuild(struct store *st, size_t batch_bytes, int64_t *count,
		    struct buf *dump)
{
	struct error err = ERROR_INIT;

	assert_int_equal(store_begin(st, &err), 0);
	if (sq_fts_rebuild(st, batch_bytes, count, &err) < 0)
		fail_msg("rebuild: %s", err.msg);
	assert_int_equal(store_commit(st, &err), 0);
	dump_index(st, dump);
}

static void rebuild_with_the_worker_is_byte_identical(void **state)
{
	const size_t batches[] = {1, 4096, SQ_FTS_BATCH};
	struct buf one_by_one, piped;
	int64_t n1, n2;
	char path[64];
	struct store *st = temp_store_open(path, sizeof path, "test-reindex", true);

	(void)state;
	assert_non_null(st);
	/* translations into a language without a table of its own ("xx"),
	 * with an empty summary and a body with more Markdown to take apart */
	assert_int_equal(sqlite3_exec(st->db, "INSERT INTO practice_text"
		" (practice_id, lang, title, summary, body) SELECT id, 'de',"
		" 'Bürgerhaushalt in Łódź', '', '# Ziele\n\n* eins\n* **zwei**\n\n"
		"> Zitat `code`' FROM practice ORDER BY id LIMIT 3", NULL, NULL,
		NULL), SQLITE_OK);
	buf_init(&one_by_one, 1 << 16);
	rebuild(st, 0, &n1, &one_by_one);
	assert_true(n1 > 10);
	assert_int_equal(st->fts_replayed, 0);
	for (size_t i = 0; i < sizeof batches / sizeof *batches; i++) {
		buf_init(&piped, 1 << 16);
		st->fts_replayed = 0;
		rebuild(st, batches[i], &n2, &piped);
		assert_int_equal(n2, n1);
		/* every non-empty text came from a tape: 3 or 4 a record */
		assert_true(st->fts_replayed >= 3 * (uint64_t)n1);
		assert_int_equal(piped.len, one_by_one.len);
		assert_memory_equal(piped.data, one_by_one.data, piped.len);
		buf_release(&piped);
	}
	buf_release(&one_by_one);
	store_close(st);
	temp_store_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tape_replays_what_the_analyzer_gives),
		cmocka_unit_test(tape_matches_only_the_same_bytes),
		cmocka_unit_test(docprep_prepares_batches_in_order),
		cmocka_unit_test(docprep_reports_a_failure_and_stops_cleanly),
		cmocka_unit_test(rebuild_with_the_worker_is_byte_identical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
