#include "search/analyzer.h"

#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

#include "search/fold.h"
#include "search/stem.h"

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

static int emit_word(const char *lang, int flags, const char *w, size_t n,
		     size_t start, analyze_token_fn fn, void *ctx)
{
	char plain[FOLD_MAX], lower[FOLD_MAX];
	struct stems st;
	size_t pn = fold_plain(w, n, plain, sizeof plain), ln;
	int rc;

	if (!pn)
		return 0;
	if ((rc = fn(ctx, false, plain, pn, start, start + n)))
		return rc;
	if ((flags & ANALYZE_NO_STEMS) || !stem_supported(lang))
		return 0;
	ln = fold_lower(w, n, lower, sizeof lower);
	stem_word(lang, lower, ln, plain, &st);
	for (int i = 0; i < st.n; i++)
		if ((rc = fn(ctx, true, st.word[i], strlen(st.word[i]), start,
			     start + n)))
			return rc;
	return 0;
}

int analyze_text(const char *lang, int flags, const char *text, size_t len,
		 analyze_token_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
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
			if ((rc = emit_word(lang, flags, text + start, i - start,
					    start, fn, ctx)))
				return rc;
		}
		i += k;
	}
	if (in_word)
		return emit_word(lang, flags, text + start, len - start, start,
				 fn, ctx);
	return 0;
}
