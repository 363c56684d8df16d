/* token.h - unguessable tokens (sessions, tracking links) and the
 * CSRF tokens of forms. Stores keep only a token's hash, so a leaked
 * database does not hand out sessions. */
#ifndef DOMAIN_TOKEN_H
#define DOMAIN_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	TOKEN_CHARS = 64, /* 32 random bytes in lowercase hex */
	TOKEN_HASH_BYTES = 32,
	SECRET_BYTES = 32,
	CSRF_CHARS = 96,  /* issued-at (16 hex) + '.' + MAC (64 hex) + slack */
};

/* 32 random bytes as lowercase hex, NUL-terminated. */
void token_new(char out[TOKEN_CHARS + 1]);
/* Exactly TOKEN_CHARS lowercase hex digits. */
bool token_valid(const char *s);
/* SHA-256 of the token's text: what the store keeps. */
void token_hash(const char *token, uint8_t out[TOKEN_HASH_BYTES]);

/* A form's CSRF token: when it was issued and a MAC under the site's
 * secret of that time and what the form is bound to (the session, or
 * for anonymous forms a random cookie), so another site cannot forge
 * it and it cannot be moved to another browser. */
void csrf_issue(const uint8_t secret[SECRET_BYTES], const char *binding,
		int64_t now, char out[CSRF_CHARS]);
/* 0 when valid and issued between min_age and max_age seconds ago; -1
 * forged or expired; -2 valid but too fresh (a form filled faster than
 * a person can: a robot). */
int csrf_check(const uint8_t secret[SECRET_BYTES], const char *binding,
	       const char *token, int64_t now, int64_t min_age,
	       int64_t max_age);

/* A pseudonym for a value such as an IP address: keyed hash, 16 bytes
 * of hex, so rate limits work without storing addresses. */
void token_pseudonym(const uint8_t secret[SECRET_BYTES], const char *value,
		     char out[33]);

#endif
