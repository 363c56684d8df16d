/* practice.h - the practice record and its parts, as the domain sees them.
 * Records read from a store point into the arena the store was given;
 * the arena owns every string and array here. */
#ifndef DOMAIN_PRACTICE_H
#define DOMAIN_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "domain/organisation.h"

enum practice_status {
	STATUS_SUBMITTED,
	STATUS_IN_REVIEW,
	STATUS_PUBLISHED,
	STATUS_REJECTED,
	STATUS_WITHDRAWN,
	STATUS__MAX
};

enum initiator_type {
	INITIATOR_LOCAL_GOVERNMENT,
	INITIATOR_NGO,
	INITIATOR_INFORMAL_GROUP,
	INITIATOR_COMPANY,
	INITIATOR_OTHER,
	INITIATOR__MAX
};

enum link_kind {
	LINK_ARTICLE,
	LINK_VIDEO,
	LINK_LEGAL_ACT,
	LINK_DOCUMENT,
	LINK_WEBSITE,
	LINK__MAX
};

enum relation_kind { RELATION_ADAPTED_FROM, RELATION_RELATED, RELATION__MAX };

/* Stable codes used in URLs, the API and the database. */
extern const char *const practice_status_codes[STATUS__MAX];
extern const char *const initiator_type_codes[INITIATOR__MAX];
extern const char *const link_kind_codes[LINK__MAX];
extern const char *const relation_kind_codes[RELATION__MAX];

/* Index of s in codes[0..n), or -1. */
int code_parse(const char *const *codes, int n, const char *s);

struct contact {
	int64_t id;
	const char *name, *role, *phone, *email; /* each optional */
};

struct link {
	int64_t id;
	enum link_kind kind;
	const char *url, *title;
	const char *act_number, *act_date, *issuer; /* local legal acts */
};

struct category_ref {
	int64_t id;
	const char *slug, *label, *vocabulary;
};

struct practice_ref {
	int64_t id;
	const char *slug, *title;
};

/* A practice as shown in lists: no contact details, ever. */
struct practice_summary {
	int64_t id;
	const char *slug, *lang, *title, *summary;
	enum practice_status status;
	int64_t published_at;
	const char *date_entered;
	int64_t org_id;
	const char *org_slug, *org_name, *town, *region, *country;
	enum unit_type unit_type;
	enum initiator_type initiator;
	/* In search results: the best-matching passage, with each match
	 * between \x02 and \x03 (the page turns them into <mark>). */
	const char *snippet;
};

/* A practice on a map: where it happened (its own place, else its
 * implementing unit's). */
struct practice_point {
	int64_t id;
	const char *slug, *title, *org_name, *town;
	double lat, lon;
	double km; /* from the place a reader is near; -1 when none */
};

struct practice {
	int64_t id;
	const char *slug;
	const char *lang;      /* language of the original text */
	const char *text_lang; /* language of title and summary below */
	const char *body_lang; /* of body: a translation may have none */
	enum practice_status status;
	int64_t created_at, updated_at, published_at; /* unix seconds; 0 none */
	int revision;
	const char *title, *summary, *body; /* body is Markdown */
	struct organisation org;
	const char *implementing_office;
	enum initiator_type initiator;
	const char *date_entered;              /* YYYY-MM-DD */
	const char *period_start, *period_end; /* YYYY or YYYY-MM */
	bool has_coords;
	double lat, lon; /* the practice's own place; else the org's */
	int64_t views;
	struct contact *contacts;
	size_t ncontacts;
	struct link *links;
	size_t nlinks;
	struct category_ref *categories;
	size_t ncategories;
	const char **keywords;
	size_t nkeywords;
	struct practice_ref *adapted_from; /* NULL: an original */
	struct practice_ref *related, *adaptations;
	size_t nrelated, nadaptations;
};

/* A practice's title, summary and presentation in another language than
 * its original's (body may be empty: readers then see the original). */
struct practice_translation {
	const char *lang, *title, *summary, *body;
};

/* What a writer supplies to create a practice (ids resolved by caller). */
struct practice_input {
	const char *lang, *title, *summary, *body;
	enum practice_status status;
	int64_t org_id;
	const char *implementing_office;
	enum initiator_type initiator;
	const char *date_entered, *period_start, *period_end;
	int64_t published_at; /* 0: now when status is published */
	bool has_coords;
	double lat, lon;
	const struct contact *contacts;
	size_t ncontacts;
	const struct link *links;
	size_t nlinks;
	const int64_t *category_ids;
	size_t ncategories;
	const char *const *keywords;
	size_t nkeywords;
};

/* Limits on what one practice may hold (characters, or items). */
enum {
	PRACTICE_TITLE_MAX = 300,
	PRACTICE_SUMMARY_MAX = 2000,
	PRACTICE_BODY_MAX = 200000,
	PRACTICE_SHORT_MAX = 300, /* names, roles, towns ... */
	PRACTICE_URL_MAX = 2000,
	PRACTICE_CONTACTS_MAX = 10,
	PRACTICE_LINKS_MAX = 50,
	PRACTICE_CATEGORIES_MAX = 20,
	PRACTICE_KEYWORDS_MAX = 30,
};

/* Checks every rule a stored practice must satisfy; names the field. */
int practice_input_validate(const struct practice_input *in,
			    struct error *err);

/* Copies every string and array of in into a, so that in outlives what
 * it was read from. -1 when memory runs out. */
int practice_input_dup(struct arena *a, struct practice_input *in);

/* Language codes the catalogue accepts for record content. */
bool lang_code_valid(const char *s);
/* YYYY, YYYY-MM or YYYY-MM-DD with a real month and day. */
bool date_partial_valid(const char *s);

#endif
