/* libFuzzer target: query parameters as the list page and API read them.
 * Input is "name=value&name=value..."; each pair goes through the same
 * validation a request does (UTF-8 check, filter parsing, cursor). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "domain/filter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct practice_filter f = {0};
	struct error err = ERROR_INIT;
	struct cursor c;
	char *save = NULL, *pair;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (pair = strtok_r(text, "&", &save); pair;
	     pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '=');
		const char *value = "";
		int p;

		if (eq) {
			*eq = '\0';
			value = eq + 1;
		}
		if (!utf8_valid_text(pair, strlen(pair)) ||
		    !utf8_valid_text(value, strlen(value)))
			continue;
		if (!strcmp(pair, "cursor")) {
			if (cursor_decode(value, &c, &err) == 0) {
				char again[128];
				struct cursor d;
				cursor_encode(&c, again, sizeof again);
				if (cursor_decode(again, &d, &err) != 0 ||
				    d.id != c.id || d.published_at != c.published_at)
					abort(); /* a cursor must round-trip */
			}
			continue;
		}
		if ((p = filter_param_parse(pair)) >= 0)
			filter_add(&f, (enum filter_param)p, value, &err);
	}
	free(text);
	return 0;
}
