/* token.c - random tokens, their hashes, CSRF tokens (libsodium). */
#include "domain/token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void token_new(char out[TOKEN_CHARS + 1])
{
	uint8_t raw[TOKEN_CHARS / 2];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, TOKEN_CHARS + 1, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

bool token_valid(const char *s)
{
	return s && strlen(s) == TOKEN_CHARS &&
	       strspn(s, "0123456789abcdef") == TOKEN_CHARS;
}

void token_hash(const char *token, uint8_t out[TOKEN_HASH_BYTES])
{
	crypto_hash_sha256(out, (const uint8_t *)token, strlen(token));
}

static void csrf_mac(const uint8_t secret[SECRET_BYTES], const char *binding,
		     const char *issued, char hex[65])
{
	crypto_auth_hmacsha256_state st;
	uint8_t mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, secret, SECRET_BYTES);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)"csrf\n", 5);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)issued,
				      strlen(issued));
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)"\n", 1);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)binding,
				      strlen(binding));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, 65, mac, sizeof mac);
}

void csrf_issue(const uint8_t secret[SECRET_BYTES], const char *binding,
		int64_t now, char out[CSRF_CHARS])
{
	char issued[17], mac[65];

	snprintf(issued, sizeof issued, "%016llx", (unsigned long long)now);
	csrf_mac(secret, binding, issued, mac);
	snprintf(out, CSRF_CHARS, "%s.%s", issued, mac);
}

int csrf_check(const uint8_t secret[SECRET_BYTES], const char *binding,
	       const char *token, int64_t now, int64_t min_age,
	       int64_t max_age)
{
	char issued[17], mac[65];
	unsigned long long t;
	int64_t age;

	if (!token || !binding || strlen(token) != 16 + 1 + 64 ||
	    token[16] != '.' || strspn(token, "0123456789abcdef") != 16)
		return -1;
	memcpy(issued, token, 16);
	issued[16] = '\0';
	csrf_mac(secret, binding, issued, mac);
	if (sodium_memcmp(mac, token + 17, 64) != 0)
		return -1;
	if (sscanf(issued, "%16llx", &t) != 1)
		return -1;
	age = now - (int64_t)t;
	if (age > max_age || age < -60) /* a little clock skew between servers */
		return -1;
	return age < min_age ? -2 : 0;
}

void token_pseudonym(const uint8_t secret[SECRET_BYTES], const char *value,
		     char out[33])
{
	uint8_t h[16];

	crypto_generichash(h, sizeof h, (const uint8_t *)value, strlen(value),
			   secret, SECRET_BYTES);
	sodium_bin2hex(out, 33, h, sizeof h);
}
