#include "search/analyzer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

#include "search/stem.h"
#include "text/fold.h"

/* What a code point is to the word splitter. */
enum char_kind {
	CHAR_SEPARATOR,
	CHAR_LETTER, /* a letter or number: always leaves a plain form */
	CHAR_MARK,   /* part of a word, but may fold to nothing */
};

/* Letters, marks and numbers make words; everything else (spaces,
 * punctuation, symbols such as emoji) separates them. */
static enum char_kind char_kind(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			(cp >= '0' && cp <= '9')) ? CHAR_LETTER : CHAR_SEPARATOR;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		/* the half-width voiced sound marks are letters that
		 * decompose to combining marks */
		return (cp == 0xFF9E || cp == 0xFF9F) ? CHAR_MARK : CHAR_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return CHAR_MARK;
	default:
		return CHAR_SEPARATOR;
	}
}

/* Length of the code point at p (1 for an invalid byte) and what it is. */
static size_t next_char(const unsigned char *p, size_t left,
			enum char_kind *kind)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (*p < 0x80) {
		*kind = char_kind(*p);
		return 1;
	}
	k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
	if (k <= 0) {
		*kind = CHAR_SEPARATOR;
		return 1;
	}
	*kind = char_kind(cp);
	return (size_t)k;
}

/* Words follow Zipf's law: a few thousand make most of any text. Each
 * language keeps the analysis of the words it has seen, as written, so
 * that most words cost one lookup instead of folding and stemming. An
 * entry is never changed or freed once in the table, so lookups take no
 * lock (request threads tokenise queries and passages at the same time);
 * adding one takes the table's lock. A full table takes no more words:
 * the common ones come first, and stem.c still caches the stems of the
 * rest. */
enum {
	WORD_CACHE_SLOTS = 1 << 17,
	WORD_CACHE_FULL = WORD_CACHE_SLOTS / 4 * 3,
	WORD_CHUNK = 64 * 1024, /* entries are carved from chunks this big */
};

/* The word's bytes, then its analysis: "plain\0stem\0stem\0\0". */
struct word_entry {
	uint16_t n, len; /* bytes of the word; of the analysis */
	char data[];
};

/* The hash sits in the slot, so that probing past other words does not
 * touch their entries. */
struct word_slot {
	_Atomic uint32_t hash;
	_Atomic(struct word_entry *) entry; /* set last: then hash is valid */
};

struct word_cache {
	const char *lang; /* NULL: every language without a stemmer */
	pthread_mutex_t lock;
	struct word_slot *_Atomic slots; /* allocated on first use */
	/* under lock: entries used, and the chunk entries are carved from
	 * (side by side, so the common words, which come first, share
	 * cache lines) */
	size_t used;
	char *chunk;
	size_t chunk_left;
};

static struct word_cache caches[] = {
	{.lang = "pl", .lock = PTHREAD_MUTEX_INITIALIZER},
	{.lang = "sl", .lock = PTHREAD_MUTEX_INITIALIZER},
	{.lang = "en", .lock = PTHREAD_MUTEX_INITIALIZER},
	{.lang = "ar", .lock = PTHREAD_MUTEX_INITIALIZER},
	{.lang = NULL, .lock = PTHREAD_MUTEX_INITIALIZER},
};

static struct word_cache *cache_for(const char *lang)
{
	size_t i;

	for (i = 0; caches[i].lang; i++)
		if (lang && !strcmp(caches[i].lang, lang))
			break;
	return &caches[i];
}

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
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

/* The slot of w (hash h) in slots: its entry, or the empty slot where it
 * would go. */
static size_t probe(struct word_slot *slots, const char *w, size_t n,
		    uint32_t h, struct word_entry **found)
{
	size_t i = h & (WORD_CACHE_SLOTS - 1);
	struct word_entry *e;

	while ((e = atomic_load_explicit(&slots[i].entry, memory_order_acquire))) {
		if (atomic_load_explicit(&slots[i].hash, memory_order_relaxed) == h &&
		    e->n == n && !memcmp(e->data, w, n))
			break;
		i = (i + 1) & (WORD_CACHE_SLOTS - 1);
	}
	*found = e;
	return i;
}

/* size bytes for an entry, from the cache's chunk (called under lock). */
static void *carve(struct word_cache *c, size_t size)
{
	void *p;

	size = (size + 7) & ~(size_t)7;
	if (size > c->chunk_left) {
		if (size > WORD_CHUNK || !(c->chunk = malloc(WORD_CHUNK)))
			return NULL;
		c->chunk_left = WORD_CHUNK;
	}
	p = c->chunk;
	c->chunk += size;
	c->chunk_left -= size;
	return p;
}

/* Keeps the analysis forms[0..len) of w, unless the table is full. */
static void remember(struct word_cache *c, const char *w, size_t n,
		     uint32_t h, const char *forms, size_t len)
{
	struct word_slot *slots;
	struct word_entry *e, *old;
	size_t i;

	pthread_mutex_lock(&c->lock);
	if (!(slots = atomic_load_explicit(&c->slots, memory_order_acquire))) {
		slots = calloc(WORD_CACHE_SLOTS, sizeof *slots);
		atomic_store_explicit(&c->slots, slots, memory_order_release);
	}
	if (!slots || c->used >= WORD_CACHE_FULL)
		goto out;
	i = probe(slots, w, n, h, &old);
	if (old || !(e = carve(c, sizeof *e + n + len)))
		goto out; /* another thread was first */
	e->n = (uint16_t)n;
	e->len = (uint16_t)len;
	memcpy(e->data, w, n);
	memcpy(e->data + n, forms, len);
	atomic_store_explicit(&slots[i].hash, h, memory_order_relaxed);
	atomic_store_explicit(&slots[i].entry, e, memory_order_release);
	c->used++;
out:
	pthread_mutex_unlock(&c->lock);
}

static int emit_word(struct word_cache *c, const char *lang, int flags,
		     const char *w, size_t n, bool letters_only, size_t start,
		     analyze_token_fn fn, void *ctx)
{
	char buf[FOLD_MAX * (STEMS_MAX + 1) + 2];
	struct word_slot *slots;
	struct word_entry *e = NULL;
	const char *f;
	uint32_t h = 0;
	int rc;

	/* Where a word of letters is needs no analysis: it always has a
	 * plain form, and the token's text is not looked at. */
	if ((flags & ANALYZE_POSITIONS) && letters_only)
		return fn(ctx, false, w, n, start, start + n);
	if (flags & ANALYZE_NO_STEMS) {
		size_t pn = fold_plain(w, n, buf, FOLD_MAX);
		return pn ? fn(ctx, false, buf, pn, start, start + n) : 0;
	}
	/* Words too long for the table are rare: analysed every time. */
	if (n < FOLD_MAX) {
		h = hash_bytes(w, n);
		if ((slots = atomic_load_explicit(&c->slots, memory_order_acquire)))
			probe(slots, w, n, h, &e);
	}
	if (e) {
		f = e->data + e->n;
	} else {
		size_t len = analyse_word(lang, w, n, buf, sizeof buf);
		if (n < FOLD_MAX)
			remember(c, w, n, h, buf, len);
		f = buf;
	}
	for (bool first = true; *f; first = false) {
		size_t len = strlen(f);
		if ((rc = fn(ctx, !first, f, len, start, start + n)))
			return rc;
		if (flags & ANALYZE_POSITIONS)
			break;
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
	bool in_word = false, letters = true;
	int rc;

	while (i < len) {
		enum char_kind kind;
		size_t k = next_char(p + i, len - i, &kind);

		if (kind != CHAR_SEPARATOR && !in_word) {
			start = i;
			in_word = true;
			letters = true;
		} else if (kind == CHAR_SEPARATOR && in_word) {
			in_word = false;
			if ((rc = emit_word(c, lang, flags, text + start, i - start,
					    letters, start, fn, ctx)))
				return rc;
		}
		if (kind == CHAR_MARK)
			letters = false;
		i += k;
	}
	if (in_word)
		return emit_word(c, lang, flags, text + start, len - start,
				 letters, start, fn, ctx);
	return 0;
}
