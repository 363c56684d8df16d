/* etag.h - entity tags for the answers of data routes (RFC 9110 8.8.3):
 * a hash of the body, and whether If-None-Match already names it. */
#ifndef HTTP_ETAG_H
#define HTTP_ETAG_H

#include <stdbool.h>
#include <stddef.h>

enum { ETAG_SIZE = 35 }; /* '"' + 32 hex digits + '"' + NUL */

/* A strong tag of the bytes: the same body always gets the same tag. */
void http_etag(const void *body, size_t len, char out[ETAG_SIZE]);
/* Whether header (If-None-Match: a list of tags, or "*") matches tag,
 * with the weak comparison of RFC 9110 13.1.2. NULL never matches. */
bool http_etag_matches(const char *header, const char *tag);

#endif
