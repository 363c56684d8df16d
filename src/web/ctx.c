/* ctx.c - the per-request context and the error replies. */
#include "web/web.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "web/json.h"
#include "web/layout.h"

int ctx_open(struct ctx *c, struct request *rq, struct response *rs)
{
	struct error err = ERROR_INIT;

	memset(c, 0, sizeof *c);
	c->rq = rq;
	c->rs = rs;
	c->b = &rs->body;
	c->a = &rq->arena;
	c->app = rq->app;
	c->lang = rq->lang;
	c->cat = i18n_catalog(c->app->i18n, rq->lang);
	if (!c->cat)
		c->cat = i18n_catalog(c->app->i18n, "en");
	c->prefix = rq->lang_in_path ? arena_printf(c->a, "/%s", rq->lang) : "";
	c->st = store_pool_acquire(c->app->pool);
	if (!c->st)
		return log_error("no database connection available");
	/* Handlers only read: one snapshot for the whole page, and a bound
	 * on how long it may take. */
	store_set_deadline(c->st, c->app->cfg->query_timeout_ms);
	if (store_read_begin(c->st, &err) < 0) {
		store_pool_release(c->app->pool, c->st);
		c->st = NULL;
		return log_error("store: %s", err.msg);
	}
	return 0;
}

void ctx_close(struct ctx *c)
{
	if (c->st) {
		store_read_end(c->st);
		store_set_deadline(c->st, 0);
	}
	store_pool_release(c->app->pool, c->st);
	c->st = NULL;
}

int ctx_write_begin(struct ctx *c, struct error *err)
{
	store_read_end(c->st);
	return store_begin(c->st, err);
}

const char *T(const struct ctx *c, const char *key)
{
	return catalog_get(c->cat, key);
}

const char *ctx_url(const struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *path;

	va_start(ap, fmt);
	path = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	return arena_printf(c->a, "%s%s", c->prefix, path ? path : "/");
}

static bool wants_json(const struct request *rq)
{
	return rq->path && !strncmp(rq->path, "/api/", 5);
}

static const char *status_code(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 413: return "payload_too_large";
	case 503: return "timeout";
	default: return status >= 500 ? "internal_error" : "error";
	}
}

int web_error(struct request *rq, struct response *rs, int status,
	      const char *message)
{
	struct app *app = rq->app;
	const struct catalog *cat;

	rs->status = status;
	buf_reset(&rs->body);
	if (wants_json(rq)) {
		json_error_body(&rs->body, status_code(status), message);
		rs->content_type = "application/json";
		return 0;
	}
	rs->content_type = "text/html; charset=utf-8";
	cat = i18n_catalog(app->i18n, rq->lang ? rq->lang : "en");
	if (!cat)
		cat = i18n_catalog(app->i18n, "en");
	layout_error_page(&rs->body, cat, rq, status, message);
	return 0;
}

int web_fail(struct ctx *c, int status, const char *message)
{
	return web_error(c->rq, c->rs, status, message);
}

int web_fail_store(struct ctx *c, const struct error *err)
{
	if (err->code == ERR_NOT_FOUND)
		return web_fail(c, 404, T(c, "error.not_found"));
	if (err->code == ERR_TIMEOUT)
		return web_fail(c, 503, T(c, "error.timeout"));
	return log_error("store: %s", err->msg);
}

int web_int_or_reply(struct ctx *c, const char *name, long min, long max,
		     long def, long *out, bool *replied)
{
	const char *v = request_arg(c->rq, name);
	char *end, msg[160];
	long n;

	*out = def;
	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < min || n > max || end == v) {
		snprintf(msg, sizeof msg, "%s: expected a whole number from %ld to %ld",
			 name, min, max);
		*replied = true;
		web_fail(c, 400, msg);
		return -1;
	}
	*out = n;
	return 0;
}

int web_filter_or_reply(struct ctx *c, struct practice_filter *f,
			bool *replied)
{
	struct error err = ERROR_INIT;

	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < c->rq->nargs; i++) {
		int p = filter_param_parse(c->rq->args[i].name);
		if (p < 0)
			continue;
		if (filter_add(f, (enum filter_param)p, c->rq->args[i].value,
			       &err) < 0) {
			*replied = true;
			web_fail(c, 400, err.msg);
			return -1;
		}
	}
	return 0;
}

int web_likeness_or_reply(struct ctx *c, struct likeness *like, bool *replied)
{
	const char *unit = request_arg(c->rq, "my_unit");
	long pop;

	like->unit_type = -1;
	like->population = 0;
	if (unit && *unit &&
	    (like->unit_type = code_parse(unit_type_codes, UNIT__MAX, unit)) < 0) {
		*replied = true;
		web_fail(c, 400, "my_unit: unknown unit type");
		return -1;
	}
	if (web_int_or_reply(c, "my_population", 0, 100000000, 0, &pop, replied) < 0)
		return -1;
	like->population = pop;
	return like->unit_type >= 0 || like->population > 0;
}
