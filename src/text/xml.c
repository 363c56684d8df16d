/* xml.c - escaping for XML 1.0 output. Unlike HTML, XML has characters
 * that no escape can carry (&#1; is as ill-formed as a raw U+0001), so
 * those are dropped rather than escaped: one stray control character in
 * a practice's summary must not make a whole feed unreadable. */
#include "text/xml.h"

#include <string.h>
#include <time.h>

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0
 * when it is malformed (overlong, surrogate, past U+10FFFF, cut short). */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, c = s[0] & 0x1f, min = 0x80;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, c = s[0] & 0x0f, min = 0x800;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

void xml_textn(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	const unsigned char *run = p;

	while (p < end) {
		uint32_t cp = 0;
		size_t len = utf8_seq(p, (size_t)(end - p), &cp);
		const char *rep = NULL;

		if (len == 1) {
			switch (cp) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&apos;"; break;
			case '\t': case '\n': case '\r': break;
			default:
				if (cp < 0x20 || cp == 0x7f)
					rep = ""; /* not a character in XML 1.0 */
			}
		} else if (len == 0) {
			rep = "\xef\xbf\xbd"; /* U+FFFD for each bad byte */
			len = 1;
		} else if (cp == 0xfffe || cp == 0xffff) {
			rep = "";
		}
		if (rep) {
			buf_add(b, run, (size_t)(p - run));
			buf_puts(b, rep);
			run = p + len;
		}
		p += len;
	}
	buf_add(b, run, (size_t)(end - run));
}

void xml_text(struct buf *b, const char *s)
{
	if (s)
		xml_textn(b, s, strlen(s));
}

void xml_element(struct buf *b, const char *name, const char *text)
{
	if (!text || !*text)
		return;
	buf_printf(b, "<%s>", name);
	xml_text(b, text);
	buf_printf(b, "</%s>", name);
}

void xml_datetime(int64_t t, char out[XML_DATETIME_SIZE])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) ||
	    !strftime(out, XML_DATETIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(out, "1970-01-01T00:00:00Z");
}
