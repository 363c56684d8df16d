/* routes.c - every route of praxis in one table: the server dispatches
 * from it, and tests, the OpenAPI document and scanners' target lists
 * are generated from it. */
#include "web/pages.h"
#include "web/web.h"

#define FILTERS "category region unit initiator lang year"

const struct route web_routes[] = {
	{"home", "GET", "/", page_home, FORMAT_HTML, ROLE_ANY, "", true},
	{"practice_list", "GET", "/practices", page_practice_list, FORMAT_HTML,
	 ROLE_ANY, FILTERS " page", true},
	{"practice", "GET", "/practices/{id}", page_practice, FORMAT_HTML,
	 ROLE_ANY, "", true},
	{"practice_full", "GET", "/practices/{id}/full", page_practice_full,
	 FORMAT_HTML, ROLE_ANY, "", true},
	{"categories", "GET", "/categories", page_categories, FORMAT_HTML,
	 ROLE_ANY, "", true},
	{"category", "GET", "/categories/{slug}", page_category, FORMAT_HTML,
	 ROLE_ANY, "page", true},
	{"organisation", "GET", "/organisations/{id}", page_organisation,
	 FORMAT_HTML, ROLE_ANY, "", true},
	{"search", "GET", "/search", page_search, FORMAT_HTML, ROLE_ANY,
	 "q " FILTERS " page my_unit my_population", true},
	{"api_practices", "GET", "/api/v1/practices", api_practices, FORMAT_JSON,
	 ROLE_ANY, FILTERS " limit cursor hl", false},
	{"api_practice", "GET", "/api/v1/practices/{id}", api_practice,
	 FORMAT_JSON, ROLE_ANY, "hl", false},
	{"api_vocabularies", "GET", "/api/v1/vocabularies", api_vocabularies,
	 FORMAT_JSON, ROLE_ANY, "hl", false},
	{"api_search", "GET", "/api/v1/search", api_search, FORMAT_JSON,
	 ROLE_ANY, "q " FILTERS " limit page hl my_unit my_population", false},
	{"api_organisation", "GET", "/api/v1/organisations/{id}",
	 api_organisation, FORMAT_JSON, ROLE_ANY, "hl", false},
	{"healthz", "GET", "/healthz", sys_healthz, FORMAT_JSON, ROLE_ANY, "",
	 false},
	{"metrics", "GET", "/metrics", sys_metrics, FORMAT_TEXT, ROLE_ANY, "",
	 false},
	{"static", "GET", "/static/{file}", sys_static, FORMAT_ASSET, ROLE_ANY,
	 "", false},
};

const size_t web_nroutes = sizeof web_routes / sizeof *web_routes;
