/* libFuzzer target: If-None-Match headers as clients send them, against
 * the tag of a fixed body. Whatever the bytes, no crash, and a header
 * that is exactly the tag, alone or after other tags, always matches. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/etag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char tag[ETAG_SIZE];
	char *header = malloc(size + ETAG_SIZE + 2);
	size_t n;

	if (!header)
		return 0;
	http_etag("{}", 2, tag);
	memcpy(header, data, size);
	header[size] = '\0';
	(void)http_etag_matches(header, tag);
	/* the tag appended as one more list member must be found */
	n = strlen(header); /* up to the input's first NUL */
	header[n] = ',';
	memcpy(header + n + 1, tag, ETAG_SIZE);
	if (!http_etag_matches(header, tag))
		abort();
	free(header);
	return 0;
}
