/* import_format.c - the table of import formats, content sniffing, and
 * the bytes' encoding made UTF-8 before a reader sees them. */
#include "domain/import_format.h"

#include <ctype.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "domain/import_page.h"
#include "domain/import_readers.h"

static const char *const html_exts[] = {".html", ".htm", ".xhtml", ".shtml",
					".php", ".asp", ".aspx", NULL};
static const char *const text_exts[] = {".txt", ".text", ".md", NULL};
static const char *const csv_exts[] = {".csv", NULL};
static const char *const json_exts[] = {".json", NULL};

/* The first bytes, lower-cased, for sniffing. */
static size_t head(const char *data, size_t len, char *out, size_t cap)
{
	size_t i, n = len < cap - 1 ? len : cap - 1;

	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)data[i]);
	out[i] = '\0';
	return i;
}

static bool sniff_html(const char *data, size_t len)
{
	static const char *const marks[] = {"<!doctype html", "<html", "<head",
		"<body", "<meta ", "<title", "<div", "<p>", NULL};
	char h[2048];
	size_t i = 0;

	/* markup from the first character: a text that mentions <title>
	 * or <p> is still a text */
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i == len || data[i] != '<')
		return false;
	head(data, len, h, sizeof h);
	for (i = 0; marks[i]; i++)
		if (strstr(h, marks[i]))
			return true;
	return false;
}

static bool sniff_json(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len && isspace((unsigned char)data[i]))
		i++;
	return i < len && (data[i] == '{' || data[i] == '[');
}

static bool sniff_text(const char *data, size_t len)
{
	return !memchr(data, '\0', len);
}

/* The formats; html first (import_format_pick sniffs it by content). */
static const struct import_format formats[] = {
	{"html", html_exts, sniff_html, import_read_html},
	/* praxis's own exports (README: Data exports), by name only */
	{"csv", csv_exts, NULL, import_read_csv},
	{"json", json_exts, sniff_json, import_read_json},
	{"text", text_exts, sniff_text, import_read_text},
};
enum { NFORMATS = sizeof formats / sizeof *formats };

static bool has_ext(const char *name, const char *const *exts)
{
	size_t n = strlen(name);

	for (int i = 0; exts[i]; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && !strcasecmp(name + n - k, exts[i]))
			return true;
	}
	return false;
}

const struct import_format *import_format_pick(const char *name,
					       const char *data, size_t len)
{
	const struct import_format *by_name = NULL, *text = NULL;

	for (int i = 0; i < NFORMATS; i++) {
		if (formats[i].sniff == sniff_text)
			text = &formats[i];
		if (!by_name && has_ext(name, formats[i].exts) &&
		    (!formats[i].sniff || formats[i].sniff(data, len)))
			by_name = &formats[i];
	}
	/* a data file's name is believed; a page is a page whatever its
	 * name says (saved as .txt, or with no extension) */
	if (by_name && by_name != text)
		return by_name;
	if (sniff_html(data, len))
		return &formats[0];
	if (by_name)
		return by_name;
	/* json only by its name: a text may start with a bracket */
	return text && sniff_text(data, len) ? text : NULL;
}

/* The charset a page declares in its first kilobytes, else NULL. */
static const char *declared_charset(struct arena *a, const char *data,
				    size_t len)
{
	char h[4096], *p;
	size_t n;

	head(data, len, h, sizeof h);
	if (!(p = strstr(h, "charset=")))
		return NULL;
	p += 8;
	p += strspn(p, "\"' ");
	n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-_");
	return n && n < 40 ? arena_strndup(a, p, n) : NULL;
}

/* data in charset as UTF-8 (arena); NULL when it is not that charset. */
static char *to_utf8(struct arena *a, const char *charset, const char *data,
		     size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	size_t cap = len * 3 + 1, in_left = len, out_left = cap;
	char *out, *in = (char *)data, *o;

	if (cd == (iconv_t)-1)
		return NULL;
	if (!(out = arena_alloc(a, cap + 1))) {
		iconv_close(cd);
		return NULL;
	}
	o = out;
	if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1)
		out = NULL;
	iconv_close(cd);
	if (out) {
		*o = '\0';
		*out_len = (size_t)(o - out);
	}
	return out;
}

int import_file_read(struct store *st, struct arena *a, const char *name,
		     const char *data, size_t len, struct import_file *out,
		     struct error *err)
{
	const struct import_format *f;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	while (n < len && isspace((unsigned char)data[n]))
		n++;
	if (n == len)
		return error_set(err, ERR_INVALID, "empty file");
	if (memchr(data, '\0', len))
		return error_set(err, ERR_INVALID, "binary data, not a page or text");
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) { /* BOM */
		data += 3;
		len -= 3;
	}
	if (!(f = import_format_pick(name, data, len)))
		return error_set(err, ERR_INVALID, "not a format praxis imports");
	if (!utf8_valid_text(data, len)) {
		const char *cs = declared_charset(a, data, len);
		size_t ulen;
		char *u = to_utf8(a, cs ? cs : "WINDOWS-1250", data, len, &ulen);
		if (!u || !utf8_valid_text(u, ulen))
			return error_set(err, ERR_INVALID, "not UTF-8, nor %s text",
					 cs ? cs : "Windows-1250");
		data = u;
		len = ulen;
	}
	return f->read(st, a, name, data, len, out, err);
}
