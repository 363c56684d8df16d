/* export.c - /api/v1/export: every published practice as a data set
 * (JSON) or CSV, as a download. The body is written to a temporary
 * file and sent from there, so a catalogue of any size never
 * sits in memory; the file is kept while the catalogue is unchanged
 * (export_cache), and an unchanged catalogue answers 304 to its ETag. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/export.h"
#include "http/etag.h"
#include "web/export_cache.h"
#include "web/pages.h"

/* Generous: the whole catalogue, where a page has seconds. */
enum { EXPORT_DEADLINE_MS = 10 * 60 * 1000 };

static const char *const content_types[EXPORT__MAX] = {
	"application/json",
	"text/csv; charset=utf-8; header=present",
	"text/csv; charset=utf-8; header=present",
};

struct export_job {
	struct ctx *c;
	enum export_format fmt;
};

static int fill(void *ctx, FILE *out, struct error *err)
{
	struct export_job *job = ctx;

	return export_write(job->c->st, job->fmt, job->c->app->cfg->base_url,
			    out, err);
}

/* The export as a stream at its start: the cached one, or a new one. */
static FILE *export_open(struct ctx *c, enum export_format fmt,
			 int64_t generation, struct error *err)
{
	struct export_job job = {c, fmt};
	FILE *f;

	if (c->app->exports)
		return export_cache_open(c->app->exports, fmt, generation,
					 fill, &job, err);
	if (!(f = tmpfile())) {
		error_set(err, ERR_IO, "export: no temporary file");
		return NULL;
	}
	if (fill(&job, f, err) < 0) {
		fclose(f);
		return NULL;
	}
	return f;
}

int api_export(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	const char *format = request_arg(rq, "format"), *etag, *match;
	int64_t generation;
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f = NULL;
	int fmt, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	fmt = code_parse(export_format_codes, EXPORT__MAX,
			 format && *format ? format : "json");
	if (fmt < 0) {
		rc = web_fail(&c, 400, "format: expected json, csv or csv-excel");
		goto out;
	}
	if (store_generation(c.st, &generation, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	etag = arena_printf(c.a, "\"export-%s-%lld\"", export_format_codes[fmt],
			    (long long)generation);
	match = request_header(rq, "If-None-Match");
	if (http_etag_matches(match, etag)) {
		response_header(rs, "ETag", etag);
		rs->status = 304;
		rc = 0;
		goto out;
	}
	store_set_deadline(c.st, EXPORT_DEADLINE_MS);
	if (!(f = export_open(&c, fmt, generation, &err))) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	response_header(rs, "Content-Disposition",
			arena_printf(c.a, "attachment; filename=\"praxis-practices"
				     "-%s.%s\"", day, fmt == EXPORT_JSON ? "json"
				     : "csv"));
	response_header(rs, "ETag", etag);
	rs->content_type = content_types[fmt];
	rs->file = f;
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}
