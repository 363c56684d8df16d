#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>

/* Status codes get their own counter; anything else counts as "other". */
static const int statuses[] = {200, 301, 302, 303, 304, 400, 403, 404, 405,
			       408, 413, 414, 429, 431, 500, 503, 0};
enum { NSTATUS = sizeof statuses / sizeof *statuses };

static const double buckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
				 0.05, 0.1, 0.25, 0.5, 1, 2.5};
enum { NBUCKETS = sizeof buckets / sizeof *buckets };

struct route_stats {
	atomic_ulong count[NSTATUS];
	atomic_ulong bucket[NBUCKETS + 1]; /* last: +Inf */
	atomic_ullong sum_us;
};

struct metrics {
	const struct route *routes;
	size_t n;
	struct route_stats *stats; /* n + 1 */
};

struct metrics *metrics_new(const struct route *routes, size_t nroutes)
{
	struct metrics *m = calloc(1, sizeof *m);

	if (!m || !(m->stats = calloc(nroutes + 1, sizeof *m->stats))) {
		free(m);
		return NULL;
	}
	m->routes = routes;
	m->n = nroutes;
	return m;
}

void metrics_free(struct metrics *m)
{
	if (m)
		free(m->stats);
	free(m);
}

void metrics_observe(struct metrics *m, size_t route, int status,
		     double seconds)
{
	struct route_stats *s;
	int i;

	if (!m)
		return;
	s = &m->stats[route > m->n ? m->n : route];
	for (i = 0; statuses[i] && statuses[i] != status; i++)
		;
	atomic_fetch_add_explicit(&s->count[i], 1, memory_order_relaxed);
	for (i = 0; i < NBUCKETS && seconds > buckets[i]; i++)
		;
	atomic_fetch_add_explicit(&s->bucket[i], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->sum_us,
				  (unsigned long long)(seconds * 1e6),
				  memory_order_relaxed);
}

static const char *route_label(const struct metrics *m, size_t r)
{
	return r < m->n ? m->routes[r].name : "none";
}

void metrics_render(const struct metrics *m, struct buf *out)
{
	buf_puts(out, "# HELP praxis_http_requests_total HTTP requests by route"
		      " and status.\n# TYPE praxis_http_requests_total counter\n");
	for (size_t r = 0; r <= m->n; r++)
		for (int i = 0; i < NSTATUS; i++) {
			unsigned long c = atomic_load(&m->stats[r].count[i]);
			if (!c)
				continue;
			if (statuses[i])
				buf_printf(out, "praxis_http_requests_total{route=\"%s\","
					   "status=\"%d\"} %lu\n",
					   route_label(m, r), statuses[i], c);
			else
				buf_printf(out, "praxis_http_requests_total{route=\"%s\","
					   "status=\"other\"} %lu\n",
					   route_label(m, r), c);
		}
	buf_puts(out, "# HELP praxis_http_request_duration_seconds Time from the"
		      " request's arrival to its response being queued.\n"
		      "# TYPE praxis_http_request_duration_seconds histogram\n");
	for (size_t r = 0; r <= m->n; r++) {
		const struct route_stats *s = &m->stats[r];
		unsigned long cum = 0;

		for (int i = 0; i <= NBUCKETS; i++)
			cum += atomic_load(&s->bucket[i]);
		if (!cum)
			continue;
		cum = 0;
		for (int i = 0; i < NBUCKETS; i++) {
			cum += atomic_load(&s->bucket[i]);
			buf_printf(out, "praxis_http_request_duration_seconds_bucket"
				   "{route=\"%s\",le=\"%g\"} %lu\n",
				   route_label(m, r), buckets[i], cum);
		}
		cum += atomic_load(&s->bucket[NBUCKETS]);
		buf_printf(out, "praxis_http_request_duration_seconds_bucket"
			   "{route=\"%s\",le=\"+Inf\"} %lu\n",
			   route_label(m, r), cum);
		buf_printf(out, "praxis_http_request_duration_seconds_sum"
			   "{route=\"%s\"} %.6f\n", route_label(m, r),
			   (double)atomic_load(&s->sum_us) / 1e6);
		buf_printf(out, "praxis_http_request_duration_seconds_count"
			   "{route=\"%s\"} %lu\n", route_label(m, r), cum);
	}
}
