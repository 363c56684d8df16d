/* log.h - one line per event on stderr, with a UTC timestamp and a level.
 * Thread-safe: each line is written with a single stdio call. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs and returns -1, so a failure path reads: return log_error(...). */
int log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
