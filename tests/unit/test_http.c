/* Unit tests of src/http: route matching and metrics rendering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/metrics.h"
#include "http/router.h"

static int nop(struct request *rq, struct response *rs)
{
	(void)rq;
	(void)rs;
	return 0;
}

static const struct route routes[] = {
	{"home", "GET", "/", nop, FORMAT_HTML, ROLE_ANY, "", true},
	{"list", "GET", "/practices", nop, FORMAT_HTML, ROLE_ANY, "", true},
	{"one", "GET", "/practices/{id}", nop, FORMAT_HTML, ROLE_ANY, "", true},
	{"full", "GET", "/practices/{id}/full", nop, FORMAT_HTML, ROLE_ANY, "", true},
	{"cat", "GET", "/categories/{slug}", nop, FORMAT_HTML, ROLE_ANY, "", true},
	{"file", "GET", "/static/{file}", nop, FORMAT_ASSET, ROLE_ANY, "", false},
	{"submit", "POST", "/practices", nop, FORMAT_HTML, ROLE_ANY, "", true},
};
enum { NROUTES = sizeof routes / sizeof *routes };

static const char *match(const char *method, const char *path,
			 const char **param, char *allow)
{
	struct arena a = ARENA_INIT;
	const struct route *r = NULL;
	const char *params[ROUTE_PARAMS_MAX] = {0};
	static char keep[64];
	char allow_buf[64];
	enum route_match m = router_match(routes, NROUTES, method, path, &a, &r,
					  params, allow_buf, sizeof allow_buf);
	const char *name = m == MATCH_OK ? r->name
			   : m == MATCH_WRONG_METHOD ? "405" : "404";

	if (allow)
		strcpy(allow, allow_buf);
	if (param) {
		snprintf(keep, sizeof keep, "%s", params[0] ? params[0] : "");
		*param = keep;
	}
	arena_free(&a);
	return name;
}

static void routes_match_patterns(void **state)
{
	const char *p;
	char allow[64];
	(void)state;

	assert_string_equal(match("GET", "/", NULL, NULL), "home");
	assert_string_equal(match("HEAD", "/practices", NULL, NULL), "list");
	assert_string_equal(match("POST", "/practices", NULL, NULL), "submit");
	assert_string_equal(match("GET", "/practices/42", &p, NULL), "one");
	assert_string_equal(p, "42");
	assert_string_equal(match("GET", "/practices/42-klub-seniora", &p, NULL), "one");
	assert_string_equal(p, "42");
	assert_string_equal(match("GET", "/practices/42-klub/full", &p, NULL), "full");
	assert_string_equal(match("GET", "/practices/x42", NULL, NULL), "404");
	assert_string_equal(match("GET", "/practices/42_", NULL, NULL), "404");
	assert_string_equal(match("GET", "/practices/99999999999999999999", NULL, NULL), "404");
	assert_string_equal(match("GET", "/practices/", NULL, NULL), "404");
	assert_string_equal(match("GET", "/practices/1/full/x", NULL, NULL), "404");
	assert_string_equal(match("GET", "/categories/social-assistance", &p, NULL), "cat");
	assert_string_equal(p, "social-assistance");
	assert_string_equal(match("GET", "/categories/Big", NULL, NULL), "404");
	assert_string_equal(match("GET", "/static/style.css", &p, NULL), "file");
	assert_string_equal(match("GET", "/static/..", NULL, NULL), "404");
	assert_string_equal(match("GET", "/static/.hidden", NULL, NULL), "404");
	assert_string_equal(match("GET", "/static/a..css", NULL, NULL), "404");
	assert_string_equal(match("GET", "", NULL, NULL), "404");
	assert_string_equal(match("GET", "//", NULL, NULL), "404");
	assert_string_equal(match("DELETE", "/practices", NULL, allow), "405");
	assert_non_null(strstr(allow, "GET"));
	assert_non_null(strstr(allow, "POST"));
}

static void metrics_render_prometheus_text(void **state)
{
	struct metrics *m = metrics_new(routes, NROUTES);
	struct buf b;
	(void)state;

	metrics_observe(m, 0, 200, 0.002);
	metrics_observe(m, 0, 200, 0.2);
	metrics_observe(m, 2, 404, 0.0001);
	metrics_observe(m, NROUTES, 404, 0.0001);
	metrics_observe(m, 1, 299, 0.0001);
	buf_init(&b, 0);
	metrics_render(m, &b);
	assert_non_null(strstr(b.data, "praxis_http_requests_total{route=\"home\",status=\"200\"} 2\n"));
	assert_non_null(strstr(b.data, "{route=\"none\",status=\"404\"} 1\n"));
	assert_non_null(strstr(b.data, "{route=\"list\",status=\"other\"} 1\n"));
	assert_non_null(strstr(b.data, "praxis_http_request_duration_seconds_bucket{route=\"home\",le=\"0.0025\"} 1\n"));
	assert_non_null(strstr(b.data, "praxis_http_request_duration_seconds_bucket{route=\"home\",le=\"+Inf\"} 2\n"));
	assert_non_null(strstr(b.data, "praxis_http_request_duration_seconds_count{route=\"home\"} 2\n"));
	buf_release(&b);
	metrics_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes_match_patterns),
		cmocka_unit_test(metrics_render_prometheus_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
