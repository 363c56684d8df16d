#include "search/analyzer.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

#include "search/stem.h"
#include "text/fold.h"

/* Letters, marks and numbers make words; everything else (spaces,
 * punctuation, symbols such as emoji) separates them. */
static bool is_word_char(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* Length of the code point at p (1 for an invalid byte) and whether it
 * belongs to a word. */
static size_t next_char(const unsigned char *p, size_t left, bool *word)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (*p < 0x80) {
		*word = is_word_char(*p);
		return 1;
	}
	k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
	if (k <= 0) {
		*word = false;
		return 1;
	}
	*word = is_word_char(cp);
	return (size_t)k;
}

/* Words follow Zipf's law: a few thousand make most of any text. Each
 * language keeps the analysis of the words it has seen, as written, so
 * that most words cost one lookup instead of folding and stemming:
 * "plain\0stem\0stem\0\0" under the word's bytes. */
enum { WORD_CACHE_SLOTS = 1 << 17 };

struct word_cache {
	const char *lang; /* NULL: every language without a stemmer */
	pthread_mutex_t lock;
	char **keys, **forms;
	uint32_t *lens;
	size_t used;
};

static struct word_cache caches[] = {
	{"pl", PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0},
	{"sl", PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0},
	{"en", PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0},
	{"ar", PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0},
	{NULL, PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0},
};

static struct word_cache *cache_for(const char *lang)
{
	size_t i;

	for (i = 0; caches[i].lang; i++)
		if (lang && !strcmp(caches[i].lang, lang))
			break;
	return &caches[i];
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* The analysis of w: plain form and stems, NUL-separated, "" ending. */
static size_t analyse_word(const char *lang, const char *w, size_t n,
			   char *out, size_t cap)
{
	char lower[FOLD_MAX];
	struct stems st;
	size_t pn = fold_plain(w, n, out, cap - 1), o, ln;

	if (!pn) {
		out[0] = out[1] = '\0';
		return 2;
	}
	o = pn + 1;
	if (stem_supported(lang)) {
		ln = fold_lower(w, n, lower, sizeof lower);
		stem_word(lang, lower, ln, out, &st);
		for (int i = 0; i < st.n; i++) {
			size_t l = strlen(st.word[i]) + 1;
			if (o + l + 1 > cap)
				break;
			memcpy(out + o, st.word[i], l);
			o += l;
		}
	}
	out[o++] = '\0';
	return o;
}

static void cache_clear(struct word_cache *c)
{
	for (size_t i = 0; i < WORD_CACHE_SLOTS; i++) {
		free(c->keys[i]);
		free(c->forms[i]);
		c->keys[i] = c->forms[i] = NULL;
	}
	c->used = 0;
}

/* Copies the cached or computed analysis of w into out. */
static void lookup(struct word_cache *c, const char *lang, const char *w,
		   size_t n, char *out, size_t cap)
{
	size_t i, len;

	if (n > FOLD_MAX) { /* rare and long: not worth keeping */
		analyse_word(lang, w, n, out, cap);
		return;
	}
	pthread_mutex_lock(&c->lock);
	if (!c->keys && (!(c->keys = calloc(WORD_CACHE_SLOTS, sizeof *c->keys)) ||
			 !(c->forms = calloc(WORD_CACHE_SLOTS, sizeof *c->forms)) ||
			 !(c->lens = calloc(WORD_CACHE_SLOTS, sizeof *c->lens)))) {
		pthread_mutex_unlock(&c->lock);
		analyse_word(lang, w, n, out, cap);
		return;
	}
	i = hash_bytes(w, n) & (WORD_CACHE_SLOTS - 1);
	while (c->keys[i] && (c->lens[i] != n || memcmp(c->keys[i], w, n)))
		i = (i + 1) & (WORD_CACHE_SLOTS - 1);
	if (c->keys[i]) {
		const char *f = c->forms[i];
		for (len = 0; f[len]; len += strlen(f + len) + 1)
			;
		memcpy(out, f, len + 1);
		pthread_mutex_unlock(&c->lock);
		return;
	}
	len = analyse_word(lang, w, n, out, cap);
	if (c->used * 4 >= WORD_CACHE_SLOTS * 3) {
		cache_clear(c);
		i = hash_bytes(w, n) & (WORD_CACHE_SLOTS - 1);
	}
	if ((c->keys[i] = malloc(n)) && (c->forms[i] = malloc(len))) {
		memcpy(c->keys[i], w, n);
		memcpy(c->forms[i], out, len);
		c->lens[i] = (uint32_t)n;
		c->used++;
	} else {
		free(c->keys[i]);
		c->keys[i] = NULL;
	}
	pthread_mutex_unlock(&c->lock);
}

static int emit_word(struct word_cache *c, const char *lang, int flags,
		     const char *w, size_t n, size_t start, analyze_token_fn fn,
		     void *ctx)
{
	char forms[FOLD_MAX * (STEMS_MAX + 1) + 2];
	const char *f = forms;
	int rc;

	if (flags & ANALYZE_NO_STEMS) {
		size_t pn = fold_plain(w, n, forms, FOLD_MAX);
		return pn ? fn(ctx, false, forms, pn, start, start + n) : 0;
	}
	lookup(c, lang, w, n, forms, sizeof forms);
	for (bool first = true; *f; first = false) {
		size_t len = strlen(f);
		if ((rc = fn(ctx, !first, f, len, start, start + n)))
			return rc;
		f += len + 1;
	}
	return 0;
}

int analyze_text(const char *lang, int flags, const char *text, size_t len,
		 analyze_token_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
	struct word_cache *c = cache_for(lang);
	size_t i = 0, start = 0;
	bool in_word = false;
	int rc;

	while (i < len) {
		bool word;
		size_t k = next_char(p + i, len - i, &word);

		if (word && !in_word) {
			start = i;
			in_word = true;
		} else if (!word && in_word) {
			in_word = false;
			if ((rc = emit_word(c, lang, flags, text + start,
					    i - start, start, fn, ctx)))
				return rc;
		}
		i += k;
	}
	if (in_word)
		return emit_word(c, lang, flags, text + start, len - start,
				 start, fn, ctx);
	return 0;
}
