/* submission.h - a practice sent in from outside, as its submitter and
 * the editors see it: who sent it, its private tracking token, and the
 * editor's message back. */
#ifndef DOMAIN_SUBMISSION_H
#define DOMAIN_SUBMISSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/practice.h"

struct submission {
	int64_t practice_id;
	const char *title, *lang;
	enum practice_status status;
	const char *submitter_name, *submitter_email;
	const char *editor_message; /* NULL: none yet */
	int64_t created_at, updated_at;
	const char *org_name;
};

/* What an editor decides about a practice under review. */
enum review_decision {
	DECISION_PUBLISH,
	DECISION_REJECT,
	DECISION_CHANGES,  /* ask the submitter for changes: stays in review */
	DECISION_WITHDRAW,
	DECISION__MAX
};
extern const char *const review_decision_codes[DECISION__MAX];
/* The status a decision leads to. */
enum practice_status review_decision_status(enum review_decision d);
/* Rejecting and asking for changes need a message to the submitter. */
bool review_decision_needs_message(enum review_decision d);

enum { REVIEW_MESSAGE_MAX = 4000 };

/* The moderation queue: practices in the given statuses, oldest first. */
struct queue_filter {
	unsigned statuses;   /* bit (1 << status); 0: submitted and in review */
	int64_t older_than;  /* seconds: only those waiting at least this long */
	int64_t now;
	int64_t org_id;      /* 0: any; else only this organisation's */
	int limit, offset;
};

/* One saved state of a practice. */
struct revision_info {
	int64_t practice_id;
	int revision;
	int64_t created_at;
	const char *actor, *note;
	const char *snapshot; /* JSON; only from store_revision_get */
};

struct attachment_ref {
	int64_t id, practice_id;
	const char *stored_name, *display_name, *type;
	int64_t size;
};

#endif
