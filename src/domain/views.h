/* views.h - the per-practice view counter. Views are counted in memory
 * and added to the store in batches, so that reading a practice never
 * waits for a write lock; nothing about the reader is kept. */
#ifndef DOMAIN_VIEWS_H
#define DOMAIN_VIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

struct store;
struct view_counter;

struct view_counter *views_new(void);
void views_free(struct view_counter *vc);
/* Counts one view, unless the user agent says it is a robot. */
void views_hit(struct view_counter *vc, int64_t id, const char *user_agent);
/* Views counted but not yet in the store (to show an exact number). */
int64_t views_pending(struct view_counter *vc, int64_t id);
/* Moves the pending counts into the store in one transaction; counts
 * that could not be written stay pending. */
int views_flush(struct view_counter *vc, struct store *st, struct error *err);
bool views_is_robot(const char *user_agent);

#endif
