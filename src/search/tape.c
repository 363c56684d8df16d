#include "search/tape.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A token's record: a 10-byte header, then its bytes. The header holds
 * its length (15 bits) and colocated flag (top bit), then its start and
 * end offsets, all native-endian: a tape never leaves the process. */
enum {
	HEADER = 10,
	COLOCATED = 0x8000,
	LEN_MAX = 0x7fff, /* the analyzer's tokens are under FOLD_MAX bytes */
};

void tape_init(struct token_tape *t)
{
	memset(t, 0, sizeof *t);
	buf_init(&t->tokens, 0);
}

struct recorder {
	struct buf *out;
	bool too_long;
};

static int record(void *ctx, bool colocated, const char *token, size_t len,
		  size_t start, size_t end)
{
	struct recorder *r = ctx;
	char h[HEADER];
	uint16_t lf = (uint16_t)len | (colocated ? COLOCATED : 0);
	uint32_t s = (uint32_t)start, e = (uint32_t)end;

	if (len > LEN_MAX) {
		r->too_long = true;
		return -1;
	}
	memcpy(h, &lf, 2);
	memcpy(h + 2, &s, 4);
	memcpy(h + 6, &e, 4);
	buf_add(r->out, h, sizeof h);
	buf_add(r->out, token, len);
	return r->out->oom ? -1 : 0;
}

int tape_record(struct token_tape *t, const char *lang, const char *text,
		size_t len, struct error *err)
{
	struct recorder r = {&t->tokens, false};

	tape_clear(t);
	if (len > UINT32_MAX)
		return error_set(err, ERR_INTERNAL, "text too long to index (%zu bytes)",
				 len);
	snprintf(t->lang, sizeof t->lang, "%s", lang ? lang : "");
	t->text = text;
	t->len = len;
	if (analyze_text(lang, 0, text, len, record, &r) < 0) {
		if (r.too_long)
			return error_set(err, ERR_INTERNAL, "token too long to record");
		return error_set(err, ERR_INTERNAL, "out of memory");
	}
	t->recorded = true;
	return 0;
}

bool tape_matches(const struct token_tape *t, const char *lang,
		  const char *text, size_t len)
{
	return t->recorded && t->len == len && !strcmp(t->lang, lang ? lang : "") &&
	       (len == 0 || !memcmp(t->text, text, len));
}

int tape_replay(const struct token_tape *t, analyze_token_fn fn, void *ctx)
{
	const char *p = t->tokens.data, *end = p + t->tokens.len;
	uint16_t lf;
	uint32_t s, e;
	int rc;

	while (p < end) {
		memcpy(&lf, p, 2);
		memcpy(&s, p + 2, 4);
		memcpy(&e, p + 6, 4);
		p += HEADER;
		if ((rc = fn(ctx, lf & COLOCATED, p, lf & LEN_MAX, s, e)))
			return rc;
		p += lf & LEN_MAX;
	}
	return 0;
}

void tape_clear(struct token_tape *t)
{
	if (t->tokens.oom)
		buf_release(&t->tokens); /* which clears the latch */
	buf_reset(&t->tokens);
	t->text = NULL;
	t->len = 0;
	t->recorded = false;
	t->lang[0] = '\0';
}

void tape_release(struct token_tape *t)
{
	buf_release(&t->tokens);
	tape_init(t);
}
