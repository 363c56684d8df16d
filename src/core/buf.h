/* buf.h - growable byte buffer for building responses and SQL-free text.
 * Invariant: data is never NULL after buf_init and always NUL-terminated.
 * On allocation failure the buffer latches into an error state (oom) and
 * further appends are ignored, so writers check once, at the end. */
#ifndef CORE_BUF_H
#define CORE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap;
	bool oom;
};

void buf_init(struct buf *b, size_t hint);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);
/* Hands the malloc'd data to the caller (free() it) and re-inits b. */
char *buf_detach(struct buf *b, size_t *len);
void buf_release(struct buf *b);

#endif
