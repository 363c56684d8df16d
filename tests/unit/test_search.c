/* Unit tests of src/search: folding, the analyzer on inflection tables in
 * Polish, Slovene and English, hostile input, and the query parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "search/analyzer.h"
#include "text/fold.h"
#include "search/query.h"
#include "search/spell.h"

/* Tokens of one analysis as "tok|stem tok ..." with offsets checked. */
struct collect {
	const char *text;
	size_t len;
	char out[4096];
	size_t n;
};

static int collect(void *ctx, bool colocated, const char *t, size_t n,
		   size_t start, size_t end)
{
	struct collect *c = ctx;

	/* offsets always point at whole characters of the original */
	assert_true(start < end && end <= c->len);
	assert_true(((unsigned char)c->text[start] & 0xC0) != 0x80);
	assert_true(end == c->len || ((unsigned char)c->text[end] & 0xC0) != 0x80);
	c->n += (size_t)snprintf(c->out + c->n, sizeof c->out - c->n, "%s%.*s",
				 colocated ? "|" : (c->n ? " " : ""), (int)n, t);
	return 0;
}

static const char *tokens(const char *lang, const char *text)
{
	static struct collect c;

	memset(&c, 0, sizeof c);
	c.text = text;
	c.len = strlen(text);
	analyze_text(lang, 0, text, c.len, collect, &c);
	return c.out;
}

/* Every form in forms (space-separated) yields the token lemma. */
static void all_meet(const char *lang, const char *forms, const char *lemma)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof buf, "%s", forms);
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		const char *t = tokens(lang, w);
		char stem[128];
		snprintf(stem, sizeof stem, "|%s", lemma);
		if (strncmp(t, lemma, strlen(lemma)) && !strstr(t, stem))
			fail_msg("%s: '%s' gives '%s', not '%s'", lang, w, t, lemma);
	}
}

static void folding_handles_letters_without_decomposition(void **state)
{
	char out[64];
	(void)state;

	fold_plain("ŁÓDŹ", strlen("ŁÓDŹ"), out, sizeof out);
	assert_string_equal(out, "lodz");
	fold_plain("Đurđevac", strlen("Đurđevac"), out, sizeof out);
	assert_string_equal(out, "durdevac");
	fold_plain("Straße", strlen("Straße"), out, sizeof out);
	assert_string_equal(out, "strasse");
	fold_plain("ﬁnanse", strlen("ﬁnanse"), out, sizeof out); /* NFKC */
	assert_string_equal(out, "finanse");
	fold_lower("ŻÓŁW", strlen("ŻÓŁW"), out, sizeof out);
	assert_string_equal(out, "żółw");
	fold_plain("Æbeløe", strlen("Æbeløe"), out, sizeof out);
	assert_string_equal(out, "aebeloe");
	fold_plain("Ślęża", strlen("Ślęża"), out, 5); /* cut, not broken */
	assert_string_equal(out, "slez");
}

static void polish_inflection_tables_meet(void **state)
{
	(void)state;
	all_meet("pl", "gmina gminy gminie gminę gminą gmino gminom gminami gminach", "gmina");
	all_meet("pl", "współpraca współpracy współpracę współpracą", "wspolpraca");
	all_meet("pl", "organizacja organizacji organizację organizacją organizacje "
		 "organizacjom organizacjami organizacjach", "organizacja");
	all_meet("pl", "pozarządowy pozarządowa pozarządowe pozarządowych "
		 "pozarządowym pozarządowymi pozarządowej", "pozarzadowy");
	all_meet("pl", "wspierać wspiera wspierają wspierał wspierała wspierali", "wspierac");
	all_meet("pl", "mieszkaniec mieszkańca mieszkańcy mieszkańców mieszkańcami", "mieszkaniec");
	all_meet("pl", "senior seniora seniorzy seniorów seniorom seniorami", "senior");
}

static void slovene_inflection_tables_meet(void **state)
{
	(void)state;
	all_meet("sl", "prostovoljec prostovoljca prostovoljci prostovoljcev "
		 "prostovoljcem prostovoljcema prostovoljcih", "prostovoljec");
	/* hunspell lists "občinah" and "občinami" without their lemma: the
	 * fallback finds it through a known form */
	all_meet("sl", "občina občine občini občino občinah občinami", "obcin");
	all_meet("sl", "starejši starejših starejšim", "starejsi");
}

static void english_and_arabic_stem_with_snowball(void **state)
{
	(void)state;
	all_meet("en", "municipality municipalities", "municip");
	all_meet("en", "volunteer volunteers volunteering", "volunt");
	all_meet("en", "cooperate cooperation cooperating", "cooper");
	assert_string_equal(tokens("ar", "المكتبات"), "المكتبات|مكتب");
}

static void diacritic_less_spellings_match_the_surface(void **state)
{
	(void)state;
	/* what a reader types without Polish letters folds like the text */
	assert_string_equal(tokens("pl", "wspolpraca"), "wspolpraca");
	assert_string_equal(tokens(NULL, "Współpraca"), "wspolpraca");
	assert_string_equal(tokens(NULL, "LODZ Łódź łódź"), "lodz lodz lodz");
}

static void mixed_scripts_emoji_and_bad_bytes(void **state)
{
	(void)state;
	/* a language without a stemmer folds and still matches exactly */
	assert_string_equal(tokens("xx", "Kórnik КИЇВ café"), "kornik киів cafe");
	assert_string_equal(tokens("pl", "🎉 gminy🎉pomoc"), "gminy|gmina|gmin pomoc");
	/* invalid bytes separate words; valid parts are kept */
	assert_string_equal(tokens(NULL, "ab\xff" "cd \xc3 ef \xe2\x82"), "ab cd ef");
	assert_string_equal(tokens(NULL, ""), "");
	assert_string_equal(tokens(NULL, "—…!?"), "");
	assert_string_equal(tokens(NULL, "miejsko-wiejska 2020 r."), "miejsko wiejska 2020 r");
}

static struct arena query_arena;

static const char *match_of(const char *q)
{
	static struct error err;
	struct arena *a = &query_arena;
	struct search_query sq;

	arena_free(a);
	if (search_query_parse(a, q, &sq, &err) < 0)
		return err.msg;
	return sq.match ? sq.match : "(none)";
}

/* Where the words are: the offsets of the tokens that are not colocated. */
struct spans {
	size_t at[256][2];
	size_t n;
};

static int add_span(void *ctx, bool colocated, const char *t, size_t len,
		    size_t start, size_t end)
{
	struct spans *s = ctx;

	(void)t, (void)len;
	if (colocated)
		return 0;
	assert_true(s->n < 256);
	s->at[s->n][0] = start;
	s->at[s->n++][1] = end;
	return 0;
}

static void positions_only_finds_the_same_words(void **state)
{
	static const char *const texts[] = {
		"Gmina Chełmno prowadzi współpracę z organizacjami pozarządowymi.",
		"Občina je z mladimi prostovoljci uredila park. Łódź 2020 r.",
		"Straße, ĐURO, ﬁnance, x\xcc\x81y \xcc\x81\xcc\x82 z",
		"emoji \xf0\x9f\x98\x80 bad \xff\xfe bytes ١٢٣ مرحبا 漢字",
		"", "   ...   ", "a", "ASCII only words 42 times",
	};
	const char *const langs[] = {"pl", "sl", "en", NULL};

	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
		for (int l = 0; l < 4; l++) {
			struct spans all = {0}, pos = {0};
			size_t n = strlen(texts[t]);
			assert_int_equal(analyze_text(langs[l], 0, texts[t], n,
						      add_span, &all), 0);
			assert_int_equal(analyze_text(langs[l], ANALYZE_POSITIONS,
						      texts[t], n, add_span, &pos), 0);
			assert_int_equal(pos.n, all.n);
			assert_memory_equal(pos.at, all.at, all.n * sizeof all.at[0]);
		}
}

/* Every letter, number and mark of Unicode, as a word of its own and
 * after a letter: the same words are found with positions only. */
static void positions_only_holds_for_every_code_point(void **state)
{
	size_t checked = 0;

	(void)state;
	for (utf8proc_int32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
		utf8proc_category_t cat;
		char text[16];
		size_t n;

		if (!utf8proc_codepoint_valid(cp))
			continue;
		cat = utf8proc_category(cp);
		if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_NO)
			continue; /* letters, marks and numbers */
		memcpy(text, "x ", 2);
		n = 2 + (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)text + 2);
		memcpy(text + n, " a", 2);
		n += 2;
		text[n++] = (char)0xC3; /* then "é" around it again */
		text[n++] = (char)0xA9;
		n += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)text + n);
		for (int pass = 0; pass < 2; pass++) {
			struct spans all = {0}, pos = {0};
			analyze_text(NULL, 0, text, n, add_span, &all);
			analyze_text(NULL, ANALYZE_POSITIONS, text, n, add_span, &pos);
			if (pos.n != all.n ||
			    memcmp(pos.at, all.at, all.n * sizeof all.at[0]))
				fail_msg("U+%04X: %zu words, %zu with positions only",
					 (unsigned)cp, all.n, pos.n);
		}
		checked++;
	}
	assert_true(checked > 100000);
}

static void query_parser_quotes_every_term(void **state)
{
	(void)state;
	assert_string_equal(match_of("gminą współpraca"), "\"gminą\" AND \"współpraca\"");
	assert_string_equal(match_of("\"współpraca z organizacjami\""),
			    "\"współpraca z organizacjami\"");
	assert_string_equal(match_of("rower* -basen"), "\"rower\" * NOT \"basen\"");
	/* synonyms (data/synonyms.json) widen a word, in any form */
	assert_string_equal(match_of("NGO"), "(\"NGO\" OR \"organizacja "
			    "pozarządowa\" OR \"nevladna organizacija\" OR \"nvo\" OR "
			    "\"non-governmental organisation\" OR \"non-governmental "
			    "organization\")");
	assert_string_equal(match_of("a -\"dwa słowa\""), "\"a\" NOT \"dwa słowa\"");
	/* operators and syntax are just words */
	assert_string_equal(match_of("NEAR(a b) OR title:x"),
			    "\"NEAR(a\" AND \"b)\" AND \"OR\" AND \"title:x\"");
	assert_string_equal(match_of("say \"hi"), "\"say\" AND \"hi\"");
	assert_string_equal(match_of("x\"y"), "\"x\" AND \"y\"");
	assert_string_equal(match_of("   "), "(none)");
	assert_string_equal(match_of("— ... !!!"), "(none)");
	assert_string_equal(match_of("- -"), "(none)");
	assert_non_null(strstr(match_of("-covid"), "q: add at least one word"));
	char many[400] = "";
	for (int i = 0; i < 40; i++)
		strcat(many, "w ");
	assert_non_null(strstr(match_of(many), "q: at most"));
	char longq[600];
	memset(longq, 'a', sizeof longq - 1);
	longq[sizeof longq - 1] = '\0';
	assert_non_null(strstr(match_of(longq), "q: longer"));
	arena_free(&query_arena);
}

static void edit_distance_counts_characters_and_swaps(void **state)
{
	(void)state;
	assert_int_equal(spell_distance("kultura", "kultura", 2), 0);
	assert_int_equal(spell_distance("kulutra", "kultura", 2), 1); /* swap */
	assert_int_equal(spell_distance("wolontraiusze", "wolontariusze", 2), 1);
	assert_int_equal(spell_distance("łódź", "lodz", 3), 3); /* characters, not bytes */
	assert_int_equal(spell_distance("gmina", "powiat", 2), 3); /* over max */
	assert_int_equal(spell_distance("", "abc", 5), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding_handles_letters_without_decomposition),
		cmocka_unit_test(polish_inflection_tables_meet),
		cmocka_unit_test(slovene_inflection_tables_meet),
		cmocka_unit_test(english_and_arabic_stem_with_snowball),
		cmocka_unit_test(diacritic_less_spellings_match_the_surface),
		cmocka_unit_test(mixed_scripts_emoji_and_bad_bytes),
		cmocka_unit_test(positions_only_finds_the_same_words),
		cmocka_unit_test(positions_only_holds_for_every_code_point),
		cmocka_unit_test(query_parser_quotes_every_term),
		cmocka_unit_test(edit_distance_counts_characters_and_swaps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
