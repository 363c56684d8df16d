#include "domain/check.h"

#include <string.h>

#include "core/utf8.h"
#include "domain/practice.h"
#include "text/html.h"

/* Optional text field: valid UTF-8, at most max characters; when
 * required, also not empty. */
int check_text(const char *field, const char *s, size_t max,
		      bool required, struct error *err)
{
	if (!s || !*s) {
		if (required)
			return error_set(err, ERR_INVALID, "%s: required", field);
		return 0;
	}
	if (!utf8_valid_text(s, strlen(s)))
		return error_set(err, ERR_INVALID, "%s: not valid UTF-8 text",
				 field);
	if (utf8_length(s) > max)
		return error_set(err, ERR_INVALID,
				 "%s: longer than %zu characters", field, max);
	return 0;
}

int check_url(const char *field, const char *s, struct error *err)
{
	if (!s || !*s)
		return 0;
	if (check_text(field, s, PRACTICE_URL_MAX, false, err) < 0)
		return err ? err->code : ERR_INVALID;
	if (!html_url_is_safe(s) || strpbrk(s, " \t\r\n\"<>"))
		return error_set(err, ERR_INVALID,
				 "%s: must be an http:// or https:// address",
				 field);
	return 0;
}

int check_email(const char *field, const char *s, struct error *err)
{
	const char *at;

	if (!s || !*s)
		return 0;
	if (check_text(field, s, 254, false, err) < 0)
		return ERR_INVALID;
	at = strchr(s, '@');
	if (!at || at == s || !strchr(at, '.') || strchr(at + 1, '@') ||
	    strpbrk(s, " \t\r\n<>\"(),;:"))
		return error_set(err, ERR_INVALID, "%s: not an e-mail address",
				 field);
	return 0;
}

int check_date(const char *field, const char *s, struct error *err)
{
	if (s && *s && !date_partial_valid(s))
		return error_set(err, ERR_INVALID,
				 "%s: expected YYYY, YYYY-MM or YYYY-MM-DD", field);
	return 0;
}
