/* diff.h - line-based differences between two revisions of a text (title,
 * summary, Markdown body), for editors, and their rendering as HTML.
 * Owns nothing: the script lives in the caller's arena and points into the
 * texts it was made from, which must outlive it. */
#ifndef TEXT_DIFF_H
#define TEXT_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"

/* A sensible max_cost for whole practices: beyond 2000 changed lines a
 * minimal script stops being worth the time, and nobody reads it anyway. */
#define DIFF_MAX_COST_DEFAULT 2000

enum diff_op { DIFF_SAME, DIFF_ADD, DIFF_DEL };

struct diff_line {
	enum diff_op op;
	const char *text; /* into new_ for SAME and ADD, into old for DEL */
	size_t len;       /* without the \n; a \r before it is kept */
};

struct diff {
	struct diff_line *lines;
	size_t n;
	bool truncated; /* edit distance > max_cost: the middle is replaced whole */
};

/* Diffs old against new_ line by line into out->lines, allocated in a, in
 * output order: unchanged lines and, for each change, its deletions before
 * its additions. Lines end at \n; a final \n does not start an empty line,
 * so "a\nb" and "a\nb\n" are equal. NULL reads as "".
 * The script is minimal (Myers, linear-space middle snake) when the edit
 * distance of the part between the common prefix and suffix is at most
 * max_cost; otherwise that part becomes "delete all, add all" and
 * out->truncated is set, so time is O((N+M)·max_cost) and memory O(N+M)
 * whatever the input. Returns 0, or ERR_INTERNAL when memory runs out. */
int diff_lines(struct arena *a, const char *old, const char *new_,
	       size_t max_cost, struct diff *out, struct error *err);

/* Writes d as <table class="diff">, one row per line: a sign column ("−",
 * "+" or blank, hidden from screen readers, which hear removed_label or
 * added_label from a span of class visually-hidden instead) and the escaped
 * text, in <del> for rows of class "del" and in <ins> for rows of class
 * "add". Unchanged lines more than context away from every change are
 * folded into one row of class "skip": "… unchanged_label n …". */
void diff_render_html(struct buf *b, const struct diff *d, size_t context,
		      const char *removed_label, const char *added_label,
		      const char *unchanged_label);

#endif
