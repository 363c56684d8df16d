/* server.h - the HTTP server: libmicrohttpd with an internal thread pool
 * on epoll, request limits, language prefixes, routing, security headers,
 * metrics and one access-log line per request. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include "core/config.h"
#include "core/error.h"
#include "http/http.h"
#include "http/metrics.h"

/* Answers a request the server refuses before or instead of a handler
 * (400, 404, 405, 413, 500): HTML for people, JSON for the API. */
typedef int (*http_error_fn)(struct request *rq, struct response *rs,
			     int status, const char *message);

/* Says who sent a request: sets rq->role (one ROLE_* bit) and rq->user
 * from its session cookie, before the route's roles are checked. A
 * negative return is a failure (500). */
typedef int (*http_identify_fn)(struct request *rq);

struct http_options {
	const struct config *cfg;
	const struct route *routes;
	size_t nroutes;
	void *app;
	http_error_fn error;
	http_identify_fn identify;    /* NULL: everyone is anonymous */
	const char *const *languages; /* valid /xx/ prefixes, NULL-terminated */
	struct metrics *metrics;      /* may be NULL */
	const char *img_origin;       /* another origin pages may show images
				       * from (map tiles), or NULL */
};

struct http_server;

struct http_server *http_server_start(const struct http_options *opt,
				      struct error *err);
/* The port actually bound (useful with port 0). */
unsigned http_server_port(const struct http_server *s);
/* Stops accepting, waits up to grace seconds for requests in flight,
 * then stops and frees the server. */
void http_server_stop(struct http_server *s, unsigned grace);

#endif
