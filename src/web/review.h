/* review.h - deciding about a practice under review (review.c), on its
 * own page or for several at once from the queue (queue.c). */
#ifndef WEB_REVIEW_H
#define WEB_REVIEW_H

#include "domain/submission.h"
#include "web/forms.h"

/* The decision select and the message to the submitter. */
void render_decision_fields(struct ctx *c, const struct form_errors *e,
			    const char *message);
/* The decision of a posted form, or -1 with problems recorded in e;
 * *message: NULL when none was written. */
int read_decision(struct ctx *c, const struct form *f, struct form_errors *e,
		  const char **message);
/* One practice moved by a decision (status, message, audit entry),
 * inside the caller's write transaction. */
int apply_decision(struct ctx *c, int64_t id, enum review_decision d,
		   const char *message, struct error *err);

#endif
