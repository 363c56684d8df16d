/* revisions.h - recording a practice's saved states (revisions.c). */
#ifndef WEB_REVISIONS_H
#define WEB_REVISIONS_H

#include "web/web.h"

/* Keeps the practice's current content as its current revision (kept
 * once: recording an already recorded revision changes nothing). Inside
 * a write transaction. */
int web_revision_record(struct ctx *c, int64_t id, const char *note,
			struct error *err);

#endif
