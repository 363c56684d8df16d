#include "search/query.h"

#include <string.h>

#include "core/buf.h"
#include "search/analyzer.h"
#include "search/synonyms.h"
#include "text/fold.h"

static int count_token(void *ctx, bool colocated, const char *t, size_t n,
		       size_t s, size_t e)
{
	(void)t, (void)n, (void)s, (void)e;
	if (!colocated)
		++*(int *)ctx;
	return 0;
}

/* Whether the text has anything the index could hold (a letter or digit). */
static bool has_words(const char *s, size_t n)
{
	int count = 0;

	analyze_text(NULL, ANALYZE_NO_STEMS, s, n, count_token, &count);
	return count > 0;
}

/* Appends s as an FTS5 string: in double quotes, quotes doubled. */
static void fts_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* A term, or the group of it and its synonyms: ("ngo" OR "organizacja
 * pozarządowa" OR ...). Prefix terms are taken literally. */
static void fts_term(struct buf *b, const struct query_term *t)
{
	const char *const *syn = t->prefix || !t->text ? NULL
				 : synonyms_of(t->text, strlen(t->text));

	if (!syn) {
		fts_string(b, t->text);
		if (t->prefix)
			buf_puts(b, " *");
		return;
	}
	char self[FOLD_MAX], other[FOLD_MAX];
	fold_plain(t->text, strlen(t->text), self, sizeof self);
	buf_putc(b, '(');
	fts_string(b, t->text);
	for (; *syn; syn++) {
		fold_plain(*syn, strlen(*syn), other, sizeof other);
		if (!strcmp(self, other))
			continue; /* the term itself, as the group writes it */
		buf_puts(b, " OR ");
		fts_string(b, *syn);
	}
	buf_putc(b, ')');
}

static int add_term(struct arena *a, struct search_query *q, enum term_kind kind,
		    const char *start, size_t n, bool excluded, struct error *err)
{
	struct query_term *t;
	bool prefix = false;

	if (kind == TERM_WORD && n > 1 && start[n - 1] == '*') {
		prefix = true;
		n--;
	}
	if (!has_words(start, n))
		return 0; /* punctuation alone: nothing to look for */
	if (q->nterms == QUERY_MAX_TERMS)
		return error_set(err, ERR_INVALID, "q: at most %d words or phrases",
				 QUERY_MAX_TERMS);
	t = &q->terms[q->nterms++];
	t->kind = kind;
	t->text = arena_strndup(a, start, n);
	t->excluded = excluded;
	t->prefix = prefix;
	if (!excluded)
		q->npositive++;
	return t->text ? 0 : error_set(err, ERR_INTERNAL, "out of memory");
}

/* Consecutive plain words that together name a synonym ("osoba starsza",
 * "participatory budget") become one phrase, so that the group widens
 * it. Longest runs first, up to four words. */
static void merge_synonym_phrases(struct arena *a, struct search_query *q)
{
	for (size_t i = 0; i < q->nterms; i++) {
		for (size_t len = 4; len >= 2; len--) {
			struct buf joined;
			bool plain = i + len <= q->nterms;
			const char *const *syn = NULL;

			for (size_t k = i; plain && k < i + len; k++)
				plain = q->terms[k].kind == TERM_WORD &&
					!q->terms[k].excluded && !q->terms[k].prefix;
			if (!plain)
				continue;
			buf_init(&joined, 64);
			for (size_t k = i; k < i + len; k++) {
				if (k > i)
					buf_putc(&joined, ' ');
				buf_puts(&joined, q->terms[k].text);
			}
			if (!joined.oom)
				syn = synonyms_of(joined.data, joined.len);
			if (syn) {
				q->terms[i].kind = TERM_PHRASE;
				q->terms[i].text = arena_strdup(a, joined.data);
				memmove(&q->terms[i + 1], &q->terms[i + len],
					(q->nterms - i - len) * sizeof *q->terms);
				q->nterms -= len - 1;
				q->npositive -= len - 1;
			}
			buf_release(&joined);
			if (syn)
				break;
		}
	}
}

/* The positive terms joined by op, then every excluded one NOT-ed. */
static const char *build(struct arena *a, const struct search_query *q,
			 const char *op)
{
	struct buf b;
	bool first = true;
	const char *out;

	buf_init(&b, 256);
	if (!strcmp(op, " OR "))
		buf_putc(&b, '(');
	for (size_t i = 0; i < q->nterms; i++) {
		if (q->terms[i].excluded)
			continue;
		if (!first)
			buf_puts(&b, op);
		fts_term(&b, &q->terms[i]);
		first = false;
	}
	if (!strcmp(op, " OR "))
		buf_putc(&b, ')');
	for (size_t i = 0; i < q->nterms; i++) {
		if (!q->terms[i].excluded)
			continue;
		buf_puts(&b, " NOT ");
		fts_term(&b, &q->terms[i]);
	}
	out = b.oom ? NULL : arena_strdup(a, b.data);
	buf_release(&b);
	return out;
}

int search_query_parse(struct arena *a, const char *s, struct search_query *q,
		       struct error *err)
{
	memset(q, 0, sizeof *q);
	if (!s)
		return 0;
	if (strlen(s) > QUERY_MAX_BYTES)
		return error_set(err, ERR_INVALID, "q: longer than %d bytes",
				 QUERY_MAX_BYTES);
	while (*s) {
		bool excluded = false;
		const char *end;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		if (*s == '-' && s[1] && s[1] != ' ') {
			excluded = true;
			s++;
		}
		if (*s == '"') {
			end = strchr(s + 1, '"');
			if (!end) /* an unclosed quote runs to the end */
				end = s + strlen(s);
			if (add_term(a, q, TERM_PHRASE, s + 1, (size_t)(end - s - 1),
				     excluded, err) < 0)
				return ERR_INVALID;
			s = *end ? end + 1 : end;
			continue;
		}
		end = s + strcspn(s, " \t\r\n\"");
		if (add_term(a, q, TERM_WORD, s, (size_t)(end - s), excluded, err) < 0)
			return ERR_INVALID;
		s = end;
	}
	merge_synonym_phrases(a, q);
	if (!q->nterms)
		return 0;
	if (!q->npositive)
		return error_set(err, ERR_INVALID,
				 "q: add at least one word to look for, not only "
				 "words to leave out");
	q->match = build(a, q, " AND ");
	return q->match ? 0 : error_set(err, ERR_INTERNAL, "out of memory");
}

const char *search_query_relaxed(struct arena *a, const struct search_query *q)
{
	return q->npositive > 1 ? build(a, q, " OR ") : NULL;
}
