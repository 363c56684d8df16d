/* utf8.h - UTF-8 checks used on every piece of outside input. */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 with no NUL and no C0 control
 * character other than tab, LF and CR. */
bool utf8_valid_text(const char *s, size_t len);
/* Number of code points in a valid string (for length limits). */
size_t utf8_length(const char *s);

#endif
