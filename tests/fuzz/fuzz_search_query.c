/* libFuzzer target: the search box's parser. Whatever is typed, the
 * result must be an expression whose every term is a closed quoted
 * string, so nothing typed can become an FTS5 operator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "search/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct search_query q;
	char *text = arena_strndup(&a, (const char *)data, size);

	if (text && utf8_valid_text(text, strlen(text)) &&
	    search_query_parse(&a, text, &q, &err) == 0 && q.match) {
		/* outside quotes only AND, OR, NOT, parentheses, spaces and
		 * the prefix star may appear */
		bool quoted = false;
		for (const char *p = q.match; *p; p++) {
			if (*p == '"') {
				if (quoted && p[1] == '"') {
					p++; /* an escaped quote */
					continue;
				}
				quoted = !quoted;
			} else if (!quoted && !strchr(" ()*ANDORT", *p)) {
				abort();
			}
		}
		if (quoted)
			abort();
		search_query_relaxed(&a, &q);
	}
	arena_free(&a);
	return 0;
}
