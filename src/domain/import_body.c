/* import_body.c - an imported page's text as Markdown: headings,
 * paragraphs, numbered stages and bullets as lists, with what would
 * start markup escaped; beside it the plain text and the paragraphs
 * alone, which the summary is taken from. */
#include "domain/import_page.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

enum { SUMMARY_SOFT = 160, SUMMARY_HARD = 300 };

void import_body_init(struct import_body *b)
{
	buf_init(&b->md, 4096);
	buf_init(&b->plain, 4096);
	buf_init(&b->paras, 4096);
	b->list = 0;
}

void import_body_release(struct import_body *b)
{
	buf_release(&b->md);
	buf_release(&b->plain);
	buf_release(&b->paras);
}

bool import_body_oom(const struct import_body *b)
{
	return b->md.oom || b->plain.oom || b->paras.oom;
}

/* Markdown text: what would start markup is escaped. */
static void md_text(struct buf *out, const char *s, bool line_start)
{
	if (line_start) {
		size_t d = strspn(s, "0123456789");
		if (strchr("#+-=>|", *s) && *s)
			buf_putc(out, '\\');
		else if (d && d < 10 && (s[d] == '.' || s[d] == ')')) {
			buf_add(out, s, d);
			buf_putc(out, '\\');
			s += d;
		}
	}
	for (; *s; s++) {
		if (strchr("\\`*_[]<>", *s))
			buf_putc(out, '\\');
		buf_putc(out, *s == '\n' ? ' ' : *s);
	}
}

/* "3. text" or "3) text" at the start of a line: its number, and where
 * the text starts. */
static int numbered(const char *s, const char **rest)
{
	size_t d = strspn(s, "0123456789");

	if (!d || d > 2 || (s[d] != '.' && s[d] != ')') || s[d + 1] != ' ')
		return 0;
	*rest = s + d + 2 + strspn(s + d + 2, " ");
	return atoi(s);
}

static void plain_add(struct import_body *b, const char *s)
{
	if (b->plain.len)
		buf_putc(&b->plain, '\n');
	buf_puts(&b->plain, s);
}

/* One list item or paragraph of the body. b->list: the kind of the run
 * of items being written (0 none, 1 numbered, 2 bullets). */
static void body_item(struct import_body *b, int kind, int number,
		      const char *text)
{
	struct buf *o = &b->md;

	if (o->len && (kind != b->list || !kind))
		buf_puts(o, "\n\n");
	else if (o->len)
		buf_putc(o, '\n');
	b->list = kind;
	if (kind == 1)
		buf_printf(o, "%d. ", number > 0 ? number : 1);
	else if (kind == 2)
		buf_puts(o, "- ");
	md_text(o, text, kind == 0);
	plain_add(b, text);
	if (!kind && text[strlen(text) - 1] != ':') { /* not a list's lead */
		if (b->paras.len)
			buf_putc(&b->paras, '\n');
		buf_puts(&b->paras, text);
	}
}

/* A block's lines: numbered lines are list items, bullets too, other
 * consecutive lines one paragraph. */
int import_body_para(struct import_body *b, struct arena *a, const char *text,
		     size_t skip_lines)
{
	struct buf para;
	const char *t = text;

	buf_init(&para, 256);
	for (size_t line = 0; *t; line++) {
		size_t n = strcspn(t, "\n");
		char *s = arena_strndup(a, t, n);
		const char *rest;
		int num;

		t += n + (t[n] == '\n');
		if (!s)
			return -1;
		if (line < skip_lines)
			continue;
		num = numbered(s, &rest);
		if (num || !strncmp(s, "- ", 2) || !strncmp(s, "\xe2\x80\xa2 ", 4)) {
			if (para.len) {
				body_item(b, 0, 0, para.data);
				buf_reset(&para);
			}
			if (!num)
				rest = s + (s[0] == '-' ? 2 : 4);
			body_item(b, num ? 1 : 2, num, rest);
			continue;
		}
		if (para.len)
			buf_putc(&para, ' ');
		buf_puts(&para, s);
	}
	if (para.len)
		body_item(b, 0, 0, para.data);
	buf_release(&para);
	return 0;
}

void import_body_heading(struct import_body *b, const char *text)
{
	if (b->md.len)
		buf_puts(&b->md, "\n\n");
	buf_puts(&b->md, "## ");
	md_text(&b->md, text, false);
	plain_add(b, text);
	b->list = 0;
}

void import_body_item(struct import_body *b, int number, const char *text)
{
	body_item(b, number ? 1 : 2, number, text);
}

/* The first sentences of the body's paragraphs, up to about 160-300
 * characters; the title when there is no text. */
char *import_summary(struct arena *a, const char *plain, const char *title)
{
	struct buf s;
	const char *p = plain;
	char *out;

	buf_init(&s, SUMMARY_HARD + 8);
	while (*p && s.len < SUMMARY_SOFT) {
		size_t n = 0;
		/* a sentence ends with ". ", "! ", "? " or the line */
		while (p[n] && p[n] != '\n' &&
		       !(strchr(".!?", p[n]) && (p[n + 1] == ' ' || p[n + 1] == '\n' || !p[n + 1])))
			n++;
		if (p[n] && p[n] != '\n')
			n++;
		if (s.len && s.len + 1 + n > SUMMARY_HARD)
			break;
		if (s.len)
			buf_putc(&s, ' ');
		buf_add(&s, p, n);
		p += n;
		p += strspn(p, " \n");
	}
	if (!s.len)
		buf_puts(&s, title);
	if (s.len > SUMMARY_HARD) { /* one long sentence: cut at a word */
		size_t n = SUMMARY_HARD - 3;
		while (n > SUMMARY_HARD / 2 && s.data[n] != ' ')
			n--;
		while (n && ((unsigned char)s.data[n] & 0xC0) == 0x80)
			n--;
		s.len = n;
		s.data[n] = '\0';
		buf_puts(&s, "\xe2\x80\xa6"); /* … */
	}
	out = s.oom ? NULL : arena_strdup(a, s.data);
	buf_release(&s);
	return out;
}
