/* routes.c - every route of praxis in one table: the server dispatches
 * from it, and tests, the OpenAPI document and scanners' target lists
 * are generated from it. */
#include "web/pages.h"
#include "web/web.h"

#define FILTERS "category region unit initiator lang year"
#define SIGNED_IN (ROLE_CONTRIBUTOR | ROLE_EDITOR | ROLE_ADMIN)
#define EDITORS (ROLE_EDITOR | ROLE_ADMIN)

const struct route web_routes[] = {
	{"home", "GET", "/", page_home, FORMAT_HTML, ROLE_ANY, "", true, false},
	{"practice_list", "GET", "/practices", page_practice_list, FORMAT_HTML,
	 ROLE_ANY, FILTERS " page", true, false},
	{"practice", "GET", "/practices/{id}", page_practice, FORMAT_HTML,
	 ROLE_ANY, "", true, false},
	{"practice_full", "GET", "/practices/{id}/full", page_practice_full,
	 FORMAT_HTML, ROLE_ANY, "", true, false},
	{"categories", "GET", "/categories", page_categories, FORMAT_HTML,
	 ROLE_ANY, "", true, false},
	{"category", "GET", "/categories/{slug}", page_category, FORMAT_HTML,
	 ROLE_ANY, "page", true, false},
	{"organisation", "GET", "/organisations/{id}", page_organisation,
	 FORMAT_HTML, ROLE_ANY, "", true, false},
	{"search", "GET", "/search", page_search, FORMAT_HTML, ROLE_ANY,
	 "q " FILTERS " page my_unit my_population", true, false},
	{"login", "GET", "/login", page_login, FORMAT_HTML, ROLE_ANY, "next",
	 true, false},
	{"login_post", "POST", "/login", page_login_post, FORMAT_HTML, ROLE_ANY,
	 "", true, false},
	{"logout", "POST", "/logout", page_logout, FORMAT_HTML, SIGNED_IN, "",
	 true, false},
	{"submit", "GET", "/submit", page_submit, FORMAT_HTML, ROLE_ANY, "",
	 true, false},
	{"submit_post", "POST", "/submit", page_submit_post, FORMAT_HTML,
	 ROLE_ANY, "", true, true},
	{"track", "GET", "/track/{slug}", page_track, FORMAT_HTML, ROLE_ANY,
	 "new", true, false},
	{"queue", "GET", "/editor/queue", page_queue, FORMAT_HTML, EDITORS,
	 "status older page", true, false},
	{"review", "GET", "/editor/practices/{id}", page_review, FORMAT_HTML,
	 EDITORS, "", true, false},
	{"decision", "POST", "/editor/practices/{id}/decision",
	 page_decision_post, FORMAT_HTML, EDITORS, "", true, false},
	{"attachment", "GET", "/editor/attachments/{id}", page_attachment,
	 FORMAT_ASSET, EDITORS, "", false, false},
	{"audit", "GET", "/admin/audit", page_audit, FORMAT_HTML, ROLE_ADMIN,
	 "action actor object_type object_id before", true, false},
	{"api_practices", "GET", "/api/v1/practices", api_practices, FORMAT_JSON,
	 ROLE_ANY, FILTERS " limit cursor hl", false, false},
	{"api_practice", "GET", "/api/v1/practices/{id}", api_practice,
	 FORMAT_JSON, ROLE_ANY, "hl", false, false},
	{"api_vocabularies", "GET", "/api/v1/vocabularies", api_vocabularies,
	 FORMAT_JSON, ROLE_ANY, "hl", false, false},
	{"api_search", "GET", "/api/v1/search", api_search, FORMAT_JSON,
	 ROLE_ANY, "q " FILTERS " limit page hl my_unit my_population", false, false},
	{"api_organisation", "GET", "/api/v1/organisations/{id}",
	 api_organisation, FORMAT_JSON, ROLE_ANY, "hl", false, false},
	{"healthz", "GET", "/healthz", sys_healthz, FORMAT_JSON, ROLE_ANY, "",
	 false, false},
	{"metrics", "GET", "/metrics", sys_metrics, FORMAT_TEXT, ROLE_ANY, "",
	 false, false},
	{"static", "GET", "/static/{file}", sys_static, FORMAT_ASSET, ROLE_ANY,
	 "", false, false},
};

const size_t web_nroutes = sizeof web_routes / sizeof *web_routes;
