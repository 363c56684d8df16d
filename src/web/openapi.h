/* openapi.h - the OpenAPI 3.1 description of /api/v1. Paths, methods,
 * operationIds and query parameters come from the route table; words,
 * types and response shapes from data/openapi.json, keyed by route name. */
#ifndef WEB_OPENAPI_H
#define WEB_OPENAPI_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"
#include "http/http.h"

struct openapi_info {
	const char *version;  /* of praxis */
	const char *operator; /* who runs the site; "" or NULL: no contact */
	const char *licence;  /* URI of the data's licence; "" or NULL: none */
};

/* The document for the routes under /api/v1/ of routes[0..n), with the
 * hand-written parts data[0..len) (JSON). A route or parameter the data
 * does not describe still appears, with a placeholder description, so
 * the document never lacks what the server answers (tests forbid such
 * gaps). NULL with err filled when data is not valid. Caller decrefs. */
json_t *openapi_build(const struct route *routes, size_t n, const char *data,
		      size_t len, const struct openapi_info *info,
		      struct error *err);

/* A short name for a licence URI ("CC-BY-4.0"), or the URI itself. */
const char *openapi_licence_name(const char *uri);

#endif
