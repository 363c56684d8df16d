/* router.h - matching a path against the route table. */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

#include "http/http.h"

enum route_match { MATCH_NONE, MATCH_OK, MATCH_WRONG_METHOD };

/* Finds the route for method and path; on MATCH_OK *out is the route and
 * the placeholders' values are copied into params (in arena a). On
 * MATCH_WRONG_METHOD, allow receives the methods the path accepts. */
enum route_match router_match(const struct route *routes, size_t n,
			      const char *method, const char *path,
			      struct arena *a, const struct route **out,
			      const char *params[ROUTE_PARAMS_MAX],
			      char *allow, size_t allow_cap);

#endif
