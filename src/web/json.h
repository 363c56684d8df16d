/* json.h - JSON output for the API through jansson: records of the
 * domain turned into the documented /api/v1 shapes. */
#ifndef WEB_JSON_H
#define WEB_JSON_H

#include <jansson.h>

#include "core/buf.h"
#include "domain/practice.h"
#include "domain/taxonomy.h"

/* {"error": {"code": code, "message": message}} */
void json_error_body(struct buf *b, const char *code, const char *message);
/* Serialises v into b and drops the reference; -1 on failure. */
int json_emit(struct buf *b, json_t *v);

json_t *json_practice_summary(const struct practice_summary *p);
/* The full record, with contact persons (single-record responses only). */
json_t *json_practice(const struct practice *p);
json_t *json_organisation(const struct organisation *o);
json_t *json_vocabulary(const struct vocabulary *v);

#endif
