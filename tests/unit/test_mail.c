/* Unit tests of src/core/mail: the message format (headers, encoded-words,
 * quoted-printable body, CRLF) and header-injection refusals. Sending
 * through a real SMTP server is tested in tests/mail/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/mail.h"
#include "core/utf8.h"

#define NOW 1735689600 /* Wed, 01 Jan 2025 00:00:00 UTC */
#define POLISH "Zgłoszenie przyjęte — śledź status"

static const struct mail_config cfg = {
	.smtp_url = "smtp://127.0.0.1:1",
	.from = "praxis <noreply@example.org>",
};

/* Formats and asserts success; the caller releases *out. */
static void format_ok(const struct mail_config *c, const char *to,
		      const char *subject, const char *text, struct buf *out)
{
	struct mail m = {to, subject, text};
	struct error err = ERROR_INIT;

	buf_init(out, 0);
	if (mail_format(c, &m, NOW, out, &err) != 0)
		fail_msg("mail_format: %s", err.msg);
}

/* Every line ends in CRLF, no CR or LF stands alone, none is longer than
 * max octets. */
static void assert_lines(const char *s, size_t max)
{
	const char *line = s;

	for (const char *p = s; *p; p++) {
		if (*p == '\r')
			assert_int_equal(p[1], '\n');
		if (*p == '\n') {
			assert_true(p > s && p[-1] == '\r');
			if ((size_t)(p - 1 - line) > max)
				fail_msg("line of %zu octets: %.40s...",
					 (size_t)(p - 1 - line), line);
			line = p + 1;
		}
	}
	assert_true(line == s + strlen(s)); /* ends with CRLF */
}

/* The value of header name, unfolded (CRLF before WSP removed). */
static char *header(const char *msg, const char *name)
{
	size_t nlen = strlen(name);
	struct buf b;
	const char *p = msg;

	while (strncmp(p, name, nlen) || p[nlen] != ':') {
		p = strstr(p, "\r\n");
		if (!p || p[2] == '\r')
			return NULL;
		p += 2;
	}
	buf_init(&b, 0);
	for (p += nlen + 2; !(p[0] == '\r' && p[2] != ' '); p++)
		if (*p != '\r' && !(*p == '\n' && p[-1] == '\r'))
			buf_putc(&b, *p);
	return buf_detach(&b, NULL);
}

/* Decodes a header value made of B encoded-words separated by spaces,
 * checking each word's length and that each holds whole characters. */
static char *decode_words(const char *v, int *nwords)
{
	struct buf b;

	buf_init(&b, 0);
	*nwords = 0;
	while (*v) {
		const char *end;
		unsigned char raw[64];
		size_t n;

		assert_int_equal(strncmp(v, "=?utf-8?B?", 10), 0);
		end = strstr(v + 10, "?=");
		assert_non_null(end);
		assert_true(end + 2 - v <= 75);
		assert_int_equal(sodium_base642bin(raw, sizeof raw, v + 10,
						   (size_t)(end - v - 10), NULL,
						   &n, NULL,
						   sodium_base64_VARIANT_ORIGINAL),
				 0);
		assert_true(utf8_valid_text((const char *)raw, n));
		buf_add(&b, raw, n);
		++*nwords;
		v = end + 2;
		while (*v == ' ')
			v++;
	}
	return buf_detach(&b, NULL);
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'A' + 10;
}

/* Decodes the quoted-printable body after the blank line. */
static char *decode_body(const char *msg)
{
	const char *p = strstr(msg, "\r\n\r\n") + 4;
	struct buf b;

	buf_init(&b, 0);
	while (*p) {
		if (p[0] == '=' && p[1] == '\r') {
			p += 3;
		} else if (p[0] == '=') {
			buf_putc(&b, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 3;
		} else if (p[0] == '\r') {
			buf_putc(&b, '\n');
			p += 2;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_detach(&b, NULL);
}

static void ascii_message_has_all_headers(void **state)
{
	static const char head[] =
		"Date: Wed, 01 Jan 2025 00:00:00 +0000\r\n"
		"From: praxis <noreply@example.org>\r\n"
		"To: anna@example.pl\r\n"
		"Subject: Your submission was received\r\n"
		"Message-ID: <";
	struct buf out;
	char *v;
	(void)state;

	format_ok(&cfg, "anna@example.pl", "Your submission was received",
		  "Hello,\nyour link: https://praxis.example/t/abc\n", &out);
	assert_lines(out.data, 78);
	assert_int_equal(strncmp(out.data, head, strlen(head)), 0);
	v = header(out.data, "Message-ID");
	assert_int_equal(strlen(v), 1 + 32 + 1 + 11 + 1);
	assert_string_equal(v + 33, "@example.org>");
	free(v);
	assert_non_null(strstr(out.data, "\r\nMIME-Version: 1.0\r\n"
		"Content-Type: text/plain; charset=utf-8\r\n"
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
		"Hello,\r\nyour link: https://praxis.example/t/abc\r\n"));
	buf_release(&out);
}

static void message_ids_differ(void **state)
{
	struct buf a, b;
	char *ia, *ib;
	(void)state;

	format_ok(&cfg, "a@b.pl", "x", "y", &a);
	format_ok(&cfg, "a@b.pl", "x", "y", &b);
	ia = header(a.data, "Message-ID");
	ib = header(b.data, "Message-ID");
	assert_string_not_equal(ia, ib);
	free(ia);
	free(ib);
	buf_release(&a);
	buf_release(&b);
}

static void polish_subject_is_encoded(void **state)
{
	struct buf out;
	char *v, *d;
	int words;
	(void)state;

	format_ok(&cfg, "anna@example.pl", POLISH, "treść\n", &out);
	assert_lines(out.data, 76);
	v = header(out.data, "Subject");
	d = decode_words(v, &words);
	assert_string_equal(d, POLISH);
	assert_true(words >= 1);
	free(v);
	free(d);
	d = decode_body(out.data);
	assert_string_equal(d, "treść\n");
	free(d);
	buf_release(&out);
}

static void long_subject_splits_on_characters(void **state)
{
	char subject[512] = "";
	struct buf out;
	char *v, *d;
	int words;
	(void)state;

	for (int i = 0; i < 5; i++)
		strcat(subject, POLISH " ");
	strcat(subject, "ąęółżźćń");
	format_ok(&cfg, "anna@example.pl", subject, "x\n", &out);
	assert_lines(out.data, 76);
	v = header(out.data, "Subject");
	d = decode_words(v, &words); /* each word ≤ 75, whole characters */
	assert_string_equal(d, subject);
	assert_true(words >= 5);
	free(v);
	free(d);
	buf_release(&out);
}

static void long_ascii_subject_folds_at_spaces(void **state)
{
	char subject[600] = "";
	struct buf out;
	char *v;
	(void)state;

	for (int i = 0; i < 30; i++)
		strcat(subject, i ? " practice" : "Good");
	format_ok(&cfg, "anna@example.pl", subject, "x", &out);
	assert_lines(out.data, 78);
	assert_non_null(strstr(out.data, "\r\n practice"));
	v = header(out.data, "Subject");
	assert_string_equal(v, subject);
	free(v);
	buf_release(&out);

	/* a word too long to fold, or text that looks encoded, is encoded */
	memset(subject, 'a', 300);
	subject[300] = '\0';
	format_ok(&cfg, "anna@example.pl", subject, "x", &out);
	assert_lines(out.data, 76);
	assert_non_null(strstr(out.data, "Subject: =?utf-8?B?"));
	buf_release(&out);
	format_ok(&cfg, "anna@example.pl", "=?utf-8?B?eA==?=", "x", &out);
	assert_non_null(strstr(out.data, "Subject: =?utf-8?B?"));
	buf_release(&out);
}

static void from_name_forms(void **state)
{
	struct mail_config c = cfg;
	struct buf out;
	char *v, *d;
	int words;
	(void)state;

	c.from = "noreply@example.org";
	format_ok(&c, "a@b.pl", "x", "y", &out);
	assert_non_null(strstr(out.data, "\r\nFrom: noreply@example.org\r\n"));
	buf_release(&out);

	c.from = "\"Praxis — wymiana\" <noreply@example.org>";
	format_ok(&c, "a@b.pl", "x", "y", &out);
	assert_lines(out.data, 78);
	v = header(out.data, "From");
	assert_true(strlen(v) > 20);
	assert_string_equal(v + strlen(v) - 22, " <noreply@example.org>");
	v[strlen(v) - 22] = '\0';
	d = decode_words(v, &words);
	assert_string_equal(d, "Praxis — wymiana");
	free(v);
	free(d);
	buf_release(&out);
}

static void expect_invalid(const struct mail_config *c, const char *to,
			   const char *subject)
{
	struct mail m = {to, subject, "body"};
	struct error err = ERROR_INIT;
	struct buf out;

	buf_init(&out, 0);
	if (mail_format(c, &m, NOW, &out, &err) != ERR_INVALID)
		fail_msg("accepted to=%s subject=%s from=%s", to, subject,
			 c->from);
	assert_int_equal(err.code, ERR_INVALID);
	assert_int_equal(out.len, 0); /* nothing half-written */
	assert_null(strchr(err.msg, '\n'));
	buf_release(&out);
}

static void header_injection_is_refused(void **state)
{
	static const char *bad_to[] = {
		"a@b.pl\r\nBcc: victim@example.org", "a@b.pl\nBcc: v@e.org",
		"a@b.pl\rX", "<a@b.pl>", "a@b.pl>, v@e.org", "a b@c.pl",
		"a@b.pl, v@e.org", "nobody", "", "@b.pl", "a@", "a@.pl",
		"a\"@b.pl", "ą@b.pl", "a@b.pl\t",
	};
	static const char *bad_from[] = {
		"praxis\r\nBcc: v@e.org <a@b.pl>", "x <a@b.pl>\r\nBcc: v@e.org",
		"x <a@b.pl> y", "x <a b@c.pl>", "x <a@b.pl\r\n>", "", "nobody",
	};
	struct mail_config c = cfg;
	(void)state;

	for (size_t i = 0; i < sizeof bad_to / sizeof *bad_to; i++)
		expect_invalid(&cfg, bad_to[i], "ok");
	expect_invalid(&cfg, "a@b.pl", "Hi\r\nBcc: victim@example.org");
	expect_invalid(&cfg, "a@b.pl", "Hi\nBcc: victim@example.org");
	expect_invalid(&cfg, "a@b.pl", "Hi\r");
	expect_invalid(&cfg, "a@b.pl", "bad \xC5 utf-8");
	for (size_t i = 0; i < sizeof bad_from / sizeof *bad_from; i++) {
		c.from = bad_from[i];
		expect_invalid(&c, "a@b.pl", "ok");
	}
	c.from = NULL;
	expect_invalid(&c, "a@b.pl", "ok");
}

static void body_dots_are_left_to_smtp(void **state)
{
	struct buf out;
	(void)state;

	format_ok(&cfg, "a@b.pl", "x", "a\n.hidden\n.\n..two\n", &out);
	/* libcurl stuffs dots on the wire; doing it here would double them */
	assert_non_null(strstr(out.data,
			       "\r\n\r\na\r\n.hidden\r\n.\r\n..two\r\n"));
	buf_release(&out);
}

static void long_line_wraps_and_decodes(void **state)
{
	char text[4200];
	struct buf out;
	char *d;
	size_t n = 0;
	(void)state;

	for (int i = 0; i < 2000; i++)
		text[n++] = "https://praxis.example/track?t=abc&x=1"[i % 38];
	strcpy(text + n, "\nzażółć gęślą jaźń = 100%  \ntab\t\nCR\rin\r\nend");
	format_ok(&cfg, "a@b.pl", "x", text, &out);
	assert_lines(out.data, 998);
	assert_lines(strstr(out.data, "\r\n\r\n") + 4, 76);
	assert_non_null(strstr(out.data, "=20\r\n")); /* trailing blank */
	assert_non_null(strstr(out.data, "tab=09\r\n"));
	assert_non_null(strstr(out.data, "CR=0Din\r\n"));
	d = decode_body(out.data);
	text[2000] = '\0';
	assert_int_equal(strncmp(d, text, 2000), 0);
	assert_string_equal(d + 2000,
			    "\nzażółć gęślą jaźń = 100%  \ntab\t\nCR\rin\nend\n");
	free(d);
	buf_release(&out);
}

static void send_refuses_when_disabled_or_unreachable(void **state)
{
	struct mail m = {"a@b.pl", "x", "y"};
	struct mail_config c = cfg;
	struct error err = ERROR_INIT;
	(void)state;

	c.smtp_url = "";
	assert_false(mail_enabled(&c));
	assert_int_equal(mail_send(&c, &m, &err), ERR_INVALID);
	c.smtp_url = NULL;
	assert_false(mail_enabled(&c));
	assert_int_equal(mail_send(&c, &m, &err), ERR_INVALID);

	/* port 1 on loopback: refused at once */
	c.smtp_url = "smtp://127.0.0.1:1";
	c.timeout_seconds = 5;
	assert_true(mail_enabled(&c));
	assert_int_equal(mail_send(&c, &m, &err), ERR_IO);
	assert_non_null(strstr(err.msg, "smtp: "));

	/* a URL of another scheme is not followed */
	c.smtp_url = "file:///etc/passwd";
	assert_int_equal(mail_send(&c, &m, &err), ERR_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascii_message_has_all_headers),
		cmocka_unit_test(message_ids_differ),
		cmocka_unit_test(polish_subject_is_encoded),
		cmocka_unit_test(long_subject_splits_on_characters),
		cmocka_unit_test(long_ascii_subject_folds_at_spaces),
		cmocka_unit_test(from_name_forms),
		cmocka_unit_test(header_injection_is_refused),
		cmocka_unit_test(body_dots_are_left_to_smtp),
		cmocka_unit_test(long_line_wraps_and_decodes),
		cmocka_unit_test(send_refuses_when_disabled_or_unreachable),
	};
	int rc;

	if (mail_library_init() != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	mail_library_cleanup();
	return rc;
}
