/* account.c - roles and password rules. */
#include "domain/account.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/assets.h"
#include "core/utf8.h"

const char *const account_role_codes[ACCOUNT__MAX] = {
	"contributor", "editor", "admin",
};

/* Whether the lower-cased password is a line of the shipped list. The
 * list is small and read only at sign-up and password changes. */
static bool password_common(const char *password)
{
	const struct asset *list = asset_find("common-passwords.txt");
	char low[PASSWORD_MAX + 1];
	size_t n = strlen(password);
	const char *p, *end;

	if (!list || n > PASSWORD_MAX)
		return false;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)password[i]);
	p = (const char *)list->data;
	end = p + list->size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		if (len == n && !memcmp(p, low, n))
			return true;
		p += len + 1;
	}
	return false;
}

static size_t distinct_chars(const char *s)
{
	bool seen[256] = {false};
	size_t n = 0;

	for (; *s; s++)
		if (!seen[(unsigned char)*s]) {
			seen[(unsigned char)*s] = true;
			n++;
		}
	return n;
}

int password_policy(const char *password, const char *email,
		    struct error *err)
{
	size_t bytes = strlen(password);

	if (!utf8_valid_text(password, bytes))
		return error_set(err, ERR_INVALID,
				 "password: not valid UTF-8 text");
	if (utf8_length(password) < PASSWORD_MIN)
		return error_set(err, ERR_INVALID,
				 "password: use at least %d characters",
				 PASSWORD_MIN);
	if (bytes > PASSWORD_MAX)
		return error_set(err, ERR_INVALID,
				 "password: at most %d bytes", PASSWORD_MAX);
	if (password_common(password) || distinct_chars(password) < 5)
		return error_set(err, ERR_INVALID,
				 "password: too common or too easy to guess");
	if (email && !strcasecmp(password, email))
		return error_set(err, ERR_INVALID,
				 "password: must not be the e-mail address");
	return 0;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX],
		  struct error *err)
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES,
		       "room for an argon2id string");
	if (crypto_pwhash_str_alg(out, password, strlen(password),
				  crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return error_set(err, ERR_INTERNAL,
				 "out of memory while hashing a password");
	return 0;
}

bool password_verify(const char *hash, const char *password)
{
	return hash && password && strlen(password) <= PASSWORD_MAX &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool email_valid(const char *s)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);

	if (!at || at == s || strchr(at + 1, '@') || n > EMAIL_MAX)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>()[]\\,;:\"", *p))
			return false;
	return strchr(at + 1, '.') && at[1] != '.' && s[n - 1] != '.';
}
