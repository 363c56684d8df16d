/* Unit tests of the OpenAPI document's generation (src/web/openapi.c)
 * and of the entity tags the data routes carry (src/http/etag.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/assets.h"
#include "domain/organisation.h"
#include "domain/practice.h"
#include "text/i18n.h"
#include "http/etag.h"
#include "web/openapi.h"
#include "web/web.h"

static const struct route routes[] = {
	{"page", "GET", "/things", NULL, FORMAT_HTML, ROLE_ANY, "q", true, false},
	{"parts", "GET", "/api/v1/things/{id}/parts/{id}", NULL, FORMAT_JSON,
	 ROLE_ANY, "limit q", false, false},
	{"thing_post", "POST", "/api/v1/things/{id}", NULL, FORMAT_JSON,
	 ROLE_ANY, "", false, false},
};

static const char data[] =
	"{\"info\": {\"title\": \"T\"},"
	" \"path_parameters\": {\"id\": {\"description\": \"I\"}},"
	" \"parameters\": {\"limit\": {\"description\": \"shared\","
	"   \"schema\": {\"type\": \"integer\"}}},"
	" \"common_responses\": {\"400\": {\"$ref\": \"#/components/responses/Bad\"}},"
	" \"operations\": {\"parts\": {\"summary\": \"Parts\","
	"   \"parameters\": {\"limit\": {\"description\": \"own\"}},"
	"   \"responses\": {\"200\": {\"description\": \"ok\","
	"     \"content_type\": \"application/geo+json\","
	"     \"schema\": {\"type\": \"object\"}}}},"
	"   \"thing_post\": {\"responses\": {\"201\": {\"description\": \"made\","
	"     \"content\": {\"text/csv\": {\"schema\": {\"type\": \"string\"}}}}}}},"
	" \"components\": {\"responses\": {\"Bad\": {\"description\": \"b\"}}}}";

static const char *str(json_t *root, const char *path)
{
	json_t *v = root;
	char key[128];

	/* a path of keys separated by '|' (paths themselves contain '/') */
	for (const char *p = path; v && *p;) {
		size_t n = strcspn(p, "|");
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		v = json_is_array(v) ? json_array_get(v, (size_t)atoi(key))
				     : json_object_get(v, key);
		p += n + (p[n] == '|');
	}
	return json_string_value(v);
}

static void paths_and_parameters_come_from_the_table(void **state)
{
	struct error err = ERROR_INIT;
	struct openapi_info info = {"1.2.3", "", "https://example.org/l"};
	json_t *doc = openapi_build(routes, 3, data, strlen(data), &info, &err);
	json_t *paths;
	(void)state;

	assert_non_null(doc);
	assert_string_equal(str(doc, "openapi"), "3.1.0");
	assert_string_equal(str(doc, "info|title"), "T");
	assert_string_equal(str(doc, "info|version"), "1.2.3");
	assert_string_equal(str(doc, "info|license|name"), "https://example.org/l");
	assert_null(json_object_get(json_object_get(doc, "info"), "contact"));
	assert_string_equal(str(doc, "servers|0|url"), "/");
	paths = json_object_get(doc, "paths");
	assert_int_equal(json_object_size(paths), 2); /* not the HTML page */
	/* the second {id} is renamed: OpenAPI wants them unique */
	const char *get = "paths|/api/v1/things/{id}/parts/{id2}|get|";
	char k[160];
#define AT(rest) (snprintf(k, sizeof k, "%s%s", get, rest), str(doc, k))
	assert_string_equal(AT("operationId"), "parts");
	assert_string_equal(AT("summary"), "Parts");
	assert_string_equal(AT("parameters|0|name"), "id");
	assert_string_equal(AT("parameters|0|in"), "path");
	assert_string_equal(AT("parameters|0|description"), "I");
	assert_string_equal(AT("parameters|1|name"), "id2");
	assert_string_equal(AT("parameters|2|name"), "limit");
	assert_string_equal(AT("parameters|2|in"), "query");
	assert_string_equal(AT("parameters|2|description"), "own");
	assert_string_equal(AT("parameters|3|name"), "q");
	assert_string_equal(AT("parameters|3|description"), "(not described yet)");
	assert_string_equal(AT("parameters|3|schema|type"), "string");
	assert_string_equal(AT("responses|200|content|application/geo+json|schema|type"),
			    "object");
	assert_string_equal(AT("responses|200|headers|ETag|$ref"),
			    "#/components/headers/ETag");
	assert_string_equal(AT("responses|400|$ref"), "#/components/responses/Bad");
#undef AT
	/* undescribed: named after the route, still with its responses */
	assert_string_equal(str(doc, "paths|/api/v1/things/{id}|post|summary"),
			    "thing_post");
	assert_string_equal(str(doc, "paths|/api/v1/things/{id}|post|responses|400|$ref"),
			    "#/components/responses/Bad");
	assert_string_equal(str(doc, "paths|/api/v1/things/{id}|post|responses|201|"
				"content|text/csv|schema|type"), "string");
	assert_null(json_object_get(json_object_get(json_object_get(json_object_get(
		json_object_get(json_object_get(paths, "/api/v1/things/{id}"), "post"),
		"responses"), "201"), "headers"), "ETag"));
	assert_string_equal(str(doc, "components|responses|Bad|description"), "b");
	json_decref(doc);
}

static void bad_data_is_an_error(void **state)
{
	struct error err = ERROR_INIT;
	struct openapi_info info = {"1", NULL, NULL};
	(void)state;

	assert_null(openapi_build(routes, 3, "{\"info\":", 8, &info, &err));
	assert_int_equal(err.code, ERR_INVALID);
	assert_null(openapi_build(routes, 3, "[]", 2, &info, &err));
}

static void the_embedded_data_describes_every_api_route(void **state)
{
	const struct asset *a = asset_find("openapi.json");
	struct error err = ERROR_INIT;
	struct openapi_info info = {"1", "Gmina", "https://creativecommons.org/licenses/by/4.0/"};
	json_t *doc, *item, *op;
	const char *path, *method;
	size_t nops = 0;
	(void)state;

	assert_non_null(a);
	doc = openapi_build(web_routes, web_nroutes, (const char *)a->data,
			    a->size, &info, &err);
	assert_non_null(doc);
	assert_string_equal(str(doc, "info|license|name"), "CC-BY-4.0");
	assert_string_equal(str(doc, "info|contact|name"), "Gmina");
	json_object_foreach(json_object_get(doc, "paths"), path, item)
		json_object_foreach(item, method, op) {
			assert_string_not_equal(str(op, "summary"), str(op, "operationId"));
			assert_non_null(json_object_get(json_object_get(op, "responses"), "200"));
			nops++;
		}
	for (size_t i = 0; i < web_nroutes; i++)
		nops -= !strncmp(web_routes[i].pattern, "/api/v1/", 8);
	assert_int_equal(nops, 0);
	json_decref(doc);
}

/* The enumerations of data/openapi.json are the code tables of the
 * domain, in the same order: a new unit type or language shows here. */
static void assert_enum(json_t *schema, const char *const *codes, size_t n)
{
	json_t *e = json_object_get(schema, "enum");

	assert_non_null(e);
	assert_int_equal(json_array_size(e), n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(json_string_value(json_array_get(e, i)), codes[i]);
}

static void the_data_agrees_with_the_code_tables(void **state)
{
	const struct asset *a = asset_find("openapi.json");
	json_t *d = json_loadb((const char *)a->data, a->size, 0, NULL);
	json_t *schemas, *lang, *v;
	const char *name;
	size_t nlang = 0;
	(void)state;

	assert_non_null(d);
	schemas = json_object_get(json_object_get(d, "components"), "schemas");
	assert_enum(json_object_get(schemas, "UnitType"), unit_type_codes, UNIT__MAX);
	assert_enum(json_object_get(schemas, "InitiatorType"), initiator_type_codes,
		    INITIATOR__MAX);
	assert_enum(json_object_get(json_object_get(json_object_get(
		    schemas, "Practice"), "properties"), "status"),
		    practice_status_codes, STATUS__MAX);
	assert_enum(json_object_get(json_object_get(json_object_get(
		    schemas, "Link"), "properties"), "kind"), link_kind_codes,
		    LINK__MAX);
	while (i18n_languages[nlang])
		nlang++;
	assert_enum(json_object_get(json_object_get(json_object_get(
		    d, "parameters"), "hl"), "schema"), i18n_languages, nlang);
	lang = json_object_get(json_object_get(schemas, "LanguageCode"), "enum");
	for (size_t i = 0; i < json_array_size(lang); i++)
		assert_true(lang_code_valid(json_string_value(json_array_get(lang, i))));
	/* every described operation is a route of the API */
	json_object_foreach(json_object_get(d, "operations"), name, v) {
		bool found = false;
		for (size_t i = 0; i < web_nroutes; i++)
			found |= !strcmp(web_routes[i].name, name) &&
				 !strncmp(web_routes[i].pattern, "/api/v1/", 8);
		if (!found)
			fail_msg("operations.%s: no such API route", name);
	}
	json_decref(d);
}

static void etags_name_the_bytes(void **state)
{
	char a[ETAG_SIZE], b[ETAG_SIZE], c[ETAG_SIZE];
	(void)state;

	http_etag("{}", 2, a);
	http_etag("{}", 2, b);
	http_etag("{ }", 3, c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), ETAG_SIZE - 1);
	assert_int_equal(a[0], '"');
	assert_int_equal(a[ETAG_SIZE - 2], '"');
	http_etag("", 0, c);
	assert_int_equal(strlen(c), ETAG_SIZE - 1);
}

static void if_none_match_lists_and_weak_tags(void **state)
{
	const char *t = "\"0123456789abcdef0123456789abcdef\"";
	char list[128];
	(void)state;

	assert_true(http_etag_matches(t, t));
	snprintf(list, sizeof list, "\"x\", W/%s", t);
	assert_true(http_etag_matches(list, t));
	snprintf(list, sizeof list, "\"x\",%s ,\"y\"", t);
	assert_true(http_etag_matches(list, t));
	assert_true(http_etag_matches("*", t));
	assert_false(http_etag_matches(NULL, t));
	assert_false(http_etag_matches("", t));
	assert_false(http_etag_matches(" , ,", t));
	assert_false(http_etag_matches("\"0123456789abcdef\"", t));
	snprintf(list, sizeof list, "%.*sX\"", (int)strlen(t) - 1, t);
	assert_false(http_etag_matches(list, t)); /* one character differs */
	snprintf(list, sizeof list, "%sX", t);
	assert_false(http_etag_matches(list, t)); /* a longer tag */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths_and_parameters_come_from_the_table),
		cmocka_unit_test(bad_data_is_an_error),
		cmocka_unit_test(the_embedded_data_describes_every_api_route),
		cmocka_unit_test(the_data_agrees_with_the_code_tables),
		cmocka_unit_test(etags_name_the_bytes),
		cmocka_unit_test(if_none_match_lists_and_weak_tags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
