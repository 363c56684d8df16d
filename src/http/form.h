/* form.h - HTML form bodies: application/x-www-form-urlencoded and
 * multipart/form-data (RFC 7578), parsed from a complete body in memory. */
#ifndef HTTP_FORM_H
#define HTTP_FORM_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

struct form_field {
	const char *name;         /* NUL-terminated, valid UTF-8 */
	const char *value;        /* NUL-terminated (text fields: valid UTF-8, CRLF kept as sent); for files: the bytes, also NUL-terminated after len */
	size_t len;               /* bytes in value */
	const char *filename;     /* NULL for a plain field; for a file part: the client's filename, base name only (path stripped), valid UTF-8, may be "" */
	const char *content_type; /* the part's Content-Type, or NULL */
};
struct form {
	struct form_field *fields;
	size_t n;
};
enum { FORM_FIELDS_MAX = 200 };

/* Parses body (len bytes, not NUL-terminated) according to content_type
 * (the request's Content-Type header value, may be NULL). Everything is
 * allocated in arena a. Returns 0, or an error_set(err, ERR_INVALID, ...)
 * naming the problem (ERR_INTERNAL when memory runs out); *out is then
 * empty. Text (names, values of plain fields, filenames, part content
 * types) passes utf8_valid_text, so it holds no NUL and no control
 * character but tab, CR and LF. Filenames are sent as the browser escaped
 * them (WHATWG: '"', CR, LF as %22, %0D, %0A) and are not decoded. */
int form_parse(struct arena *a, const char *content_type, const char *body,
	       size_t len, struct form *out, struct error *err);
/* First field called name, or NULL; form_value returns its value or NULL. */
const struct form_field *form_get(const struct form *f, const char *name);
const char *form_value(const struct form *f, const char *name);

#endif
