/* render.h - HTML fragments several page families share: practice cards,
 * the pager, labels of coded values and dates. */
#ifndef WEB_RENDER_H
#define WEB_RENDER_H

#include <stdint.h>

#include "domain/practice.h"
#include "web/web.h"

const char *label_unit(const struct ctx *c, enum unit_type t);
const char *label_initiator(const struct ctx *c, enum initiator_type t);
const char *label_language(const struct ctx *c, const char *code);
const char *label_link_kind(const struct ctx *c, enum link_kind k);
const char *label_status(const struct ctx *c, enum practice_status s);
/* "2019-03-20" from unix seconds, into the arena. */
const char *format_day(const struct ctx *c, int64_t t);
/* Today as "2026-11-27" (UTC), into the arena. */
const char *format_date_today(const struct ctx *c);
/* A number with thin-space thousand separators ("19 000"). */
const char *format_count(const struct ctx *c, int64_t n);

const char *practice_path(const struct ctx *c, int64_t id, const char *slug);
const char *organisation_path(const struct ctx *c, int64_t id,
			      const char *slug);

/* A search passage: text escaped, matches (between \x02 and \x03) in
 * <mark>, always balanced. */
void render_snippet(struct buf *b, const char *snippet);
/* <ul class="practice-list"> of cards, each with title link, place,
 * unit type and summary; heading level for the titles (2 or 3). */
void render_practice_cards(struct ctx *c, const struct practice_summary *p,
			   size_t n, int level);
/* Previous/next links for numbered pages; base is the path, the current
 * query arguments are kept except "page". */
void render_pager(struct ctx *c, const char *base, long page, long pages);

/* One <dt>/<dd> pair (label from key); nothing when value is empty. */
void render_fact(struct ctx *c, const char *key, const char *value);
/* The organisation's key facts as <dt>/<dd> pairs. */
void render_org_facts(struct ctx *c, const struct organisation *o);

/* A practice's key facts and contact persons (practice.c), shared with
 * the editors' review page. */
void render_key_facts(struct ctx *c, const struct practice *p);
void render_contacts(struct ctx *c, const struct practice *p);

/* The filter form of the list page (list.c), sent to action: every
 * filter with the counts of all published practices. */
int render_filters(struct ctx *c, const struct practice_filter *f,
		   const char *action, struct error *err);

/* <table class="cls"> with its caption and column headings (message
 * keys), up to the opening <tbody>. */
void render_table_open(struct ctx *c, const char *cls, const char *caption_key,
		       const char *const *head_keys, size_t n);

/* "https://example.org": base_url, else http:// and the request's Host
 * when it looks like a host name, else http://localhost. */
const char *web_origin(struct ctx *c);

/* The practice as schema.org JSON-LD in a <script> (jsonld.c). */
void render_jsonld(struct ctx *c, const struct practice *p);

/* The files of a practice, each linking base/{id}, with type and size. */
void render_attachments(struct ctx *c, const struct attachment_ref *a,
			size_t n, const char *base);

#endif
