/* routes.c - `praxis routes`: the route table as JSON, so that tests
 * (the authorization matrix), the OpenAPI document and scanners are
 * generated from the one table the server dispatches from. */
#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"
#include "web/web.h"

int cmd_routes(int argc, char **argv)
{
	static const char *const roles[] = {"anonymous", "contributor", "editor",
					    "admin"};
	json_t *all = json_array();
	int rc;

	(void)argv;
	if (argc != 1) {
		fputs("usage: praxis routes\n", stderr);
		return 2;
	}
	for (size_t i = 0; i < web_nroutes; i++) {
		const struct route *r = &web_routes[i];
		json_t *allowed = json_array();
		for (int k = 0; k < 4; k++)
			if (r->roles & (1u << k))
				json_array_append_new(allowed, json_string(roles[k]));
		json_array_append_new(all, json_pack(
			"{s:s, s:s, s:s, s:o, s:s, s:b, s:b}", "name", r->name,
			"method", r->method, "pattern", r->pattern, "roles", allowed,
			"params", r->params, "localized", r->localized,
			"uploads", r->uploads));
	}
	rc = json_dumpf(all, stdout, JSON_INDENT(1)) < 0;
	putchar('\n');
	json_decref(all);
	return rc;
}
