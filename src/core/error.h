/* error.h - the error record that failing functions fill in.
 * Owns nothing: a caller keeps one on the stack and shows its message. */
#ifndef CORE_ERROR_H
#define CORE_ERROR_H

enum error_code {
	ERR_OK = 0,
	ERR_INTERNAL = -1,  /* a bug or a broken environment */
	ERR_NOT_FOUND = -2, /* the record asked for does not exist */
	ERR_INVALID = -3,   /* the input breaks a rule; message names it */
	ERR_CONFLICT = -4,  /* a unique key is taken */
	ERR_IO = -5,        /* the disk or the database failed */
	ERR_VERSION = -6,   /* database schema newer than this binary */
	ERR_TIMEOUT = -7,   /* a query ran past its deadline and was stopped */
};

struct error {
	enum error_code code;
	char msg[512];
};

#define ERROR_INIT {ERR_OK, {0}}

/* Records code and message in err (which may be NULL) and returns code,
 * so that a failure path is one line: return error_set(err, ...). */
int error_set(struct error *err, enum error_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
