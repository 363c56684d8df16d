/* xml.h - text written into XML documents (Atom feeds, OAI-PMH): the
 * escaping and character rules of XML 1.0, and its date-time form. */
#ifndef TEXT_XML_H
#define TEXT_XML_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Character data or an attribute value in double quotes: escapes
 * & < > " ' and drops what XML 1.0 cannot carry even escaped (C0
 * controls but tab, LF and CR; U+FFFE, U+FFFF; malformed UTF-8, which
 * becomes U+FFFD). NULL writes nothing. */
void xml_textn(struct buf *b, const char *s, size_t n);
void xml_text(struct buf *b, const char *s);
/* <name>text</name>, text escaped; nothing at all when text is NULL
 * or empty (optional elements). name is a literal. */
void xml_element(struct buf *b, const char *name, const char *text);
/* "2026-11-27T07:30:53Z" (RFC 3339, UTC, whole seconds) from unix
 * seconds, into out (at least XML_DATETIME_SIZE bytes). */
enum { XML_DATETIME_SIZE = 24 };
void xml_datetime(int64_t t, char out[XML_DATETIME_SIZE]);

#endif
