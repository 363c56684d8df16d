/* diff.c - Myers' O((N+M)D) difference algorithm in linear space ("An O(ND)
 * Difference Algorithm and Its Variations", 1986, section 4b), shaped as in
 * GNU diff and git's xdiff: find the middle snake of a box, recurse on the
 * two halves. Lines are numbered first so the search compares integers. */
#include "text/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/html.h"

/* One line of either text; equal lines of the middle get equal ids. */
struct line {
	const char *s;
	size_t len;
	size_t id;
};

struct lines {
	struct line *v;
	size_t n;
};

/* What the recursion shares. fwd[k] is the furthest x the forward search
 * reached on diagonal k = x - y, bwd[k] the nearest x the backward search
 * reached; both are indexed from -M-1 to N+1. */
struct search {
	const struct line *a, *b;
	bool *del, *add;
	ptrdiff_t *fwd, *bwd;
};

/* a[x0..x1) against b[y0..y1) */
struct box {
	ptrdiff_t x0, x1, y0, y1;
};

/* The diagonals each search covers at the current step. */
struct frontier {
	ptrdiff_t fmin, fmax, bmin, bmax;
	ptrdiff_t kmin, kmax; /* the diagonals of the box */
	bool odd;             /* forward and backward meet on a forward step */
};

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1)
		n++;
	return n + (*s != '\0'); /* a final \n does not open another line */
}

static int split_lines(struct arena *a, const char *s, struct lines *out)
{
	size_t n = count_lines(s);

	out->n = n;
	out->v = n ? arena_calloc(a, n, sizeof *out->v) : NULL;
	if (n && !out->v)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		out->v[i] = (struct line){s, len, 0};
		s += len + (nl != NULL);
	}
	return 0;
}

static int line_cmp(const struct line *x, const struct line *y)
{
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

static int line_ptr_cmp(const void *p, const void *q)
{
	return line_cmp(*(struct line *const *)p, *(struct line *const *)q);
}

/* Numbers the lines of both middles by sorting rather than hashing: no
 * input, however crafted, makes it slower than O(bytes · log lines). */
static int intern_lines(struct arena *a, struct lines *x, struct lines *y)
{
	size_t n = x->n + y->n, id = 0;
	struct line **all = arena_calloc(a, n, sizeof *all);

	if (!all)
		return -1;
	for (size_t i = 0; i < x->n; i++)
		all[i] = &x->v[i];
	for (size_t j = 0; j < y->n; j++)
		all[x->n + j] = &y->v[j];
	qsort(all, n, sizeof *all, line_ptr_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i && line_cmp(all[i - 1], all[i]) != 0)
			id++;
		all[i]->id = id;
	}
	return 0;
}

/* Grows a search's range of diagonals by one each way, or shrinks it by one
 * where it already touches the edge of the box, which keeps the parity of
 * the step; the diagonal just outside gets a value no path can take. */
static void widen(ptrdiff_t *v, ptrdiff_t *lo, ptrdiff_t *hi,
		  const struct frontier *f, ptrdiff_t unreachable)
{
	if (*lo > f->kmin)
		v[--*lo - 1] = unreachable;
	else
		++*lo;
	if (*hi < f->kmax)
		v[++*hi + 1] = unreachable;
	else
		--*hi;
}

/* One more edit for every forward path, then down its snake. True, with
 * the meeting point, when a path reaches one of the backward search. */
static bool forward_step(struct search *s, const struct box *bx,
			 struct frontier *f, ptrdiff_t *sx, ptrdiff_t *sy)
{
	ptrdiff_t *v = s->fwd;

	widen(v, &f->fmin, &f->fmax, f, -1);
	for (ptrdiff_t k = f->fmax; k >= f->fmin; k -= 2) {
		ptrdiff_t x = v[k - 1] >= v[k + 1] ? v[k - 1] + 1 : v[k + 1];
		ptrdiff_t y = x - k;
		while (x < bx->x1 && y < bx->y1 && s->a[x].id == s->b[y].id)
			x++, y++;
		v[k] = x;
		if (f->odd && f->bmin <= k && k <= f->bmax && s->bwd[k] <= x) {
			*sx = x, *sy = y;
			return true;
		}
	}
	return false;
}

/* The mirror image of forward_step, from the end of the box. */
static bool backward_step(struct search *s, const struct box *bx,
			  struct frontier *f, ptrdiff_t *sx, ptrdiff_t *sy)
{
	ptrdiff_t *v = s->bwd;

	widen(v, &f->bmin, &f->bmax, f, PTRDIFF_MAX);
	for (ptrdiff_t k = f->bmax; k >= f->bmin; k -= 2) {
		ptrdiff_t x = v[k - 1] < v[k + 1] ? v[k - 1] : v[k + 1] - 1;
		ptrdiff_t y = x - k;
		while (x > bx->x0 && y > bx->y0 &&
		       s->a[x - 1].id == s->b[y - 1].id)
			x--, y--;
		v[k] = x;
		if (!f->odd && f->fmin <= k && k <= f->fmax && x <= s->fwd[k]) {
			*sx = x, *sy = y;
			return true;
		}
	}
	return false;
}

/* Finds a point on a shortest edit path through bx, which must have no
 * common first or last line and no empty side, so that the point splits it
 * into two strictly smaller boxes. Searching from both ends at once, the
 * paths meet after D edits in all; false once D is known to pass max_cost. */
static bool find_split(struct search *s, const struct box *bx, size_t max_cost,
		       ptrdiff_t *sx, ptrdiff_t *sy)
{
	ptrdiff_t fmid = bx->x0 - bx->y0, bmid = bx->x1 - bx->y1;
	struct frontier f = {
		.fmin = fmid, .fmax = fmid, .bmin = bmid, .bmax = bmid,
		.kmin = bx->x0 - bx->y1, .kmax = bx->x1 - bx->y0,
		.odd = (fmid - bmid) % 2 != 0,
	};

	s->fwd[fmid] = bx->x0;
	s->bwd[bmid] = bx->x1;
	for (size_t d = 1;; d++) {
		/* Meeting on forward step d means D = 2d-1, on backward 2d. */
		if (2 * d - 1 > max_cost)
			return false;
		if (forward_step(s, bx, &f, sx, sy))
			return true;
		if (2 * d > max_cost)
			return false;
		if (backward_step(s, bx, &f, sx, sy))
			return true;
	}
}

/* Marks the lines a shortest script deletes and adds inside bx. The halves
 * of a split cost no more than the whole, so only the first call can
 * return false (distance over max_cost). Depth is O(log D): each split
 * halves the distance. */
static bool compare(struct search *s, struct box bx, size_t max_cost)
{
	ptrdiff_t sx, sy;

	while (bx.x0 < bx.x1 && bx.y0 < bx.y1 &&
	       s->a[bx.x0].id == s->b[bx.y0].id)
		bx.x0++, bx.y0++;
	while (bx.x0 < bx.x1 && bx.y0 < bx.y1 &&
	       s->a[bx.x1 - 1].id == s->b[bx.y1 - 1].id)
		bx.x1--, bx.y1--;
	if (bx.x0 == bx.x1 || bx.y0 == bx.y1) {
		for (ptrdiff_t x = bx.x0; x < bx.x1; x++)
			s->del[x] = true;
		for (ptrdiff_t y = bx.y0; y < bx.y1; y++)
			s->add[y] = true;
		return true;
	}
	if (!find_split(s, &bx, max_cost, &sx, &sy))
		return false;
	return compare(s, (struct box){bx.x0, sx, bx.y0, sy}, max_cost) &&
	       compare(s, (struct box){sx, bx.x1, sy, bx.y1}, max_cost);
}

/* Diffs the middles x and y (what lies between the common prefix and
 * suffix) into the marks del and add; past max_cost, marks them all. */
static int diff_middle(struct arena *a, struct lines *x, struct lines *y,
		       size_t max_cost, bool *del, bool *add, bool *truncated)
{
	size_t diagonals = x->n + y->n + 3;
	struct search s = {x->v, y->v, del, add, NULL, NULL};
	ptrdiff_t *fwd, *bwd;

	/* One side empty: "delete all, add all" is the answer, not a guess,
	 * but truncated still says whether the distance passed the bound. */
	if (!x->n || !y->n) {
		memset(del, 1, x->n * sizeof *del);
		memset(add, 1, y->n * sizeof *add);
		*truncated = x->n + y->n > max_cost;
		return 0;
	}
	fwd = arena_calloc(a, diagonals, sizeof *fwd);
	bwd = arena_calloc(a, diagonals, sizeof *bwd);
	if (!fwd || !bwd || intern_lines(a, x, y))
		return -1;
	s.fwd = fwd + y->n + 1;
	s.bwd = bwd + y->n + 1;
	if (compare(&s, (struct box){0, (ptrdiff_t)x->n, 0, (ptrdiff_t)y->n},
		    max_cost))
		return 0;
	/* Over the bound: a partial result may be marked; mark everything. */
	memset(del, 1, x->n * sizeof *del);
	memset(add, 1, y->n * sizeof *add);
	*truncated = true;
	return 0;
}

static void push(struct diff *d, enum diff_op op, const struct line *l)
{
	d->lines[d->n++] = (struct diff_line){op, l->s, l->len};
}

/* Walks both texts in step: the marked lines of a change, deletions first,
 * then one unchanged line, since the unmarked lines of a and b pair up in
 * order. */
static int emit(struct arena *a, const struct lines *x, const struct lines *y,
		const bool *del, const bool *add, struct diff *out)
{
	size_t same = x->n, i = 0, j = 0;

	for (size_t k = 0; k < x->n; k++)
		same -= del[k];
	out->lines = arena_calloc(a, x->n + y->n - same, sizeof *out->lines);
	if (!out->lines && x->n + y->n - same)
		return -1;
	while (i < x->n || j < y->n) {
		while (i < x->n && del[i])
			push(out, DIFF_DEL, &x->v[i++]);
		while (j < y->n && add[j])
			push(out, DIFF_ADD, &y->v[j++]);
		if (i == x->n || j == y->n)
			break; /* the texts end together: unmarked lines pair up */
		push(out, DIFF_SAME, &y->v[j]);
		i++, j++;
	}
	return 0;
}

int diff_lines(struct arena *a, const char *old, const char *new_,
	       size_t max_cost, struct diff *out, struct error *err)
{
	struct lines x, y, mx, my;
	size_t pre = 0, suf = 0;
	bool *del, *add;

	*out = (struct diff){0};
	if (split_lines(a, old ? old : "", &x) ||
	    split_lines(a, new_ ? new_ : "", &y))
		goto oom;
	/* Small edits in a long text: most lines never reach the search. */
	while (pre < x.n && pre < y.n && !line_cmp(&x.v[pre], &y.v[pre]))
		pre++;
	while (suf < x.n - pre && suf < y.n - pre &&
	       !line_cmp(&x.v[x.n - 1 - suf], &y.v[y.n - 1 - suf]))
		suf++;
	/* One extra byte each, so that an empty text still gets a pointer. */
	del = arena_calloc(a, x.n + 1, sizeof *del);
	add = arena_calloc(a, y.n + 1, sizeof *add);
	if (!del || !add)
		goto oom;
	mx = (struct lines){x.v + pre, x.n - pre - suf};
	my = (struct lines){y.v + pre, y.n - pre - suf};
	if (diff_middle(a, &mx, &my, max_cost, del + pre, add + pre,
			&out->truncated) ||
	    emit(a, &x, &y, del, add, out))
		goto oom;
	return 0;
oom:
	return error_set(err, ERR_INTERNAL, "diff: out of memory");
}

/* ---- HTML ---------------------------------------------------------------- */

static void render_line(struct buf *b, const struct diff_line *l,
			const char *removed_label, const char *added_label)
{
	static const struct {
		const char *row, *sign, *open, *close;
	} look[] = {
		[DIFF_SAME] = {"<tr><td>", "", "<td>", "</td>"},
		[DIFF_ADD] = {"<tr class=\"add\"><td>", "+", "<td><ins>",
			      "</ins></td>"},
		[DIFF_DEL] = {"<tr class=\"del\"><td>", "\u2212", "<td><del>",
			      "</del></td>"},
	};
	const char *label = l->op == DIFF_ADD ? added_label
			    : l->op == DIFF_DEL ? removed_label : NULL;

	buf_puts(b, look[l->op].row);
	/* <ins> and <del> are silent in most screen readers: say it in words,
	 * and keep the sign, which would be read as "minus", for the eye. */
	if (label) {
		buf_printf(b, "<span aria-hidden=\"true\">%s</span>",
			   look[l->op].sign);
		buf_puts(b, "<span class=\"visually-hidden\">");
		html_text(b, label);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</td>");
	buf_puts(b, look[l->op].open);
	html_textn(b, l->text, l->len);
	buf_puts(b, look[l->op].close);
	buf_puts(b, "</tr>\n");
}

static void render_skip(struct buf *b, size_t n, const char *unchanged_label)
{
	buf_puts(b, "<tr class=\"skip\"><td></td><td>\u2026 ");
	html_text(b, unchanged_label);
	buf_printf(b, " %zu \u2026</td></tr>\n", n);
}

/* Unchanged lines [start, end): context lines are kept next to each change
 * they touch, and whatever lies between is folded into one row. */
static void render_same_run(struct buf *b, const struct diff *d, size_t start,
			    size_t end, size_t context,
			    const char *unchanged_label)
{
	size_t head = start > 0 ? context : 0;
	size_t tail = end < d->n ? context : 0;

	if (end - start <= head || end - start - head <= tail) {
		for (size_t i = start; i < end; i++)
			render_line(b, &d->lines[i], NULL, NULL);
		return;
	}
	for (size_t i = start; i < start + head; i++)
		render_line(b, &d->lines[i], NULL, NULL);
	render_skip(b, end - start - head - tail, unchanged_label);
	for (size_t i = end - tail; i < end; i++)
		render_line(b, &d->lines[i], NULL, NULL);
}

void diff_render_html(struct buf *b, const struct diff *d, size_t context,
		      const char *removed_label, const char *added_label,
		      const char *unchanged_label)
{
	size_t i = 0;

	buf_puts(b, "<table class=\"diff\">\n");
	while (i < d->n) {
		size_t end = i;
		if (d->lines[i].op != DIFF_SAME) {
			render_line(b, &d->lines[i++], removed_label,
				    added_label);
			continue;
		}
		while (end < d->n && d->lines[end].op == DIFF_SAME)
			end++;
		render_same_run(b, d, i, end, context, unchanged_label);
		i = end;
	}
	buf_puts(b, "</table>\n");
}
