/* import_trail.c - a page's category trail ("Usługi społeczne : Pomoc
 * społeczna") matched against the vocabularies' labels in any language. */
#include "domain/import_page.h"

#include <string.h>

#include "store/store.h"
#include "text/fold.h"
#include "text/fuzzy.h"

bool import_trail_read(const char *line, const struct category_label *labels,
		       size_t nlabels, int64_t *cats, size_t *ncats)
{
	static const char *const heads[] = {"Kategoria", "Kategorie", "Obszar",
		"Obszar tematyczny", "Dziedzina", "Category", "Categories",
		"Področje", NULL};
	const char *colon = strchr(line, ':'), *p = line;
	int64_t found[PRACTICE_CATEGORIES_MAX], parents[PRACTICE_CATEGORIES_MAX];
	size_t nfound = 0, unmatched = 0;

	if (colon && colon - line < 40) {
		char head[48];
		memcpy(head, line, (size_t)(colon - line));
		head[colon - line] = '\0';
		for (int i = 0; heads[i]; i++)
			if (fuzzy_label_match(head, heads[i]))
				p = colon + 1;
	}
	while (*p && nfound < PRACTICE_CATEGORIES_MAX) {
		size_t n = strcspn(p, ":>;|/\xc2"), k = n;
		char part[FOLD_MAX];
		int best = -1, dist = 99;

		while (k && p[k - 1] == ' ')
			k--;
		while (k && *p == ' ')
			p++, k--, n--;
		if (k && k < sizeof part) {
			memcpy(part, p, k);
			part[k] = '\0';
			for (size_t i = 0; i < nlabels; i++) {
				int d = fuzzy_label_distance(part, labels[i].label);
				if (d >= 0 && d < dist) {
					best = (int)i;
					dist = d;
				}
			}
		}
		if (best >= 0) {
			parents[nfound] = labels[best].parent_id;
			found[nfound++] = labels[best].id;
		} else if (k) {
			unmatched++;
		}
		p += n;
		if (!strncmp(p, "\xc2\xbb", 2)) /* » */
			p += 2;
		else if (*p)
			p++;
	}
	/* a trail is category names and nothing else: "Kultura: nowy
	 * program w domu kultury" is a sentence */
	if (unmatched || !nfound)
		return false;
	for (size_t i = 0; i < nfound; i++) {
		bool implied = false, dup = false;
		for (size_t j = 0; j < nfound; j++)
			implied |= parents[j] == found[i];
		for (size_t j = 0; j < *ncats; j++)
			dup |= cats[j] == found[i];
		if (!implied && !dup && *ncats < PRACTICE_CATEGORIES_MAX)
			cats[(*ncats)++] = found[i];
	}
	return true;
}

