/* Unit tests of the OAI-PMH protocol module (src/domain/oai.c) and the
 * XML writer it answers with (src/text/xml.c): argument rules of every
 * verb, datestamps, identifiers, set specs, resumption tokens made, read
 * and refused when altered. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/oai.h"
#include "text/xml.h"

static const uint8_t key[OAI_KEY_BYTES] = "0123456789abcdef0123456789abcde";
static const uint8_t other_key[OAI_KEY_BYTES] = "another secret, of 32 bytes ..";

/* Parses "name=value&name=value" (no escapes) into args. */
static enum oai_error parse(const char *query, struct oai_request *r, char *msg)
{
	static char text[1024];
	static struct oai_arg args[32];
	size_t n = 0;
	char *save = NULL, *p;

	snprintf(text, sizeof text, "%s", query);
	for (p = strtok_r(text, "&", &save); p && n < 32;
	     p = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(p, '=');
		if (eq)
			*eq = '\0';
		args[n++] = (struct oai_arg){p, eq ? eq + 1 : ""};
	}
	return oai_request_parse(args, n, key, r, msg);
}

static enum oai_error code_of(const char *query)
{
	struct oai_request r;
	char msg[OAI_MSG_MAX];

	return parse(query, &r, msg);
}

static void verbs_and_their_arguments(void **state)
{
	struct oai_request r;
	char msg[OAI_MSG_MAX];
	(void)state;

	assert_int_equal(parse("verb=Identify", &r, msg), OAI_OK);
	assert_int_equal(r.verb, OAI_IDENTIFY);
	assert_int_equal(code_of(""), OAI_BAD_VERB);
	assert_int_equal(code_of("verb="), OAI_BAD_VERB);
	assert_int_equal(code_of("verb=identify"), OAI_BAD_VERB);
	assert_int_equal(code_of("verb=Identify&verb=Identify"), OAI_BAD_VERB);
	assert_int_equal(code_of("verb=Identify&verb=ListSets"), OAI_BAD_VERB);
	assert_int_equal(code_of("metadataPrefix=oai_dc"), OAI_BAD_VERB);
	/* arguments the verb does not take, repeated, empty, missing */
	assert_int_equal(parse("verb=Identify&set=a", &r, msg), OAI_BAD_ARGUMENT);
	assert_non_null(strstr(msg, "'set'"));
	assert_int_equal(code_of("verb=ListSets&metadataPrefix=oai_dc"), OAI_BAD_ARGUMENT);
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix=oai_dc&foo=1"),
			 OAI_BAD_ARGUMENT);
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix=oai_dc"
				 "&metadataPrefix=oai_dc"), OAI_BAD_ARGUMENT);
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix="), OAI_BAD_ARGUMENT);
	assert_int_equal(parse("verb=ListRecords", &r, msg), OAI_BAD_ARGUMENT);
	assert_non_null(strstr(msg, "metadataPrefix"));
	assert_int_equal(code_of("verb=ListIdentifiers&from=2020-01-01"), OAI_BAD_ARGUMENT);
	assert_int_equal(code_of("verb=GetRecord&metadataPrefix=oai_dc"), OAI_BAD_ARGUMENT);
	assert_int_equal(code_of("verb=GetRecord&identifier=oai:h:practice/1"),
			 OAI_BAD_ARGUMENT);
	/* the one format we disseminate */
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix=marc21"),
			 OAI_CANNOT_DISSEMINATE_FORMAT);
	assert_int_equal(code_of("verb=GetRecord&identifier=x&metadataPrefix=mods"),
			 OAI_CANNOT_DISSEMINATE_FORMAT);
	/* every verb with what it takes */
	assert_int_equal(code_of("verb=ListMetadataFormats"), OAI_OK);
	assert_int_equal(parse("verb=ListMetadataFormats&identifier=oai:h:practice/2",
			       &r, msg), OAI_OK);
	assert_string_equal(r.identifier, "oai:h:practice/2");
	assert_int_equal(code_of("verb=ListSets"), OAI_OK);
	assert_int_equal(parse("verb=ListIdentifiers&metadataPrefix=oai_dc"
			       "&set=themes:culture&from=2020-01-01&until=2020-12-31",
			       &r, msg), OAI_OK);
	assert_string_equal(r.set, "themes:culture");
	assert_false(r.resumed);
	assert_int_equal(code_of("verb=GetRecord&identifier=oai:h:practice/1"
				 "&metadataPrefix=oai_dc"), OAI_OK);
	/* set specs are slugs joined by ':' */
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix=oai_dc&set=a::b"),
			 OAI_BAD_ARGUMENT);
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix=oai_dc&set=A"),
			 OAI_BAD_ARGUMENT);
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix=oai_dc&set=:a"),
			 OAI_BAD_ARGUMENT);
}

static void dates_granularity_and_order(void **state)
{
	struct oai_request r;
	char msg[OAI_MSG_MAX];
	int64_t t;
	bool fine;
	(void)state;

	assert_int_equal(oai_date_parse("1970-01-01", false, &t, &fine), 0);
	assert_int_equal(t, 0);
	assert_false(fine);
	assert_int_equal(oai_date_parse("1970-01-01", true, &t, &fine), 0);
	assert_int_equal(t, 86399);
	assert_int_equal(oai_date_parse("2026-11-27T07:30:53Z", false, &t, &fine), 0);
	assert_int_equal(t, 1795764653);
	assert_true(fine);
	assert_int_equal(oai_date_parse("2024-02-29", false, &t, &fine), 0);
	assert_int_equal(oai_date_parse("1900-01-01", false, &t, &fine), 0);
	assert_int_equal(t, -2208988800LL);
	static const char *const bad[] = {
		"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01",
		"2024-01-01T00:00:00", "2024-01-01T24:00:00Z", "2024-01-01T10:60:00Z",
		"2024-01-01 10:00:00Z", "2024-01-01T10:00:00+01:00", "20240101",
		"", "2024-01-01Z", "2024-01-01T10:00Z", "２０２４-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(oai_date_parse(bad[i], false, &t, &fine), -1);

	assert_int_equal(parse("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01"
			       "&until=2020-01-01", &r, msg), OAI_OK);
	assert_int_equal(r.until_t - r.from_t, 86399); /* the whole day */
	assert_int_equal(parse("verb=ListRecords&metadataPrefix=oai_dc"
			       "&from=2020-01-02&until=2020-01-01", &r, msg),
			 OAI_BAD_ARGUMENT);
	assert_non_null(strstr(msg, "later"));
	assert_int_equal(parse("verb=ListRecords&metadataPrefix=oai_dc"
			       "&from=2020-01-01&until=2020-01-01T10:00:00Z", &r, msg),
			 OAI_BAD_ARGUMENT);
	assert_non_null(strstr(msg, "granularity"));
	assert_int_equal(code_of("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday"),
			 OAI_BAD_ARGUMENT);
	assert_int_equal(parse("verb=ListRecords&metadataPrefix=oai_dc", &r, msg), OAI_OK);
	assert_true(r.from_t == OAI_TIME_MIN && r.until_t == OAI_TIME_MAX);
}

static void tokens_round_trip_and_refuse_tampering(void **state)
{
	struct oai_token t = {.verb = OAI_LIST_RECORDS, .from = -86400,
			      .until = OAI_TIME_MAX, .set = "themes:culture",
			      .after = {1795765853, 42}, .cursor = 300}, back;
	char s[OAI_TOKEN_MAX], copy[OAI_TOKEN_MAX + 8];
	struct oai_request r;
	char msg[OAI_MSG_MAX], query[OAI_TOKEN_MAX + 64];
	(void)state;

	oai_token_encode(&t, key, s);
	assert_true(strlen(s) > 32);
	assert_int_equal(strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-:.RI"),
			 strlen(s)); /* safe in a URL as it is */
	assert_int_equal(oai_token_decode(s, key, &back), 0);
	assert_int_equal(back.verb, OAI_LIST_RECORDS);
	assert_int_equal(back.from, -86400);
	assert_true(back.until == OAI_TIME_MAX);
	assert_string_equal(back.set, "themes:culture");
	assert_int_equal(back.after.stamp, 1795765853);
	assert_int_equal(back.after.id, 42);
	assert_int_equal(back.cursor, 300);

	/* another site's secret, each byte changed, cut, lengthened */
	assert_int_equal(oai_token_decode(s, other_key, &back), -1);
	for (size_t i = 0; s[i]; i++) {
		snprintf(copy, sizeof copy, "%s", s);
		copy[i] = copy[i] == '1' ? '2' : '1';
		assert_int_equal(oai_token_decode(copy, key, &back), -1);
	}
	for (size_t n = 0; n < strlen(s); n++) {
		snprintf(copy, sizeof copy, "%.*s", (int)n, s);
		assert_int_equal(oai_token_decode(copy, key, &back), -1);
	}
	snprintf(copy, sizeof copy, "%s0", s);
	assert_int_equal(oai_token_decode(copy, key, &back), -1);
	assert_int_equal(oai_token_decode("", key, &back), -1);
	assert_int_equal(oai_token_decode("1.R......0.0.0.", key, &back), -1);

	/* in a request: exclusive, for its own verb only */
	snprintf(query, sizeof query, "verb=ListRecords&resumptionToken=%s", s);
	assert_int_equal(parse(query, &r, msg), OAI_OK);
	assert_true(r.resumed);
	assert_int_equal(r.state.after.id, 42);
	assert_int_equal(r.from_t, -86400);
	snprintf(query, sizeof query, "verb=ListIdentifiers&resumptionToken=%s", s);
	assert_int_equal(parse(query, &r, msg), OAI_BAD_RESUMPTION_TOKEN);
	snprintf(query, sizeof query, "verb=ListSets&resumptionToken=%s", s);
	assert_int_equal(parse(query, &r, msg), OAI_BAD_RESUMPTION_TOKEN);
	snprintf(query, sizeof query, "verb=ListRecords&metadataPrefix=oai_dc"
		 "&resumptionToken=%s", s);
	assert_int_equal(parse(query, &r, msg), OAI_BAD_ARGUMENT);
	assert_non_null(strstr(msg, "exclusive"));
	assert_int_equal(code_of("verb=ListRecords&resumptionToken=garbage"),
			 OAI_BAD_RESUMPTION_TOKEN);

	/* the first page's token: no dates, no set */
	t = (struct oai_token){.verb = OAI_LIST_IDENTIFIERS, .from = OAI_TIME_MIN,
			       .until = OAI_TIME_MAX, .after = {0, 1}, .cursor = 1};
	oai_token_encode(&t, key, s);
	assert_int_equal(oai_token_decode(s, key, &back), 0);
	assert_true(back.from == OAI_TIME_MIN && back.until == OAI_TIME_MAX);
	assert_string_equal(back.set, "");
	assert_int_equal(back.verb, OAI_LIST_IDENTIFIERS);
}

static void identifiers_and_hosts(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;

	assert_string_equal(oai_identifier(&a, "praxis.example.org", 17),
			    "oai:praxis.example.org:practice/17");
	assert_int_equal(oai_identifier_parse("praxis.example.org",
			 "oai:praxis.example.org:practice/17"), 17);
	static const char *const bad[] = {
		"oai:other.org:practice/17", "oai:praxis.example.org:practice/",
		"oai:praxis.example.org:practice/017", "oai:praxis.example.org:practice/-1",
		"oai:praxis.example.org:practice/1x", "oai:praxis.example.org:org/1",
		"oai:praxis.example.org:practice/99999999999999999999",
		"praxis.example.org:practice/1", "",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(oai_identifier_parse("praxis.example.org", bad[i]), -1);
	assert_string_equal(oai_host_of(&a, "https://Praxis.Example.org:8443/x?y"),
			    "praxis.example.org");
	assert_string_equal(oai_host_of(&a, "http://user:pw@host.example.org/"),
			    "host.example.org");
	assert_string_equal(oai_host_of(&a, "http://127.0.0.1:8080"), "127.0.0.1");
	assert_string_equal(oai_host_of(&a, ""), "localhost");
	assert_string_equal(oai_host_of(&a, "http://[::1]:80/"), "localhost");
	assert_string_equal(oai_host_of(&a, "http://ev\"il<>/"), "localhost");
	arena_free(&a);
}

static void sets_follow_the_category_tree(void **state)
{
	struct category cats[] = {
		{.id = 1, .slug = "social", .label = "Social"},
		{.id = 2, .parent_id = 1, .slug = "culture", .label = "Culture", .depth = 1},
		{.id = 3, .parent_id = 2, .slug = "heritage", .label = "Heritage", .depth = 2},
		{.id = 4, .slug = "energy", .label = "Energy"},
	};
	struct vocabulary v = {.id = 1, .slug = "themes", .label = "Themes",
			       .categories = cats, .ncategories = 4};
	struct oai_set *sets;
	size_t n;
	struct arena a = ARENA_INIT;
	(void)state;

	assert_int_equal(oai_sets_build(&a, &v, 1, &sets, &n), 0);
	assert_int_equal(n, 5);
	assert_string_equal(sets[0].spec, "themes");
	assert_null(sets[0].category);
	assert_string_equal(sets[3].spec, "themes:social:culture:heritage");
	assert_string_equal(sets[3].category, "heritage");
	assert_string_equal(sets[4].spec, "themes:energy");
	assert_ptr_equal(oai_set_find(sets, n, "themes:social:culture"), &sets[2]);
	assert_null(oai_set_find(sets, n, "themes:culture"));
	assert_string_equal(oai_set_spec_of(sets, n, "culture"), "themes:social:culture");
	assert_null(oai_set_spec_of(sets, n, "nothing"));
	assert_int_equal(oai_sets_build(&a, NULL, 0, &sets, &n), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
}

static void xml_text_is_escaped_and_well_formed(void **state)
{
	struct buf b;
	char d[XML_DATETIME_SIZE];
	(void)state;

	buf_init(&b, 64);
	xml_text(&b, "<a href=\"x\">&'</a>");
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
	buf_reset(&b);
	/* controls XML cannot carry are dropped; tab, LF, CR stay */
	xml_text(&b, "a\x01" "b\x1f" "c\td\ne\rf\x7f" "g");
	assert_string_equal(b.data, "abc\td\ne\rfg");
	buf_reset(&b);
	/* U+FFFE and U+FFFF dropped; bad bytes become U+FFFD */
	xml_text(&b, "x\xef\xbf\xbey\xef\xbf\xbfz\xff\xc3(\xed\xa0\x80\xf4\x90\x80\x80!");
	assert_string_equal(b.data, "xyz\xef\xbf\xbd\xef\xbf\xbd("
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!");
	buf_reset(&b);
	xml_text(&b, "żółć — ١٢٣ 😀");
	assert_string_equal(b.data, "żółć — ١٢٣ 😀");
	buf_reset(&b);
	xml_element(&b, "dc:title", "");
	xml_element(&b, "dc:title", NULL);
	assert_string_equal(b.data, "");
	xml_element(&b, "t", "a<b");
	assert_string_equal(b.data, "<t>a&lt;b</t>");
	buf_release(&b);
	xml_datetime(0, d);
	assert_string_equal(d, "1970-01-01T00:00:00Z");
	xml_datetime(1795764653, d);
	assert_string_equal(d, "2026-11-27T07:30:53Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verbs_and_their_arguments),
		cmocka_unit_test(dates_granularity_and_order),
		cmocka_unit_test(tokens_round_trip_and_refuse_tampering),
		cmocka_unit_test(identifiers_and_hosts),
		cmocka_unit_test(sets_follow_the_category_tree),
		cmocka_unit_test(xml_text_is_escaped_and_well_formed),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
