/* search.c - a search as pages, the API and the command line run it,
 * and the similar practices of a practice page. */
#include "search/search.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "search/analyzer.h"
#include "search/spell.h"
#include "text/fold.h"

/* The query with every word the index lacks replaced by its closest
 * indexed word; NULL when no word was replaced. */
static const char *respell(struct store *st, struct arena *a,
			   const struct search_query *q)
{
	struct buf b;
	bool changed = false;
	const char *out = NULL;

	buf_init(&b, 128);
	for (size_t i = 0; i < q->nterms; i++) {
		const struct query_term *t = &q->terms[i];
		const char *fix = t->kind == TERM_WORD && !t->prefix && !t->excluded
					  ? spell_suggest(st, a, t->text) : NULL;
		if (b.len)
			buf_putc(&b, ' ');
		if (t->excluded)
			buf_putc(&b, '-');
		if (t->kind == TERM_PHRASE)
			buf_printf(&b, "\"%s\"", t->text);
		else
			buf_printf(&b, "%s%s", fix ? fix : t->text, t->prefix ? "*" : "");
		changed |= fix != NULL;
	}
	if (changed && !b.oom)
		out = arena_strdup(a, b.data);
	buf_release(&b);
	return out;
}

int search_run(struct store *st, struct arena *a, const char *lang,
	       const char *q, struct practice_filter *f,
	       const struct page_req *page, bool facets,
	       struct search_result *out, struct error *err)
{
	struct page_req pr = *page;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = search_query_parse(a, q, &out->query, err)) < 0)
		return rc;
	f->match = out->query.match;
	/* the total decides whether to relax the query: always counted */
	pr.skip_total = false;
	for (int attempt = 0; attempt < 2; attempt++) {
		rc = facets ? store_search(st, a, lang, f, &pr, &out->page,
					   out->facets, out->nfacets, err)
			    : store_practice_list(st, a, lang, f, &pr, &out->page,
						  err);
		if (rc < 0)
			return rc;
		/* Nothing has every word: try any of them, once. */
		if (out->page.total || attempt ||
		    !(f->match = search_query_relaxed(a, &out->query)))
			break;
		out->relaxed = true;
	}
	if (!out->page.total && out->query.match)
		out->suggestion = respell(st, a, &out->query);
	return 0;
}

/* The words of a practice worth matching others on: its title words and
 * keywords (folded, four letters or more), of which the rarest in the
 * index: they say what the practice is about, and a few rare words keep
 * the search cheap where common ones would match half the catalogue. */
enum { SIMILAR_CANDIDATES = 24, SIMILAR_TERMS = 5 };

struct similar_terms {
	struct store *st;
	char word[SIMILAR_CANDIDATES][FOLD_MAX];
	int64_t docs[SIMILAR_CANDIDATES];
	int n;
};

static int add_similar_term(void *ctx, bool colocated, const char *t, size_t n,
			    size_t start, size_t end)
{
	struct similar_terms *st = ctx;

	(void)start, (void)end;
	if (colocated || n < 4 || n >= FOLD_MAX || st->n == SIMILAR_CANDIDATES)
		return 0;
	for (int i = 0; i < st->n; i++)
		if (strlen(st->word[i]) == n && !memcmp(st->word[i], t, n))
			return 0;
	memcpy(st->word[st->n], t, n);
	st->word[st->n++][n] = '\0';
	return 0;
}

/* The OR of the rarest SIMILAR_TERMS candidates that some other practice
 * has too, quoted; NULL if none. */
static const char *similar_match(struct arena *a, struct similar_terms *t)
{
	const char *terms[SIMILAR_CANDIDATES];
	struct buf b;
	const char *out = NULL;
	int kept = 0;

	for (int i = 0; i < t->n; i++)
		terms[i] = t->word[i];
	if (store_index_term_docs(t->st, terms, (size_t)t->n, t->docs, NULL) < 0)
		return NULL;
	for (int i = 0; i < t->n; i++) /* only this practice has it: no use */
		if (t->docs[i] >= 2) {
			if (i != kept) {
				memcpy(t->word[kept], t->word[i], FOLD_MAX);
				t->docs[kept] = t->docs[i];
			}
			kept++;
		}
	t->n = kept;

	buf_init(&b, 256);
	for (int k = 0; k < SIMILAR_TERMS && k < t->n; k++) {
		int best = k;
		for (int i = k + 1; i < t->n; i++)
			if (t->docs[i] < t->docs[best])
				best = i;
		if (best != k) { /* selection sort: a handful of items */
			char w[FOLD_MAX];
			int64_t d = t->docs[k];
			memcpy(w, t->word[k], FOLD_MAX);
			memcpy(t->word[k], t->word[best], FOLD_MAX);
			memcpy(t->word[best], w, FOLD_MAX);
			t->docs[k] = t->docs[best];
			t->docs[best] = d;
		}
		buf_printf(&b, "%s\"%s\"", k ? " OR " : "", t->word[k]);
	}
	if (b.len && !b.oom)
		out = arena_strdup(a, b.data);
	buf_release(&b);
	return out;
}

int search_similar(struct store *st, struct arena *a, const char *lang,
		   const struct practice *p, struct practice_page *out,
		   struct error *err)
{
	struct similar_terms *t = arena_calloc(a, 1, sizeof *t);
	struct practice_filter f = {.exclude_id = p->id};
	struct page_req pr = {.limit = SIMILAR_MAX};
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (!t)
		return error_set(err, ERR_INTERNAL, "out of memory");
	t->st = st;
	analyze_text(NULL, ANALYZE_NO_STEMS, p->title, strlen(p->title),
		     add_similar_term, t);
	for (size_t i = 0; i < p->nkeywords; i++)
		analyze_text(NULL, ANALYZE_NO_STEMS, p->keywords[i],
			     strlen(p->keywords[i]), add_similar_term, t);
	if (!(f.match = similar_match(a, t)))
		goto out;
	/* In its own language and categories: one index table, one query,
	 * cheap enough for every practice page. */
	f.match_lang = p->lang;
	for (size_t i = 0; i < p->ncategories && i < FILTER_VALUES_MAX; i++)
		f.categories[f.ncategories++] = p->categories[i].slug;
	pr.skip_total = true;
	pr.no_snippets = true; /* the cards show summaries */
	if ((rc = store_practice_list(st, a, lang, &f, &pr, out, err)) < 0 || out->n)
		goto out;
	/* nothing in its categories: by words alone */
	f.ncategories = 0;
	rc = store_practice_list(st, a, lang, &f, &pr, out, err);
out:
	return rc;
}
