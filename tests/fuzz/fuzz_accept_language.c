/* libFuzzer target: Accept-Language headers as clients send them. The
 * answer is one of the offered languages or NULL, whatever the bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const offered[] = {"pl", "en", "sl", "ar", NULL};
	char *header = malloc(size + 1);
	const char *got;

	if (!header)
		return 0;
	memcpy(header, data, size);
	header[size] = '\0';
	got = http_accept_language(header, offered);
	if (got) {
		int known = 0;
		for (int i = 0; offered[i]; i++)
			known |= got == offered[i];
		if (!known)
			abort();
	}
	free(header);
	return 0;
}
