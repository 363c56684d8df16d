/* tape.h - a recorded analysis: the tokens analyze_text gives for one
 * text, kept so that they can be handed to the index later, on another
 * thread, without analysing the text again (see docprep.h). */
#ifndef SEARCH_TAPE_H
#define SEARCH_TAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "search/analyzer.h"

struct token_tape {
	char lang[8];      /* the language the text was analysed in */
	const char *text;  /* borrowed: the text analysed, must outlive the tape */
	size_t len;
	bool recorded;     /* false until tape_record succeeds */
	struct buf tokens; /* one record per token: see tape.c */
};

void tape_init(struct token_tape *t);
/* Analyses text[0..len) in lang (as analyze_text with no flags) and keeps
 * the tokens; t->text borrows text. ERR_INTERNAL when out of memory or
 * the text is too long to record (4 GiB). */
int tape_record(struct token_tape *t, const char *lang, const char *text,
		size_t len, struct error *err);
/* Whether t holds the analysis of exactly text[0..len) (same bytes, not
 * just the same pointer) in lang. */
bool tape_matches(const struct token_tape *t, const char *lang,
		  const char *text, size_t len);
/* Hands the recorded tokens to fn in the order analyze_text gave them,
 * with the same arguments; a nonzero return stops and is returned. */
int tape_replay(const struct token_tape *t, analyze_token_fn fn, void *ctx);
/* Forgets the recording but keeps the memory for the next one. */
void tape_clear(struct token_tape *t);
void tape_release(struct token_tape *t);

#endif
