/* audit.h - the audit trail: who did what to which record, and when.
 * Entries never hold passwords or message bodies. */
#ifndef DOMAIN_AUDIT_H
#define DOMAIN_AUDIT_H

#include <stdint.h>

struct audit_entry {
	int64_t id, at;
	int64_t account_id;  /* 0: nobody signed in */
	const char *actor;   /* e-mail of the account, or "anonymous", "cli" */
	const char *action;  /* one of the codes below */
	const char *object_type; /* "practice", "account", or NULL */
	int64_t object_id;
	const char *detail;  /* a short, non-personal note: a new status, a role */
};

/* What an audit entry records. */
#define AUDIT_LOGIN "login"
#define AUDIT_LOGIN_FAILED "login_failed"
#define AUDIT_LOGOUT "logout"
#define AUDIT_SUBMIT "submit"
#define AUDIT_STATUS "status"
#define AUDIT_EDIT "edit"
#define AUDIT_RESTORE "restore"
#define AUDIT_ERASE "erase_contact"
#define AUDIT_USER_ADD "user_add"
#define AUDIT_USER_PASSWORD "user_password"
#define AUDIT_USER_DISABLE "user_disable"
#define AUDIT_USER_ENABLE "user_enable"
#define AUDIT_USER_ROLE "user_role"
#define AUDIT_VOCABULARY "category_put"
#define AUDIT_PLACE "place_set"
#define AUDIT_TRANSLATION "translation"
#define AUDIT_IMPORT "import"

struct audit_filter {
	const char *action;     /* NULL: any */
	const char *actor;      /* NULL: anyone */
	const char *object_type;
	int64_t object_id;      /* 0: any */
	int64_t before_id;      /* 0: newest; else entries older than this id */
	int limit;
};

#endif
