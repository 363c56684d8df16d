/* revision.h - saved states of a practice as JSON snapshots (the data
 * set's shape): made from a practice, read back for restoring, compared
 * field by field, and scrubbed when a contact person is erased. */
#ifndef DOMAIN_REVISION_H
#define DOMAIN_REVISION_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "domain/practice.h"

struct store;

/* The fields a snapshot holds, in the order the comparison shows them. */
extern const char *const revision_fields[];
enum { REVISION_FIELDS = 11 };

/* The editable content of p as JSON text. */
int revision_snapshot(const struct practice *p, struct buf *out,
		      struct error *err);
/* The same content as a JSON object (the caller decrefs it): the data
 * set's practice shape, contacts included. */
struct json_t;
struct json_t *revision_json(const struct practice *p);
/* One link in that shape: {"kind", "url", "title", "act_number", ...}. */
struct json_t *revision_link_json(const struct link *l);
/* A snapshot back as a practice input (strings in a); the organisation
 * is left 0 for the caller. */
int revision_parse(struct store *st, struct arena *a, const char *json,
		   struct practice_input *in, struct error *err);
/* One field of a snapshot as plain text for comparing: strings as they
 * are, lists one item per line. "" when absent. */
const char *revision_field_text(struct arena *a, const char *json,
				const char *field);
/* The snapshot without the contact person c (or with only their role
 * when anonymise), into *out (arena). */
int revision_scrub_contact(struct arena *a, const char *json,
			   const struct contact *c, bool anonymise,
			   const char **out, struct error *err);

#endif
