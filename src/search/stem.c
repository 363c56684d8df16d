#include "search/stem.h"

#include <errno.h>
#include <hunspell/hunspell.h>
#include <iconv.h>
#include <libstemmer.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

/* Cached stems of one word: "stem\0stem\0\0" after the key. */
struct cache_slot {
	char *key;    /* malloc'd: the lower word */
	char *stems;  /* malloc'd: NUL-separated plain stems, "" for none */
};

enum { CACHE_SLOTS = 1 << 16 };

struct stemmer {
	const char *lang;
	const char *dict;     /* hunspell dictionary name, or NULL */
	const char *snowball; /* Snowball algorithm, or NULL */
	pthread_mutex_t lock;
	bool tried, ok;
	Hunhandle *hun;
	iconv_t to_dict, from_dict; /* UTF-8 <-> dictionary encoding */
	struct sb_stemmer *sb;
	struct cache_slot *cache;
	size_t cached;
};

static struct stemmer stemmers[] = {
	{.lang = "pl", .dict = "pl_PL", .lock = PTHREAD_MUTEX_INITIALIZER},
	{.lang = "sl", .dict = "sl_SI", .lock = PTHREAD_MUTEX_INITIALIZER},
	{.lang = "en", .snowball = "english", .lock = PTHREAD_MUTEX_INITIALIZER},
	{.lang = "ar", .snowball = "arabic", .lock = PTHREAD_MUTEX_INITIALIZER},
};
enum { NSTEMMERS = sizeof stemmers / sizeof *stemmers };

static struct stemmer *find(const char *lang)
{
	for (int i = 0; lang && i < NSTEMMERS; i++)
		if (!strcmp(stemmers[i].lang, lang))
			return &stemmers[i];
	return NULL;
}

bool stem_supported(const char *lang)
{
	return find(lang) != NULL;
}

static const char *dict_dir(void)
{
	const char *d = getenv("PRAXIS_HUNSPELL_DIR");
	return d && *d ? d : "/usr/share/hunspell";
}

/* Called with s->lock held. */
static void load(struct stemmer *s)
{
	char aff[512], dic[512];

	s->tried = true;
	s->to_dict = s->from_dict = (iconv_t)-1;
	if (!(s->cache = calloc(CACHE_SLOTS, sizeof *s->cache)))
		return;
	if (s->snowball) {
		s->sb = sb_stemmer_new(s->snowball, "UTF_8");
		s->ok = s->sb != NULL;
	} else {
		snprintf(aff, sizeof aff, "%s/%s.aff", dict_dir(), s->dict);
		snprintf(dic, sizeof dic, "%s/%s.dic", dict_dir(), s->dict);
		FILE *f = fopen(dic, "r");
		if (f) {
			fclose(f);
			s->hun = Hunspell_create(aff, dic);
		}
		if (s->hun) {
			const char *enc = Hunspell_get_dic_encoding(s->hun);
			s->to_dict = iconv_open(enc, "UTF-8");
			s->from_dict = iconv_open("UTF-8", enc);
		}
		s->ok = s->hun && s->to_dict != (iconv_t)-1 &&
			s->from_dict != (iconv_t)-1;
	}
	if (!s->ok)
		log_warn("search: no stemmer for '%s' (dictionary %s missing?); "
			 "words in it match only in their exact folded form",
			 s->lang, s->dict ? s->dict : s->snowball);
}

static bool convert(iconv_t cd, const char *in, size_t n, char *out,
		    size_t cap)
{
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = cap - 1;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		return false;
	*op = '\0';
	return true;
}

/* Appends stem (lower form, UTF-8) to out in plain form, once. */
static void add_stem(struct stems *out, const char *stem, const char *skip)
{
	char plain[FOLD_MAX];
	size_t n = fold_plain(stem, strlen(stem), plain, sizeof plain);

	if (!n || (skip && !strcmp(plain, skip)) || out->n == STEMS_MAX)
		return;
	for (int i = 0; i < out->n; i++)
		if (!strcmp(out->word[i], plain))
			return;
	memcpy(out->word[out->n++], plain, n + 1);
}

/* Called with s->lock held: hunspell's stems of one word in UTF-8,
 * leaving out skip; returns how many it added. */
static int hunspell_stems(struct stemmer *s, const char *word, size_t n,
			  const char *skip, struct stems *out)
{
	char in[FOLD_MAX * 2], back[FOLD_MAX * 4];
	char **list = NULL;
	int k, before = out->n;

	if (!convert(s->to_dict, word, n, in, sizeof in))
		return 0; /* not representable in the dictionary's charset */
	k = Hunspell_stem(s->hun, &list, in);
	for (int i = 0; i < k; i++)
		if (convert(s->from_dict, list[i], strlen(list[i]), back,
			    sizeof back))
			add_stem(out, back, skip);
	Hunspell_free_list(s->hun, &list, k);
	return out->n - before;
}

/* Hunspell's dictionaries do not know every inflected form (Slovene
 * "občinami", "občinah"). For those, strip a case ending, put back a
 * nominative one, and take the stems of the first form hunspell knows. */
static void guess_from_known_form(struct stemmer *s, const char *word,
				  size_t n, const char *skip, struct stems *out)
{
	static const char *const endings[] = {
		"ami", "ach", "ah", "ih", "om", "em", "ov", "ev", "ama", "ema",
		"mi", "i", "e", "a", "o", "u", "y", "\xc4\x99", "\xc4\x85", NULL,
	};
	static const char *const tails[] = {"", "a", "o", "e", "i", NULL};
	char cand[FOLD_MAX];

	for (int e = 0; endings[e]; e++) {
		size_t el = strlen(endings[e]);
		if (n <= el + 2 || memcmp(word + n - el, endings[e], el))
			continue;
		for (int t = 0; tails[t]; t++) {
			size_t stem_len = n - el, tl = strlen(tails[t]);
			if (!strcmp(tails[t], endings[e]) || stem_len + tl >= sizeof cand)
				continue;
			memcpy(cand, word, stem_len);
			memcpy(cand + stem_len, tails[t], tl + 1);
			if (hunspell_stems(s, cand, stem_len + tl, skip, out))
				return;
		}
	}
}

/* Called with s->lock held: the stems straight from the library. */
static void compute(struct stemmer *s, const char *lower, size_t n,
		    struct stems *out)
{
	if (s->sb) {
		const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)lower,
						     (int)n);
		if (r)
			add_stem(out, (const char *)r, NULL);
		return;
	}
	/* A word the dictionary lists without its lemma "stems" to itself:
	 * that is no stem, so guess from a known form. */
	char self[FOLD_MAX];
	fold_plain(lower, n, self, sizeof self);
	if (!hunspell_stems(s, lower, n, self, out))
		guess_from_known_form(s, lower, n, self, out);
}

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void cache_clear(struct stemmer *s)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		free(s->cache[i].key);
		free(s->cache[i].stems);
		s->cache[i].key = s->cache[i].stems = NULL;
	}
	s->cached = 0;
}

/* Stores the computed stems; a full cache starts again (cheap and good
 * enough: word frequencies make the hot words come back at once). */
static void cache_put(struct stemmer *s, struct cache_slot *slot,
		      const char *lower, size_t n, const struct stems *st)
{
	size_t len = 1;
	char *p;

	if (s->cached * 4 >= CACHE_SLOTS * 3) {
		cache_clear(s);
		slot = &s->cache[hash(lower, n) & (CACHE_SLOTS - 1)];
		while (slot->key)
			slot = &s->cache[(size_t)(slot - s->cache + 1) & (CACHE_SLOTS - 1)];
	}
	for (int i = 0; i < st->n; i++)
		len += strlen(st->word[i]) + 1;
	if (!(slot->key = strndup(lower, n)) || !(p = slot->stems = malloc(len))) {
		free(slot->key);
		slot->key = NULL;
		return;
	}
	for (int i = 0; i < st->n; i++) {
		size_t l = strlen(st->word[i]) + 1;
		memcpy(p, st->word[i], l);
		p += l;
	}
	*p = '\0';
	s->cached++;
}

void stem_word(const char *lang, const char *lower, size_t n,
	       const char *skip, struct stems *out)
{
	struct stemmer *s = find(lang);
	struct stems all = {0};
	struct cache_slot *slot;

	out->n = 0;
	if (!s || !n || n >= FOLD_MAX)
		return;
	pthread_mutex_lock(&s->lock);
	if (!s->tried)
		load(s);
	if (!s->ok || !s->cache) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	slot = &s->cache[hash(lower, n) & (CACHE_SLOTS - 1)];
	while (slot->key && (strlen(slot->key) != n || memcmp(slot->key, lower, n)))
		slot = &s->cache[(size_t)(slot - s->cache + 1) & (CACHE_SLOTS - 1)];
	if (slot->key) {
		for (const char *p = slot->stems; *p && all.n < STEMS_MAX;
		     p += strlen(p) + 1)
			memcpy(all.word[all.n++], p, strlen(p) + 1);
	} else {
		compute(s, lower, n, &all);
		cache_put(s, slot, lower, n, &all);
	}
	pthread_mutex_unlock(&s->lock);
	/* already plain: only leave out the word's own form */
	for (int i = 0; i < all.n; i++)
		if (!skip || strcmp(all.word[i], skip))
			memcpy(out->word[out->n++], all.word[i], strlen(all.word[i]) + 1);
}
