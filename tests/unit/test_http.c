/* Unit tests of src/http: route matching, metrics rendering and form
 * bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "http/form.h"
#include "http/http.h"
#include "http/metrics.h"
#include "http/router.h"

static int nop(struct request *rq, struct response *rs)
{
	(void)rq;
	(void)rs;
	return 0;
}

static const struct route routes[] = {
	{"home", "GET", "/", nop, FORMAT_HTML, ROLE_ANY, "", true, false},
	{"list", "GET", "/practices", nop, FORMAT_HTML, ROLE_ANY, "", true, false},
	{"one", "GET", "/practices/{id}", nop, FORMAT_HTML, ROLE_ANY, "", true, false},
	{"full", "GET", "/practices/{id}/full", nop, FORMAT_HTML, ROLE_ANY, "", true, false},
	{"cat", "GET", "/categories/{slug}", nop, FORMAT_HTML, ROLE_ANY, "", true, false},
	{"file", "GET", "/static/{file}", nop, FORMAT_ASSET, ROLE_ANY, "", false, false},
	{"submit", "POST", "/practices", nop, FORMAT_HTML, ROLE_ANY, "", true, false},
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

/* Parses body[0..len) as a form; returns form_parse's status and leaves the
 * fields in *f (in arena a) and the message in err. */
static int parse(struct arena *a, const char *ct, const char *body,
		 size_t len, struct form *f, struct error *err)
{
	*err = (struct error)ERROR_INIT;
	return form_parse(a, ct, body, len, f, err);
}

static int parse_str(struct arena *a, const char *ct, const char *body,
		     struct form *f, struct error *err)
{
	return parse(a, ct, body, strlen(body), f, err);
}

static void form_urlencoded_decodes(void **state)
{
	static const char ct[] = "application/x-www-form-urlencoded";
	struct arena a = ARENA_INIT;
	struct error err;
	struct form f;
	(void)state;

	assert_int_equal(parse_str(&a, ct, "title=Klub+seniora&city=%C5%82%c3%B3d%C5%BA"
				   "&&empty=&flag&a%2Bb=1%2B1%3D2&", &f, &err), 0);
	assert_int_equal(f.n, 5);
	assert_string_equal(form_value(&f, "title"), "Klub seniora");
	assert_string_equal(form_value(&f, "city"), "\xc5\x82\xc3\xb3" "d\xc5\xba");
	assert_int_equal(form_get(&f, "city")->len, 7);
	assert_null(form_get(&f, "city")->filename);
	assert_null(form_get(&f, "city")->content_type);
	assert_string_equal(form_value(&f, "empty"), "");
	assert_string_equal(form_value(&f, "flag"), "");
	assert_string_equal(form_value(&f, "a+b"), "1+1=2");
	assert_null(form_value(&f, "missing"));

	assert_int_equal(parse(&a, ct, NULL, 0, &f, &err), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(parse_str(&a, ct, "a=1&a=2", &f, &err), 0);
	assert_string_equal(form_value(&f, "a"), "1");
	arena_free(&a);
}

static void form_urlencoded_rejects(void **state)
{
	static const char ct[] = "application/x-www-form-urlencoded";
	static const char *const bad[] = {
		"a=%", "a=%4", "a=%zz", "a=%4g", "a=100%", "%=1", /* escapes */
		"a=%C5", "a=%FF", "a=%C0%AF", "a%00b=1", "a=x%00", /* UTF-8, NUL */
		"a=%07", "a=\x7f",
	};
	struct arena a = ARENA_INIT;
	struct error err;
	struct form f;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(parse_str(&a, ct, bad[i], &f, &err), ERR_INVALID);
		assert_int_equal(f.n, 0);
	}
	parse_str(&a, ct, "a=%4", &f, &err);
	assert_non_null(strstr(err.msg, "%-escape"));
	parse_str(&a, ct, "a=%C5", &f, &err);
	assert_non_null(strstr(err.msg, "UTF-8"));
	/* tab, CR and LF are text */
	assert_int_equal(parse_str(&a, ct, "a=x%09y%0D%0Az", &f, &err), 0);
	assert_string_equal(form_value(&f, "a"), "x\ty\r\nz");
	arena_free(&a);
}

static void form_content_types(void **state)
{
	struct arena a = ARENA_INIT;
	struct error err;
	struct form f;
	(void)state;

	assert_int_equal(parse_str(&a, "Application/X-WWW-Form-URLEncoded ; Charset=\"utf-8\"",
				   "a=1", &f, &err), 0);
	assert_string_equal(form_value(&f, "a"), "1");
	assert_int_equal(parse_str(&a, "application/x-www-form-urlencoded;charset=UTF-8;",
				   "a=1", &f, &err), 0);
	assert_int_equal(parse_str(&a, "MULTIPART/Form-Data; charset=utf-8; BOUNDARY=xyz",
				   "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--xyz--",
				   &f, &err), 0);
	assert_string_equal(form_value(&f, "a"), "1");

	assert_int_equal(parse_str(&a, "text/plain", "a=1", &f, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "unsupported content type"));
	assert_int_equal(parse_str(&a, NULL, "a=1", &f, &err), ERR_INVALID);
	assert_int_equal(parse_str(&a, "application/x-www-form-urlencodedx", "", &f, &err), ERR_INVALID);
	assert_int_equal(parse_str(&a, "application/json", "{}", &f, &err), ERR_INVALID);
	assert_int_equal(parse_str(&a, "application/x-www-form-urlencoded; charset", "", &f, &err), ERR_INVALID);
	assert_int_equal(parse_str(&a, "application/x-www-form-urlencoded; a=\"b", "", &f, &err), ERR_INVALID);
	assert_int_equal(parse_str(&a, "multipart/form-data", "", &f, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "missing multipart boundary"));
	assert_int_equal(parse_str(&a, "multipart/form-data; boundary=\"\"", "", &f, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "invalid multipart boundary"));
	assert_int_equal(parse_str(&a, "multipart/form-data; boundary="
				   "12345678901234567890123456789012345678901234567890123456789012345678901",
				   "", &f, &err), ERR_INVALID);
	assert_int_equal(parse_str(&a, "multipart/form-data; boundary=a; boundary=b", "", &f, &err),
			 ERR_INVALID);
	arena_free(&a);
}

static void form_multipart_fields_and_file(void **state)
{
	/* the file holds a NUL, a bare "--", CRLF "--" with a prefix of the
	 * boundary, and the boundary with no CRLF before it */
	static const char body[] =
		"preamble to ignore\r\n"
		"--AaB03x\r\n"
		"Content-Disposition: form-data; name=\"title\"\r\n"
		"\r\n"
		"Klub seniora\r\n"
		"--AaB03x  \r\n"
		"content-disposition: form-data; name=\"summary\"\r\n"
		"Content-Type: text/plain; charset=UTF-8\r\n"
		"\r\n"
		"Line one\r\n\xc5\x81\xc3\xb3" "d\xc5\xba\r\n"
		"--AaB03x\r\n"
		"Content-Disposition: form-data; name=\"doc\"; filename=\"r\xc3\xa9sum\xc3\xa9.bin\"\r\n"
		"CONTENT-TYPE:application/octet-stream\r\n"
		"X-Ignored: yes\r\n"
		"\r\n"
		"\x00\x01\xff\r\n--\r\n--AaB03\r\n-AaB03x x--AaB03x\r\n\r\n"
		"--AaB03x--\r\n"
		"epilogue to ignore";
	static const char file[] = "\x00\x01\xff\r\n--\r\n--AaB03\r\n-AaB03x x--AaB03x\r\n";
	struct arena a = ARENA_INIT;
	struct error err;
	struct form f;
	const struct form_field *doc;
	(void)state;

	assert_int_equal(parse(&a, "multipart/form-data; boundary=AaB03x", body,
			       sizeof body - 1, &f, &err), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(form_value(&f, "title"), "Klub seniora");
	assert_null(form_get(&f, "title")->filename);
	assert_null(form_get(&f, "title")->content_type);
	assert_string_equal(form_value(&f, "summary"), "Line one\r\n\xc5\x81\xc3\xb3" "d\xc5\xba");
	assert_string_equal(form_get(&f, "summary")->content_type, "text/plain; charset=UTF-8");
	doc = form_get(&f, "doc");
	assert_non_null(doc);
	assert_string_equal(doc->filename, "r\xc3\xa9sum\xc3\xa9.bin");
	assert_string_equal(doc->content_type, "application/octet-stream");
	assert_int_equal(doc->len, sizeof file - 1);
	assert_memory_equal(doc->value, file, sizeof file - 1);
	assert_int_equal(doc->value[doc->len], '\0');
	arena_free(&a);
}

static void form_multipart_details(void **state)
{
	struct arena a = ARENA_INIT;
	struct error err;
	struct form f;
	(void)state;

	/* quoted boundary with a space; Windows path in filename; empty file */
	assert_int_equal(parse_str(&a, "multipart/form-data; boundary=\"a b:c\"",
				   "--a b:c\r\n"
				   "Content-Disposition: form-data; name=\"up\"; filename=\"C:\\x\\a.pdf\"\r\n"
				   "\r\n"
				   "%PDF\r\n"
				   "--a b:c\r\n"
				   "Content-Disposition: form-data; name=\"none\"; filename=\"\"\r\n"
				   "\r\n"
				   "\r\n"
				   "--a b:c\r\n"
				   "Content-Disposition: form-data; filename=\"../../etc/passwd\"; name=\"p\"\r\n"
				   "\r\n"
				   "\r\n"
				   "--a b:c--",
				   &f, &err), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(form_get(&f, "up")->filename, "a.pdf");
	assert_string_equal(form_value(&f, "up"), "%PDF");
	assert_string_equal(form_get(&f, "none")->filename, "");
	assert_int_equal(form_get(&f, "none")->len, 0);
	assert_string_equal(form_get(&f, "p")->filename, "passwd");
	/* a part with no content at all: its empty line ends at the boundary */
	assert_int_equal(parse_str(&a, "multipart/form-data; boundary=b",
				   "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n--b\r\n"
				   "Content-Disposition: form-data; name=c\r\n\r\n--bx\r\n--b--",
				   &f, &err), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(form_value(&f, "a"), "");
	assert_string_equal(form_value(&f, "c"), "--bx");
	/* an empty form, as browsers send it */
	assert_int_equal(parse_str(&a, "multipart/form-data; boundary=b", "--b--\r\n", &f, &err), 0);
	assert_int_equal(f.n, 0);
	arena_free(&a);
}

static void form_multipart_rejects(void **state)
{
	static const char ct[] = "multipart/form-data; boundary=b";
	static const char nul[] = "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n"
				  "x\0y\r\n--b--";
	static const struct {
		const char *body, *msg;
	} bad[] = {
		{"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n", "terminating"},
		{"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b\r\n", "terminating"},
		{"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1--b--", "terminating"},
		{"--b\r\nContent-Disposition: form-data; name=a\r\n", "terminating"},
		{"", "not found"},
		{"--bb\r\n", "not found"},
		{"--b\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\n1\r\n--b--", "no name"},
		{"--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--", "no Content-Disposition"},
		{"--b\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--b--", "form-data"},
		{"--b\r\nContent-Disposition: form-data; name=a\n\n1\r\n--b--", "CRLF"},
		{"--b\r\nContent-Disposition: form-data; name=a\r\n\n1\r\n--b--", "CRLF"},
		{"--b\r\nContent-Disposition: form-data;\r name=a\r\n\r\n1\r\n--b--", "CRLF"},
		{"--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--b--", "Content-Disposition"},
		{"--b\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n1\r\n--b--", "repeated"},
		{"--b\r\nContent-Disposition form-data; name=a\r\n\r\n1\r\n--b--", "part headers"},
		{"--b\r\n Content-Disposition: form-data; name=a\r\n\r\n1\r\n--b--", "part headers"},
		{"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n\xc5\r\n--b--", "UTF-8"},
		{"--b\r\nContent-Disposition: form-data; name=\"\xc5\"\r\n\r\n1\r\n--b--", "part headers"},
		{"--b\r\nContent-Disposition: form-data; name=a; filename=\"\xff\"\r\n\r\n1\r\n--b--", "part headers"},
	};
	struct arena a = ARENA_INIT;
	struct error err;
	struct form f;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(parse_str(&a, ct, bad[i].body, &f, &err), ERR_INVALID);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, bad[i].msg);
		assert_int_equal(f.n, 0);
	}
	/* a NUL in a text field is not text */
	assert_int_equal(parse(&a, ct, nul, sizeof nul - 1, &f, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "UTF-8"));
	arena_free(&a);
}

static void form_limits(void **state)
{
	struct arena a = ARENA_INIT;
	struct error err;
	struct form f;
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	for (int i = 0; i < FORM_FIELDS_MAX; i++)
		buf_printf(&b, "f%d=%d&", i, i);
	assert_int_equal(parse_str(&a, "application/x-www-form-urlencoded", b.data, &f, &err), 0);
	assert_int_equal(f.n, FORM_FIELDS_MAX);
	buf_printf(&b, "one=more");
	assert_int_equal(parse_str(&a, "application/x-www-form-urlencoded", b.data, &f, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "too many"));

	buf_reset(&b);
	for (int i = 0; i <= FORM_FIELDS_MAX; i++)
		buf_printf(&b, "--b\r\nContent-Disposition: form-data; name=f%d\r\n\r\n%d\r\n", i, i);
	buf_printf(&b, "--b--\r\n");
	assert_int_equal(parse_str(&a, "multipart/form-data; boundary=b", b.data, &f, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "too many"));

	/* part headers: 8 KiB at most, counted from after the boundary line
	 * through the empty line */
	for (size_t pad = 0; pad < 2; pad++) {
		buf_reset(&b);
		buf_printf(&b, "--b\r\nContent-Disposition: form-data; name=a\r\nX-Pad: ");
		while (b.len < 5 + 8192 - 4 + pad)
			buf_putc(&b, 'x');
		buf_printf(&b, "\r\n\r\n1\r\n--b--");
		assert_int_equal(parse_str(&a, "multipart/form-data; boundary=b", b.data, &f, &err),
				 pad ? ERR_INVALID : 0);
	}
	assert_non_null(strstr(err.msg, "8 KiB"));
	buf_release(&b);
	arena_free(&a);
}

static void accept_language_picks_the_preferred_offered_language(void **state)
{
	static const char *const offered[] = {"pl", "en", "sl", "ar", NULL};
	(void)state;

	assert_string_equal(http_accept_language("sl-SI,sl;q=0.9,en;q=0.5", offered), "sl");
	assert_string_equal(http_accept_language("de-DE,fr;q=0.8,en;q=0.1", offered), "en");
	assert_string_equal(http_accept_language("en;q=0.2, ar;q=0.9", offered), "ar");
	assert_string_equal(http_accept_language(" EN-gb ", offered), "en");
	assert_string_equal(http_accept_language("pl,en", offered), "pl"); /* order breaks ties */
	assert_null(http_accept_language("en;q=0", offered));                /* refused */
	assert_null(http_accept_language("*", offered));
	assert_null(http_accept_language("", offered));
	assert_null(http_accept_language(NULL, offered));
	assert_null(http_accept_language("english, plx", offered));
	assert_null(http_accept_language(";;,,;q=", offered));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accept_language_picks_the_preferred_offered_language),
		cmocka_unit_test(routes_match_patterns),
		cmocka_unit_test(metrics_render_prometheus_text),
		cmocka_unit_test(form_urlencoded_decodes),
		cmocka_unit_test(form_urlencoded_rejects),
		cmocka_unit_test(form_content_types),
		cmocka_unit_test(form_multipart_fields_and_file),
		cmocka_unit_test(form_multipart_details),
		cmocka_unit_test(form_multipart_rejects),
		cmocka_unit_test(form_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
