/* cached.c - serving pages from the page cache when the catalogue has not
 * changed since they were rendered. */
#include <string.h>

#include "core/log.h"
#include "text/html.h"
#include "web/page_cache.h"
#include "web/web.h"

/* Everything that changes the bytes of a page: language, whether links
 * carry the prefix, path and query arguments in order. */
static const char *cache_key(struct request *rq)
{
	struct buf b;
	const char *key;

	buf_init(&b, 256);
	buf_printf(&b, "%s%s|%s", rq->lang, rq->lang_in_path ? "/" : "",
		   rq->path);
	for (size_t i = 0; i < rq->nargs; i++) {
		buf_putc(&b, i ? '&' : '?');
		html_url_arg(&b, rq->args[i].name);
		buf_putc(&b, '=');
		html_url_arg(&b, rq->args[i].value);
	}
	key = b.oom ? NULL : arena_strdup(&rq->arena, b.data);
	buf_release(&b);
	return key;
}

int web_cached(struct request *rq, struct response *rs, http_handler render)
{
	struct app *app = rq->app;
	struct error err = ERROR_INIT;
	struct store *st;
	const char *key;
	int64_t generation;
	int rc;

	/* A request with cookies may be someone's own view: never shared. */
	if (!app->cache || request_header(rq, "Cookie") || !(key = cache_key(rq)))
		return render(rq, rs);
	if (!(st = store_pool_acquire(app->pool)))
		return log_error("no database connection available");
	rc = store_generation(st, &generation, &err);
	store_pool_release(app->pool, st);
	if (rc < 0)
		return log_error("store: %s", err.msg);
	if (page_cache_get(app->cache, key, generation, &rs->body)) {
		rs->status = 200;
		return 0;
	}
	if ((rc = render(rq, rs)) == 0 && rs->status == 200 && !rs->body.oom)
		page_cache_put(app->cache, key, generation, rs->body.data,
			       rs->body.len);
	return rc;
}
