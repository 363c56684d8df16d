/* Unit tests of src/web: the page cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "web/page_cache.h"

static bool get(struct page_cache *pc, const char *key, int64_t gen,
		char *out, size_t cap)
{
	struct buf b;
	bool hit;

	buf_init(&b, 0);
	hit = page_cache_get(pc, key, gen, &b);
	snprintf(out, cap, "%s", b.data);
	buf_release(&b);
	return hit;
}

static void cache_hits_only_for_the_same_generation(void **state)
{
	struct page_cache *pc = page_cache_new(1 << 20, 60);
	char out[64];
	(void)state;

	assert_null(page_cache_new(0, 60));
	assert_null(page_cache_new(1 << 20, 0));
	assert_false(get(pc, "pl|/", 1, out, sizeof out));
	page_cache_put(pc, "pl|/", 1, "home v1", 7);
	assert_true(get(pc, "pl|/", 1, out, sizeof out));
	assert_string_equal(out, "home v1");
	assert_false(get(pc, "en|/", 1, out, sizeof out));
	assert_false(get(pc, "pl|/", 2, out, sizeof out)); /* catalogue changed */
	assert_false(get(pc, "pl|/", 1, out, sizeof out)); /* and it is gone */
	page_cache_put(pc, "pl|/", 2, "home v2", 7);
	page_cache_put(pc, "pl|/", 2, "home v3", 7); /* replaces */
	assert_true(get(pc, "pl|/", 2, out, sizeof out));
	assert_string_equal(out, "home v3");
	page_cache_free(pc);
}

static void cache_evicts_least_recently_used_within_budget(void **state)
{
	/* 16 shards of 4 KiB each */
	struct page_cache *pc = page_cache_new(64 * 1024, 60);
	char body[1000], key[32], out[8];
	int kept = 0;
	(void)state;

	memset(body, 'x', sizeof body);
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		page_cache_put(pc, key, 1, body, sizeof body);
	}
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		kept += get(pc, key, 1, out, sizeof out);
	}
	assert_true(kept > 16 && kept <= 64); /* the budget holds */
	assert_true(get(pc, "k999", 1, out, sizeof out)); /* newest stay */
	char big[8000] = {0}; /* more than a shard holds: not kept */
	page_cache_put(pc, "big", 1, big, sizeof big);
	assert_false(get(pc, "big", 1, out, sizeof out));
	page_cache_free(pc);
}

static void cache_entries_expire(void **state)
{
	struct page_cache *pc = page_cache_new(1 << 20, 1);
	char out[16];
	(void)state;

	page_cache_put(pc, "a", 1, "x", 1);
	assert_true(get(pc, "a", 1, out, sizeof out));
	sleep(2);
	assert_false(get(pc, "a", 1, out, sizeof out));
	page_cache_free(pc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cache_hits_only_for_the_same_generation),
		cmocka_unit_test(cache_evicts_least_recently_used_within_budget),
		cmocka_unit_test(cache_entries_expire),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
