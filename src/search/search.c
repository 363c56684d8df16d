#include "search/search.h"

#include <string.h>

#include "core/buf.h"
#include "search/analyzer.h"
#include "search/fold.h"
#include "search/spell.h"

#include <stdio.h>

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
		const char *fix = t->kind == TERM_WORD && !t->prefix
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
	int64_t total = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = search_query_parse(a, q, &out->query, err)) < 0)
		return rc;
	f->match = out->query.match;
	/* The facets' pass counts the matches too; the list need not. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (facets && (rc = store_facets(st, a, f, out->facets, out->nfacets,
						 &total, err)) < 0)
			return rc;
		pr.skip_total = facets;
		if ((rc = store_practice_list(st, a, lang, f, &pr, &out->page, err)) < 0)
			return rc;
		if (facets)
			out->page.total = total;
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

/* The words of a practice worth matching others on: title words and
 * keywords, folded, four letters or longer, each once. */
struct similar_terms {
	struct buf match;
	int n;
	char seen[1024];
	size_t seen_len;
};

static int add_similar_term(void *ctx, bool colocated, const char *t, size_t n,
			    size_t start, size_t end)
{
	struct similar_terms *st = ctx;
	char quoted[FOLD_MAX + 4];

	(void)start, (void)end;
	if (colocated || n < 4 || st->n == 16)
		return 0;
	snprintf(quoted, sizeof quoted, "\"%.*s\"", (int)n, t);
	if (strstr(st->seen, quoted) || st->seen_len + strlen(quoted) + 1 >= sizeof st->seen)
		return 0;
	memcpy(st->seen + st->seen_len, quoted, strlen(quoted) + 1);
	st->seen_len += strlen(quoted);
	if (st->n++)
		buf_puts(&st->match, " OR ");
	buf_puts(&st->match, quoted);
	return 0;
}

int search_similar(struct store *st, struct arena *a, const char *lang,
		   const struct practice *p, struct practice_page *out,
		   struct error *err)
{
	struct similar_terms t = {0};
	struct practice_filter f = {.exclude_id = p->id};
	struct page_req pr = {.limit = SIMILAR_MAX};
	struct practice_page more;
	int rc = 0;

	memset(out, 0, sizeof *out);
	buf_init(&t.match, 256);
	analyze_text(NULL, ANALYZE_NO_STEMS, p->title, strlen(p->title),
		     add_similar_term, &t);
	for (size_t i = 0; i < p->nkeywords; i++)
		analyze_text(NULL, ANALYZE_NO_STEMS, p->keywords[i],
			     strlen(p->keywords[i]), add_similar_term, &t);
	if (!t.n || t.match.oom)
		goto out;
	f.match = arena_strdup(a, t.match.data);
	/* First within its categories, then from anywhere. */
	for (size_t i = 0; i < p->ncategories && i < FILTER_VALUES_MAX; i++)
		f.categories[f.ncategories++] = p->categories[i].slug;
	if ((rc = store_practice_list(st, a, lang, &f, &pr, out, err)) < 0 ||
	    out->n == SIMILAR_MAX)
		goto out;
	f.ncategories = 0;
	pr.limit = SIMILAR_MAX * 2;
	if ((rc = store_practice_list(st, a, lang, &f, &pr, &more, err)) < 0)
		goto out;
	struct practice_summary *all = arena_calloc(a, SIMILAR_MAX, sizeof *all);
	if (!all) {
		rc = error_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	memcpy(all, out->items, out->n * sizeof *all);
	for (size_t i = 0; i < more.n && out->n < SIMILAR_MAX; i++) {
		bool dup = false;
		for (size_t k = 0; k < out->n; k++)
			dup |= all[k].id == more.items[i].id;
		if (!dup)
			all[out->n++] = more.items[i];
	}
	out->items = all;
out:
	buf_release(&t.match);
	return rc;
}
