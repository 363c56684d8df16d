/* Unit tests of src/domain: filters, cursors, validation, view counting,
 * attachments. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/utf8.h"
#include "domain/account.h"
#include "domain/attachment.h"
#include "domain/filter.h"
#include "domain/practice.h"
#include "domain/token.h"
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

/* ---- Attachments ------------------------------------------------------ */

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, unsigned long v)
{
	put16(p, (unsigned)(v & 0xffff));
	put16(p + 2, (unsigned)(v >> 16));
}

/* Appends a stored ZIP local file header and its content at b + off;
 * returns the new end. */
static size_t zip_put_local(unsigned char *b, size_t off, const char *name,
			    const char *content, unsigned extra)
{
	size_t nlen = strlen(name), clen = strlen(content);

	memset(b + off, 0, 30);
	memcpy(b + off, "PK\3\4", 4);
	put16(b + off + 4, 20);
	put32(b + off + 18, clen);
	put32(b + off + 22, clen);
	put16(b + off + 26, (unsigned)nlen);
	put16(b + off + 28, extra);
	memcpy(b + off + 30, name, nlen);
	memset(b + off + 30 + nlen, 0, extra);
	memcpy(b + off + 30 + nlen + extra, content, clen);
	return off + 30 + nlen + extra + clen;
}

static size_t zip_put_central(unsigned char *b, size_t off, const char *name,
			      size_t local_off)
{
	size_t nlen = strlen(name);

	memset(b + off, 0, 46);
	memcpy(b + off, "PK\1\2", 4);
	put16(b + off + 28, (unsigned)nlen);
	put32(b + off + 42, local_off);
	memcpy(b + off + 46, name, nlen);
	return off + 46 + nlen;
}

static size_t zip_put_eocd(unsigned char *b, size_t off, unsigned entries,
			   size_t cd_off, size_t cd_size)
{
	memset(b + off, 0, 22);
	memcpy(b + off, "PK\5\6", 4);
	put16(b + off + 8, entries);
	put16(b + off + 10, entries);
	put32(b + off + 12, cd_size);
	put32(b + off + 16, cd_off);
	return off + 22;
}

/* A ZIP with two entries, the second named second_name, and a central
 * directory listing both. */
static size_t zip_build(unsigned char *b, const char *second_name)
{
	size_t l1 = 0, l2, cd, end;

	l2 = zip_put_local(b, l1, "[Content_Types].xml", "<Types/>", 0);
	cd = zip_put_local(b, l2, second_name, "<w:document/>", 0);
	end = zip_put_central(b, cd, "[Content_Types].xml", l1);
	end = zip_put_central(b, end, second_name, l2);
	return zip_put_eocd(b, end, 2, cd, end - cd);
}

/* Sniffs a copy of exactly len bytes, so a sanitizer sees any overread. */
static int sniff_exact(const void *data, size_t len)
{
	void *copy = malloc(len ? len : 1);
	int t;

	assert_non_null(copy);
	memcpy(copy, data, len);
	t = attachment_sniff(copy, len);
	free(copy);
	return t;
}

static void attachments_are_sniffed_by_their_bytes(void **state)
{
	static const char odt_mime[] = "application/vnd.oasis.opendocument.text";
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n',
					    0x1a, '\n', 0, 0, 0, 13};
	static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0, 16};
	static const char *const not_ours[] = {
		"MZ\x90\0\3\0\0\0\4\0", "\177ELF\2\1\1", " %PDF-1.4",
		"<!DOCTYPE html><script>alert(1)</script>", "%PD", "GIF89a",
	};
	unsigned char odt[256], docx[512], zip[512];
	size_t odt_len, docx_len, zip_len, n;
	(void)state;

	assert_int_equal(sniff_exact("%PDF-1.7\n%\xe2\xe3\n", 13), ATT_PDF);
	assert_int_equal(sniff_exact(png, sizeof png), ATT_PNG);
	assert_int_equal(sniff_exact(jpeg, sizeof jpeg), ATT_JPEG);
	for (size_t i = 0; i < sizeof not_ours / sizeof *not_ours; i++)
		assert_int_equal(sniff_exact(not_ours[i], strlen(not_ours[i])), -1);
	assert_int_equal(attachment_sniff(NULL, 0), -1);

	odt_len = zip_put_local(odt, 0, "mimetype", odt_mime, 0);
	odt_len = zip_put_local(odt, odt_len, "content.xml", "<x/>", 0);
	assert_int_equal(sniff_exact(odt, odt_len), ATT_ODT);
	/* An extra field is read past, not assumed absent. */
	n = zip_put_local(zip, 0, "mimetype", odt_mime, 4);
	assert_int_equal(sniff_exact(zip, n), ATT_ODT);
	/* A template is not a text document; nor is a compressed entry. */
	n = zip_put_local(zip, 0, "mimetype",
			  "application/vnd.oasis.opendocument.text-template", 0);
	assert_int_equal(sniff_exact(zip, n), -1);
	n = zip_put_local(zip, 0, "mimetype", odt_mime, 0);
	put16(zip + 8, 8);
	assert_int_equal(sniff_exact(zip, n), -1);
	n = zip_put_local(zip, 0, "mimetype",
			  "application/vnd.oasis.opendocument.spreadsheet", 0);
	assert_int_equal(sniff_exact(zip, n), -1);

	docx_len = zip_build(docx, "word/document.xml");
	assert_int_equal(sniff_exact(docx, docx_len), ATT_DOCX);
	/* A ZIP that is neither: an ordinary archive. */
	zip_len = zip_build(zip, "word/other.xml");
	assert_int_equal(sniff_exact(zip, zip_len), -1);
	/* Bytes after the end record: not a ZIP as written. */
	docx[docx_len] = 'x';
	assert_int_equal(sniff_exact(docx, docx_len + 1), -1);
	/* ... unless the end record's comment covers them. */
	put16(docx + docx_len - 2, 1);
	assert_int_equal(sniff_exact(docx, docx_len + 1), ATT_DOCX);
	put16(docx + docx_len - 2, 0);
	/* A directory entry whose local header has another name. */
	memcpy(zip, docx, docx_len);
	memcpy(zip + 30 + 19 + 8 + 30, "word/documenX.xml", 17);
	assert_int_equal(sniff_exact(zip, docx_len), -1);
	/* A directory offset past the end record. */
	memcpy(zip, docx, docx_len);
	put32(zip + docx_len - 6, 0xfffffff0UL);
	assert_int_equal(sniff_exact(zip, docx_len), -1);
	/* An entry count far beyond the directory. */
	memcpy(zip, docx, docx_len);
	put16(zip + docx_len - 12, 0xffff);
	assert_int_equal(sniff_exact(zip, docx_len), ATT_DOCX);
	put16(zip + docx_len - 12, 0xffff);
	memcpy(zip + docx_len - 22 - 46 - 17 + 46, "word/xocument.xml", 17);
	assert_int_equal(sniff_exact(zip, docx_len), -1);

	/* Every truncation is safe, and a cut DOCX is no longer one. */
	for (n = 0; n <= docx_len; n++) {
		int t = sniff_exact(docx, n);

		assert_true(t == -1 || (n == docx_len && t == ATT_DOCX));
	}
	for (n = 0; n <= odt_len; n++)
		assert_true(sniff_exact(odt, n) ==
			    (n >= 30 + 8 + sizeof odt_mime - 1 ? ATT_ODT : -1));
	for (n = 0; n <= sizeof png; n++)
		assert_int_equal(sniff_exact(png, n), n >= 8 ? ATT_PNG : -1);
	for (n = 0; n <= sizeof jpeg; n++)
		assert_int_equal(sniff_exact(jpeg, n), n >= 3 ? ATT_JPEG : -1);
	for (n = 0; n <= 5; n++)
		assert_int_equal(sniff_exact("%PDF-", n), n == 5 ? ATT_PDF : -1);
}

static void attachment_type_codes_parse(void **state)
{
	(void)state;

	for (int t = 0; t < ATT__MAX; t++)
		assert_int_equal(attachment_type_parse(attachment_type_codes[t]), t);
	assert_int_equal(attachment_type_parse("exe"), -1);
	assert_int_equal(attachment_type_parse(NULL), -1);
	assert_string_equal(attachment_mime[ATT_DOCX],
			    "application/vnd.openxmlformats-officedocument."
			    "wordprocessingml.document");
}

static void attachment_names_are_safe_to_store_and_show(void **state)
{
	static const struct {
		const char *in;
		enum attachment_type t;
		const char *out;
	} cases[] = {
		{"../../etc/passwd", ATT_PDF, "passwd.pdf"},
		{"C:\\Users\\x\\Sprawozdanie \xc5\x82\xc3\xb3" "d\xc5\xba.pdf",
		 ATT_PDF, "Sprawozdanie \xc5\x82\xc3\xb3" "d\xc5\xba.pdf"},
		{"raport\x01\t\x1b[1m\x7f\"x\".odt", ATT_ODT, "raport[1mx.odt"},
		{"a\xc2\x85" "b\r\n.png", ATT_PNG, "ab.png"},
		{"faktura\xe2\x80\xae" "fdp.exe", ATT_PDF, "fakturafdp.exe.pdf"},
		{"zero\xe2\x80\x8bwidth.docx", ATT_DOCX, "zerowidth.docx"},
		{"\xff\xfeplik\xc3.png", ATT_PNG, "plik.png"},
		{"Zdj\xc4\x99" "cie.JPG", ATT_JPEG, "Zdj\xc4\x99" "cie.JPG"},
		{"photo.jpeg", ATT_DOCX, "photo.jpeg.docx"},
		{"evil.html", ATT_PDF, "evil.html.pdf"},
		{"  spaced name .pdf  ", ATT_PDF, "spaced name.pdf"},
		{"", ATT_PDF, "attachment.pdf"},
		{NULL, ATT_PNG, "attachment.png"},
		{"...", ATT_ODT, "attachment.odt"},
		{".pdf", ATT_PDF, "attachment.pdf"},
		{"dir/", ATT_JPEG, "attachment.jpg"},
		{".htaccess", ATT_PNG, "htaccess.png"},
		{"x.", ATT_PDF, "x.pdf"},
	};
	struct arena a = ARENA_INIT;
	char longname[600];
	const char *name;
	size_t n;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_string_equal(attachment_display_name(&a, cases[i].in,
							    cases[i].t),
				    cases[i].out);
	/* 500 bytes: cut on a character boundary, extension kept. */
	longname[0] = 'a';
	for (n = 1; n < 501; n += 2)
		memcpy(longname + n, "\xc5\xbc", 2); /* ż */
	strcpy(longname + n, ".pdf");
	name = attachment_display_name(&a, longname, ATT_PDF);
	assert_true(strlen(name) <= ATTACHMENT_NAME_MAX);
	assert_int_equal(strlen(name), 199); /* 'a' + 97 × ż + ".pdf" */
	assert_true(utf8_valid_text(name, strlen(name)));
	assert_string_equal(name + strlen(name) - 4, ".pdf");
	memset(longname, 'a', 500);
	longname[500] = '\0';
	name = attachment_display_name(&a, longname, ATT_DOCX);
	assert_int_equal(strlen(name), ATTACHMENT_NAME_MAX);
	assert_string_equal(name + strlen(name) - 5, ".docx");
	/* A cut that would leave a trailing space or dot removes it too. */
	memset(longname, 'b', 195);
	strcpy(longname + 195, " c.pdf");
	assert_int_equal(strlen(attachment_display_name(&a, longname, ATT_PDF)),
			 195 + 4);
	assert_null(attachment_display_name(&a, "x.pdf", ATT__MAX));
	arena_free(&a);
}

static void attachment_disposition_offers_both_forms(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;

	assert_string_equal(
		attachment_disposition(&a, "Sprawozdanie \xc5\x82\xc3\xb3"
					   "d\xc5\xba.pdf"),
		"attachment; filename=\"Sprawozdanie __d_.pdf\"; "
		"filename*=UTF-8''Sprawozdanie%20%C5%82%C3%B3d%C5%BA.pdf");
	assert_string_equal(
		attachment_disposition(&a, "100% a;b,c'(d).pdf"),
		"attachment; filename=\"100_ a;b,c'(d).pdf\"; "
		"filename*=UTF-8''100%25%20a%3Bb%2Cc%27%28d%29.pdf");
	/* Whatever it is given, nothing can end the quotes or the header. */
	assert_string_equal(attachment_disposition(&a, "a\"\\\r\n\xff.png"),
			    "attachment; filename=\"a_____.png\"; "
			    "filename*=UTF-8''a%22%5C%0D%0A%FF.png");
	assert_string_equal(attachment_disposition(&a, ""),
			    "attachment; filename=\"\"; filename*=UTF-8''");
	arena_free(&a);
}

/* Names of the entries in dir, one counted per call. */
static int dir_entries(const char *dir, char *first, size_t cap)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			if (n++ == 0)
				snprintf(first, cap, "%s", e->d_name);
		}
	closedir(d);
	return n;
}

static void attachments_are_stored_and_removed_atomically(void **state)
{
	static const char body[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
	char dir[] = "/tmp/praxis-att-XXXXXX", seen[300], back[64];
	const char *name = NULL, *name2 = NULL, *path;
	struct error err = ERROR_INIT;
	struct arena a = ARENA_INIT;
	struct stat st;
	mode_t old_mask;
	FILE *f;
	(void)state;

	assert_true(sodium_init() >= 0);
	assert_non_null(mkdtemp(dir));
	/* The mode is exact however strict the umask. */
	old_mask = umask(077);
	assert_int_equal(attachment_store(dir, body, sizeof body - 1, &a,
					  &name, &err), 0);
	umask(old_mask);
	assert_true(attachment_stored_name_valid(name));
	assert_int_equal(dir_entries(dir, seen, sizeof seen), 1);
	assert_string_equal(seen, name);
	path = attachment_path(&a, dir, name);
	assert_non_null(path);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(st.st_size, sizeof body - 1);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(back, 1, sizeof back, f), sizeof body - 1);
	fclose(f);
	assert_memory_equal(back, body, sizeof body - 1);

	assert_int_equal(attachment_store(dir, "", 0, &a, &name2, &err), 0);
	assert_string_not_equal(name, name2);
	assert_int_equal(dir_entries(dir, seen, sizeof seen), 2);

	/* Only stored names are accepted, so no path leaves dir. */
	assert_int_equal(attachment_remove(dir, "../x", &err), ERR_INVALID);
	assert_null(strstr(err.msg, "../x"));
	assert_null(attachment_path(&a, dir, "../x"));
	assert_null(attachment_path(&a, dir, ".tmp-0"));
	assert_null(attachment_path(&a, dir, NULL));
	memset(seen, 'a', 65);
	seen[65] = '\0';
	assert_false(attachment_stored_name_valid(seen));
	seen[64] = '\0';
	assert_true(attachment_stored_name_valid(seen));
	seen[3] = 'A';
	assert_false(attachment_stored_name_valid(seen));
	seen[3] = '/';
	assert_false(attachment_stored_name_valid(seen));

	assert_int_equal(attachment_remove(dir, name, &err), 0);
	assert_int_equal(attachment_remove(dir, name, &err), ERR_NOT_FOUND);
	assert_int_equal(attachment_remove(dir, name2, &err), 0);
	assert_int_equal(dir_entries(dir, seen, sizeof seen), 0);

	/* A directory that is not there: an error, and nothing written. */
	strcpy(seen, dir);
	strcat(seen, "/missing");
	name = "unchanged";
	assert_int_equal(attachment_store(seen, body, 4, &a, &name, &err),
			 ERR_IO);
	assert_null(name);
	assert_non_null(strstr(err.msg, "missing"));
	assert_int_equal(attachment_remove(seen, name2, &err), ERR_IO);
	assert_int_equal(dir_entries(dir, seen, sizeof seen), 0);
	assert_int_equal(rmdir(dir), 0);
	arena_free(&a);
}


static void csrf_tokens_bind_expire_and_time_the_form(void **state)
{
	uint8_t secret[SECRET_BYTES] = {7}, other[SECRET_BYTES] = {8};
	char tok[CSRF_CHARS], bad[CSRF_CHARS];
	(void)state;

	csrf_issue(secret, "binding-a", 1000, tok);
	assert_int_equal(csrf_check(secret, "binding-a", tok, 1010, 3, 3600), 0);
	assert_int_equal(csrf_check(secret, "binding-a", tok, 1001, 3, 3600), -2);
	assert_int_equal(csrf_check(secret, "binding-b", tok, 1010, 3, 3600), -1);
	assert_int_equal(csrf_check(other, "binding-a", tok, 1010, 3, 3600), -1);
	assert_int_equal(csrf_check(secret, "binding-a", tok, 1000 + 3601, 3, 3600), -1);
	assert_int_equal(csrf_check(secret, "binding-a", NULL, 1010, 3, 3600), -1);
	assert_int_equal(csrf_check(secret, "binding-a", "", 1010, 3, 3600), -1);
	/* the issue time is covered by the MAC: an older-looking token fails */
	snprintf(bad, sizeof bad, "%s", tok);
	bad[15] = bad[15] == '0' ? '1' : '0';
	assert_int_equal(csrf_check(secret, "binding-a", bad, 5000, 3, 3600), -1);
	snprintf(bad, sizeof bad, "%s", tok);
	bad[40] = bad[40] == 'a' ? 'b' : 'a';
	assert_int_equal(csrf_check(secret, "binding-a", bad, 1010, 3, 3600), -1);
}

static void tokens_are_random_hex_and_hashed(void **state)
{
	char a[TOKEN_CHARS + 1], b[TOKEN_CHARS + 1];
	uint8_t ha[TOKEN_HASH_BYTES], hb[TOKEN_HASH_BYTES];
	(void)state;

	token_new(a);
	token_new(b);
	assert_true(token_valid(a) && token_valid(b));
	assert_string_not_equal(a, b);
	token_hash(a, ha);
	token_hash(b, hb);
	assert_memory_not_equal(ha, hb, sizeof ha);
	assert_false(token_valid("ABC"));
	assert_false(token_valid(NULL));
	a[3] = 'G';
	assert_false(token_valid(a));
}

static void password_rules(void **state)
{
	struct error err = ERROR_INIT;
	char hash[PASSWORD_HASH_MAX];
	(void)state;

	assert_int_equal(password_policy("short", NULL, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "12"));
	assert_int_equal(password_policy("ąęółśżźćńąęó", NULL, &err), 0); /* 12 characters, 24 bytes */
	assert_int_equal(password_policy("Password1234", NULL, &err), ERR_INVALID);
	assert_non_null(strstr(err.msg, "common"));
	assert_int_equal(password_policy("abababababababab", NULL, &err), ERR_INVALID);
	assert_int_equal(password_policy("jan@example.org", "JAN@example.org", &err), ERR_INVALID);
	assert_int_equal(password_policy("correct horse battery", "jan@example.org", &err), 0);
	assert_int_equal(password_hash("correct horse battery", hash, &err), 0);
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_true(password_verify(hash, "correct horse battery"));
	assert_false(password_verify(hash, "correct horse batterY"));
	assert_false(password_verify(NULL, "x"));
	assert_true(email_valid("jan.nowak@gmina.pl"));
	assert_false(email_valid("jan@localhost"));
	assert_false(email_valid("a b@example.org"));
	assert_false(email_valid("a@b@example.org"));
	assert_false(email_valid("<a@example.org>"));
	assert_false(email_valid("a@example.org\r\nBcc: x@example.org"));
}

static bool known_a(void *ctx, const char *name)
{
	(void)ctx;
	return name[0] == 'a';
}

/* Files left by a crash go, once old enough; all else stays. */
static void attachment_sweep_removes_only_old_leftovers(void **state)
{
	char dir[] = "/tmp/praxis-sweep-XXXXXX", path[256];
	const char *names[] = {".tmp-old", "a000000000000000000000000000000000000000000000000000000000000000",
		"b000000000000000000000000000000000000000000000000000000000000000",
		"c000000000000000000000000000000000000000000000000000000000000000",
		"notes.txt"};
	const bool old[] = {true, true, true, false, true};
	const bool gone[] = {true, false, true, false, false};
	struct error err = ERROR_INIT;
	int removed = -1;
	(void)state;

	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < 5; i++) {
		struct timeval tv[2] = {{.tv_sec = 1000}, {.tv_sec = 1000}};
		FILE *f;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		assert_non_null(f = fopen(path, "w"));
		fclose(f);
		if (old[i])
			assert_int_equal(utimes(path, tv), 0);
	}
	assert_int_equal(attachment_sweep(dir, 5000, known_a, NULL, &removed, &err), 0);
	assert_int_equal(removed, 2);
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		assert_int_equal(access(path, F_OK) != 0, gone[i]);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(filters_accept_valid_values_and_name_bad_ones),
		cmocka_unit_test(cursors_round_trip_and_reject_forgeries),
		cmocka_unit_test(practice_validation_names_the_field),
		cmocka_unit_test(organisation_validation),
		cmocka_unit_test(views_are_counted_without_robots),
		cmocka_unit_test(attachments_are_sniffed_by_their_bytes),
		cmocka_unit_test(attachment_type_codes_parse),
		cmocka_unit_test(attachment_sweep_removes_only_old_leftovers),
		cmocka_unit_test(csrf_tokens_bind_expire_and_time_the_form),
		cmocka_unit_test(tokens_are_random_hex_and_hashed),
		cmocka_unit_test(password_rules),
		cmocka_unit_test(attachment_names_are_safe_to_store_and_show),
		cmocka_unit_test(attachment_disposition_offers_both_forms),
		cmocka_unit_test(attachments_are_stored_and_removed_atomically),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
