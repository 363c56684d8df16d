#define _GNU_SOURCE /* memmem */
#include "http/form.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

enum {
	BOUNDARY_MAX = 70, /* RFC 2046 5.1.1 */
	PART_HEADERS_MAX = 8 * 1024,
};

enum form_kind { FORM_URLENCODED, FORM_MULTIPART };

/* The fields found so far; cap is arena_grow's. */
struct fields {
	struct form form;
	size_t cap;
};

static int oom(struct error *err)
{
	return error_set(err, ERR_INTERNAL, "out of memory reading a form");
}

/* Appends a zeroed field; *out is valid until the next call. */
static int field_add(struct arena *a, struct fields *fs,
		     struct form_field **out, struct error *err)
{
	struct form_field *arr;

	if (fs->form.n == FORM_FIELDS_MAX)
		return error_set(err, ERR_INVALID,
				 "too many form fields (at most %d)",
				 FORM_FIELDS_MAX);
	arr = arena_grow(a, fs->form.fields, fs->form.n, &fs->cap, sizeof *arr);
	if (!arr)
		return oom(err);
	fs->form.fields = arr;
	*out = &arr[fs->form.n++];
	memset(*out, 0, sizeof **out);
	return 0;
}

/* Pages and the store take names and text as they are, so they must be
 * UTF-8 text. name_len counts decoded bytes: a %00 must not hide. */
static int text_check(const struct form_field *f, size_t name_len,
		      struct error *err)
{
	if (!utf8_valid_text(f->name, name_len))
		return error_set(err, ERR_INVALID,
				 "a form field name is not valid UTF-8 text");
	if (f->filename && !utf8_valid_text(f->filename, strlen(f->filename)))
		return error_set(err, ERR_INVALID,
				 "a file name is not valid UTF-8 text");
	if (!f->filename && !utf8_valid_text(f->value, f->len))
		return error_set(err, ERR_INVALID,
				 "a form field value is not valid UTF-8 text");
	return 0;
}

/* ---- header values: media types and parameters (RFC 9110 5.6) ---- */

static bool is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *skip_ows(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static size_t token_len(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && is_tchar((unsigned char)*q))
		q++;
	return (size_t)(q - p);
}

/* True when s[0..n) is lit, ignoring case. */
static bool token_is(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && !strncasecmp(s, lit, n);
}

/* One parameter as sent: value[0..vlen) still holds its quoted-pairs when
 * unescape is set. */
struct param {
	const char *name, *value;
	size_t nlen, vlen;
	bool unescape;
};

/* Reads the next `OWS ";" OWS name "=" (token / quoted-string)`, advancing
 * *pp; empty parameters (";;") are skipped as RFC 9110 allows. With
 * escapes, a backslash in a quoted-string quotes the next character. Part
 * headers are read without: browsers send a Windows path in filename with
 * its backslashes as they are (WHATWG HTML escapes only '"', CR and LF).
 * Returns 1 with *pm filled, 0 at the end of the value, -1 if malformed. */
static int param_next(const char **pp, const char *end, bool escapes,
		      struct param *pm)
{
	const char *p = *pp;

	do {
		p = skip_ows(p, end);
		if (p == end)
			return 0;
		if (*p++ != ';')
			return -1;
		p = skip_ows(p, end);
	} while (p == end || *p == ';');
	pm->name = p;
	pm->nlen = token_len(p, end);
	p += pm->nlen;
	if (!pm->nlen || p == end || *p++ != '=')
		return -1;
	pm->unescape = false;
	if (p == end || *p != '"') {
		pm->value = p;
		pm->vlen = token_len(p, end);
		*pp = p + pm->vlen;
		return pm->vlen ? 1 : -1;
	}
	pm->value = ++p;
	for (; p < end && *p != '"'; p++) {
		unsigned char c;
		if (*p == '\\' && escapes) {
			pm->unescape = true;
			if (++p == end)
				return -1;
		}
		c = (unsigned char)*p;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return -1;
	}
	if (p == end)
		return -1;
	pm->vlen = (size_t)(p - pm->value);
	*pp = p + 1;
	return 1;
}

/* The value as a string in a, quoted-pairs resolved; NULL without memory. */
static char *param_value(struct arena *a, const struct param *pm)
{
	char *v = arena_alloc(a, pm->vlen + 1), *w = v;

	if (!v)
		return NULL;
	for (size_t i = 0; i < pm->vlen; i++) {
		if (pm->unescape && pm->value[i] == '\\')
			i++; /* param_next saw a character follow it */
		*w++ = pm->value[i];
	}
	return v;
}

/* The request's media type, ignoring case, and for multipart its
 * boundary. Other parameters (charset) are ignored: forms are UTF-8. */
static int content_type_parse(struct arena *a, const char *ct,
			      enum form_kind *kind, const char **boundary,
			      struct error *err)
{
	const char *end, *p;
	struct param pm;
	size_t n;
	int r;

	if (!ct)
		return error_set(err, ERR_INVALID, "missing Content-Type for a form");
	end = ct + strlen(ct);
	p = skip_ows(ct, end);
	n = token_len(p, end);
	if (p + n < end && p[n] == '/')
		n += 1 + token_len(p + n + 1, end);
	if (token_is(p, n, "application/x-www-form-urlencoded"))
		*kind = FORM_URLENCODED;
	else if (token_is(p, n, "multipart/form-data"))
		*kind = FORM_MULTIPART;
	else
		return error_set(err, ERR_INVALID,
				 "unsupported content type for a form");
	p += n;
	*boundary = NULL;
	while ((r = param_next(&p, end, true, &pm)) > 0) {
		if (!token_is(pm.name, pm.nlen, "boundary"))
			continue;
		if (*boundary)
			return error_set(err, ERR_INVALID,
					 "more than one boundary in Content-Type");
		if (!(*boundary = param_value(a, &pm)))
			return oom(err);
	}
	if (r < 0)
		return error_set(err, ERR_INVALID, "malformed Content-Type");
	if (*kind == FORM_MULTIPART && !*boundary)
		return error_set(err, ERR_INVALID, "missing multipart boundary");
	return 0;
}

/* ---- application/x-www-form-urlencoded ---- */

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes s[0..n), '+' as a space and %XX as a byte, into a new string of
 * *len bytes. Unlike WHATWG, a stray '%' is an error, not a literal. */
static int url_decode(struct arena *a, const char *s, size_t n,
		      const char **out, size_t *len, struct error *err)
{
	char *start = arena_alloc(a, n + 1), *w = start;

	if (!start)
		return oom(err);
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] != '%') {
			*w++ = s[i] == '+' ? ' ' : s[i];
			continue;
		}
		if (n - i < 3 || (hi = hex_digit((unsigned char)s[i + 1])) < 0 ||
		    (lo = hex_digit((unsigned char)s[i + 2])) < 0)
			return error_set(err, ERR_INVALID,
					 "malformed %%-escape in form data");
		*w++ = (char)(hi << 4 | lo);
		i += 2;
	}
	*out = start;
	*len = (size_t)(w - start);
	return 0;
}

/* One `name=value` piece; without '=' the whole piece is the name. */
static int urlencoded_pair(struct arena *a, const char *s, size_t n,
			   struct fields *fs, struct error *err)
{
	const char *eq = memchr(s, '=', n);
	size_t name_n = eq ? (size_t)(eq - s) : n, name_len;
	struct form_field *f;
	int r;

	if ((r = field_add(a, fs, &f, err)) ||
	    (r = url_decode(a, s, name_n, &f->name, &name_len, err)) ||
	    (r = url_decode(a, s + name_n + (eq != NULL), n - name_n - (eq != NULL),
			    &f->value, &f->len, err)))
		return r;
	return text_check(f, name_len, err);
}

/* Empty pieces ("a=1&&b=2", a trailing '&') are skipped, as browsers do. */
static int urlencoded_parse(struct arena *a, const char *body, size_t len,
			    struct fields *fs, struct error *err)
{
	size_t i = 0;
	int r;

	while (i < len) {
		const char *amp = memchr(body + i, '&', len - i);
		size_t n = amp ? (size_t)(amp - body) - i : len - i;
		if (n && (r = urlencoded_pair(a, body + i, n, fs, err)))
			return r;
		i += n + 1;
	}
	return 0;
}

/* ---- multipart/form-data (RFC 7578, framing from RFC 2046 5.1.1) ---- */

struct multipart {
	const char *body;
	size_t len;
	char delim[4 + BOUNDARY_MAX]; /* CRLF "--" boundary, not a string */
	size_t dlen;
};

/* 1 to 70 characters from bchars, not ending in a space (RFC 2046). */
static bool boundary_valid(const char *b)
{
	static const char bchars[] = "0123456789abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
	size_t n = strlen(b);

	return n >= 1 && n <= BOUNDARY_MAX && strspn(b, bchars) == n &&
	       b[n - 1] != ' ';
}

/* Whether the boundary that ends at i closes a delimiter line: "--" after
 * it marks the last one, else optional padding and CRLF must follow.
 * *next is where the next part (or the epilogue) starts. */
static bool delim_tail(const struct multipart *m, size_t i, size_t *next,
		       bool *last)
{
	*last = m->len - i >= 2 && !memcmp(m->body + i, "--", 2);
	if (*last) {
		*next = i + 2;
		return true;
	}
	while (i < m->len && (m->body[i] == ' ' || m->body[i] == '\t'))
		i++;
	if (m->len - i < 2 || memcmp(m->body + i, "\r\n", 2))
		return false;
	*next = i + 2;
	return true;
}

/* Finds the first delimiter line at or after from; the content before it
 * ends at *at. A boundary followed by anything else is taken as content,
 * since only a whole delimiter line ends a part. */
static bool delim_find(const struct multipart *m, size_t from, size_t *at,
		       size_t *next, bool *last)
{
	while (from < m->len) {
		const char *hit = memmem(m->body + from, m->len - from, m->delim,
					 m->dlen);
		if (!hit)
			return false;
		*at = (size_t)(hit - m->body);
		if (delim_tail(m, *at + m->dlen, next, last))
			return true;
		from = *at + 1;
	}
	return false;
}

/* A boundary right at from, without the CRLF before it: at the start of
 * the body, or after a part's empty line, whose CRLF then stands for the
 * delimiter's when the part has no content (RFC 2046's body-part). */
static bool delim_bare(const struct multipart *m, size_t from, size_t *next,
		       bool *last)
{
	size_t n = m->dlen - 2;

	return m->len - from >= n && !memcmp(m->body + from, m->delim + 2, n) &&
	       delim_tail(m, from + n, next, last);
}

/* `form-data; name="..."; filename="..."` (RFC 7578 4.2). */
static int disposition_parse(struct arena *a, const char *p, const char *end,
			     struct form_field *f, struct error *err)
{
	size_t n = token_len(p, end);
	struct param pm;
	int r;

	if (!token_is(p, n, "form-data"))
		return error_set(err, ERR_INVALID,
				 "a form part is not Content-Disposition: form-data");
	p += n;
	while ((r = param_next(&p, end, false, &pm)) > 0) {
		const char **dst = token_is(pm.name, pm.nlen, "name") ? &f->name
				   : token_is(pm.name, pm.nlen, "filename") ? &f->filename
				   : NULL;
		if (!dst)
			continue;
		if (*dst) /* two answers to one question: refuse to pick */
			return error_set(err, ERR_INVALID,
					 "repeated parameter in Content-Disposition");
		if (!(*dst = param_value(a, &pm)))
			return oom(err);
	}
	if (r < 0)
		return error_set(err, ERR_INVALID, "malformed Content-Disposition");
	if (f->filename) { /* only the base name, from any client's path */
		const char *s = f->filename;
		for (; *s; s++)
			if (*s == '/' || *s == '\\')
				f->filename = s + 1;
	}
	return 0;
}

/* One header line, `name ":" OWS value OWS`, without its CRLF. Only
 * Content-Disposition and Content-Type mean anything (RFC 7578 4.8). */
static int part_header(struct arena *a, const char *line, size_t n,
		       struct form_field *f, bool *seen_disposition,
		       struct error *err)
{
	const char *end = line + n, *v;
	size_t name_n = token_len(line, end);

	if (!name_n || name_n == n || line[name_n] != ':' ||
	    !utf8_valid_text(line, n))
		return error_set(err, ERR_INVALID, "malformed part headers");
	v = skip_ows(line + name_n + 1, end);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (token_is(line, name_n, "Content-Disposition")) {
		if (*seen_disposition)
			return error_set(err, ERR_INVALID,
					 "repeated Content-Disposition in a part");
		*seen_disposition = true;
		return disposition_parse(a, v, end, f, err);
	}
	if (token_is(line, name_n, "Content-Type")) {
		if (f->content_type)
			return error_set(err, ERR_INVALID,
					 "repeated Content-Type in a part");
		f->content_type = arena_strndup(a, v, (size_t)(end - v));
		if (!f->content_type)
			return oom(err);
	}
	return 0;
}

/* Reads a part's header lines from *pos through the empty line, all
 * within PART_HEADERS_MAX bytes, leaving *pos at the part's content.
 * Lines end in CRLF; a bare CR or LF is refused, not guessed at. */
static int part_headers(struct arena *a, const struct multipart *m,
			size_t *pos, struct form_field *f, struct error *err)
{
	size_t i = *pos;
	size_t limit = m->len - i > PART_HEADERS_MAX ? i + PART_HEADERS_MAX : m->len;
	bool seen_disposition = false;
	int r;

	for (;;) {
		const char *line = m->body + i;
		const char *lf = memchr(line, '\n', limit - i);
		size_t n = lf ? (size_t)(lf - line) : 0;

		if (!lf)
			return error_set(err, ERR_INVALID, limit < m->len
					 ? "part headers longer than 8 KiB"
					 : "missing terminating multipart boundary");
		if (!n || line[n - 1] != '\r' || memchr(line, '\r', n - 1))
			return error_set(err, ERR_INVALID,
					 "malformed part headers (lines must end in CRLF)");
		i += n + 1;
		if (n == 1)
			break;
		if ((r = part_header(a, line, n - 1, f, &seen_disposition, err)))
			return r;
	}
	if (!seen_disposition)
		return error_set(err, ERR_INVALID,
				 "a form part has no Content-Disposition");
	if (!f->name)
		return error_set(err, ERR_INVALID, "a form part has no name");
	*pos = i;
	return 0;
}

static int multipart_parse(struct arena *a, const char *boundary,
			   const char *body, size_t len, struct fields *fs,
			   struct error *err)
{
	struct multipart m = {body, len, {0}, 0};
	size_t pos, at, next;
	bool last;
	int r;

	if (!boundary_valid(boundary))
		return error_set(err, ERR_INVALID, "invalid multipart boundary");
	memcpy(m.delim, "\r\n--", 4);
	memcpy(m.delim + 4, boundary, strlen(boundary));
	m.dlen = 4 + strlen(boundary);
	/* whatever comes before the first delimiter is preamble */
	if (!delim_bare(&m, 0, &pos, &last) &&
	    !delim_find(&m, 0, &at, &pos, &last))
		return error_set(err, ERR_INVALID,
				 "multipart boundary not found in the body");
	while (!last) {
		struct form_field *f;
		if ((r = field_add(a, fs, &f, err)) ||
		    (r = part_headers(a, &m, &pos, f, err)))
			return r;
		if (delim_bare(&m, pos, &next, &last))
			at = pos;
		else if (!delim_find(&m, pos, &at, &next, &last))
			return error_set(err, ERR_INVALID,
					 "missing terminating multipart boundary");
		f->len = at - pos;
		if (!(f->value = arena_strndup(a, body + pos, f->len)))
			return oom(err);
		if ((r = text_check(f, strlen(f->name), err)))
			return r;
		pos = next;
	}
	return 0; /* the epilogue, after the last delimiter, is ignored */
}

/* ---- public ---- */

int form_parse(struct arena *a, const char *content_type, const char *body,
	       size_t len, struct form *out, struct error *err)
{
	struct fields fs = {{NULL, 0}, 0};
	enum form_kind kind = FORM_URLENCODED;
	const char *boundary = NULL;
	int r;

	out->fields = NULL;
	out->n = 0;
	r = content_type_parse(a, content_type, &kind, &boundary, err);
	if (!r && kind == FORM_URLENCODED)
		r = urlencoded_parse(a, body, len, &fs, err);
	else if (!r)
		r = multipart_parse(a, boundary, body, len, &fs, err);
	if (!r)
		*out = fs.form;
	return r;
}

const struct form_field *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->fields[i].name, name))
			return &f->fields[i];
	return NULL;
}

const char *form_value(const struct form *f, const char *name)
{
	const struct form_field *ff = form_get(f, name);

	return ff ? ff->value : NULL;
}
