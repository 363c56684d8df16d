/* page_cache.h - rendered pages kept in memory, each valid while the
 * catalogue's generation is the one it was rendered at and for a few
 * seconds at most (so view counts on it stay fresh). Thread-safe; sharded
 * so that request threads rarely wait on one another. */
#ifndef WEB_PAGE_CACHE_H
#define WEB_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct page_cache;

/* max_bytes of page bodies in all; entries live at most ttl seconds.
 * NULL when max_bytes or ttl is 0 (caching off) or memory is short. */
struct page_cache *page_cache_new(size_t max_bytes, unsigned ttl);
void page_cache_free(struct page_cache *pc);
/* On a hit appends the body to out and returns true. */
bool page_cache_get(struct page_cache *pc, const char *key,
		    int64_t generation, struct buf *out);
void page_cache_put(struct page_cache *pc, const char *key,
		    int64_t generation, const char *body, size_t len);

#endif
