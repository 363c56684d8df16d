/* metrics.h - request counters by route and status, and a latency
 * histogram per route, rendered in the Prometheus text format. Updated
 * with atomics from every request thread; owned by the server. */
#ifndef HTTP_METRICS_H
#define HTTP_METRICS_H

#include <stddef.h>

#include "core/buf.h"
#include "http/http.h"

struct metrics;

/* nroutes route slots plus one for requests that matched no route. */
struct metrics *metrics_new(const struct route *routes, size_t nroutes);
void metrics_free(struct metrics *m);
/* route: index in the table, or nroutes for "none". */
void metrics_observe(struct metrics *m, size_t route, int status,
		     double seconds);
void metrics_render(const struct metrics *m, struct buf *out);

#endif
