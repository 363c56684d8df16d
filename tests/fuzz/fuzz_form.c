/* libFuzzer target: request bodies through the form parser. The first
 * byte picks the Content-Type: urlencoded, multipart with boundary "fz",
 * or the text up to the first newline (the rest is the body). Checks what
 * form.h promises about every field. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/form.h"

static bool text(const char *s)
{
	return s && utf8_valid_text(s, strlen(s));
}

static void check(const struct form *f)
{
	if (f->n > FORM_FIELDS_MAX)
		abort();
	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *ff = &f->fields[i];
		if (!text(ff->name) || !ff->value || ff->value[ff->len] != '\0')
			abort();
		if (!ff->filename && (!utf8_valid_text(ff->value, ff->len) ||
				      strlen(ff->value) != ff->len))
			abort();
		if (ff->filename &&
		    (!text(ff->filename) || strpbrk(ff->filename, "/\\")))
			abort();
		if (ff->content_type && !text(ff->content_type))
			abort();
		if (form_get(f, ff->name) > ff) /* the first of its name */
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct form f;
	const char *ct, *body, *nl;
	size_t len;

	if (size < 1)
		return 0;
	body = (const char *)data + 1;
	len = size - 1;
	switch (data[0] % 3) {
	case 0:
		ct = "application/x-www-form-urlencoded";
		break;
	case 1:
		ct = "multipart/form-data; boundary=fz";
		break;
	default:
		nl = memchr(body, '\n', len);
		ct = arena_strndup(&a, body, nl ? (size_t)(nl - body) : len);
		if (nl) {
			len -= (size_t)(nl + 1 - body);
			body = nl + 1;
		} else {
			len = 0;
		}
		break;
	}
	if (!form_parse(&a, ct, body, len, &f, &err))
		check(&f);
	else if ((err.code != ERR_INVALID && err.code != ERR_INTERNAL) ||
		 !err.msg[0] || f.n || f.fields)
		abort();
	arena_free(&a);
	return 0;
}
