/* export_cache.h - the last bulk export of each format, kept as an
 * temporary file while the catalogue is unchanged, so repeated
 * downloads are sent from it and one export per format is written at a
 * time. Owned by the application; thread-safe. */
#ifndef WEB_EXPORT_CACHE_H
#define WEB_EXPORT_CACHE_H

#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

struct export_cache;

/* Writes one export into out; 0 or an error status. */
typedef int export_fill_fn(void *ctx, FILE *out, struct error *err);

/* Also removes the files a crashed server left (named with its pid). */
struct export_cache *export_cache_new(void);
void export_cache_free(struct export_cache *c);

/* A stream of its own (the caller closes it) on the export of format
 * slot for generation, written with fill when the cached one is older
 * or missing. Waits for a writer of the same slot at most a while, then
 * fails with ERR_TIMEOUT. */
FILE *export_cache_open(struct export_cache *c, unsigned slot,
			int64_t generation, export_fill_fn *fill, void *ctx,
			struct error *err);

#endif
