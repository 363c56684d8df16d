/* assets.h - files compiled into the binary (seed data, CSS, catalogues).
 * The generated assets_data.c owns the bytes; they live for the process. */
#ifndef CORE_ASSETS_H
#define CORE_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name;
	const unsigned char *data; /* NUL-terminated for convenience */
	size_t size;
};

extern const struct asset assets[];

/* The asset called name, or NULL. */
const struct asset *asset_find(const char *name);

#endif
