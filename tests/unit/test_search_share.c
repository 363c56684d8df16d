/* Unit tests of what a process's connections to one database share for
 * searches (src/store/sqlite_share.c, sqlite_phrases.c): a connection
 * joining another uses the cache the first built, without reading a
 * phrase from the index again; a change made through one is searched
 * through the other at once; and connections searching at the same time
 * in threads, with lists dropped as soon as no search holds them, give
 * what one connection alone gives, while another connection writes. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "search/query.h"
#include "store/sqlite_facets.h"
#include "store/sqlite_impl.h"
#include "store/store.h"
#include "temp_store.h"

enum { THREADS = 4, ROUNDS = 6, PAGE = 20 };

static const char *const queries[] = {
	"gmina", "współpraca organizacjami", "wspolpraca z ngo",
	"młodzież -sport", "\"budżet obywatelski\"", "seniorzy", "mlad*",
	"community", "prostovoljci", "szkoła -\"dom kultury\"", "pomoc",
	NULL,
};
#define NQUERIES (sizeof queries / sizeof *queries - 1)

static int setup(void **state)
{
	return (*state = store_fixture_new("test-share", true)) ? 0 : -1;
}

static int teardown(void **state)
{
	store_search_cache_set(32u << 20);
	store_fixture_free(*state);
	return 0;
}

/* What a search gives: its page's ids, total and a digest of facets. */
struct answer {
	int64_t ids[PAGE], total, facets;
	size_t n;
};

static int search(struct store *st, struct arena *a, const char *q,
		  struct answer *out)
{
	struct search_query sq;
	struct practice_filter f = {0};
	struct page_req pr = {.limit = PAGE};
	struct practice_page res;
	struct facet_value *fv[FILTER__MAX];
	size_t nfv[FILTER__MAX];
	struct error err = ERROR_INIT;

	if (search_query_parse(a, q, &sq, &err) < 0 || !sq.match)
		return -1;
	f.match = sq.match;
	if (store_search(st, a, "pl", &f, &pr, &res, fv, nfv, &err) < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->n = res.n;
	for (size_t i = 0; i < res.n; i++)
		out->ids[i] = res.items[i].id;
	out->total = res.total;
	for (int x = 0; x < FILTER__MAX; x++)
		for (size_t i = 0; i < nfv[x]; i++)
			out->facets += fv[x][i].count * (int64_t)(x + 1) +
				       (int64_t)strlen(fv[x][i].value);
	return 0;
}

static struct store *open_joined(struct store_fixture *fx)
{
	struct error err = ERROR_INIT;
	struct store *st = store_open(fx->path, 0, &err);

	assert_non_null(st);
	store_share(st, fx->st);
	return st;
}

/* Counts the statements that read a phrase list from the index. */
static int count_list_reads(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type, (void)x;
	if (sql && strstr(sql, "praxis_phrase_freq"))
		++*(int *)ctx;
	return 0;
}

static void a_joined_connection_uses_the_first_ones_cache(void **state)
{
	struct store_fixture *fx = *state;
	struct store *other = open_joined(fx);
	struct answer one, two;
	int reads = 0;

	assert_int_equal(search(fx->st, &fx->a, "współpraca organizacjami", &one), 0);
	assert_true(one.total > 0);
	sqlite3_trace_v2(other->db, SQLITE_TRACE_STMT, count_list_reads, &reads);
	assert_int_equal(search(other, &fx->a, "współpraca organizacjami", &two), 0);
	assert_ptr_equal(other->facets, fx->st->facets);
	assert_int_equal(reads, 0);
	assert_int_equal(two.total, one.total);
	assert_int_equal(two.n, one.n);
	assert_memory_equal(two.ids, one.ids, one.n * sizeof *one.ids);
	assert_int_equal(two.facets, one.facets);
	/* a phrase the first has not searched is read once, by whoever asks */
	assert_int_equal(search(other, &fx->a, "seniorzy", &two), 0);
	assert_true(reads > 0);
	reads = 0;
	sqlite3_trace_v2(fx->st->db, SQLITE_TRACE_STMT, count_list_reads, &reads);
	assert_int_equal(search(fx->st, &fx->a, "seniorzy", &one), 0);
	assert_int_equal(reads, 0);
	store_close(other);
	/* the first goes on with the cache the other one left */
	assert_int_equal(search(fx->st, &fx->a, "seniorzy", &one), 0);
	assert_int_equal(one.total, two.total);
}

static void a_change_through_one_is_searched_through_the_other(void **state)
{
	struct store_fixture *fx = *state;
	struct store *other = open_joined(fx);
	struct error err = ERROR_INIT;
	struct answer ans;

	assert_int_equal(search(other, &fx->a, "hovercraft", &ans), 0);
	assert_int_equal(ans.total, 0);
	assert_int_equal(store_practice_translation_put(fx->st, 1, "en",
		"A hovercraft for the ferry", "The town runs a hovercraft.", NULL,
		&err), 0);
	assert_int_equal(search(other, &fx->a, "hovercraft", &ans), 0);
	assert_int_equal(ans.total, 1);
	assert_int_equal(ans.ids[0], 1);
	/* and the first, whose cache the other replaced, sees it too */
	assert_int_equal(search(fx->st, &fx->a, "hovercraft", &ans), 0);
	assert_int_equal(ans.total, 1);
	assert_ptr_equal(other->facets, fx->st->facets);
	store_close(other);
}

struct worker {
	struct store_fixture *fx;
	const struct answer *want;
	int failures, offset;
};

static void *run_searches(void *arg)
{
	struct worker *w = arg;
	struct store *st = store_open(w->fx->path, 0, NULL);
	struct arena a = {0};
	struct answer got;

	if (!st) {
		w->failures = -1;
		return NULL;
	}
	store_share(st, w->fx->st);
	for (int r = 0; r < ROUNDS; r++)
		for (size_t k = 0; k < NQUERIES; k++) {
			size_t q = (k + (size_t)w->offset) % NQUERIES;
			const struct answer *want = &w->want[q];
			if (search(st, &a, queries[q], &got) < 0 ||
			    got.total != want->total || got.n != want->n ||
			    got.facets != want->facets ||
			    memcmp(got.ids, want->ids, want->n * sizeof *want->ids))
				w->failures++;
			arena_free(&a);
		}
	store_close(st);
	return NULL;
}

/* THREADS connections search at once; the budget decides whether lists
 * stay (1: each is dropped once no search holds it). */
static void threads_search_as_one(struct store_fixture *fx, size_t budget)
{
	struct answer want[NQUERIES];
	struct worker w[THREADS];
	pthread_t t[THREADS];

	store_search_cache_set(budget);
	for (size_t q = 0; q < NQUERIES; q++)
		assert_int_equal(search(fx->st, &fx->a, queries[q], &want[q]), 0);
	/* a new generation, the same catalogue: the threads build and share
	 * the new cache */
	assert_int_equal(sqlite3_exec(fx->st->db, "UPDATE catalog_state SET"
				      " generation = generation + 1", NULL, NULL,
				      NULL), SQLITE_OK);
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){.fx = fx, .want = want, .offset = i * 3};
		assert_int_equal(pthread_create(&t[i], NULL, run_searches, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(w[i].failures, 0);
}

static void threads_with_lists_kept(void **state)
{
	threads_search_as_one(*state, 32u << 20);
}

static void threads_with_lists_dropped_at_once(void **state)
{
	threads_search_as_one(*state, 1);
}

struct writer {
	struct store_fixture *fx;
	int failures;
};

/* Puts and takes back a translation with a word of its own. */
static void *write_and_undo(void *arg)
{
	struct writer *w = arg;
	struct store *st = store_open(w->fx->path, 0, NULL);
	struct error err = ERROR_INIT;

	if (!st) {
		w->failures = -1;
		return NULL;
	}
	store_share(st, w->fx->st);
	for (int i = 0; i < 2 * ROUNDS; i++) {
		const char *title = i % 2 ? "Town hall" : "A hovercraft for the ferry";
		if (store_practice_translation_put(st, 3, "en", title, "Summary.",
						   NULL, &err) < 0)
			w->failures++;
	}
	store_close(st);
	return NULL;
}

static void searches_while_another_connection_writes(void **state)
{
	struct store_fixture *fx = *state;
	struct writer wr = {.fx = fx};
	struct store *st = open_joined(fx);
	struct answer ans;
	pthread_t t;

	assert_int_equal(pthread_create(&t, NULL, write_and_undo, &wr), 0);
	for (int i = 0; i < 40 * ROUNDS; i++) {
		assert_int_equal(search(st, &fx->a, "hovercraft", &ans), 0);
		/* one snapshot or the next: with or without the word */
		assert_true(ans.total == 0 || ans.total == 1);
		assert_true(ans.total == 0 || ans.ids[0] == 3);
	}
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(wr.failures, 0);
	assert_int_equal(search(st, &fx->a, "hovercraft", &ans), 0);
	assert_int_equal(ans.total, 0); /* the last write took it back */
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_joined_connection_uses_the_first_ones_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(a_change_through_one_is_searched_through_the_other, setup, teardown),
		cmocka_unit_test_setup_teardown(threads_with_lists_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(threads_with_lists_dropped_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(searches_while_another_connection_writes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
