/* layout.h - the frame every HTML page shares: head, skip link, header
 * with navigation and language switch, footer; and the error page. */
#ifndef WEB_LAYOUT_H
#define WEB_LAYOUT_H

#include "core/buf.h"
#include "http/http.h"
#include "text/i18n.h"

struct ctx;

struct layout_opts {
	const char *nav;         /* which main navigation item is current */
	const char *canonical;   /* path of the canonical URL, or NULL */
	const char *description; /* meta description, or NULL */
	const char *feed;        /* the page's Atom feed (href), or NULL */
	const char *feed_title;  /* its title, for autodiscovery */
};

void layout_begin(struct buf *b, const struct catalog *cat,
		  struct request *rq, const char *title,
		  const struct layout_opts *opt);
void layout_end(struct buf *b, const struct catalog *cat,
		const struct request *rq);
void layout_error_page(struct buf *b, const struct catalog *cat,
		       struct request *rq, int status,
		       const char *message);

/* Shorthands for handlers. */
void page_begin(struct ctx *c, const char *title,
		const struct layout_opts *opt);
void page_end(struct ctx *c);

#endif
