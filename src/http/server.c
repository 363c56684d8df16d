#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/utf8.h"
#include "http/etag.h"
#include "http/router.h"
#include "text/html.h"

struct http_server {
	struct MHD_Daemon *daemon;
	struct http_options opt;
	unsigned port;
	atomic_int in_flight; /* requests begun and not yet completed */
	char csp_html[512];
};

/* Per-connection state for one request, from its first line to the end
 * of its response. */
struct exchange {
	struct request rq;
	int status;
	size_t bytes_out;
	bool rejected;   /* an error response was queued before the body */
	bool bad_arg;    /* a query argument failed validation */
	enum route_match match; /* of method and path, found with the headers */
	char allow[64];         /* methods the path takes, for a 405 */
};

/* How much of an oversize body is read and thrown away before the
 * connection is simply closed. */
enum { BODY_DISCARD_MAX = 1 << 20 };

/* HTML pages: our own scripts and styles only; images also from the
 * map's tile server when it is another origin (opt.img_origin). */
static const char csp_html_fmt[] =
	"default-src 'self'; img-src 'self' data:%s%s; object-src 'none'; "
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
static const char csp_api[] = "default-src 'none'; frame-ancestors 'none'";

static double elapsed(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	       (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

static const char *content_type(enum route_format f)
{
	switch (f) {
	case FORMAT_JSON: return "application/json";
	case FORMAT_TEXT: return "text/plain; version=0.0.4; charset=utf-8";
	case FORMAT_ASSET: return "application/octet-stream";
	case FORMAT_HTML: break;
	}
	return "text/html; charset=utf-8";
}

static bool has_header(const struct response *rs, const char *name)
{
	for (int i = 0; i < rs->nheaders; i++)
		if (!strcasecmp(rs->headers[i].name, name))
			return true;
	return false;
}

/* Answers of the data routes (JSON: the API, the catalogue description)
 * carry an ETag, so that harvesters and caches revalidate for the price
 * of a hash instead of downloading everything again. Not for someone
 * signed in: what they see is theirs. */
static bool tag_data(const struct exchange *ex, const struct response *rs)
{
	const struct route *r = ex->rq.route;

	return r && r->format == FORMAT_JSON && rs->status == 200 &&
	       !ex->rq.user && !strcmp(r->method, "GET");
}

/* A body too big to hold in memory, sent from its file by
 * libmicrohttpd (which closes the descriptor it is given). */
static struct MHD_Response *file_response(struct response *rs, size_t *len)
{
	struct MHD_Response *r = NULL;
	struct stat sb;
	int fd = -1;

	buf_release(&rs->body);
	if (fflush(rs->file) == 0 && fstat(fileno(rs->file), &sb) == 0 &&
	    (fd = dup(fileno(rs->file))) >= 0) {
		r = MHD_create_response_from_fd_at_offset64(
			(uint64_t)sb.st_size, fd, 0);
		if (!r)
			close(fd);
		*len = (size_t)sb.st_size;
	}
	fclose(rs->file);
	rs->file = NULL;
	return r;
}

static enum MHD_Result queue(struct http_server *s, struct exchange *ex,
			     struct response *rs)
{
	struct MHD_Connection *conn = ex->rq.conn;
	struct MHD_Response *r;
	enum MHD_Result ret;
	bool api = rs->content_type && strstr(rs->content_type, "json");
	char cache[48], etag[ETAG_SIZE] = "";
	size_t len;
	char *data;

	if (rs->file) {
		r = file_response(rs, &len);
	} else {
		if (rs->body.oom)
			return MHD_NO;
		if (tag_data(ex, rs)) {
			http_etag(rs->body.data, rs->body.len, etag);
			if (http_etag_matches(request_header(&ex->rq,
							     "If-None-Match"),
					      etag)) {
				rs->status = 304; /* the client has these bytes */
				buf_reset(&rs->body);
			}
		}
		data = buf_detach(&rs->body, &len);
		r = MHD_create_response_from_buffer(len, data,
						    MHD_RESPMEM_MUST_FREE);
		if (!r)
			free(data);
	}
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				rs->content_type ? rs->content_type
						 : content_type(FORMAT_HTML));
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Content-Security-Policy",
				api ? csp_api : s->csp_html);
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	if (ex->rq.route && ex->rq.route->localized && !ex->rq.lang_in_path)
		MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Language");
	if (!has_header(rs, "Referrer-Policy"))
		MHD_add_response_header(r, "Referrer-Policy",
					"strict-origin-when-cross-origin");
	if (rs->max_age < 0 || ex->rq.user) /* someone's own: keep nowhere */
		snprintf(cache, sizeof cache, "private, no-store");
	else if (rs->max_age > 0)
		snprintf(cache, sizeof cache, "public, max-age=%d", rs->max_age);
	else
		snprintf(cache, sizeof cache, "no-cache");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
	if (*etag)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	for (int i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(r, rs->headers[i].name,
					rs->headers[i].value);
	ex->status = rs->status;
	ex->bytes_out = len;
	ret = MHD_queue_response(conn, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result reply_error(struct http_server *s, struct exchange *ex,
				   int status, const char *msg)
{
	struct response rs = {.status = status};

	buf_init(&rs.body, 0);
	if (s->opt.error(&ex->rq, &rs, status, msg) < 0 || rs.body.oom) {
		buf_release(&rs.body);
		return MHD_NO;
	}
	return queue(s, ex, &rs);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind,
				   const char *key, size_t key_size,
				   const char *value, size_t value_size)
{
	struct exchange *ex = cls;
	struct request *rq = &ex->rq;
	enum { ARGS_MAX = 64 };

	(void)kind;
	if (!utf8_valid_text(key, key_size) ||
	    (value && !utf8_valid_text(value, value_size)) ||
	    rq->nargs == ARGS_MAX) {
		ex->bad_arg = true;
		return MHD_NO;
	}
	if (!rq->args)
		rq->args = arena_calloc(&rq->arena, ARGS_MAX, sizeof *rq->args);
	if (!rq->args)
		return MHD_NO;
	rq->args[rq->nargs].name = key;
	rq->args[rq->nargs].value = value ? value : "";
	rq->nargs++;
	return MHD_YES;
}

static enum MHD_Result check_header(void *cls, enum MHD_ValueKind kind,
				    const char *key, size_t key_size,
				    const char *value, size_t value_size)
{
	(void)kind;
	if (!utf8_valid_text(key, key_size) ||
	    (value && !utf8_valid_text(value, value_size))) {
		*(bool *)cls = true;
		return MHD_NO;
	}
	return MHD_YES;
}

/* Strips a /xx/ language prefix into rq->lang; without one, the language
 * is the reader's first choice among those offered, else the default. */
static void take_language(struct http_server *s, struct request *rq)
{
	const char *accepted = http_accept_language(
		MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
					    MHD_HTTP_HEADER_ACCEPT_LANGUAGE),
		s->opt.languages);

	rq->lang = accepted ? accepted : s->opt.cfg->default_lang;
	for (const char *const *l = s->opt.languages; *l; l++) {
		size_t n = strlen(*l);
		if (rq->path[0] == '/' && !strncmp(rq->path + 1, *l, n) &&
		    (rq->path[n + 1] == '/' || !rq->path[n + 1])) {
			rq->lang = *l;
			rq->lang_in_path = true;
			rq->path = rq->path[n + 1] ? rq->path + n + 1 : "/";
			return;
		}
	}
}

/* A route the requester's role may not use: people who are not signed
 * in are sent to the sign-in page (HTML) or told to sign in (401); the
 * signed-in are refused (403). */
static enum MHD_Result refuse(struct http_server *s, struct exchange *ex)
{
	struct request *rq = &ex->rq;
	struct response rs = {.status = 303};
	const char *to;
	struct buf next;

	if (rq->role != ROLE_ANONYMOUS)
		return reply_error(s, ex, 403, "Your account may not do this.");
	if (rq->route->format != FORMAT_HTML || strcmp(rq->method, "GET"))
		return reply_error(s, ex, 401, "Sign in first.");
	buf_init(&next, 64);
	html_url_arg(&next, rq->path);
	to = arena_printf(&rq->arena, "%s%s%s/login?next=%s",
			  s->opt.cfg->base_url, rq->lang_in_path ? "/" : "",
			  rq->lang_in_path ? rq->lang : "", next.data);
	buf_release(&next);
	if (!to)
		return MHD_NO;
	buf_init(&rs.body, 0);
	rs.content_type = content_type(FORMAT_HTML);
	response_header(&rs, "Location", to);
	buf_puts(&rs.body, "Sign in first.\n");
	return queue(s, ex, &rs);
}

/* Finds the route as soon as the headers are in: it sets how large a
 * body may be. */
static void route_request(struct http_server *s, struct exchange *ex)
{
	struct request *rq = &ex->rq;

	take_language(s, rq);
	ex->match = router_match(s->opt.routes, s->opt.nroutes, rq->method,
				 rq->path, &rq->arena, &rq->route, rq->params,
				 ex->allow, sizeof ex->allow);
	if (ex->match == MATCH_OK && rq->lang_in_path && !rq->route->localized)
		ex->match = MATCH_NONE;
	if (ex->match != MATCH_OK)
		rq->route = NULL;
}

static unsigned long body_limit(const struct http_server *s,
				const struct exchange *ex)
{
	const struct route *r = ex->rq.route;
	return r && r->uploads ? s->opt.cfg->max_upload : s->opt.cfg->max_body;
}

static enum MHD_Result dispatch(struct http_server *s, struct exchange *ex)
{
	struct request *rq = &ex->rq;
	struct response rs = {.status = 200};
	enum route_match m;
	bool bad_header = false;
	int rc;

	if (!utf8_valid_text(rq->path, strlen(rq->path))) {
		rq->path = "/"; /* never echo the bad bytes */
		rq->route = NULL;
		return reply_error(s, ex, 400, "The address is not valid UTF-8.");
	}
	MHD_get_connection_values_n(rq->conn, MHD_HEADER_KIND, check_header,
				    &bad_header);
	if (bad_header)
		return reply_error(s, ex, 400,
				   "A request header is not valid UTF-8.");
	MHD_get_connection_values_n(rq->conn, MHD_GET_ARGUMENT_KIND,
				    collect_arg, ex);
	if (ex->bad_arg)
		return reply_error(s, ex, 400,
				   "A query parameter is not valid UTF-8 text, "
				   "or there are too many parameters.");
	m = ex->match;
	if (m == MATCH_WRONG_METHOD) {
		struct response er = {.status = 405};
		buf_init(&er.body, 0);
		response_header(&er, "Allow", ex->allow);
		rq->route = NULL;
		if (s->opt.error(rq, &er, 405, "This address does not accept "
					       "that method.") < 0)
			return MHD_NO;
		return queue(s, ex, &er);
	}
	if (m == MATCH_NONE) {
		rq->route = NULL;
		return reply_error(s, ex, 404, "There is no page at this address.");
	}
	rq->role = ROLE_ANONYMOUS;
	if (s->opt.identify && s->opt.identify(rq) < 0)
		return reply_error(s, ex, 500, "Something went wrong on our side; "
					       "it has been logged.");
	if (!(rq->route->roles & rq->role))
		return refuse(s, ex);
	buf_init(&rs.body, 16384); /* most pages fit: no regrowth */
	rs.content_type = content_type(rq->route->format);
	rc = rq->route->handler(rq, &rs);
	if (rc < 0 || (rs.body.oom && !rs.file)) {
		if (rs.file)
			fclose(rs.file);
		buf_release(&rs.body);
		return reply_error(s, ex, 500, "Something went wrong on our side; "
					       "it has been logged.");
	}
	return queue(s, ex, &rs);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct http_server *s = cls;
	struct exchange *ex = calloc(1, sizeof *ex);

	(void)uri;
	if (ex) {
		atomic_fetch_add(&s->in_flight, 1);
		clock_gettime(CLOCK_MONOTONIC, &ex->rq.started);
		ex->rq.conn = conn;
	}
	return ex;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct exchange *ex = *con_cls;
	const struct config *cfg = s->opt.cfg;

	(void)version;
	if (!ex)
		return MHD_NO;
	if (!ex->rq.method) { /* first call: headers are in */
		const char *cl;
		ex->rq.method = method;
		ex->rq.head = !strcmp(method, "HEAD");
		ex->rq.path = url;
		ex->rq.app = s->opt.app;
		ex->rq.conn = conn;
		ex->rq.lang = cfg->default_lang;
		buf_init(&ex->rq.body, 0);
		route_request(s, ex);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						 MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > body_limit(s, ex)) {
			ex->rejected = true;
			return reply_error(s, ex, 413, "The request body is too large.");
		}
		return MHD_YES;
	}
	if (elapsed(&ex->rq.started) > cfg->request_deadline)
		return MHD_NO; /* too slow: drop the connection */
	if (*upload_size) {
		/* Past the limit, keep reading and discarding (bounded), so the
		 * 413 goes out after the body: a response queued mid-upload is
		 * often lost to the reset the unread rest causes. */
		unsigned long limit = body_limit(s, ex);
		ex->rq.body_bytes += *upload_size;
		if (ex->rq.body_bytes <= limit)
			buf_add(&ex->rq.body, upload, *upload_size);
		*upload_size = 0;
		if (ex->rq.body_bytes > limit + BODY_DISCARD_MAX)
			return MHD_NO;
		return MHD_YES;
	}
	if (ex->rejected)
		return MHD_YES;
	if (ex->rq.body_bytes > body_limit(s, ex)) {
		ex->rejected = true;
		return reply_error(s, ex, 413, "The request body is too large.");
	}
	if (ex->rq.body.oom)
		return reply_error(s, ex, 503, "The server is short of memory; "
					       "try again later.");
	return dispatch(s, ex);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct exchange *ex = *con_cls;
	double secs;
	size_t route = s->opt.nroutes;

	if (!ex)
		return;
	*con_cls = NULL;
	secs = elapsed(&ex->rq.started);
	if (ex->rq.route)
		route = (size_t)(ex->rq.route - s->opt.routes);
	if (!ex->status) /* closed before an answer */
		ex->status = toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? 408 : 499;
	metrics_observe(s->opt.metrics, route, ex->status, secs);
	/* The path only: query strings may carry what readers searched for. */
	log_info("access %s %s %s %d %zu %.1fms", request_peer(&ex->rq),
		 ex->rq.method ? ex->rq.method : "-",
		 ex->rq.path ? ex->rq.path : "-", ex->status, ex->bytes_out,
		 secs * 1e3);
	arena_free(&ex->rq.arena);
	buf_release(&ex->rq.body);
	free(ex);
	atomic_fetch_sub(&s->in_flight, 1);
}

static int parse_sockaddr(const struct config *cfg,
			  struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, cfg->listen_addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)cfg->listen_port);
		*len = sizeof *in4;
		return 0;
	}
	if (inet_pton(AF_INET6, cfg->listen_addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)cfg->listen_port);
		*len = sizeof *in6;
		return 0;
	}
	return -1;
}

struct http_server *http_server_start(const struct http_options *opt,
				      struct error *err)
{
	struct http_server *s = calloc(1, sizeof *s);
	const struct config *cfg = opt->cfg;
	struct sockaddr_storage ss;
	socklen_t sslen;
	const union MHD_DaemonInfo *di;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC;

	if (!s) {
		error_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	s->opt = *opt;
	snprintf(s->csp_html, sizeof s->csp_html, csp_html_fmt,
		 opt->img_origin ? " " : "", opt->img_origin ? opt->img_origin : "");
	if (parse_sockaddr(cfg, &ss, &sslen) < 0) {
		error_set(err, ERR_INVALID, "listen address '%s' is not an IP address",
			  cfg->listen_addr);
		goto fail;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)cfg->listen_port, NULL, NULL, on_request, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->max_header,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
		MHD_OPTION_END);
	if (!s->daemon) {
		error_set(err, ERR_IO, "cannot listen on %s:%u (in use, or not "
			  "allowed?)", cfg->listen_addr, cfg->listen_port);
		goto fail;
	}
	di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->listen_port;
	return s;
fail:
	free(s);
	return NULL;
}

unsigned http_server_port(const struct http_server *s)
{
	return s->port;
}

void http_server_stop(struct http_server *s, unsigned grace)
{
	MHD_socket fd;

	if (!s)
		return;
	/* Stop accepting, let requests in flight finish, then close every
	 * connection: idle keep-alive ones have nothing left to lose. */
	fd = MHD_quiesce_daemon(s->daemon);
	for (unsigned i = 0; i < grace * 100 && atomic_load(&s->in_flight); i++)
		usleep(10 * 1000);
	MHD_stop_daemon(s->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	free(s);
}
