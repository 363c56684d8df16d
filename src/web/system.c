/* system.c - health, metrics and the embedded static files. */
#include <string.h>

#include "core/assets.h"
#include "web/pages.h"

int sys_healthz(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	struct store_totals t;
	int rc;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rs->content_type = "application/json";
	if (store_totals(c.st, &t, &err) < 0) {
		rs->status = 503;
		buf_puts(c.b, "{\"status\":\"unavailable\"}\n");
	} else {
		buf_printf(c.b, "{\"status\":\"ok\",\"schema\":%d,\"practices\":%lld}\n",
			   store_schema_version(c.st), (long long)t.practices);
	}
	rc = 0;
	ctx_close(&c);
	return rc;
}

int sys_metrics(struct request *rq, struct response *rs)
{
	struct app *app = rq->app;

	metrics_render(app->metrics, &rs->body);
	return 0;
}

int sys_static(struct request *rq, struct response *rs)
{
	static const char *const allowed[] = {"style.css", "print.css", NULL};
	const struct asset *a = NULL;

	for (int i = 0; allowed[i]; i++)
		if (!strcmp(rq->params[0], allowed[i]))
			a = asset_find(allowed[i]);
	if (!a)
		return web_error(rq, rs, 404, "There is no such file.");
	rs->content_type = "text/css; charset=utf-8";
	rs->max_age = 3600;
	buf_add(&rs->body, a->data, a->size);
	return 0;
}
