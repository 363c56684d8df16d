#include "search/synonyms.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/log.h"
#include "text/fold.h"
#include "search/stem.h"

enum { GROUP_MAX = 16, GROUPS_MAX = 256, KEYS_MAX = 96 };

/* A member matches a query word when they share a Polish lemma
 * ("wolontariusze" and "wolontariusz"). Only Polish: with Slovene and
 * English lemmas too, a Slovene word widened to the Polish and English
 * members and buried the Slovene answers (tests/relevance: MRR 0.928 with
 * Polish only, 0.910 with all three). */
static const char *const stem_langs[] = {"pl", NULL};

struct group {
	const char *members[GROUP_MAX + 1]; /* as written; NULL-terminated */
	size_t n;
	char *keys[KEYS_MAX]; /* folded members and their stems */
	size_t nkeys;
};

static void add_key(struct group *g, const char *key)
{
	for (size_t i = 0; i < g->nkeys; i++)
		if (!strcmp(g->keys[i], key))
			return;
	if (g->nkeys < KEYS_MAX)
		g->keys[g->nkeys++] = strdup(key);
}

/* The folded form of s and, for a single word, its stems. */
static void keys_of(const char *s, size_t n, void (*fn)(void *, const char *),
		    void *ctx)
{
	char plain[FOLD_MAX], lower[FOLD_MAX];
	size_t ln;
	struct stems st;

	fold_plain(s, n, plain, sizeof plain);
	fn(ctx, plain);
	if (memchr(s, ' ', n))
		return;
	ln = fold_lower(s, n, lower, sizeof lower);
	for (int l = 0; stem_langs[l]; l++) {
		stem_word(stem_langs[l], lower, ln, plain, &st);
		for (int i = 0; i < st.n; i++)
			fn(ctx, st.word[i]);
	}
}

static void add_key_cb(void *ctx, const char *key)
{
	add_key(ctx, key);
}

static struct group *groups;
static size_t ngroups;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	const struct asset *a = asset_find("synonyms.json");
	json_error_t jerr;
	json_t *root, *g, *w;
	size_t i, k;

	if (!a || !(root = json_loadb((const char *)a->data, a->size, 0, &jerr))) {
		log_warn("search: no synonyms (%s)", a ? jerr.text : "not built in");
		return;
	}
	groups = calloc(GROUPS_MAX, sizeof *groups);
	json_array_foreach(json_object_get(root, "groups"), i, g) {
		struct group *gr;
		if (!groups || ngroups == GROUPS_MAX)
			break;
		gr = &groups[ngroups++];
		json_array_foreach(g, k, w) {
			const char *s = json_string_value(w);
			if (!s || gr->n == GROUP_MAX)
				continue;
			gr->members[gr->n++] = strdup(s);
			keys_of(s, strlen(s), add_key_cb, gr);
		}
	}
	json_decref(root);
}

struct lookup {
	const char *const *found;
};

static void find_key(void *ctx, const char *key)
{
	struct lookup *l = ctx;

	for (size_t i = 0; !l->found && i < ngroups; i++)
		for (size_t k = 0; k < groups[i].nkeys; k++)
			if (!strcmp(groups[i].keys[k], key)) {
				l->found = groups[i].members;
				break;
			}
}

const char *const *synonyms_of(const char *term, size_t len)
{
	struct lookup l = {NULL};

	pthread_once(&once, load);
	if (ngroups)
		keys_of(term, len, find_key, &l);
	return l.found;
}
