/* oai.h - the OAI-PMH 2.0 protocol apart from HTTP and storage: the six
 * verbs and their arguments checked, datestamps, identifiers, set specs
 * and the resumption tokens that carry a harvest's position. */
#ifndef DOMAIN_OAI_H
#define DOMAIN_OAI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "domain/practice.h"
#include "domain/taxonomy.h"

enum oai_verb {
	OAI_IDENTIFY,
	OAI_LIST_METADATA_FORMATS,
	OAI_LIST_SETS,
	OAI_LIST_IDENTIFIERS,
	OAI_LIST_RECORDS,
	OAI_GET_RECORD,
	OAI_VERB__MAX
};
extern const char *const oai_verb_names[OAI_VERB__MAX];

/* The protocol's error codes (OAI-PMH 2.0, section 3.6). */
enum oai_error {
	OAI_OK,
	OAI_BAD_VERB,
	OAI_BAD_ARGUMENT,
	OAI_BAD_RESUMPTION_TOKEN,
	OAI_CANNOT_DISSEMINATE_FORMAT,
	OAI_ID_DOES_NOT_EXIST,
	OAI_NO_RECORDS_MATCH,
	OAI_NO_METADATA_FORMATS,
	OAI_NO_SET_HIERARCHY,
	OAI_ERROR__MAX
};
extern const char *const oai_error_codes[OAI_ERROR__MAX];

/* The one metadata format every record is disseminated in. */
#define OAI_DC "oai_dc"

enum {
	OAI_KEY_BYTES = 32,   /* the site's secret keys the tokens' MACs */
	OAI_TOKEN_MAX = 512,  /* longest token text, with its NUL */
	OAI_MSG_MAX = 200,    /* error messages */
	OAI_SET_MAX = 200,    /* longest setSpec accepted */
};

struct oai_arg {
	const char *name, *value;
};

/* Where a list continues: after the record with this (datestamp, id). */
struct oai_position {
	int64_t stamp, id;
};

/* What a list verb's resumption token carries: the original request's
 * selection, the position reached and how many records came before. */
struct oai_token {
	enum oai_verb verb;      /* OAI_LIST_IDENTIFIERS or OAI_LIST_RECORDS */
	int64_t from, until;     /* inclusive datestamps (unix seconds) */
	char set[OAI_SET_MAX + 1]; /* "" : no set */
	struct oai_position after;
	int64_t cursor;
};

/* One request after oai_request_parse: the arguments as given (NULL when
 * absent), and what they mean. */
struct oai_request {
	enum oai_verb verb;
	const char *identifier, *metadata_prefix, *from, *until, *set, *token;
	int64_t from_t, until_t; /* inclusive; OAI_TIME_MIN/MAX when absent */
	bool resumed;            /* a resumption token: state below is its */
	struct oai_token state;
};
#define OAI_TIME_MIN INT64_MIN
#define OAI_TIME_MAX INT64_MAX

/* Checks verb and arguments (sections 3.1 and 4): the verb once and
 * known, every argument known to the verb and given once, the required
 * ones present, resumptionToken exclusive, dates well-formed, of one
 * granularity and in order, a token untampered (its MAC under key) and
 * meant for this verb, the metadata prefix one we disseminate. Returns
 * OAI_OK, or the error code with a message for the reply in msg. */
enum oai_error oai_request_parse(const struct oai_arg *args, size_t n,
				 const uint8_t key[OAI_KEY_BYTES],
				 struct oai_request *out,
				 char msg[OAI_MSG_MAX]);

/* A datestamp argument, "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ": unix
 * seconds of its first second (or, with end, of its last one: an until
 * day takes in the whole day). *fine set for the seconds form. -1 when
 * malformed or not a date of the calendar. */
int oai_date_parse(const char *s, bool end, int64_t *t, bool *fine);

/* Token text: the fields, then a MAC under key (HMAC-SHA-256, 128 bits)
 * so that a changed token is refused rather than obeyed. */
void oai_token_encode(const struct oai_token *t,
		      const uint8_t key[OAI_KEY_BYTES],
		      char out[OAI_TOKEN_MAX]);
/* 0, or -1 when malformed, forged or altered. */
int oai_token_decode(const char *s, const uint8_t key[OAI_KEY_BYTES],
		     struct oai_token *out);

/* "oai:<host>:practice/<id>", into the arena. */
const char *oai_identifier(struct arena *a, const char *host, int64_t id);
/* The practice id of an identifier of this repository, or -1. */
int64_t oai_identifier_parse(const char *host, const char *s);

/* The host of a base URL ("https://praxis.example.org:8443/x" gives
 * "praxis.example.org"), into the arena; "localhost" when it has none. */
const char *oai_host_of(struct arena *a, const char *base_url);

/* Set specs: a vocabulary is a set ("topic"), each category a set under
 * it, nested as the categories are ("topic:culture:heritage"). */
struct oai_set {
	const char *spec, *name;
	const char *vocabulary, *category; /* slugs; category NULL for a vocabulary */
};
/* Every set of the vocabularies, in tree order, into the arena. */
int oai_sets_build(struct arena *a, const struct vocabulary *vs, size_t nv,
		   struct oai_set **out, size_t *n);
/* The set of spec, or NULL. */
const struct oai_set *oai_set_find(const struct oai_set *sets, size_t n,
				   const char *spec);
/* The spec of the category with this slug, or NULL. */
const char *oai_set_spec_of(const struct oai_set *sets, size_t n,
			    const char *category);

/* One record of the repository: a practice that is or was published.
 * Deleted: published once, not now (withdrawn, rejected, back in
 * review); then only its header is disseminated. Never contact persons. */
struct oai_record {
	int64_t id, datestamp, published_at;
	bool deleted;
	const char *lang, *slug, *title, *summary, *date_entered;
	const char *org_name, *town, *region, *country;
	struct category_ref *categories;
	size_t ncategories;
	struct practice_translation *translations; /* titles and summaries */
	size_t ntranslations;
};

/* What a list asks the store for. */
struct oai_select {
	int64_t from, until;     /* inclusive datestamps */
	const char *vocabulary;  /* set: any category of it, or NULL */
	const char *category;    /* set: it or a subcategory, or NULL */
	bool has_after;
	struct oai_position after;
};

#endif
