/* web.h - what the page and API handlers share: the application, the
 * per-request context, the route table and the error replies. */
#ifndef WEB_WEB_H
#define WEB_WEB_H

#include <stdint.h>

#include "core/config.h"
#include "domain/token.h"
#include "domain/filter.h"
#include "domain/views.h"
#include "http/http.h"
#include "http/metrics.h"
#include "store/store.h"
#include "text/i18n.h"

/* Process-wide state; built by `praxis serve`, read-only to handlers
 * except through the thread-safe objects it points to. */
struct page_cache;
struct export_cache;

struct app {
	const struct config *cfg;
	struct store_pool *pool;
	struct i18n *i18n;
	struct metrics *metrics;
	struct view_counter *views;
	struct page_cache *cache; /* NULL: pages are always rendered */
	uint8_t secret[SECRET_BYTES]; /* the site's, from the store */
	const char *attachments_dir;  /* where submitted files are kept */
	struct export_cache *exports; /* NULL: every export written anew */
};

/* One request's context: its store connection, language and output. */
struct ctx {
	struct request *rq;
	struct response *rs;
	struct buf *b;       /* the response body */
	struct arena *a;     /* the request's arena */
	struct app *app;
	struct store *st;
	const struct catalog *cat;
	const char *lang;    /* interface language */
	const char *prefix;  /* "" or "/en": prepended to every local link */
};

extern const struct route web_routes[];
extern const size_t web_nroutes;

/* Acquires a store connection; ctx_close gives it back. */
int ctx_open(struct ctx *c, struct request *rq, struct response *rs);
void ctx_close(struct ctx *c);
/* Ends the context's read snapshot and starts a write transaction:
 * handlers that change something call it before they read what they
 * will change, and store_commit at the end. */
int ctx_write_begin(struct ctx *c, struct error *err);
/* Message from the interface catalogue. */
const char *T(const struct ctx *c, const char *key);
/* A local URL with the language prefix, formatted into the arena. */
const char *ctx_url(const struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Answers from the page cache when the catalogue is unchanged since the
 * page was rendered, else calls render and keeps a 200 answer. */
int web_cached(struct request *rq, struct response *rs, http_handler render);

/* The server's error callback: an HTML page, or JSON under /api/. */
int web_error(struct request *rq, struct response *rs, int status,
	      const char *message);
/* Replaces whatever was written with an error reply; returns 0, so a
 * handler can `return web_fail(c, 404, ...)`. */
int web_fail(struct ctx *c, int status, const char *message);
/* Maps a store error to a reply: not found → 404, others → -1 (500). */
int web_fail_store(struct ctx *c, const struct error *err);

/* Reads the filter parameters of the list page and the API. On a bad
 * value it has already replied 400 naming the parameter, and returns -1
 * with *replied set. */
int web_filter_or_reply(struct ctx *c, struct practice_filter *f,
			bool *replied);
/* The reader's own unit for "from municipalities like yours" (my_unit,
 * my_population). Returns 1 when given, 0 when not, -1 after a 400. */
int web_likeness_or_reply(struct ctx *c, struct likeness *like, bool *replied);
/* An integer parameter in [min, max]; def when absent. Replies 400 on a
 * malformed value (returns -1, *replied set). */
int web_int_or_reply(struct ctx *c, const char *name, long min, long max,
		     long def, long *out, bool *replied);

#endif
