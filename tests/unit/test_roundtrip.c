/* Unit tests of what the export -> import round trip needs from the JSON
 * reader: each record's key, translations and relations by key, the
 * practice's own place and a publication time to the second; and of the
 * export writing them so (own place only, RFC 3339, related in id order). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/assets.h"
#include "domain/dataset.h"
#include "domain/export.h"
#include "domain/import_readers.h"
#include "domain/taxonomy.h"
#include "store/store.h"
#include "temp_store.h"

static const char set[] =
	"{\"organisations\": [{\"key\": \"o\", \"name\": \"Gmina O\","
	" \"unit_type\": \"ngo\", \"country\": \"PL\", \"lat\": 52.5, \"lon\": 17.25}],"
	" \"practices\": ["
	"{\"key\": \"p1\", \"organisation\": \"o\", \"lang\": \"pl\","
	" \"title\": \"Pierwsza\", \"summary\": \"S1\","
	" \"published_at\": \"2024-02-29T23:59:58Z\", \"lat\": 50.061947, \"lon\": 19.936856,"
	" \"translations\": {\"en\": {\"title\": \"First\", \"summary\": \"S1 en\","
	" \"body\": \"Body | en\"}, \"ar\": {\"title\": \"أول\", \"summary\": \"ملخص\"}},"
	" \"related\": [\"p3\", \"p2\"]},"
	"{\"key\": \"p2\", \"organisation\": \"o\", \"lang\": \"pl\","
	" \"title\": \"Druga\", \"summary\": \"S2\", \"published_at\": \"2019-03-20\","
	" \"lat\": 52.5, \"lon\": 17.25},"
	"{\"key\": \"p3\", \"organisation\": \"o\", \"lang\": \"sl\","
	" \"title\": \"Tretja\", \"summary\": \"S3\", \"adapted_from\": \"p1\","
	" \"related\": [\"elsewhere\"]}]}";

static int setup(void **state)
{
	return (*state = store_fixture_new("test-roundtrip", false)) ? 0 : -1;
}

static int teardown(void **state)
{
	store_fixture_free(*state);
	return 0;
}

static void read_set(struct store_fixture *fx, const char *json,
		     struct import_file *f)
{
	struct error err = ERROR_INIT;

	if (import_read_json(fx->st, &fx->a, "x.json", json, strlen(json), f,
			     &err) < 0)
		fail_msg("read: %s", err.msg);
}

static void keys_translations_and_relations_are_read(void **state)
{
	struct store_fixture *fx = *state;
	struct import_file f;
	const struct import_record *r;

	read_set(fx, set, &f);
	assert_int_equal(f.nrecords, 3);
	r = &f.records[0];
	assert_string_equal(r->key, "p1");
	assert_int_equal(r->ntranslations, 2);
	assert_string_equal(r->translations[0].lang, "en");
	assert_string_equal(r->translations[0].title, "First");
	assert_string_equal(r->translations[0].summary, "S1 en");
	assert_string_equal(r->translations[0].body, "Body | en");
	assert_string_equal(r->translations[1].lang, "ar");
	assert_null(r->translations[1].body);
	assert_int_equal(r->nrelations, 2);
	assert_int_equal(r->relations[0].kind, RELATION_RELATED);
	assert_string_equal(r->relations[0].key, "p3");
	assert_string_equal(r->relations[1].key, "p2");
	/* to the second, and a day at noon UTC */
	assert_int_equal(r->practice.published_at, 1709251198);
	assert_int_equal(f.records[1].practice.published_at, 1553083200);
	assert_true(r->practice.has_coords);
	assert_true(r->practice.lat == 50.061947 && r->practice.lon == 19.936856);

	r = &f.records[2];
	assert_string_equal(r->key, "p3");
	assert_int_equal(r->ntranslations, 0);
	assert_int_equal(r->nrelations, 2);
	assert_int_equal(r->relations[0].kind, RELATION_ADAPTED_FROM);
	assert_string_equal(r->relations[0].key, "p1");
	/* a key not in the file is the pipeline's to report, not an error */
	assert_int_equal(r->relations[1].kind, RELATION_RELATED);
	assert_string_equal(r->relations[1].key, "elsewhere");
	assert_false(r->practice.has_coords);
}

/* The content hash is of the record: translations and relations, which
 * CSV cannot carry, are not in it. */
static void content_leaves_translations_and_relations_out(void **state)
{
	struct store_fixture *fx = *state;
	static const char bare[] =
		"{\"organisations\": [{\"key\": \"o\", \"name\": \"Gmina O\","
		" \"unit_type\": \"ngo\", \"country\": \"PL\", \"lat\": 52.5, \"lon\": 17.25}],"
		" \"practices\": [{\"key\": \"other\", \"organisation\": \"o\", \"lang\": \"pl\","
		" \"title\": \"Pierwsza\", \"summary\": \"S1\","
		" \"published_at\": \"2024-02-29T23:59:58Z\", \"lat\": 50.061947,"
		" \"lon\": 19.936856}]}";
	struct import_file f, g;

	read_set(fx, set, &f);
	read_set(fx, bare, &g);
	assert_string_equal(f.records[0].content, g.records[0].content);
	assert_null(strstr(f.records[0].content, "First"));
	assert_string_not_equal(f.records[0].content, f.records[1].content);
	/* the own place is content */
	assert_non_null(strstr(f.records[0].content, "\"place\":\"50.061947,19.936856\""));
}

static void bad_parts_are_refused_with_reasons(void **state)
{
	struct store_fixture *fx = *state;
	static const struct { const char *practice, *msg; } cases[] = {
		{"\"translations\": [\"en\"]", "translations: expected an object"},
		{"\"translations\": {\"xx\": {\"title\": \"t\", \"summary\": \"s\"}}",
		 "translations.xx: needs a known language"},
		{"\"translations\": {\"en\": {\"title\": \"t\"}}",
		 "translations.en: needs a known language, a title and a summary"},
		{"\"translations\": {\"en\": \"t\"}", "translations.en: needs"},
		{"\"translations\": {\"pl\": {\"title\": \"t\", \"summary\": \"s\"}}",
		 "translations.pl: the original's language"},
		{"\"translations\": {\"en\": {\"title\": \"\", \"summary\": \"s\"}}",
		 "translations.title"},
		{"\"related\": \"p\"", "related: a list of keys"},
		{"\"related\": [1]", "related[0]: expected a key"},
		{"\"adapted_from\": 7", "adapted_from: expected a key"},
		{"\"lat\": 91, \"lon\": 0", "lat, lon: out of range"},
		{"\"lat\": 1, \"lon\": -180.5", "lat, lon: out of range"},
	};
	char json[1024];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct error err = ERROR_INIT;
		struct import_file f;

		snprintf(json, sizeof json,
			 "{\"organisations\": [{\"key\": \"o\", \"name\": \"O\","
			 " \"unit_type\": \"ngo\"}], \"practices\": [{\"key\": \"k\","
			 " \"organisation\": \"o\", \"lang\": \"pl\", \"title\": \"T\","
			 " \"summary\": \"S\", %s}]}", cases[i].practice);
		assert_true(import_read_json(fx->st, &fx->a, "x.json", json,
					     strlen(json), &f, &err) < 0);
		assert_int_equal(f.nrecords, 0);
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("%s: '%s' has no '%s'", cases[i].practice, err.msg,
				 cases[i].msg);
		assert_non_null(strstr(err.msg, "practice 0 (k)"));
	}
}

static void a_key_twice_is_refused(void **state)
{
	struct store_fixture *fx = *state;
	static const char twice[] =
		"{\"organisations\": [{\"key\": \"o\", \"name\": \"O\", \"unit_type\": \"ngo\"}],"
		" \"practices\": [{\"key\": \"k\", \"organisation\": \"o\", \"lang\": \"pl\","
		" \"title\": \"A\", \"summary\": \"S\"}, {\"key\": \"k\", \"organisation\": \"o\","
		" \"lang\": \"pl\", \"title\": \"B\", \"summary\": \"S\"}]}";
	struct error err = ERROR_INIT;
	struct import_file f;

	assert_true(import_read_json(fx->st, &fx->a, "x.json", twice,
				     strlen(twice), &f, &err) < 0);
	assert_non_null(strstr(err.msg, "practice 1: key 'k' twice"));
}

/* A data set's published_at: a day, or a time to the second; anything
 * else is no time (the store then stamps publication itself). */
static void data_sets_take_a_day_or_a_time(void **state)
{
	struct store_fixture *fx = *state;
	static const struct { const char *s; int64_t t; } cases[] = {
		{"2019-03-20", 1553083200},
		{"2019-03-20T00:00:00Z", 1553040000},
		{"2024-02-29T23:59:59Z", 1709251199},
		{"2019-03-20T24:00:00Z", 0},
		{"2019-03-20T12:60:00Z", 0},
		{"2019-03-20T12:00:00+01", 0},
		{"2019-03-20 12:00:00Z", 0},
		{"2019-03-20T1:00:00ZZ", 0},
		{"2019-02-30", 0},
		{"2019-03", 0},
		{"", 0},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct error err = ERROR_INIT;
		struct practice_input in;
		json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "lang", "pl",
				      "title", "T", "summary", "S",
				      "published_at", cases[i].s);
		assert_int_equal(dataset_practice_from_json(fx->st, &fx->a, j,
							    &in, &err), 0);
		if (in.published_at != cases[i].t)
			fail_msg("%s: %lld, not %lld", cases[i].s,
				 (long long)in.published_at, (long long)cases[i].t);
		json_decref(j);
	}
}

/* The data set loaded and exported: the time to the second, the place
 * only where it is the practice's own, related in id order, and what
 * the reader makes of that export the same records again. */
static void the_export_writes_what_the_reader_reads(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct dataset_stats stats;
	static const char loadable[] =
		"{\"organisations\": [{\"key\": \"o\", \"name\": \"Gmina O\","
		" \"unit_type\": \"ngo\", \"country\": \"PL\", \"lat\": 52.5, \"lon\": 17.25}],"
		" \"practices\": ["
		"{\"key\": \"p1\", \"organisation\": \"o\", \"lang\": \"pl\", \"status\": \"published\","
		" \"title\": \"Pierwsza\", \"summary\": \"S1\","
		" \"published_at\": \"2024-02-29T23:59:58Z\", \"lat\": 50.061947, \"lon\": 19.936856,"
		" \"translations\": {\"en\": {\"title\": \"First\", \"summary\": \"S1 en\"}},"
		" \"related\": [\"p3\"]},"
		"{\"key\": \"p2\", \"organisation\": \"o\", \"lang\": \"pl\", \"status\": \"published\","
		" \"title\": \"Druga\", \"summary\": \"S2\", \"related\": [\"p1\"]},"
		"{\"key\": \"p3\", \"organisation\": \"o\", \"lang\": \"sl\", \"status\": \"published\","
		" \"title\": \"Tretja\", \"summary\": \"S3\", \"adapted_from\": \"p1\"}]}";
	FILE *out = tmpfile();
	struct import_file f;
	json_t *root, *p1, *p2, *rel;
	char *data;
	long n;

	assert_int_equal(dataset_load_json(fx->st, loadable, strlen(loadable),
					   &stats, &err), 0);
	assert_int_equal(export_write(fx->st, EXPORT_JSON, "", out, &err), 0);
	n = ftell(out);
	rewind(out);
	data = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, out), (size_t)n);
	fclose(out);
	root = json_loads(data, 0, NULL);
	assert_non_null(root);
	p1 = json_array_get(json_object_get(root, "practices"), 0);
	p2 = json_array_get(json_object_get(root, "practices"), 1);
	assert_string_equal(json_string_value(json_object_get(p1, "published_at")),
			    "2024-02-29T23:59:58Z");
	assert_true(json_real_value(json_object_get(p1, "lat")) == 50.061947);
	assert_null(json_object_get(p2, "lat")); /* its unit's place */
	/* p1 relates to p3 itself and is related to by p2: id order */
	rel = json_object_get(p1, "related");
	assert_int_equal(json_array_size(rel), 2);
	assert_non_null(strstr(json_string_value(json_array_get(rel, 0)), "-druga"));
	assert_non_null(strstr(json_string_value(json_array_get(rel, 1)), "-tretja"));

	read_set(fx, data, &f);
	assert_int_equal(f.nrecords, 3);
	assert_int_equal(f.records[0].practice.published_at, 1709251198);
	assert_true(f.records[0].practice.has_coords);
	assert_false(f.records[1].practice.has_coords);
	assert_int_equal(f.records[0].ntranslations, 1);
	assert_int_equal(f.records[0].nrelations, 2);
	assert_int_equal(f.records[2].nrelations, 2); /* adapted_from, related */
	assert_int_equal(f.records[2].relations[0].kind, RELATION_ADAPTED_FROM);
	assert_string_equal(f.records[2].relations[0].key,
			    json_string_value(json_object_get(p1, "key")));
	json_decref(root);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(keys_translations_and_relations_are_read,
						setup, teardown),
		cmocka_unit_test_setup_teardown(content_leaves_translations_and_relations_out,
						setup, teardown),
		cmocka_unit_test_setup_teardown(bad_parts_are_refused_with_reasons,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_key_twice_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(data_sets_take_a_day_or_a_time,
						setup, teardown),
		cmocka_unit_test_setup_teardown(the_export_writes_what_the_reader_reads,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
