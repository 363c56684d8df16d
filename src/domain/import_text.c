/* import_text.c - blocks of an import document: a saved text file's
 * paragraphs, and the lines of site chrome that both readers drop. */
#include "domain/import_doc.h"

#include <string.h>

#include "text/fuzzy.h"

/* Keys (text/fuzzy.h) that short chrome lines start with, in the
 * catalogue's languages: pickers, counters, loaders, comment prompts,
 * print and share buttons, "back" links, source links. */
static const char *const chrome_lines[] = {
	"wybierz skorke", "zmien skorke", "zmien uklad", "wybierz uklad",
	"liczba odwiedzin", "licznik odwiedzin", "odwiedzin", "odwiedziny",
	"ladowanie", "loading", "nalaganje", "wczytywanie",
	"link do zrodla", "source link", "zrodlo", "vir",
	"dodaj komentarz", "skomentuj", "komentarze", "brak komentarzy",
	"comments", "leave a comment", "add a comment", "komentarji",
	"dodaj komentar", "drukuj", "wersja do druku", "print", "natisni",
	"udostepnij", "share", "deli", "powrot", "wstecz", "back to", "nazaj",
	"do gory", "przejdz do tresci", "skip to content", "mapa strony",
	"wersja kontrastowa", "kontrast", "rozmiar czcionki", "a a a",
	"ta strona uzywa", "this site uses cookies", "ta stran uporablja",
	"visitors", "visits", "obiski", "stevec obiskov", NULL,
};

enum { CHROME_LINE_MAX = 80 }; /* longer lines are sentences, kept */

bool import_line_is_chrome(const char *line, size_t len)
{
	char key[CHROME_LINE_MAX * 2];
	size_t n;

	if (len > CHROME_LINE_MAX)
		return false;
	n = fuzzy_key(line, len, key, sizeof key);
	if (!n)
		return true; /* punctuation, bullets, separators */
	for (int i = 0; chrome_lines[i]; i++) {
		size_t k = strlen(chrome_lines[i]);
		if (n >= k && !strncmp(key, chrome_lines[i], k) &&
		    (n == k || key[k] == ' '))
			return true;
	}
	return false;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

int import_doc_add(struct arena *a, struct import_doc *d,
		   enum import_block_kind kind, int level, int number,
		   const char *text, size_t len)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0, i = 0;

	if (!out)
		return -1;
	while (i < len) { /* each line trimmed; chrome and empty lines go */
		size_t end = i, s, e;
		while (end < len && text[end] != '\n')
			end++;
		for (s = i; s < end && blank(text[s]); s++)
			;
		/* no-break spaces (U+00A0) trimmed too */
		while (s + 1 < end && (unsigned char)text[s] == 0xC2 &&
		       (unsigned char)text[s + 1] == 0xA0)
			for (s += 2; s < end && blank(text[s]); s++)
				;
		for (e = end; e > s && blank(text[e - 1]); e--)
			;
		if (e > s && !import_line_is_chrome(text + s, e - s)) {
			if (o)
				out[o++] = '\n';
			memcpy(out + o, text + s, e - s);
			o += e - s;
		}
		i = end + 1;
	}
	if (!o)
		return 0;
	out[o] = '\0';
	if (!(d->blocks = arena_grow(a, d->blocks, d->nblocks, &d->cap,
				     sizeof *d->blocks)))
		return -1;
	d->blocks[d->nblocks++] = (struct import_block){
		.kind = kind, .level = level, .number = number, .text = out};
	return 0;
}

int import_text_parse(struct arena *a, const char *text, size_t len,
		      struct import_doc *out, struct error *err)
{
	size_t i = 0;

	memset(out, 0, sizeof *out);
	while (i < len) {
		size_t start = i, end;
		/* a block ends at a line with nothing but spaces */
		for (;;) {
			size_t eol = i, k;
			while (eol < len && text[eol] != '\n')
				eol++;
			for (k = i; k < eol && blank(text[k]); k++)
				;
			if (k == eol && i > start) {
				end = i;
				i = eol + 1;
				break;
			}
			if (k == eol) { /* leading blank lines */
				start = i = eol + 1;
				if (i >= len) {
					end = start;
					break;
				}
				continue;
			}
			i = eol + 1;
			if (i >= len) {
				end = len;
				break;
			}
		}
		if (end > start &&
		    import_doc_add(a, out, IMPORT_PARA, 0, 0, text + start,
				   end - start) < 0)
			return error_set(err, ERR_INTERNAL, "out of memory");
	}
	if (out->nblocks) { /* a saved text starts with its title */
		const char *t = out->blocks[0].text;
		out->title = arena_strndup(a, t, strcspn(t, "\n"));
		if (!out->title)
			return error_set(err, ERR_INTERNAL, "out of memory");
	}
	return 0;
}
