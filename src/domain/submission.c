/* submission.c - the rules of the review loop. */
#include "domain/submission.h"

const char *const review_decision_codes[DECISION__MAX] = {
	"publish", "reject", "changes", "withdraw",
};

enum practice_status review_decision_status(enum review_decision d)
{
	switch (d) {
	case DECISION_PUBLISH: return STATUS_PUBLISHED;
	case DECISION_REJECT: return STATUS_REJECTED;
	case DECISION_WITHDRAW: return STATUS_WITHDRAWN;
	case DECISION_CHANGES:
	case DECISION__MAX: break;
	}
	return STATUS_IN_REVIEW;
}

bool review_decision_needs_message(enum review_decision d)
{
	return d == DECISION_REJECT || d == DECISION_CHANGES;
}
