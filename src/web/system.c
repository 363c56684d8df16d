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
	/* What may be served, with its type: our stylesheets and the map's
	 * scripts (Leaflet from npm, embedded at build time). */
	static const struct {
		const char *name, *type;
	} files[] = {
		{"style.css", "text/css; charset=utf-8"},
		{"print.css", "text/css; charset=utf-8"},
		{"map.js", "text/javascript; charset=utf-8"},
		{"leaflet.js", "text/javascript; charset=utf-8"},
		{"leaflet.css", "text/css; charset=utf-8"},
		{"markercluster.js", "text/javascript; charset=utf-8"},
		{"markercluster.css", "text/css; charset=utf-8"},
		{"markercluster-default.css", "text/css; charset=utf-8"},
	};
	const struct asset *a = NULL;

	for (size_t i = 0; i < sizeof files / sizeof *files && !a; i++)
		if (!strcmp(rq->params[0], files[i].name)) {
			a = asset_find(files[i].name);
			rs->content_type = files[i].type;
		}
	if (!a)
		return web_error(rq, rs, 404, "There is no such file.");
	rs->max_age = 3600;
	buf_add(&rs->body, a->data, a->size);
	return 0;
}
