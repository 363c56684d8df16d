/* libFuzzer target: request paths against the real route table, with the
 * language prefix and method as a request would carry them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/router.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {"GET", "HEAD", "POST", "DELETE"};
	struct arena a = ARENA_INIT;
	const struct route *r = NULL;
	const char *params[ROUTE_PARAMS_MAX] = {0};
	char allow[64], *path;

	if (size < 1)
		return 0;
	path = arena_strndup(&a, (const char *)data + 1, size - 1);
	if (path && utf8_valid_text(path, strlen(path)) &&
	    router_match(web_routes, web_nroutes, methods[data[0] % 4], path,
			 &a, &r, params, allow, sizeof allow) == MATCH_OK) {
		/* placeholders only ever hold what their pattern allows */
		for (int i = 0; i < ROUTE_PARAMS_MAX && params[i]; i++)
			if (strspn(params[i], "abcdefghijklmnopqrstuvwxyz0123456789.-") !=
			    strlen(params[i]) || strstr(params[i], ".."))
				abort();
	}
	arena_free(&a);
	return 0;
}
