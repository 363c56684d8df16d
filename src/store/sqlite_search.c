/* sqlite_search.c - a search in one pass over its matches: the practices
 * each index table matches (with their bm25 scores when the page is
 * ranked) come from the phrase lists in memory when they can
 * (sqlite_phrases.h), else from one read of the table; each match is
 * then counted for the total and the facets and kept if it is among the
 * page's best, all from the facet cache in memory (sqlite_facets.h).
 * Only the page's own rows are read from the tables, with their
 * passages. */
#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_phrases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A practice that may be on the page. */
struct hit {
	double key; /* ranked: score, lower first; else unused */
	int64_t pub, id;
	int table;
};

/* Whether x comes before y: by key and id, or newest first. */
static bool hit_before(const struct hit *x, const struct hit *y, bool newest)
{
	if (newest)
		return x->pub != y->pub ? x->pub > y->pub : x->id > y->id;
	return x->key != y->key ? x->key < y->key : x->id < y->id;
}

static int cmp_ranked(const void *x, const void *y)
{
	return hit_before(x, y, false) ? -1 : hit_before(y, x, false);
}

static int cmp_newest(const void *x, const void *y)
{
	return hit_before(x, y, true) ? -1 : hit_before(y, x, true);
}

/* The best k hits seen so far, as a heap whose root comes last. */
struct best {
	struct hit *h;
	size_t n, k;
	bool newest;
};

static void best_add(struct best *b, const struct hit *x)
{
	size_t i;

	if (b->n < b->k) {
		for (i = b->n++; i > 0 && hit_before(&b->h[(i - 1) / 2], x, b->newest);
		     i = (i - 1) / 2)
			b->h[i] = b->h[(i - 1) / 2];
		b->h[i] = *x;
		return;
	}
	if (!b->k || !hit_before(x, &b->h[0], b->newest))
		return;
	for (i = 0;;) { /* x replaces the root and sinks */
		size_t c = 2 * i + 1;
		if (c >= b->n)
			break;
		if (c + 1 < b->n && hit_before(&b->h[c], &b->h[c + 1], b->newest))
			c++;
		if (!hit_before(x, &b->h[c], b->newest))
			break;
		b->h[i] = b->h[c];
		i = c;
	}
	b->h[i] = *x;
}

void sq_scratch_free(struct search_scratch *s)
{
	if (!s)
		return;
	free(s->stamp);
	free(s->score);
	free(s->table);
	free(s->hits);
	free(s->hitbits);
	free(s);
}

int sq_scratch_fit(struct store *st, int64_t max_id)
{
	struct search_scratch *s = st->scratch;
	size_t n = (size_t)max_id + 1, words = (size_t)max_id / 64 + 1;

	if (s && s->max_id >= max_id)
		return 0;
	sq_scratch_free(s);
	if (!(s = st->scratch = calloc(1, sizeof *s)))
		return -1;
	s->max_id = max_id;
	if (!(s->stamp = calloc(n, sizeof *s->stamp)) ||
	    !(s->score = malloc(n * sizeof *s->score)) ||
	    !(s->table = malloc(n * sizeof *s->table)) ||
	    !(s->hits = malloc(n * sizeof *s->hits)) ||
	    !(s->hitbits = malloc(words * sizeof *s->hitbits))) {
		sq_scratch_free(s);
		st->scratch = NULL;
		return -1;
	}
	return 0;
}

/* A match of index table `table` found so far: stamped, with its best
 * score over the tables. */
struct marking {
	struct search_scratch *s;
	int64_t max_id; /* the cache's */
	size_t n;
	int table;
};

static void mark(void *ctx, int64_t id, double score)
{
	struct marking *m = ctx;
	struct search_scratch *s = m->s;

	if (id < 1 || id > m->max_id)
		return; /* not in this snapshot's catalogue */
	if (s->stamp[id] != s->epoch) {
		s->stamp[id] = s->epoch;
		s->score[id] = score;
		s->table[id] = (int8_t)m->table;
		s->hits[m->n++] = (uint32_t)id;
	} else if (score < s->score[id]) {
		s->score[id] = score;
		s->table[id] = (int8_t)m->table;
	}
}

/* Marks the practices of index table m->table matching f->match, read
 * through FTS5. */
static int read_table(struct store *st, const struct practice_filter *f,
		      bool ranked, struct marking *m, struct error *err)
{
	const char *t = sq_fts_langs[m->table];
	char sql[256];
	sqlite3_stmt *s;
	int step, rc = 0;

	if (ranked)
		snprintf(sql, sizeof sql, "SELECT rowid, praxis_bm25("
			 "practice_fts_%s, %d, " BM25_WEIGHTS ") FROM"
			 " practice_fts_%s WHERE practice_fts_%s MATCH ?1",
			 t, m->table, t, t);
	else
		snprintf(sql, sizeof sql, "SELECT rowid, 0 FROM practice_fts_%s"
			 " WHERE practice_fts_%s MATCH ?1", t, t);
	if (!(s = sq_prepare(st, sql, err)))
		return ERR_IO;
	sqlite3_bind_text(s, 1, f->match, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		mark(m, sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1));
	if (step != SQLITE_DONE)
		rc = sq_fail(st, err, "search");
	sq_release(st, s);
	return rc;
}

/* Marks every practice matching f->match in the connection's scratch
 * arrays, with its best score over the index tables when ranked; *n gets
 * their number. Phrase lists in memory answer when they can (*x: the
 * expression read for them, else NULL), else FTS5. The lists stay
 * pinned until sq_phrase_unpin. */
static int read_matches(struct store *st, struct arena *a,
			const struct practice_filter *f, bool ranked,
			struct match_expr **x, size_t *n, struct error *err)
{
	const char *only = f->match_lang ? sq_fts_table_lang(f->match_lang) : NULL;
	struct search_scratch *s = st->scratch;
	struct marking m = {.s = s, .max_id = st->facets->max_id};
	int rc;

	if ((rc = sq_match_parse(a, f->match, x, err)) < 0)
		return rc;
	if (++s->epoch == 0) { /* wrapped: old stamps could pass for new */
		memset(s->stamp, 0, (size_t)(s->max_id + 1) * sizeof *s->stamp);
		s->epoch = 1;
	}
	for (int i = 0; rc >= 0 && sq_fts_langs[i]; i++) {
		if (only && strcmp(only, sq_fts_langs[i]))
			continue;
		m.table = i;
		rc = *x ? sq_match_table(st, a, *x, i, ranked, mark, &m, err) : 0;
		if (rc == 0)
			rc = read_table(st, f, ranked, &m, err);
	}
	*n = m.n;
	return rc < 0 ? rc : 0;
}

/* The passages of the page's items (their index tables in tables[]):
 * only for the page. From where the phrase lists keep their matches (x)
 * when they can; else through FTS5 one row at a time, or for a prefix
 * term from a scratch index of the page's rows per table
 * (sqlite_snippet.c). */
static int read_snippets(struct store *st, struct arena *a, const char *match,
			 const struct match_expr *x, const int *tables,
			 struct practice_page *out, struct error *err)
{
	const char **snip;
	int64_t *ids;
	size_t left = out->n;
	int rc = 0;

	for (size_t i = 0; x && i < out->n; i++)
		if ((out->items[i].snippet = sq_match_passage(st, a, x, tables[i],
							      out->items[i].id)))
			left--;
	if (!left)
		return 0;
	if (!strstr(match, "\" *")) {
		for (size_t i = 0; i < out->n; i++)
			if (!out->items[i].snippet)
				out->items[i].snippet = sq_fts_snippet(st, a, tables[i],
								       match,
								       out->items[i].id);
		return 0;
	}
	snip = arena_calloc(a, out->n + 1, sizeof *snip);
	ids = arena_calloc(a, out->n + 1, sizeof *ids);
	if (!snip || !ids)
		return error_set(err, ERR_INTERNAL, "out of memory");
	for (int t = 0; rc == 0 && t < SQ_FTS_TABLES; t++) {
		size_t k = 0;
		for (size_t i = 0; i < out->n; i++)
			if (tables[i] == t && !out->items[i].snippet)
				ids[k++] = out->items[i].id;
		if (!k || (rc = sq_fts_snippets(st, a, t, match, ids, k, snip,
						 err)) < 0)
			continue;
		k = 0;
		for (size_t i = 0; i < out->n; i++)
			if (tables[i] == t && !out->items[i].snippet)
				out->items[i].snippet = snip[k++];
	}
	return rc;
}

/* Reads the page's practices, in order, with their passages. */
static int read_page(struct store *st, struct arena *a, const char *lang,
		     const struct practice_filter *f, const struct match_expr *x,
		     const struct page_req *page, const struct hit *h, size_t n,
		     struct practice_page *out, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT p.id, p.slug, p.lang, coalesce(tr.title, o.title),"
		" coalesce(tr.summary, o.summary), p.published_at,"
		" p.date_entered, g.id, g.slug, g.name, g.town, g.region,"
		" g.country, g.unit_type, p.initiator_type"
		" FROM practice p JOIN organisation g ON g.id = p.organisation_id"
		" JOIN practice_text o ON o.practice_id = p.id AND o.lang = p.lang"
		" LEFT JOIN practice_text tr ON tr.practice_id = p.id"
		"  AND tr.lang = ?2 WHERE p.id = ?1 AND p.status = 'published'", err);
	int *tables = arena_calloc(a, n ? n : 1, sizeof *tables);
	int rc = 0, step;

	if (!s)
		return ERR_IO;
	if (!tables ||
	    !(out->items = arena_calloc(a, n ? n : 1, sizeof *out->items))) {
		sq_release(st, s);
		return error_set(err, ERR_INTERNAL, "out of memory");
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct practice_summary *it = &out->items[out->n];

		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, h[i].id);
		sqlite3_bind_text(s, 2, lang ? lang : "", -1, SQLITE_STATIC);
		if ((step = sqlite3_step(s)) == SQLITE_DONE)
			continue; /* the cache said published: cannot happen */
		if (step != SQLITE_ROW) {
			rc = sq_fail(st, err, "list");
			break;
		}
		sq_read_summary(a, s, it);
		tables[out->n] = h[i].table;
		out->n++;
	}
	sq_release(st, s);
	if (rc == 0 && !page->no_snippets)
		rc = read_snippets(st, a, f->match, x, tables, out, err);
	return rc;
}

/* sq_fts_search, with the phrase lists it reads left pinned. */
static int search(struct store *st, struct arena *a, const char *lang,
		  const struct practice_filter *f, const struct page_req *page,
		  struct practice_page *out,
		  struct facet_value *facets[FILTER__MAX],
		  size_t nfacets[FILTER__MAX], int64_t *total, struct error *err)
{
	struct match_expr *x = NULL;
	struct facet_count c;
	struct search_scratch *s;
	struct best b = {0};
	struct likeness me = {.unit_type = -1};
	size_t nhits, from, limit = 0;
	bool ranked = page && !page->newest, bits;
	int rc;

	if (out)
		memset(out, 0, sizeof *out);
	if (page && page->has_cursor)
		return error_set(err, ERR_INVALID,
				 "cursor: search results are paged by number");
	if ((rc = sq_facet_begin(st, a, f, &c, err)) < 0)
		return rc;
	if (sq_scratch_fit(st, c.fc->max_id) < 0)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if ((rc = read_matches(st, a, f, ranked, &x, &nhits, err)) < 0)
		return rc;
	s = st->scratch;
	if (page) {
		limit = (size_t)(page->limit > 0 ? page->limit : PAGE_LIMIT_DEFAULT);
		from = page->offset > 0 ? (size_t)page->offset : 0;
		/* one more than the page tells whether a next one exists */
		b.k = from + limit + 1 < nhits ? from + limit + 1 : nhits;
		b.newest = page->newest;
		if (b.k && !(b.h = arena_alloc(a, b.k * sizeof *b.h)))
			return error_set(err, ERR_INTERNAL, "out of memory");
		if (page->like) {
			me = *page->like;
			if (me.unit_type >= UNIT__MAX)
				me.unit_type = -1;
		}
	}
	/* many matches, no filter: counted all at once from bitmaps */
	bits = c.unfiltered && nhits > (size_t)c.fc->max_id / 8;
	for (size_t i = 0; i < nhits; i++) {
		int64_t id = s->hits[i];
		struct hit h;

		if (!(bits ? sq_facet_visible(&c, id) : sq_facet_add(&c, id)) ||
		    !page)
			continue;
		h.key = s->score[id];
		/* units like the reader's: the score grows by up to half again */
		if (page->like)
			h.key *= 1 + likeness_score(c.fc->rows[id].unit,
						     c.fc->more[id].population, &me);
		/* read only when it orders: a cache line less per match */
		h.pub = b.newest ? c.fc->more[id].published_at : 0;
		h.id = id;
		h.table = s->table[id];
		best_add(&b, &h);
	}
	if (bits && (rc = sq_facet_count_bits(&c, s, nhits, err)) < 0)
		return rc;
	if (facets)
		sq_facet_end(&c, a, facets, nfacets);
	if (total)
		*total = c.n.total;
	if (!page)
		return 0;
	out->total = c.n.total;
	if (b.n) /* no heap was allocated for no hits */
		qsort(b.h, b.n, sizeof *b.h, b.newest ? cmp_newest : cmp_ranked);
	from = page->offset > 0 ? (size_t)page->offset : 0;
	if (b.n <= from)
		return 0;
	out->has_next = b.n - from > limit;
	if ((rc = read_page(st, a, lang, f, x, page, b.h + from,
			    out->has_next ? limit : b.n - from, out, err)) < 0)
		return rc;
	if (out->has_next && out->n) {
		out->next.published_at = out->items[out->n - 1].published_at;
		out->next.id = out->items[out->n - 1].id;
	}
	return 0;
}

int sq_fts_search(struct store *st, struct arena *a, const char *lang,
		  const struct practice_filter *f, const struct page_req *page,
		  struct practice_page *out,
		  struct facet_value *facets[FILTER__MAX],
		  size_t nfacets[FILTER__MAX], int64_t *total, struct error *err)
{
	int rc = search(st, a, lang, f, page, out, facets, nfacets, total, err);

	sq_phrase_unpin(st);
	return rc;
}

int store_search(struct store *st, struct arena *a, const char *lang,
		 const struct practice_filter *f, const struct page_req *page,
		 struct practice_page *out,
		 struct facet_value *facets[FILTER__MAX],
		 size_t nfacets[FILTER__MAX], struct error *err)
{
	struct page_req pr = *page;
	int64_t total;
	int rc;

	if (f->match)
		return sq_fts_search(st, a, lang, f, page, out, facets, nfacets,
				     NULL, err);
	/* no text: the newest practices, counted with the facets */
	if ((rc = store_facets(st, a, f, facets, nfacets, &total, err)) < 0)
		return rc;
	pr.skip_total = true;
	if ((rc = store_practice_list(st, a, lang, f, &pr, out, err)) < 0)
		return rc;
	out->total = total;
	return 0;
}
