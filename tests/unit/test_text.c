/* Unit tests of src/text: escaping, Markdown, slugs, message catalogues. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_every_special_character),
		cmocka_unit_test(markdown_is_rendered_safely),
		cmocka_unit_test(slugs_fold_diacritics),
		cmocka_unit_test(catalogues_have_the_same_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
