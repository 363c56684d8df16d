/* sqlite_passage.c - praxis_snippet(), the search's passages: the same
 * text as FTS5's snippet() given the same arguments (as SQLite 3.40
 * writes it), with less work. snippet() tokenises every column, scores
 * the window of each match by looking at every match of the row
 * (quadratic in the matches of a long text full of a common word), then
 * tokenises the chosen column once more to mark the matches. Here only
 * columns with matches are tokenised, once, keeping where each token is;
 * a window looks only at the matches inside it; and the marks are set
 * from the kept offsets. A unit test and a fuzz target hold it to
 * snippet()'s output, so a SQLite that writes passages differently is
 * noticed. The same passage is also made without FTS5 (sq_passage_of),
 * from the matches the phrase lists keep and the row's stored text. */
#include "store/sqlite_fts.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "search/analyzer.h"

struct span {
	int start, end; /* bytes */
};

/* One column's tokens, and those that begin a sentence (after '.' or
 * ':' and white space), where snippet() likes a window to start. */
struct column {
	const char *doc;
	int ndoc;
	struct span *tok;
	int ntok, captok;
	int *first, nfirst, capfirst;
};

struct row {
	/* the row's columns through FTS5, or as read (sq_passage_of) */
	const Fts5ExtensionApi *api;
	Fts5Context *fts;
	const struct passage_text *text;
	struct passage_inst *inst;   /* in xInst's order */
	int ninst, nphrase;
	int *size;           /* each phrase's length in tokens */
	unsigned char *seen; /* per phrase, while a window is scored */
	bool sorted;         /* by column and offset, as FTS5 gives them */
};

static int push_first(struct column *c, int pos)
{
	if (c->nfirst == c->capfirst) {
		int nc = c->capfirst ? c->capfirst * 2 : 64;
		int *more = sqlite3_realloc64(c->first, (sqlite3_uint64)nc * sizeof *more);
		if (!more)
			return SQLITE_NOMEM;
		c->first = more;
		c->capfirst = nc;
	}
	c->first[c->nfirst++] = pos;
	return SQLITE_OK;
}

static int keep_token(void *ctx, int flags, const char *t, int n, int start,
		      int end)
{
	struct column *c = ctx;
	int rc = SQLITE_OK;

	(void)t, (void)n;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (c->ntok == c->captok) {
		int nc = c->captok ? c->captok * 2 : 256;
		struct span *more = sqlite3_realloc64(c->tok,
						      (sqlite3_uint64)nc * sizeof *more);
		if (!more)
			return SQLITE_NOMEM;
		c->tok = more;
		c->captok = nc;
	}
	if (c->ntok == 0) {
		rc = push_first(c, 0);
	} else {
		int i = start - 1;
		char ch = 0;
		for (; i >= 0; i--) {
			ch = c->doc[i];
			if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
				break;
		}
		if (i != start - 1 && (ch == '.' || ch == ':'))
			rc = push_first(c, c->ntok);
	}
	c->tok[c->ntok].start = start;
	c->tok[c->ntok++].end = end;
	return rc;
}

static void column_free(struct column *c)
{
	sqlite3_free(c->tok);
	sqlite3_free(c->first);
	memset(c, 0, sizeof *c);
}

/* keep_token for the analyzer, as the praxis tokenizer hands on its
 * tokens to FTS5 (sqlite_fts.c). */
static int keep_word(void *ctx, bool colocated, const char *t, size_t n,
		     size_t start, size_t end)
{
	return keep_token(ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, t, (int)n,
			  (int)start, (int)end);
}

/* Reads column col's text and tokens into c: what FTS5's xTokenize
 * gives for passages (FTS5_TOKENIZE_AUX) is the analyzer's positions. */
static int column_read(struct row *r, int col, struct column *c)
{
	int rc = SQLITE_OK;

	c->ntok = c->nfirst = 0;
	if (r->text) {
		c->doc = r->text->doc[col];
		c->ndoc = r->text->ndoc[col];
		if (c->doc && c->ndoc > 0)
			rc = analyze_text(r->text->lang, ANALYZE_POSITIONS, c->doc,
					  (size_t)c->ndoc, keep_word, c);
		return rc;
	}
	rc = r->api->xColumnText(r->fts, col, &c->doc, &c->ndoc);
	if (rc == SQLITE_OK && c->doc)
		rc = r->api->xTokenize(r->fts, c->doc, c->ndoc, c, keep_token);
	return rc;
}

/* Column col's length in tokens, as the index counted it. */
static int column_size(struct row *r, int col, int *n)
{
	if (r->text) {
		*n = r->text->size[col];
		return SQLITE_OK;
	}
	return r->api->xColumnSize(r->fts, col, n);
}

/* The first match of column col at offset off or after (the matches
 * being sorted). */
static int first_at(const struct row *r, int col, int off)
{
	int lo = 0, hi = r->ninst;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		const struct passage_inst *m = &r->inst[mid];
		if (m->col < col || (m->col == col && m->off < off))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* snippet()'s score of the window of ntoken tokens from pos in column
 * col: 1000 for each phrase's first match in it, 1 for each further
 * one; *adj (when not NULL) gets the window moved to centre its
 * matches, within the column's ndocsize tokens. */
static int score(struct row *r, int col, int pos, int ntoken, int ndocsize,
		 int *adj)
{
	sqlite3_int64 end = (sqlite3_int64)pos + ntoken;
	int first = -1, last = 0, n = 0;

	memset(r->seen, 0, (size_t)r->nphrase);
	for (int i = r->sorted ? first_at(r, col, pos) : 0; i < r->ninst; i++) {
		const struct passage_inst *m = &r->inst[i];
		if (m->col != col || m->off < pos || m->off >= end) {
			if (r->sorted)
				break; /* past the window */
			continue;
		}
		n += r->seen[m->phrase] ? 1 : 1000;
		r->seen[m->phrase] = 1;
		if (first < 0)
			first = m->off;
		last = m->off + r->size[m->phrase];
	}
	if (adj) {
		sqlite3_int64 a = first - (ntoken - (last - first)) / 2;
		if (a + ntoken > ndocsize)
			a = ndocsize - ntoken;
		if (a < 0)
			a = 0;
		*adj = (int)a;
	}
	return n;
}

/* The coalesced matches of a column, as highlight() walks them:
 * overlapping matches make one. */
struct coalesced {
	const struct row *r;
	int col, next, start, end;
};

static void coalesced_next(struct coalesced *it)
{
	const struct row *r = it->r;

	it->start = it->end = -1;
	for (; it->next < r->ninst; it->next++) {
		const struct passage_inst *m = &r->inst[it->next];
		int end;
		if (m->col != it->col)
			continue;
		end = m->off - 1 + r->size[m->phrase];
		if (it->start < 0) {
			it->start = m->off;
			it->end = end;
		} else if (m->off <= it->end) {
			if (end > it->end)
				it->end = end;
		} else {
			break;
		}
	}
}

/* Column c from token `from` to `to` with its matches marked, as
 * snippet() writes it, appended to out: highlight()'s walk over every
 * token, from the kept offsets instead of a second tokenisation. */
static void mark(const struct row *r, const struct column *c, int col,
		 int from, int to, int ncolsize, const char *open,
		 const char *close, const char *ellipsis, struct buf *out)
{
	struct coalesced it = {.r = r, .col = col};
	int off = 0;

	coalesced_next(&it);
	if (from > 0)
		buf_puts(out, ellipsis);
	while (it.start >= 0 && it.start < from)
		coalesced_next(&it);
	for (int pos = 0; pos < c->ntok; pos++) {
		int s = c->tok[pos].start, e = c->tok[pos].end;

		if (to > 0) {
			if (pos < from || pos > to)
				continue;
			if (from && pos == from)
				off = s;
		}
		if (pos == it.start) {
			buf_add(out, c->doc + off, (size_t)(s - off));
			buf_puts(out, open);
			off = s;
		}
		if (pos == it.end) {
			if (to && it.start < from)
				buf_puts(out, open);
			buf_add(out, c->doc + off, (size_t)(e - off));
			buf_puts(out, close);
			off = e;
			coalesced_next(&it);
		}
		if (to > 0 && pos == to) {
			buf_add(out, c->doc + off, (size_t)(e - off));
			off = e;
			if (pos >= it.start && pos < it.end)
				buf_puts(out, close);
		}
	}
	if (to >= ncolsize - 1)
		buf_add(out, c->doc + off, (size_t)(c->ndoc - off));
	else
		buf_puts(out, ellipsis);
}

static const char *text_arg(sqlite3_value *v)
{
	const char *s = (const char *)sqlite3_value_text(v);
	return s ? s : "";
}

/* Reads the row's matches into r. */
static int row_read(struct row *r)
{
	int rc = r->api->xInstCount(r->fts, &r->ninst);

	r->nphrase = r->api->xPhraseCount(r->fts);
	r->inst = sqlite3_malloc64((sqlite3_uint64)(r->ninst + 1) * sizeof *r->inst);
	r->size = sqlite3_malloc64((sqlite3_uint64)(r->nphrase + 1) * sizeof *r->size);
	r->seen = sqlite3_malloc64((sqlite3_uint64)r->nphrase + 1);
	if (rc == SQLITE_OK && (!r->inst || !r->size || !r->seen))
		rc = SQLITE_NOMEM;
	for (int i = 0; rc == SQLITE_OK && i < r->nphrase; i++)
		r->size[i] = r->api->xPhraseSize(r->fts, i);
	r->sorted = true;
	for (int i = 0; rc == SQLITE_OK && i < r->ninst; i++) {
		struct passage_inst *m = &r->inst[i];
		rc = r->api->xInst(r->fts, i, &m->phrase, &m->col, &m->off);
		if (rc == SQLITE_OK && (m->phrase < 0 || m->phrase >= r->nphrase))
			rc = SQLITE_CORRUPT_VTAB;
		if (rc == SQLITE_OK && i > 0 &&
		    (m->col < m[-1].col || (m->col == m[-1].col && m->off < m[-1].off)))
			r->sorted = false; /* then every window looks at all */
	}
	return rc;
}

/* The best window over the columns asked for (want, or all when < 0)
 * as snippet() picks it; *best_c gets the winning column's tokens. */
static int choose(struct row *r, int ncol, int want, int ntoken,
		  struct column *best_c, int *best_col, int *best_start,
		  int *best_size)
{
	struct column c = {0};
	int best = 0, rc = SQLITE_OK;

	for (int i = 0; rc == SQLITE_OK && i < ncol; i++) {
		int ndocsize, f = 0, k = 0;

		if (want >= 0 && want != i)
			continue;
		/* a column without matches never wins: not read */
		while (k < r->ninst && r->inst[k].col != i)
			k++;
		if (k == r->ninst)
			continue;
		if ((rc = column_read(r, i, &c)) != SQLITE_OK ||
		    (rc = column_size(r, i, &ndocsize)) != SQLITE_OK)
			break;
		for (int m = k; rc == SQLITE_OK && m < r->ninst; m++) {
			int io = r->inst[m].off, adj, n;

			if (r->inst[m].col != i)
				continue;
			if (io > ndocsize) {
				rc = SQLITE_CORRUPT_VTAB;
				break;
			}
			n = score(r, i, io, ntoken, ndocsize, &adj);
			if (n > best) {
				best = n;
				*best_col = i;
				*best_start = adj;
				*best_size = ndocsize;
			}
			if (!c.nfirst || ndocsize <= ntoken)
				continue;
			if (!r->sorted)
				f = 0;
			while (f < c.nfirst - 1 && c.first[f + 1] <= io)
				f++;
			if (c.first[f] < io) {
				n = score(r, i, c.first[f], ntoken, ndocsize, NULL) +
				    (c.first[f] == 0 ? 120 : 100);
				if (n > best) {
					best = n;
					*best_col = i;
					*best_start = c.first[f];
					*best_size = ndocsize;
				}
			}
		}
		if (*best_col == i && best > 0) {
			/* the winner so far: keep its tokens for marking */
			column_free(best_c);
			*best_c = c;
			memset(&c, 0, sizeof c);
		}
	}
	column_free(&c);
	return rc;
}

/* The passage of row r as snippet() writes it, into out; *found false
 * when the column has no text (snippet() gives NULL). */
static int passage(struct row *r, int ncol, int want, int ntoken,
		   const char *open, const char *close, const char *ellipsis,
		   struct buf *out, bool *found)
{
	struct column c = {0};
	int rc, col = want >= 0 ? want : 0, start = 0, size = 0;

	rc = choose(r, ncol, want, ntoken, &c, &col, &start, &size);
	/* no match anywhere: the start of the column, as snippet() */
	if (rc == SQLITE_OK && !c.doc)
		rc = column_read(r, col, &c);
	if (rc == SQLITE_OK && !size)
		rc = column_size(r, col, &size);
	if (rc == SQLITE_OK && c.doc)
		mark(r, &c, col, start, start + ntoken - 1, size, open, close,
		     ellipsis, out);
	if (rc == SQLITE_OK && out->oom)
		rc = SQLITE_NOMEM;
	*found = c.doc != NULL;
	column_free(&c);
	return rc;
}

/* praxis_snippet(fts_table, column, open, close, ellipsis, tokens). */
static void praxis_snippet(const Fts5ExtensionApi *api, Fts5Context *fts,
			   sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct row r = {.api = api, .fts = fts};
	struct buf out;
	bool found = false;
	int rc;

	if (nval != 5) {
		sqlite3_result_error(ctx, "praxis_snippet: five arguments", -1);
		return;
	}
	buf_init(&out, 256);
	if ((rc = row_read(&r)) == SQLITE_OK)
		rc = passage(&r, api->xColumnCount(fts), sqlite3_value_int(val[0]),
			     sqlite3_value_int(val[4]), text_arg(val[1]),
			     text_arg(val[2]), text_arg(val[3]), &out, &found);
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else if (!found)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, out.data ? out.data : "", (int)out.len,
				    SQLITE_TRANSIENT);
	buf_release(&out);
	sqlite3_free(r.inst);
	sqlite3_free(r.size);
	sqlite3_free(r.seen);
}

/* Sorts matches as xInst gives them: by column and offset, and for one
 * place by phrase (FTS5 merges the phrases' lists that way). */
static int cmp_inst(const void *x, const void *y)
{
	const struct passage_inst *a = x, *b = y;

	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return (a->phrase > b->phrase) - (a->phrase < b->phrase);
}

int sq_passage_of(const struct passage_text *text, struct passage_inst *inst,
		  int ninst, const int *size, int nphrase, struct buf *out)
{
	struct row r = {.text = text, .inst = inst, .ninst = ninst,
			.nphrase = nphrase, .size = (int *)size, .sorted = true};
	unsigned char seen[PASSAGE_PHRASES];
	bool found = false;
	int rc;

	if (nphrase > PASSAGE_PHRASES)
		return SQLITE_RANGE;
	for (int i = 0; i < ninst; i++)
		if (inst[i].phrase < 0 || inst[i].phrase >= nphrase ||
		    inst[i].col < 0 || inst[i].col >= PASSAGE_COLUMNS)
			return SQLITE_CORRUPT_VTAB;
	r.seen = seen;
	qsort(inst, (size_t)ninst, sizeof *inst, cmp_inst);
	rc = passage(&r, PASSAGE_COLUMNS, -1, PASSAGE_TOKENS, "\x02", "\x03",
		     PASSAGE_ELLIPSIS, out, &found);
	if (rc == SQLITE_OK && !found)
		rc = SQLITE_NOTFOUND;
	return rc;
}

int sq_passage_register(struct store *st, fts5_api *api, struct error *err)
{
	if (api->xCreateFunction(api, "praxis_snippet", st, praxis_snippet, NULL) !=
	    SQLITE_OK)
		return sq_fail(st, err, "fts5 function");
	return 0;
}
