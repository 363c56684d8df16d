/* Unit tests of src/core: arena, buffer, UTF-8 checks, configuration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/utf8.h"

static void arena_allocates_aligned_zeroed_memory(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;

	for (int i = 1; i < 2000; i += 37) {
		unsigned char *p = arena_alloc(&a, (size_t)i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (int k = 0; k < i; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xAB, (size_t)i);
	}
	/* a block larger than a chunk */
	char *big = arena_alloc(&a, 100000);
	assert_non_null(big);
	memset(big, 1, 100000);
	assert_string_equal(arena_strdup(&a, "gmina"), "gmina");
	assert_string_equal(arena_printf(&a, "%s-%d", "x", 42), "x-42");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_null(arena_calloc(&a, SIZE_MAX / 2, 4));
	int *arr = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 1000; i++) {
		arr = arena_grow(&a, arr, n, &cap, sizeof *arr);
		assert_non_null(arr);
		assert_true(cap > n);
		arr[n++] = i;
	}
	for (int i = 0; i < 1000; i++)
		assert_int_equal(arr[i], i);
	arena_free(&a);
	assert_null(a.head);
}

static void buf_grows_and_detaches(void **state)
{
	struct buf b;
	size_t len;
	char *p;
	(void)state;

	buf_init(&b, 0);
	assert_string_equal(b.data, "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_int_equal(strlen(b.data), 2000);
	buf_reset(&b);
	buf_puts(&b, "ł");
	buf_putc(&b, '!');
	p = buf_detach(&b, &len);
	assert_string_equal(p, "ł!");
	assert_int_equal(len, 3);
	assert_string_equal(b.data, "");
	free(p);
	buf_release(&b);
}

static void utf8_rejects_malformed_input(void **state)
{
	(void)state;
	assert_true(utf8_valid_text("Gmina Łódź, občina Škofja Loka", 33));
	assert_true(utf8_valid_text("مرحبا", strlen("مرحبا")));
	assert_true(utf8_valid_text("tab\tand\nnewline", 15));
	assert_false(utf8_valid_text("\xc3", 1));             /* truncated */
	assert_false(utf8_valid_text("\xc0\xaf", 2));         /* overlong */
	assert_false(utf8_valid_text("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(utf8_valid_text("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(utf8_valid_text("a\0b", 3));             /* NUL */
	assert_false(utf8_valid_text("bell\a", 5));           /* control */
	assert_int_equal(utf8_length("Łódź"), 4);
}

static void config_reads_file_and_rejects_bad_values(void **state)
{
	char path[] = "/tmp/praxis-config-XXXXXX";
	int fd = mkstemp(path);
	struct config c;
	struct error err = ERROR_INIT;
	FILE *f;
	(void)state;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("# comment\n threads = 8 \nsite_name = Baza praktyk\n\n", f);
	fclose(f);
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, &err), 0);
	assert_int_equal(c.threads, 8);
	assert_string_equal(c.site_name, "Baza praktyk");
	assert_int_equal(c.listen_port, 8080);
	assert_true(config_set(&c, "threads", "0", &err) < 0);
	assert_non_null(strstr(err.msg, "threads"));
	assert_true(config_set(&c, "threads", "-1", &err) < 0);
	assert_true(config_set(&c, "threads", "4x", &err) < 0);
	assert_true(config_set(&c, "listen_port", "70000", &err) < 0);
	assert_true(config_set(&c, "no_such_key", "1", &err) < 0);
	assert_non_null(strstr(err.msg, "no_such_key"));
	f = fopen(path, "w");
	fputs("threads 8\n", f);
	fclose(f);
	assert_true(config_load(&c, path, &err) < 0);
	assert_non_null(strstr(err.msg, ":1:"));
	unlink(path);
	config_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
		cmocka_unit_test(buf_grows_and_detaches),
		cmocka_unit_test(utf8_rejects_malformed_input),
		cmocka_unit_test(config_reads_file_and_rejects_bad_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
