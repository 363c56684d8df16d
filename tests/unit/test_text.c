/* Unit tests of src/text: escaping, Markdown, slugs, message catalogues,
 * diffs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "text/diff.h"
#include "text/html.h"
#include "text/i18n.h"
#include "text/markdown.h"
#include "text/slug.h"

static void html_escapes_every_special_character(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	html_text(&b, "<script>alert('x')</script> & \"q\"");
	assert_string_equal(b.data, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
				    " &amp; &quot;q&quot;");
	buf_reset(&b);
	html_attr(&b, "\" onmouseover=\"x");
	assert_null(strchr(b.data, '"'));
	buf_reset(&b);
	html_url_arg(&b, "współpraca & <ngo>");
	assert_string_equal(b.data, "wsp%C3%B3%C5%82praca%20%26%20%3Cngo%3E");
	buf_reset(&b);
	html_link(&b, "/a?x=1&y=2", "<b>");
	assert_string_equal(b.data, "<a href=\"/a?x=1&amp;y=2\">&lt;b&gt;</a>");
	buf_reset(&b);
	html_option(&b, "v\"", "L<", 1);
	assert_string_equal(b.data, "<option value=\"v&quot;\" selected>L&lt;</option>");
	assert_true(html_url_is_safe("https://gmina.pl"));
	assert_false(html_url_is_safe("javascript:alert(1)"));
	assert_false(html_url_is_safe(" data:text/html,x"));
	buf_release(&b);
}

static void markdown_is_rendered_safely(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(markdown_render(&b, "## Cel\n\n1. etap\n2. etap\n\n"
					     "<script>alert(1)</script>\n\n"
					     "[x](javascript:alert(1)) **b**"), 0);
	assert_non_null(strstr(b.data, "<h2>Cel</h2>"));
	assert_non_null(strstr(b.data, "<ol>"));
	assert_non_null(strstr(b.data, "<strong>b</strong>"));
	assert_null(strstr(b.data, "<script"));
	assert_null(strstr(b.data, "javascript:"));
	buf_release(&b);
}

static void slugs_fold_diacritics(void **state)
{
	char s[128];
	(void)state;

	slug_make(s, sizeof s, "Klub Seniora w Łodzi – ŻÓŁW");
	assert_string_equal(s, "klub-seniora-w-lodzi-zolw");
	slug_make(s, sizeof s, "Občina Škofja Loka: đaki");
	assert_string_equal(s, "obcina-skofja-loka-daki");
	slug_make(s, sizeof s, "Straße ﬁ");
	assert_string_equal(s, "strasse-fi");
	slug_make(s, sizeof s, "!!!");
	assert_string_equal(s, "item");
	slug_make(s, sizeof s, "مرحبا");
	assert_string_equal(s, "item");
	slug_make(s, 5, "abcdefgh");
	assert_string_equal(s, "abcd");
	slug_make(s, sizeof s, "a very long title that goes on and on about "
			       "municipal cooperation with non governmental "
			       "organisations in the region");
	assert_true(strlen(s) <= 80);
	assert_true(s[strlen(s) - 1] != '-');
}

/* Every key of every catalogue exists in every other catalogue. */
static void catalogues_have_the_same_keys(void **state)
{
	struct error err = ERROR_INIT;
	struct i18n *set = i18n_load(&err);
	(void)state;

	assert_non_null(set);
	for (const char *const *a = i18n_languages; *a; a++)
		for (const char *const *b = i18n_languages; *b; b++) {
			const struct catalog *ca = i18n_catalog(set, *a);
			const struct catalog *cb = i18n_catalog(set, *b);
			for (size_t i = 0; i < catalog_size(ca); i++) {
				if (!catalog_has(cb, catalog_key(ca, i)))
					fail_msg("key %s of %s missing in %s",
						 catalog_key(ca, i), *a, *b);
			}
		}
	assert_string_equal(catalog_get(i18n_catalog(set, "pl"), "nav.practices"),
			    "Praktyki");
	assert_string_equal(catalog_get(i18n_catalog(set, "en"), "no.such.key"),
			    "no.such.key");
	assert_null(i18n_catalog(set, "xx"));
	i18n_free(set);
}

/* ---- diff ---------------------------------------------------------------- */

/* The script as text, one line per entry: "=same", "-deleted", "+added". */
static char *diff_show(struct arena *a, const struct diff *d)
{
	static const char sign[] = {[DIFF_SAME] = '=', [DIFF_ADD] = '+',
				    [DIFF_DEL] = '-'};
	struct buf b;
	char *s;

	buf_init(&b, 0);
	for (size_t i = 0; i < d->n; i++) {
		buf_putc(&b, sign[d->lines[i].op]);
		buf_add(&b, d->lines[i].text, d->lines[i].len);
		buf_putc(&b, '\n');
	}
	s = arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

static const char *diff_of(struct arena *a, const char *old, const char *new_)
{
	struct diff d;
	struct error err = ERROR_INIT;

	assert_int_equal(diff_lines(a, old, new_, DIFF_MAX_COST_DEFAULT, &d,
				    &err), 0);
	assert_false(d.truncated);
	return diff_show(a, &d);
}

static size_t diff_edits(const struct diff *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->lines[i].op != DIFF_SAME;
	return n;
}

static void diff_finds_simple_edits(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;

	assert_string_equal(diff_of(&a, "a\nb\nc\n", "a\nb\nc\n"),
			    "=a\n=b\n=c\n");
	assert_string_equal(diff_of(&a, "a\nb\nc\n", "a\nb\nX\nc\n"),
			    "=a\n=b\n+X\n=c\n");
	assert_string_equal(diff_of(&a, "a\nb\nc\n", "a\nc\n"),
			    "=a\n-b\n=c\n");
	assert_string_equal(diff_of(&a, "a\nb\nc\n", "a\nB\nc\n"),
			    "=a\n-b\n+B\n=c\n");
	/* Deletions of a change come before its additions. */
	assert_string_equal(diff_of(&a, "a\nb1\nb2\nc", "a\nB1\nB2\nc"),
			    "=a\n-b1\n-b2\n+B1\n+B2\n=c\n");
	assert_string_equal(diff_of(&a, "", "a\nb"), "+a\n+b\n");
	assert_string_equal(diff_of(&a, "a\nb\n", ""), "-a\n-b\n");
	assert_string_equal(diff_of(&a, "", ""), "");
	assert_string_equal(diff_of(&a, NULL, "x"), "+x\n");
	assert_string_equal(diff_of(&a, "\n", ""), "-\n");
	arena_free(&a);
}

static void diff_keeps_line_ends_apart(void **state)
{
	struct arena a = ARENA_INIT;
	struct diff d;
	(void)state;

	/* \r belongs to the line, so CRLF and LF lines differ. */
	assert_string_equal(diff_of(&a, "a\r\nb\r\n", "a\r\nb\n"),
			    "=a\r\n-b\r\n+b\n");
	assert_int_equal(diff_lines(&a, "a\r\n", "a\r\n", 10, &d, NULL), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.lines[0].len, 2);
	/* A final newline ends the last line rather than opening an empty
	 * one; an empty line before it is a line of its own. */
	assert_string_equal(diff_of(&a, "a\nb", "a\nb\n"), "=a\n=b\n");
	assert_string_equal(diff_of(&a, "a\nb\n\n", "a\nb\n"), "=a\n=b\n-\n");
	arena_free(&a);
}

static void diff_is_minimal(void **state)
{
	struct arena a = ARENA_INIT;
	struct diff d;
	(void)state;

	/* Myers' own example: ABCABBA against CBABAC takes 5 edits. */
	assert_int_equal(diff_lines(&a, "a\nb\nc\na\nb\nb\na\n",
				    "c\nb\na\nb\na\nc\n", 100, &d, NULL), 0);
	assert_int_equal(diff_edits(&d), 5);
	assert_false(d.truncated);
	/* The bound is inclusive: 5 edits fit in 5, not in 4. */
	assert_int_equal(diff_lines(&a, "a\nb\nc\na\nb\nb\na\n",
				    "c\nb\na\nb\na\nc\n", 5, &d, NULL), 0);
	assert_false(d.truncated);
	assert_int_equal(diff_edits(&d), 5);
	assert_int_equal(diff_lines(&a, "a\nb\nc\na\nb\nb\na\n",
				    "c\nb\na\nb\na\nc\n", 4, &d, NULL), 0);
	assert_true(d.truncated);
	assert_int_equal(diff_edits(&d), 13);
	/* Even distances too: 2 edits fit in 2, not in 1. */
	assert_int_equal(diff_lines(&a, "a\nb\nc", "a\nB\nc", 2, &d, NULL), 0);
	assert_false(d.truncated);
	assert_int_equal(diff_lines(&a, "a\nb\nc", "a\nB\nc", 1, &d, NULL), 0);
	assert_true(d.truncated);
	assert_string_equal(diff_show(&a, &d), "=a\n-b\n+B\n=c\n");
	arena_free(&a);
}

/* "<prefix>0\n<prefix>1\n..." */
static char *numbered_lines(struct arena *a, const char *prefix, size_t n)
{
	struct buf b;
	char *s;

	buf_init(&b, n * 16);
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%s%zu\n", prefix, i);
	}
	s = arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

static void diff_finds_one_change_in_a_long_text(void **state)
{
	struct arena texts = ARENA_INIT, a = ARENA_INIT;
	struct diff d;
	char *old = numbered_lines(&texts, "line ", 20000);
	char *new_ = arena_strdup(&texts, old);
	char *p = strstr(new_, "\nline 12345\n");
	(void)state;

	memcpy(p + 1, "LINE", 4);
	assert_int_equal(diff_lines(&a, old, new_, DIFF_MAX_COST_DEFAULT, &d,
				    NULL), 0);
	assert_false(d.truncated);
	assert_int_equal(d.n, 20001);
	assert_int_equal(d.lines[12345].op, DIFF_DEL);
	assert_int_equal(d.lines[12346].op, DIFF_ADD);
	assert_memory_equal(d.lines[12346].text, "LINE 12345", 10);
	assert_int_equal(diff_edits(&d), 2);
	arena_free(&a);
	arena_free(&texts);
}

/* SAME+DEL lines must spell old and SAME+ADD lines new. */
static void diff_check_script(const struct diff *d, const char *old,
			      const char *new_)
{
	struct buf x, y;

	buf_init(&x, 0);
	buf_init(&y, 0);
	for (size_t i = 0; i < d->n; i++) {
		const struct diff_line *l = &d->lines[i];
		if (l->op != DIFF_ADD) {
			buf_add(&x, l->text, l->len);
			buf_putc(&x, '\n');
		}
		if (l->op != DIFF_DEL) {
			buf_add(&y, l->text, l->len);
			buf_putc(&y, '\n');
		}
	}
	assert_string_equal(x.data, old);
	assert_string_equal(y.data, new_);
	buf_release(&x);
	buf_release(&y);
}

static void diff_gives_up_on_hostile_input(void **state)
{
	struct arena texts = ARENA_INIT, a = ARENA_INIT;
	struct diff d;
	char *old = numbered_lines(&texts, "old ", 5000);
	char *new_ = numbered_lines(&texts, "new ", 5000);
	char *old2 = arena_printf(&texts, "head\n%stail\n", old);
	char *new2 = arena_printf(&texts, "head\n%stail\n", new_);
	(void)state;

	assert_int_equal(diff_lines(&a, old, new_, 100, &d, NULL), 0);
	assert_true(d.truncated);
	assert_int_equal(d.n, 10000);
	assert_int_equal(d.lines[4999].op, DIFF_DEL);
	assert_int_equal(d.lines[5000].op, DIFF_ADD);
	diff_check_script(&d, old, new_);
	/* Linear memory: the lines, two marks, two diagonal arrays, the
	 * sorted index and the script, well below 5000² of anything. */
	assert_true(a.total < 2 * 1024 * 1024);
	arena_free(&a);

	/* The common prefix and suffix survive the fallback. */
	assert_int_equal(diff_lines(&a, old2, new2, 100, &d, NULL), 0);
	assert_true(d.truncated);
	assert_int_equal(d.n, 10002);
	assert_int_equal(d.lines[0].op, DIFF_SAME);
	assert_int_equal(d.lines[10001].op, DIFF_SAME);
	diff_check_script(&d, old2, new2);
	arena_free(&a);
	arena_free(&texts);
}

static uint32_t prng_next(uint32_t *s)
{
	/* xorshift32: the same cases on every run and platform */
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Edit distance without substitutions: n + m - 2·LCS, by the O(NM) table. */
static size_t edit_distance(const char *x, size_t n, const char *y, size_t m)
{
	size_t t[16][16] = {{0}};

	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++)
			t[i][j] = x[i - 1] == y[j - 1] ? t[i - 1][j - 1] + 1
				  : t[i - 1][j] > t[i][j - 1] ? t[i - 1][j]
							      : t[i][j - 1];
	return n + m - 2 * t[n][m];
}

/* n random letters of "abc", as letters and as a text of one-letter lines. */
static size_t random_text(uint32_t *seed, char *letters, char *text)
{
	size_t n = prng_next(seed) % 13;

	for (size_t i = 0; i < n; i++) {
		letters[i] = "abc"[prng_next(seed) % 3];
		text[2 * i] = letters[i];
		text[2 * i + 1] = '\n';
	}
	text[2 * n] = '\0';
	return n;
}

static void diff_scripts_are_right_and_minimal(void **state)
{
	uint32_t seed = 20240611;
	(void)state;

	for (int round = 0; round < 600; round++) {
		struct arena a = ARENA_INIT;
		char lx[16], ly[16], tx[40], ty[40];
		size_t n = random_text(&seed, lx, tx);
		size_t m = random_text(&seed, ly, ty);
		size_t dist = edit_distance(lx, n, ly, m);
		/* Half the rounds with a bound that may bite. */
		size_t bound = round % 2 ? prng_next(&seed) % 8 : 1000;
		struct diff d;

		assert_int_equal(diff_lines(&a, tx, ty, bound, &d, NULL), 0);
		diff_check_script(&d, tx, ty);
		if (dist <= bound) {
			assert_false(d.truncated);
			if (diff_edits(&d) != dist)
				fail_msg("%s vs %s: %zu edits, minimum %zu",
					 tx, ty, diff_edits(&d), dist);
		} else {
			assert_true(d.truncated);
		}
		arena_free(&a);
	}
}

static void diff_renders_escaped_rows(void **state)
{
	struct arena a = ARENA_INIT;
	struct diff d;
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(diff_lines(&a, "<script>x</script>\nsame", "same\n&",
				    10, &d, NULL), 0);
	diff_render_html(&b, &d, 3, "removed", "added <b>", "unchanged");
	assert_string_equal(b.data,
		"<table class=\"diff\">\n"
		"<tr class=\"del\"><td><span aria-hidden=\"true\">\u2212</span>"
		"<span class=\"visually-hidden\">removed</span></td>"
		"<td><del>&lt;script&gt;x&lt;/script&gt;</del></td></tr>\n"
		"<tr><td></td><td>same</td></tr>\n"
		"<tr class=\"add\"><td><span aria-hidden=\"true\">+</span>"
		"<span class=\"visually-hidden\">added &lt;b&gt;</span></td>"
		"<td><ins>&amp;</ins></td></tr>\n"
		"</table>\n");
	assert_null(strstr(b.data, "<script"));
	buf_release(&b);
	arena_free(&a);
}

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)); s++)
		n++;
	return n;
}

static void diff_folds_unchanged_runs(void **state)
{
	struct arena a = ARENA_INIT;
	struct diff d;
	struct buf b;
	char *old = numbered_lines(&a, "L", 30);
	char *new_ = arena_strdup(&a, old);
	(void)state;

	/* Change L9 and L16 (6 lines apart) and L24 (7 lines after L16). */
	strstr(new_, "\nL9\n")[1] = 'X';
	strstr(new_, "\nL16\n")[1] = 'X';
	strstr(new_, "\nL24\n")[1] = 'X';
	buf_init(&b, 0);
	assert_int_equal(diff_lines(&a, old, new_, 100, &d, NULL), 0);
	diff_render_html(&b, &d, 3, "-", "+", "unchanged lines:");
	/* L0..L8: only the last 3 stay; L10..L15: 6 = 2·3, all stay;
	 * L17..L23: 7, one folded; L25..L29: the first 3 stay. */
	assert_non_null(strstr(b.data, "\u2026 unchanged lines: 6 \u2026"));
	assert_null(strstr(b.data, ">L5<"));
	assert_non_null(strstr(b.data, ">L6<"));
	assert_non_null(strstr(b.data, ">L10<"));
	assert_non_null(strstr(b.data, ">L15<"));
	assert_non_null(strstr(b.data, "\u2026 unchanged lines: 1 \u2026"));
	assert_null(strstr(b.data, ">L20<"));
	assert_non_null(strstr(b.data, ">L27<"));
	assert_null(strstr(b.data, ">L28<"));
	assert_non_null(strstr(b.data, "\u2026 unchanged lines: 2 \u2026"));
	assert_int_equal(count_of(b.data, "class=\"skip\""), 3);
	/* skip, L6-8, L9 -+, L10-15, L16 -+, L17-19, skip, L21-23, L24 -+,
	 * L25-27, skip */
	assert_int_equal(count_of(b.data, "<tr"),
			 1 + 3 + 2 + 6 + 2 + 3 + 1 + 3 + 2 + 3 + 1);

	/* Identical texts fold to one row. */
	buf_reset(&b);
	assert_int_equal(diff_lines(&a, old, old, 100, &d, NULL), 0);
	diff_render_html(&b, &d, 3, "-", "+", "unchanged lines:");
	assert_int_equal(count_of(b.data, "<tr"), 1);
	assert_non_null(strstr(b.data, "unchanged lines: 30 "));
	buf_release(&b);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_every_special_character),
		cmocka_unit_test(markdown_is_rendered_safely),
		cmocka_unit_test(slugs_fold_diacritics),
		cmocka_unit_test(catalogues_have_the_same_keys),
		cmocka_unit_test(diff_finds_simple_edits),
		cmocka_unit_test(diff_keeps_line_ends_apart),
		cmocka_unit_test(diff_is_minimal),
		cmocka_unit_test(diff_finds_one_change_in_a_long_text),
		cmocka_unit_test(diff_gives_up_on_hostile_input),
		cmocka_unit_test(diff_scripts_are_right_and_minimal),
		cmocka_unit_test(diff_renders_escaped_rows),
		cmocka_unit_test(diff_folds_unchanged_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
