/* langdetect.h - which of the catalogue's languages (pl, sl, en, ar) a
 * text is written in, by libexttextcat's n-gram fingerprints. Owns one
 * classifier per process, loaded on first use and kept until exit. */
#ifndef TEXT_LANGDETECT_H
#define TEXT_LANGDETECT_H

#include <stddef.h>

/* Where the fingerprints are looked for (Debian's libexttextcat-data). */
#define LANGDETECT_DIR "/usr/share/libexttextcat/"

/* "pl", "sl", "en" or "ar" (static strings), or NULL when the text is too
 * short, not clearly one of them, or the fingerprints are missing. Reads
 * at most the first few kilobytes. Safe to call from several threads. */
const char *langdetect_guess(const char *text, size_t len);

#endif
