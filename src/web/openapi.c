/* openapi.c - /api/v1/openapi.json: the route table's API routes as an
 * OpenAPI 3.1 document, completed from the embedded data/openapi.json.
 * DESIGN.md: the table is the single source, so a route added there is
 * in the document at once, and the e2e tests notice what it lacks. */
#include "web/openapi.h"

#include <stdio.h>
#include <string.h>

#include "core/assets.h"
#include "core/log.h"
#include "web/json.h"
#include "web/pages.h"
#include "web/web.h"

#ifndef PRAXIS_VERSION
#define PRAXIS_VERSION "0"
#endif

static const char api_prefix[] = "/api/v1/";

const char *openapi_licence_name(const char *uri)
{
	static const struct {
		const char *uri, *name;
	} known[] = {
		{"https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"},
		{"https://creativecommons.org/licenses/by-sa/4.0/", "CC-BY-SA-4.0"},
		{"https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"},
		{"https://opendatacommons.org/licenses/odbl/1-0/", "ODbL-1.0"},
	};

	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (!strcmp(uri, known[i].uri))
			return known[i].name;
	return uri;
}

/* A response of the data file: a $ref is taken as it is; else
 * {description, schema, content_type} becomes an OpenAPI response (or
 * {description, content} for several media types, as OpenAPI has it),
 * with the ETag header on a 200 (src/http/etag.h). */
static json_t *response_of(const char *status, json_t *spec)
{
	json_t *schema = json_object_get(spec, "schema");
	json_t *content = json_object_get(spec, "content");
	json_t *text = json_object_get(spec, "description");
	const char *type = json_string_value(json_object_get(spec,
							     "content_type"));
	json_t *r;

	if (json_object_get(spec, "$ref"))
		return json_deep_copy(spec);
	r = json_pack("{s:s}", "description", json_is_string(text)
		      ? json_string_value(text) : "(not described yet)");
	if (!r)
		return NULL;
	if (content)
		json_object_set(r, "content", content);
	else if (schema)
		json_object_set_new(r, "content", json_pack("{s:{s:O}}",
				    type ? type : "application/json", "schema",
				    schema));
	if (!strcmp(status, "200"))
		json_object_set_new(r, "headers", json_pack("{s:{s:s}}", "ETag",
				    "$ref", "#/components/headers/ETag"));
	return r;
}

/* One parameter: name's entry of the operation, else of the shared
 * table (tbl), over {name, in, required}. */
static json_t *parameter_of(const char *name, const char *in, json_t *own,
			    json_t *tbl)
{
	json_t *spec = json_object_get(own, name), *p;
	const char *k;
	json_t *v;

	if (!spec)
		spec = json_object_get(tbl, name);
	p = json_pack("{s:s,s:s}", "name", name, "in", in);
	if (!p)
		return NULL;
	if (!strcmp(in, "path"))
		json_object_set_new(p, "required", json_true());
	json_object_foreach(spec, k, v)
		json_object_set(p, k, v);
	if (!json_object_get(p, "schema"))
		json_object_set_new(p, "schema", json_pack("{s:s}", "type", "string"));
	if (!json_object_get(p, "description"))
		json_object_set_new(p, "description",
				    json_string("(not described yet)"));
	return p;
}

/* The OpenAPI path of a route pattern, and its path parameters: every
 * {placeholder} keeps its name, numbered from the second of a kind on
 * (OpenAPI wants them unique within a path). */
static void path_of(const char *pattern, json_t *params, json_t *data,
		    struct buf *path)
{
	json_t *seen = json_object();
	const char *p = pattern;

	while (*p) {
		const char *end;
		char name[32];
		json_int_t k;
		json_t *param;

		if (*p != '{' || !(end = strchr(p, '}')) ||
		    (size_t)(end - p - 1) >= sizeof name - 4) {
			buf_putc(path, *p++);
			continue;
		}
		memcpy(name, p + 1, (size_t)(end - p - 1));
		name[end - p - 1] = '\0';
		k = json_integer_value(json_object_get(seen, name)) + 1;
		json_object_set_new(seen, name, json_integer(k));
		param = parameter_of(name, "path", NULL,
				     json_object_get(data, "path_parameters"));
		if (k > 1) {
			size_t l = strlen(name);
			snprintf(name + l, sizeof name - l, "%d", (int)k);
			json_object_set_new(param, "name", json_string(name));
		}
		buf_printf(path, "{%s}", name);
		json_array_append_new(params, param);
		p = end + 1;
	}
	json_decref(seen);
}

/* The operation of route r; params (its path parameters, stolen) gets
 * the query parameters after them. */
static json_t *operation_of(const struct route *r, json_t *data,
			    json_t *params)
{
	json_t *ops = json_object_get(data, "operations");
	json_t *spec = json_object_get(ops, r->name);
	json_t *own = json_object_get(spec, "parameters");
	json_t *shared = json_object_get(data, "parameters");
	json_t *op, *responses, *v;
	const char *k, *p = r->params;

	op = json_pack("{s:s,s:s}", "operationId", r->name, "summary",
		       json_string_value(json_object_get(spec, "summary"))
		       ? json_string_value(json_object_get(spec, "summary"))
		       : r->name);
	if (!op) {
		json_decref(params);
		return NULL;
	}
	if ((v = json_object_get(spec, "description")))
		json_object_set(op, "description", v);
	if ((v = json_object_get(spec, "tags")))
		json_object_set(op, "tags", v);
	/* the query parameters, in the table's order */
	while (p && *p) {
		size_t l;
		char name[64];

		p += strspn(p, " ");
		if (!(l = strcspn(p, " ")))
			break;
		snprintf(name, sizeof name, "%.*s", (int)l, p);
		p += l;
		json_array_append_new(params, parameter_of(name, "query", own,
							   shared));
	}
	if (json_array_size(params))
		json_object_set_new(op, "parameters", params);
	else
		json_decref(params);
	responses = json_object();
	json_object_foreach(json_object_get(data, "common_responses"), k, v)
		json_object_set_new(responses, k, response_of(k, v));
	json_object_foreach(json_object_get(spec, "responses"), k, v)
		json_object_set_new(responses, k, response_of(k, v));
	if (!json_object_size(responses)) /* not described: at least this */
		json_object_set_new(responses, "default", json_pack(
			"{s:s}", "description", "(not described yet)"));
	json_object_set_new(op, "responses", responses);
	return op;
}

json_t *openapi_build(const struct route *routes, size_t n, const char *data,
		      size_t len, const struct openapi_info *info,
		      struct error *err)
{
	json_error_t jerr;
	json_t *d = json_loadb(data, len, 0, &jerr), *doc = NULL, *in, *paths;
	struct buf path;

	buf_init(&path, 64);
	if (!json_is_object(d)) {
		error_set(err, ERR_INVALID, "openapi data, line %d: %s",
			  jerr.line, jerr.text);
		goto out;
	}
	in = json_deep_copy(json_object_get(d, "info"));
	if (!json_is_object(in))
		in = json_object();
	json_object_set_new(in, "version", json_string(info->version));
	if (info->licence && *info->licence)
		json_object_set_new(in, "license", json_pack("{s:s,s:s}",
			"name", openapi_licence_name(info->licence),
			"url", info->licence));
	if (info->operator && *info->operator)
		json_object_set_new(in, "contact", json_pack("{s:s}", "name",
				    info->operator));
	paths = json_object();
	for (size_t i = 0; i < n; i++) {
		const struct route *r = &routes[i];
		json_t *params, *item, *op;
		char method[8];

		if (strncmp(r->pattern, api_prefix, sizeof api_prefix - 1))
			continue;
		params = json_array();
		buf_reset(&path);
		path_of(r->pattern, params, d, &path);
		if (!(op = operation_of(r, d, params)))
			continue;
		snprintf(method, sizeof method, "%s", r->method);
		for (char *m = method; *m; m++)
			*m = (char)(*m | 0x20);
		if (!(item = json_object_get(paths, path.data))) {
			item = json_object();
			json_object_set_new(paths, path.data, item);
		}
		json_object_set_new(item, method, op);
	}
	doc = json_pack("{s:s,s:o,s:[{s:s}],s:[],s:O*,s:o,s:O*}",
		"openapi", "3.1.0", "info", in, "servers", "url", "/",
		"security", "tags", json_object_get(d, "tags"), "paths", paths,
		"components", json_object_get(d, "components"));
	if (!doc)
		error_set(err, ERR_INTERNAL, "openapi: out of memory");
out:
	buf_release(&path);
	json_decref(d);
	return doc;
}

int api_openapi(struct request *rq, struct response *rs)
{
	struct app *app = rq->app;
	const struct asset *a = asset_find("openapi.json");
	struct error err = ERROR_INIT;
	struct openapi_info info = {
		.version = PRAXIS_VERSION,
		.operator = app->cfg->operator_name,
		.licence = app->cfg->data_licence,
	};
	json_t *doc;

	if (!a)
		return log_error("openapi: data/openapi.json is not embedded");
	if (!(doc = openapi_build(web_routes, web_nroutes, (const char *)a->data,
				  a->size, &info, &err)))
		return log_error("%s", err.msg);
	/* no max-age: after an upgrade clients must see the new one at
	 * once; the ETag makes asking again cheap */
	return json_emit(&rs->body, doc);
}
