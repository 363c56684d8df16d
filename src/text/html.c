#include "text/html.h"

#include <string.h>
#include <strings.h>

void html_textn(struct buf *b, const char *s, size_t n)
{
	/* Runs between special characters are appended whole. */
	static const char special[256] = {
		['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
	};
	const char *run = s, *end = s + n;

	for (; s < end; s++) {
		const char *rep;
		if (!special[(unsigned char)*s])
			continue;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = "&#39;"; break;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(end - run));
}

void html_text(struct buf *b, const char *s)
{
	if (s)
		html_textn(b, s, strlen(s));
}

void html_attr(struct buf *b, const char *s)
{
	html_text(b, s);
}

void html_url_arg(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
		    c == '~') {
			buf_putc(b, (char)c);
		} else {
			char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_add(b, enc, 3);
		}
	}
}

void html_link(struct buf *b, const char *href, const char *text)
{
	buf_puts(b, "<a href=\"");
	html_attr(b, href);
	buf_puts(b, "\">");
	html_text(b, text);
	buf_puts(b, "</a>");
}

void html_option(struct buf *b, const char *value, const char *label,
		 int selected)
{
	buf_puts(b, "<option value=\"");
	html_attr(b, value);
	buf_puts(b, selected ? "\" selected>" : "\">");
	html_text(b, label);
	buf_puts(b, "</option>");
}

int html_url_is_safe(const char *s)
{
	return s && (!strncasecmp(s, "https://", 8) ||
		     !strncasecmp(s, "http://", 7));
}
