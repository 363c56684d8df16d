/* Unit tests of src/domain: filters, cursors, validation, view counting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/filter.h"
#include "domain/practice.h"
#include "domain/views.h"

static void filters_accept_valid_values_and_name_bad_ones(void **state)
{
	struct practice_filter f = {0};
	struct error err = ERROR_INIT;
	(void)state;

	assert_int_equal(filter_param_parse("unit"), FILTER_UNIT);
	assert_int_equal(filter_param_parse("utm_source"), -1);
	assert_int_equal(filter_add(&f, FILTER_CATEGORY, "social-assistance", &err), 0);
	assert_int_equal(filter_add(&f, FILTER_REGION, "małopolskie", &err), 0);
	assert_int_equal(filter_add(&f, FILTER_UNIT, "rural_municipality", &err), 0);
	assert_int_equal(filter_add(&f, FILTER_INITIATOR, "ngo", &err), 0);
	assert_int_equal(filter_add(&f, FILTER_LANG, "sl", &err), 0);
	assert_int_equal(filter_add(&f, FILTER_YEAR, "2020", &err), 0);
	assert_int_equal(filter_add(&f, FILTER_YEAR, "", &err), 0); /* "any" */
	assert_int_equal(f.nyears, 1);
	assert_int_equal(f.years[0], 2020);
	assert_false(filter_is_empty(&f));

	assert_true(filter_add(&f, FILTER_CATEGORY, "Bad Slug", &err) < 0);
	assert_non_null(strstr(err.msg, "category"));
	assert_true(filter_add(&f, FILTER_UNIT, "village", &err) < 0);
	assert_non_null(strstr(err.msg, "unit"));
	assert_true(filter_add(&f, FILTER_YEAR, "20x0", &err) < 0);
	assert_non_null(strstr(err.msg, "year"));
	assert_true(filter_add(&f, FILTER_YEAR, "1200", &err) < 0);
	assert_true(filter_add(&f, FILTER_LANG, "xx", &err) < 0);
	assert_true(filter_add(&f, FILTER_REGION, "\xff", &err) < 0);
	for (int i = 1; i < FILTER_VALUES_MAX; i++)
		assert_int_equal(filter_add(&f, FILTER_LANG, "pl", &err), 0);
	assert_true(filter_add(&f, FILTER_LANG, "pl", &err) < 0);
	assert_non_null(strstr(err.msg, "at most"));
}

static void cursors_round_trip_and_reject_forgeries(void **state)
{
	struct cursor c = {1600000000, 42}, d;
	struct error err = ERROR_INIT;
	char text[128];
	(void)state;

	cursor_encode(&c, text, sizeof text);
	assert_int_equal(cursor_decode(text, &d, &err), 0);
	assert_int_equal(d.published_at, c.published_at);
	assert_int_equal(d.id, c.id);
	assert_true(cursor_decode("", &d, &err) < 0);
	assert_true(cursor_decode("not base64!", &d, &err) < 0);
	assert_true(cursor_decode("YzE6MTox", &d, &err) == 0); /* "c1:1:1" */
	assert_true(cursor_decode("YzE6MTo", &d, &err) < 0);   /* "c1:1:" */
	assert_true(cursor_decode("eDE6MTox", &d, &err) < 0);  /* "x1:1:1" */
	assert_non_null(strstr(err.msg, "cursor"));
}

static struct practice_input valid_input(void)
{
	static const struct contact contacts[] = {
		{0, "Anna Nowak", "kierownik", "+48 61 555 00 00", "a.nowak@example.org"},
	};
	static const struct link links[] = {
		{0, LINK_LEGAL_ACT, NULL, "Uchwała nr XX/1/2020", "XX/1/2020",
		 "2020-02-29", "Rada Gminy"},
		{0, LINK_ARTICLE, "https://example.org/a", "Artykuł", NULL, NULL, NULL},
	};
	struct practice_input in = {
		.lang = "pl", .title = "Klub seniora", .summary = "Skrót.",
		.body = "## Cel", .status = STATUS_PUBLISHED,
		.initiator = INITIATOR_NGO, .date_entered = "2020-03-01",
		.period_start = "2019", .period_end = "2020-06",
		.contacts = contacts, .ncontacts = 1, .links = links, .nlinks = 2,
	};
	return in;
}

static void practice_validation_names_the_field(void **state)
{
	struct practice_input in = valid_input();
	struct contact bad_contact = {0, "X", NULL, NULL, "not-an-email"};
	struct link bad_link = {0, LINK_ARTICLE, "javascript:alert(1)", "x", NULL, NULL, NULL};
	struct error err = ERROR_INIT;
	char longtitle[PRACTICE_TITLE_MAX * 2 + 2];
	(void)state;

	assert_int_equal(practice_input_validate(&in, &err), 0);
	in.title = "";
	assert_true(practice_input_validate(&in, &err) < 0);
	assert_non_null(strstr(err.msg, "title"));
	memset(longtitle, 'a', sizeof longtitle - 1);
	longtitle[sizeof longtitle - 1] = '\0';
	in.title = longtitle;
	assert_true(practice_input_validate(&in, &err) < 0);
	in = valid_input();
	in.summary = "bad \xc3";
	assert_true(practice_input_validate(&in, &err) < 0);
	assert_non_null(strstr(err.msg, "summary"));
	in = valid_input();
	in.date_entered = "2021-02-29";
	assert_true(practice_input_validate(&in, &err) < 0);
	assert_non_null(strstr(err.msg, "date_entered"));
	in = valid_input();
	in.lang = "klingon";
	assert_true(practice_input_validate(&in, &err) < 0);
	in = valid_input();
	in.contacts = &bad_contact;
	assert_true(practice_input_validate(&in, &err) < 0);
	assert_non_null(strstr(err.msg, "contacts[0].email"));
	in = valid_input();
	in.links = &bad_link;
	in.nlinks = 1;
	assert_true(practice_input_validate(&in, &err) < 0);
	assert_non_null(strstr(err.msg, "links[0].url"));
	assert_true(date_partial_valid("2024-02-29"));
	assert_false(date_partial_valid("2024-13"));
	assert_false(date_partial_valid("24"));
}

static void organisation_validation(void **state)
{
	struct organisation o = {.name = "Gmina Wronki",
				 .unit_type = UNIT_URBAN_RURAL_MUNICIPALITY,
				 .country = "PL", .population = 19000,
				 .website = "https://wronki.pl"};
	struct error err = ERROR_INIT;
	(void)state;

	assert_int_equal(organisation_validate(&o, &err), 0);
	o.country = "Poland";
	assert_true(organisation_validate(&o, &err) < 0);
	assert_non_null(strstr(err.msg, "country"));
	o.country = "PL";
	o.website = "ftp://x";
	assert_true(organisation_validate(&o, &err) < 0);
	o.website = NULL;
	o.population = -5;
	assert_true(organisation_validate(&o, &err) < 0);
}

static void views_are_counted_without_robots(void **state)
{
	struct view_counter *vc = views_new();
	(void)state;

	for (int i = 0; i < 1000; i++)
		views_hit(vc, 1 + i % 300, "Mozilla/5.0 (X11; Linux x86_64)");
	views_hit(vc, 7, "Googlebot/2.1");
	views_hit(vc, 7, NULL);
	assert_int_equal(views_pending(vc, 1), 4);
	assert_int_equal(views_pending(vc, 7), 4); /* robots not counted */
	assert_int_equal(views_pending(vc, 999), 0);
	assert_true(views_is_robot("curl/8.0"));
	views_free(vc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(filters_accept_valid_values_and_name_bad_ones),
		cmocka_unit_test(cursors_round_trip_and_reject_forgeries),
		cmocka_unit_test(practice_validation_names_the_field),
		cmocka_unit_test(organisation_validation),
		cmocka_unit_test(views_are_counted_without_robots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
