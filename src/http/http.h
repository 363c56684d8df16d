/* http.h - requests, responses and routes as the handlers see them.
 * The http layer owns the connection; a request's arena lives until the
 * response has been sent (freed in the request-completed callback). */
#ifndef HTTP_HTTP_H
#define HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"

struct request;
struct response;

typedef int (*http_handler)(struct request *rq, struct response *rs);

enum route_format { FORMAT_HTML, FORMAT_JSON, FORMAT_TEXT, FORMAT_ASSET };

/* Roles a route is open to (a bit set; issue #4 adds the signed-in ones). */
enum {
	ROLE_ANONYMOUS = 1,
	ROLE_CONTRIBUTOR = 2,
	ROLE_EDITOR = 4,
	ROLE_ADMIN = 8,
	ROLE_ANY = 15,
};

/* One line of the route table. Patterns are literal segments and the
 * placeholders {id} (digits, optionally followed by "-slug", which is
 * ignored), {slug} ([a-z0-9-]+) and {file} ([a-z0-9.-]+). */
struct route {
	const char *name;    /* for metrics and logs */
	const char *method;  /* GET also answers HEAD */
	const char *pattern;
	http_handler handler;
	enum route_format format;
	unsigned roles;
	const char *params;  /* query parameters it accepts, space-separated */
	bool localized;      /* served under a /xx/ language prefix too */
	bool uploads;        /* takes files: body up to max_upload, not max_body */
};

enum { ROUTE_PARAMS_MAX = 4, HTTP_HEADERS_MAX = 8 };

struct http_arg {
	const char *name, *value;
};

struct request {
	struct arena arena;
	const char *method, *path; /* path without the language prefix */
	bool head;
	const struct route *route;
	const char *params[ROUTE_PARAMS_MAX]; /* from the placeholders */
	struct http_arg *args; /* query arguments, in order, repeats kept */
	size_t nargs;
	const char *lang;      /* interface language */
	bool lang_in_path;     /* the URL carried a /xx/ prefix */
	void *app;             /* the application, for handlers */
	void *conn;            /* the libmicrohttpd connection */
	struct timespec started;
	unsigned long body_bytes;
	struct buf body;       /* the request body (routes other than GET) */
	unsigned role;         /* ROLE_* bit of whoever sent it */
	void *user;            /* the signed-in account, set by identify */
};

struct response {
	int status;
	const char *content_type;
	struct buf body;
	struct {
		const char *name, *value;
	} headers[HTTP_HEADERS_MAX];
	int nheaders;
	int max_age; /* Cache-Control max-age in seconds; 0: no-cache;
		      * -1: no-store (private pages, also whenever signed in) */
	FILE *file;  /* when set, the body is this file from its start
		      * instead of body (bulk exports); the server closes it */
};

/* First value of query argument name, or NULL. */
const char *request_arg(const struct request *rq, const char *name);
/* A request header (case-insensitive name), or NULL. */
const char *request_header(const struct request *rq, const char *name);
void response_header(struct response *rs, const char *name, const char *value);
/* A cookie sent with the request, or NULL. */
const char *request_cookie(const struct request *rq, const char *name);
/* The offered language an Accept-Language header prefers (RFC 9110:
 * "sl-SI, sl;q=0.9, en;q=0.5"), or NULL. Only the primary subtag
 * counts; q=0 refuses; among equal weights the header's order wins. */
const char *http_accept_language(const char *header,
				 const char *const *offered);
/* The client's address as text ("-" when unknown). */
const char *request_peer(struct request *rq);

#endif
