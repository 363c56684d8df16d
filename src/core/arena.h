/* arena.h - bump allocator for everything a request or a command needs.
 * The arena owns every block it hands out; arena_free releases them at once. */
#ifndef CORE_ARENA_H
#define CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total; /* bytes obtained from malloc, for metrics and limits */
};

#define ARENA_INIT {0, 0}

/* All allocators return NULL only when malloc fails; memory is zeroed. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Room for one more item in an array of *cap items of size bytes with n
 * in use: returns arr itself while there is room, else a copy twice the
 * size (and updates *cap). NULL when memory runs out. */
void *arena_grow(struct arena *a, void *arr, size_t n, size_t *cap,
		 size_t size);
/* Releases every block; the arena may be used again afterwards. */
void arena_free(struct arena *a);

#endif
