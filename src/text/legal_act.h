/* legal_act.h - references to local legal acts in running text: Polish
 * resolutions and orders ("Uchwała nr LIII/375/2014 Rady Miejskiej w
 * Lwówku z dnia 23 października 2014 r."), Slovene ordinances ("Odlok o
 * ... (Uradni list RS, št. 12/2020)"), and the dates written in them. */
#ifndef TEXT_LEGAL_ACT_H
#define TEXT_LEGAL_ACT_H

#include <stddef.h>

#include "core/arena.h"

struct legal_act {
	const char *title;  /* the reference as written, in the nominative */
	const char *number; /* "LIII/375/2014"; for Slovene acts "12/2020" */
	const char *issuer; /* "Rada Miejska w Lwówku"; NULL when not named */
	const char *date;   /* YYYY-MM-DD, or YYYY; NULL when not given */
};

/* A date at the start of s[0..n) (after spaces): "23 października 2014",
 * "23. oktobra 2014", "23 October 2014", "23.10.2014", "2014-10-23".
 * Writes YYYY-MM-DD into out and returns the bytes read; 0 when there is
 * no date there or it is not a real day. */
size_t legal_date_parse(const char *s, size_t n, char out[11]);

/* Every act referred to in text (valid UTF-8), in order, each once, at
 * most max. Strings and the array live in a; -1 when memory runs out. */
int legal_act_find(struct arena *a, const char *text, size_t max,
		   struct legal_act **out, size_t *n);

#endif
