/* libFuzzer target: the search analyzer (the FTS5 tokenizer's core) on
 * arbitrary bytes in every language, checking that every token points at
 * whole characters inside the input and is itself valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "search/analyzer.h"

struct span {
	const uint8_t *data;
	size_t size;
};

static int check(void *ctx, bool colocated, const char *t, size_t n,
		 size_t start, size_t end)
{
	const struct span *s = ctx;

	(void)colocated;
	if (!n || start >= end || end > s->size || !utf8_valid_text(t, n))
		abort();
	if ((s->data[start] & 0xC0) == 0x80)
		abort(); /* offsets must not split a character */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {"pl", "sl", "en", "ar", "xx", NULL};
	struct span s = {data, size};

	if (size < 1)
		return 0;
	/* the first byte picks the language and whether it is a prefix term */
	const char *lang = langs[data[0] % 5];
	analyze_text(lang, data[0] & 0x80 ? ANALYZE_NO_STEMS : 0,
		     (const char *)data + 1, size - 1, check,
		     &(struct span){data + 1, size - 1});
	(void)s;
	return 0;
}
