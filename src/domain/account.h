/* account.h - people who sign in: their roles and the password rules.
 * Passwords are kept only as argon2id hashes (libsodium). */
#ifndef DOMAIN_ACCOUNT_H
#define DOMAIN_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

enum account_role {
	ACCOUNT_CONTRIBUTOR, /* an organisation: submits and edits its own */
	ACCOUNT_EDITOR,      /* reviews, edits, publishes any practice */
	ACCOUNT_ADMIN,       /* users, vocabularies, settings, audit log */
	ACCOUNT__MAX
};

extern const char *const account_role_codes[ACCOUNT__MAX];

struct account {
	int64_t id;
	const char *email, *name;
	enum account_role role;
	int64_t org_id; /* contributors: the organisation they speak for */
	bool disabled;
};

enum {
	PASSWORD_MIN = 12,    /* characters */
	PASSWORD_MAX = 1024,  /* bytes: bounds the hashing work */
	EMAIL_MAX = 254,
	PASSWORD_HASH_MAX = 128,
};

/* Why a password may not be used (too short, too long, common, the
 * address itself, too few different characters), or 0. */
int password_policy(const char *password, const char *email,
		    struct error *err);
/* argon2id at libsodium's interactive limits, into out. */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX],
		  struct error *err);
bool password_verify(const char *hash, const char *password);

/* A plausible address: one '@', no spaces or controls, a dot in the
 * domain, at most EMAIL_MAX bytes. */
bool email_valid(const char *s);

#endif
