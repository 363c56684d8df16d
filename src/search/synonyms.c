#include "search/synonyms.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/log.h"
#include "search/fold.h"

enum { GROUP_MAX = 16, GROUPS_MAX = 256 };

struct group {
	char *folded[GROUP_MAX];
	const char *members[GROUP_MAX + 1]; /* as written; NULL-terminated */
	size_t n;
};

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
			char f[FOLD_MAX];
			if (!s || gr->n == GROUP_MAX)
				continue;
			fold_plain(s, strlen(s), f, sizeof f);
			gr->folded[gr->n] = strdup(f);
			gr->members[gr->n] = strdup(s);
			gr->n++;
		}
	}
	json_decref(root);
}

const char *const *synonyms_of(const char *term, size_t len)
{
	char f[FOLD_MAX];

	pthread_once(&once, load);
	fold_plain(term, len, f, sizeof f);
	for (size_t i = 0; i < ngroups; i++)
		for (size_t k = 0; k < groups[i].n; k++)
			if (groups[i].folded[k] && !strcmp(groups[i].folded[k], f))
				return groups[i].members;
	return NULL;
}
