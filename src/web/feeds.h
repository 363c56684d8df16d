/* feeds.h - what the XML outputs share (the sitemap, Atom feeds,
 * OAI-PMH): absolute addresses; and the feed links the pages carry. */
#ifndef WEB_FEEDS_H
#define WEB_FEEDS_H

#include "domain/filter.h"
#include "web/web.h"

/* Scheme and host of absolute addresses: base_url, else the Host the
 * request came to (only when it looks like a host name). */
const char *web_origin(struct ctx *c);

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
