/* feeds.h - the Atom feed of what a page shows: its address, its title
 * and the visible link the pages carry. */
#ifndef WEB_FEEDS_H
#define WEB_FEEDS_H

#include "domain/filter.h"
#include "web/web.h"

/* The Atom feed of the practices a page shows: f's filters and the
 * search text q (may be NULL), with the language prefix. */
const char *feed_href(struct ctx *c, const struct practice_filter *f,
		      const char *q);
/* What the feed is, in the interface language: "praxis — Newest
 * practices: Category: Culture, Region: …". */
const char *feed_title(struct ctx *c, const struct practice_filter *f,
		       const char *q);
/* The visible "subscribe" link to a page's feed. */
void render_feed_link(struct ctx *c, const char *href);

#endif
