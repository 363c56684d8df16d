/* sqlite_match.c - searches answered from phrase lists (sqlite_phrases.h).
 * The FTS5 expressions the search builds (search/query.c, search.c) are
 * read back into their phrases and the sets these form: groups of
 * phrases joined by OR (in parentheses, maybe nested), groups joined by
 * AND, then groups taken out with NOT, or one bare chain of phrases
 * joined by OR. Any other shape is left to FTS5. The score of a row is
 * praxis_bm25's: every phrase's share in the order the expression names
 * them, with FTS5's statistics. */
#include "store/sqlite_phrases.h"

#include <string.h>

#include "search/analyzer.h"
#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"

enum { MATCH_PHRASES = PASSAGE_PHRASES, MATCH_GROUPS = 40 };

struct phrase_ref {
	const char *text; /* within the expression, quotes and star included */
	size_t len;
	int group;
	bool excluded;
	/* its list in each index table matched so far (sq_match_table) */
	const struct phrase_list *in[SQ_FTS_TABLES];
};

struct match_expr {
	struct phrase_ref p[MATCH_PHRASES];
	int np, ngroups;
	bool excluded[MATCH_GROUPS];
};

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* Whether s starts with the operator word op, standing alone. */
static bool is_op(const char *s, const char *op)
{
	size_t n = strlen(op);

	return !strncmp(s, op, n) && (s[n] == ' ' || s[n] == '(' || s[n] == '"');
}

/* Reads the phrase at *s ("...", quotes doubled inside, maybe then " *")
 * into group g; false when *s is no phrase or there are too many. */
static bool read_phrase(struct match_expr *x, const char **s, int g, bool excluded)
{
	const char *p = *s, *start = p;
	struct phrase_ref *r;

	if (*p != '"' || x->np == MATCH_PHRASES)
		return false;
	for (p++;; p++) {
		if (!*p)
			return false;
		if (*p == '"' && p[1] == '"')
			p++;
		else if (*p == '"')
			break;
	}
	p++;
	if (skip_spaces(p)[0] == '*')
		p = skip_spaces(p) + 1;
	r = &x->p[x->np++];
	r->text = start;
	r->len = (size_t)(p - start);
	r->group = g;
	r->excluded = excluded;
	*s = p;
	return true;
}

/* The phrases at *s joined by OR up to the closing parenthesis, into
 * group g; a group inside adds its phrases to g (a union of unions). */
static bool read_alternatives(struct match_expr *x, const char **s, int g,
			      bool excluded, int depth)
{
	const char *p = *s;

	for (;;) {
		p = skip_spaces(p);
		if (*p == '(') {
			p++;
			if (depth == 4 || !read_alternatives(x, &p, g, excluded, depth + 1))
				return false;
		} else if (!read_phrase(x, &p, g, excluded)) {
			return false;
		}
		p = skip_spaces(p);
		if (*p == ')')
			break;
		if (!is_op(p, "OR"))
			return false;
		p += 2;
	}
	*s = p + 1;
	return true;
}

/* A group: one phrase, or phrases joined by OR in parentheses. */
static bool read_group(struct match_expr *x, const char **s, bool excluded)
{
	const char *p = skip_spaces(*s);
	int g = x->ngroups;

	if (g == MATCH_GROUPS)
		return false;
	x->excluded[x->ngroups++] = excluded;
	if (*p != '(') {
		*s = p;
		return read_phrase(x, s, g, excluded);
	}
	p++;
	if (!read_alternatives(x, &p, g, excluded, 0))
		return false;
	*s = p;
	return true;
}

/* Parses match into x; false for a shape this file does not answer. In
 * FTS5, NOT binds tighter than AND, and AND than OR: "a AND b NOT c" is
 * a AND (b NOT c), the rows with a and b and not c, as read here; "a OR
 * b NOT c" would be a OR (b NOT c), which is refused. */
static bool parse(struct match_expr *x, const char *match)
{
	const char *s = match;
	bool chain = false, nots = false, bare;

	memset(x, 0, sizeof *x);
	bare = *skip_spaces(s) == '"';
	if (!read_group(x, &s, false))
		return false;
	for (;;) {
		s = skip_spaces(s);
		if (!*s)
			return true;
		if (is_op(s, "AND") && !chain && !nots) {
			s += 3;
			if (!read_group(x, &s, false))
				return false;
		} else if (is_op(s, "OR") && bare && x->ngroups == 1 && !nots) {
			chain = true; /* "a" OR "b" OR ...: one group */
			s = skip_spaces(s + 2);
			if (!read_phrase(x, &s, 0, false))
				return false;
		} else if (is_op(s, "NOT") && !chain) {
			nots = true;
			s += 3;
			if (!read_group(x, &s, true))
				return false;
		} else {
			return false;
		}
	}
}

static int count_word(void *ctx, bool colocated, const char *t, size_t n,
		      size_t s, size_t e)
{
	(void)colocated, (void)t, (void)n, (void)s, (void)e;
	++*(int *)ctx;
	return 0;
}

/* Whether a phrase holds a word: FTS5 drops one without. */
static bool has_words(const struct phrase_ref *r)
{
	int n = 0;

	analyze_text(NULL, ANALYZE_NO_STEMS, r->text, r->len, count_word, &n);
	return n > 0;
}

/* Sorted sets of rowids. */
struct idset {
	const uint32_t *id;
	uint32_t n;
};

static uint32_t *set_alloc(struct arena *a, uint32_t n)
{
	return arena_alloc(a, (n ? n : 1) * sizeof(uint32_t));
}

static int set_union(struct arena *a, struct idset *x, struct idset y)
{
	uint32_t *o = set_alloc(a, x->n + y.n), i = 0, j = 0, k = 0;

	if (!o)
		return -1;
	while (i < x->n || j < y.n) {
		if (j == y.n || (i < x->n && x->id[i] < y.id[j]))
			o[k++] = x->id[i++];
		else if (i == x->n || y.id[j] < x->id[i])
			o[k++] = y.id[j++];
		else
			o[k++] = x->id[i++], j++;
	}
	x->id = o;
	x->n = k;
	return 0;
}

/* x becomes x and y (keep) or x without y (!keep). */
static int set_filter(struct arena *a, struct idset *x, struct idset y, bool keep)
{
	uint32_t *o = set_alloc(a, x->n), j = 0, k = 0;

	if (!o)
		return -1;
	for (uint32_t i = 0; i < x->n; i++) {
		while (j < y.n && y.id[j] < x->id[i])
			j++;
		if ((j < y.n && y.id[j] == x->id[i]) == keep)
			o[k++] = x->id[i];
	}
	x->id = o;
	x->n = k;
	return 0;
}

/* The rows of group g in index table t: its phrases' rows together. */
static int group_rows(struct arena *a, const struct match_expr *x, int t,
		      int g, struct idset *out)
{
	bool first = true;

	out->n = 0;
	out->id = NULL;
	for (int i = 0; i < x->np; i++) {
		struct idset s = {x->p[i].in[t]->ids, x->p[i].in[t]->n};
		if (x->p[i].group != g)
			continue;
		if (first)
			*out = s;
		else if (set_union(a, out, s) < 0)
			return -1;
		first = false;
	}
	return 0;
}

/* The rows the expression matches in index table t. */
static int matching_rows(struct arena *a, const struct match_expr *x, int t,
			 struct idset *out)
{
	struct idset g;

	if (group_rows(a, x, t, 0, out) < 0)
		return -1;
	for (int i = 1; i < x->ngroups && out->n; i++) {
		if (group_rows(a, x, t, i, &g) < 0 ||
		    set_filter(a, out, g, !x->excluded[i]) < 0)
			return -1;
	}
	return 0;
}

/* Scores the rows (ascending) of index table t as praxis_bm25 does into
 * score[]: each phrase's share, worked out when its list was read,
 * summed in the order the expression names them; false when a list has
 * no shares (a row's length is not in memory: then FTS5 must rank). */
static bool score_rows(const struct match_expr *x, int t, struct idset rows,
		       double *score)
{
	uint32_t cur[MATCH_PHRASES] = {0};

	for (int i = 0; i < x->np; i++)
		if (x->p[i].in[t]->n && !x->p[i].in[t]->term)
			return false;
	if (x->np == 1) { /* the rows are the phrase's own, in order */
		for (uint32_t r = 0; r < rows.n; r++)
			score[r] = -1.0 * x->p[0].in[t]->term[r];
		return true;
	}
	for (uint32_t r = 0; r < rows.n; r++) {
		uint32_t id = rows.id[r];
		double s = 0.0;

		/* an excluded phrase, or one of a group not in the row, adds
		 * nothing, as its share of nothing is 0 */
		for (int i = 0; i < x->np; i++) {
			const struct phrase_list *l = x->p[i].in[t];
			uint32_t *c = &cur[i];
			if (x->p[i].excluded)
				continue;
			while (*c < l->n && l->ids[*c] < id)
				(*c)++;
			if (*c < l->n && l->ids[*c] == id)
				s += l->term[*c];
		}
		score[r] = -1.0 * s;
	}
	return true;
}

int sq_match_parse(struct arena *a, const char *match,
		   struct match_expr **out, struct error *err)
{
	struct match_expr *x;

	*out = NULL;
	if (!sq_phrase_cache_budget_bytes())
		return 0; /* turned off: FTS5 answers */
	if (!(x = arena_alloc(a, sizeof *x)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (!parse(x, match))
		return 0;
	for (int i = 0; i < x->np; i++)
		if (!has_words(&x->p[i]))
			return 0;
	*out = x;
	return 0;
}

int sq_match_table(struct store *st, struct arena *a, struct match_expr *x,
		   int table, bool ranked, match_add_fn add, void *ctx,
		   struct error *err)
{
	struct idset rows;
	double *score = NULL;
	int rc;

	for (int i = 0; i < x->np; i++) {
		if ((rc = sq_phrase_list(st, table, x->p[i].text, x->p[i].len,
					 &x->p[i].in[table], err)) < 0)
			return rc;
		if (!x->p[i].in[table])
			return 0;
	}
	if (matching_rows(a, x, table, &rows) < 0 ||
	    (ranked && rows.n && !(score = arena_alloc(a, rows.n * sizeof *score))))
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (ranked && rows.n && !score_rows(x, table, rows, score))
		return 0;
	for (uint32_t r = 0; r < rows.n; r++)
		add(ctx, rows.id[r], ranked ? score[r] : 0.0);
	return 1;
}

/* Where row id's matches are in list l: at[*from .. *to), empty when
 * the phrase is not in the row. */
static void row_matches(const struct phrase_list *l, uint32_t id,
			uint32_t *from, uint32_t *to)
{
	uint32_t lo = 0, hi = l->n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (l->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = *to = 0;
	if (lo < l->n && l->ids[lo] == id) {
		*from = l->at_of[lo];
		*to = l->at_of[lo + 1];
	}
}

const char *sq_match_passage(struct store *st, struct arena *a,
			     const struct match_expr *x, int table, int64_t id)
{
	uint32_t from[MATCH_PHRASES] = {0}, to[MATCH_PHRASES] = {0};
	int size[MATCH_PHRASES], n = 0;
	size_t total = 0;
	struct passage_inst *inst;

	if (table < 0 || table >= SQ_FTS_TABLES || id < 1 || id > UINT32_MAX)
		return NULL;
	/* the matches of every phrase in the row, as FTS5 reports them for
	 * the whole expression: a phrase excluded (NOT) has none in a row
	 * that matches */
	for (int i = 0; i < x->np; i++) {
		const struct phrase_list *l = x->p[i].in[table];
		if (!l || (l->n && !l->at_of))
			return NULL; /* not read for this table, or no places kept */
		size[i] = l->size;
		if (!x->p[i].excluded && l->n)
			row_matches(l, (uint32_t)id, &from[i], &to[i]);
		total += to[i] - from[i];
	}
	if (total > INT32_MAX ||
	    !(inst = arena_alloc(a, (total ? total : 1) * sizeof *inst)))
		return NULL;
	for (int i = 0; i < x->np; i++) {
		const struct phrase_list *l = x->p[i].in[table];
		for (uint32_t k = from[i]; k < to[i]; k++, n++) {
			inst[n].phrase = i;
			inst[n].col = PHRASE_AT_COL(l->at[k]);
			inst[n].off = PHRASE_AT_OFF(l->at[k]);
		}
	}
	return sq_fts_passage(st, a, table, id, inst, n, size, x->np);
}
