/* check.h - field checks shared by the domain's validators. Each returns 0
 * or fills err with a message that starts with the field's name. */
#ifndef DOMAIN_CHECK_H
#define DOMAIN_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define TRY(x) do { if ((x) < 0) return ERR_INVALID; } while (0)

/* Valid UTF-8 text of at most max characters; when required, not empty. */
int check_text(const char *field, const char *s, size_t max, bool required,
	       struct error *err);
/* Empty, or an http(s) address. */
int check_url(const char *field, const char *s, struct error *err);
int check_email(const char *field, const char *s, struct error *err);
/* Empty, or YYYY, YYYY-MM, YYYY-MM-DD. */
int check_date(const char *field, const char *s, struct error *err);

#endif
