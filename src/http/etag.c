#include "http/etag.h"

#include <string.h>

#include <sodium.h>

void http_etag(const void *body, size_t len, char out[ETAG_SIZE])
{
	unsigned char h[16];

	/* 128 bits of BLAKE2b: collisions only by design, never by chance */
	crypto_generichash(h, sizeof h, body, len, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, ETAG_SIZE - 2, h, sizeof h);
	out[ETAG_SIZE - 2] = '"';
	out[ETAG_SIZE - 1] = '\0';
}

bool http_etag_matches(const char *header, const char *tag)
{
	size_t n = strlen(tag);
	const char *p = header;

	if (!header)
		return false;
	for (;;) {
		p += strspn(p, " \t,");
		if (!*p)
			return false;
		if (*p == '*')
			return true;
		if (!strncmp(p, "W/", 2)) /* weak comparison: W/ is ignored */
			p += 2;
		if (!strncmp(p, tag, n) &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t'))
			return true;
		p += strcspn(p, ",");
	}
}
