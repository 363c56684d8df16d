/* oai.c - OAI-PMH 2.0 requests checked and resumption tokens made and
 * read, with no I/O, so that every rule is a unit test and the parser a
 * fuzz target.
 *
 * Tokens carry the selection and the position (datestamp, id) of the
 * last record sent, not an offset: records changed during a harvest
 * move to its end instead of shifting the pages, so none is skipped.
 * They are MACed under the site's secret: the fields are plain text a
 * harvester could edit, and an edited position or cursor would be
 * obeyed silently (a cursor that lies, a set that skips the check of
 * its syntax); with the MAC any change is badResumptionToken. They do
 * not expire: a secret outlives restarts, and a position stays valid. */
#include "domain/oai.h"

#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const oai_verb_names[OAI_VERB__MAX] = {
	"Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers",
	"ListRecords", "GetRecord",
};

const char *const oai_error_codes[OAI_ERROR__MAX] = {
	"", "badVerb", "badArgument", "badResumptionToken",
	"cannotDisseminateFormat", "idDoesNotExist", "noRecordsMatch",
	"noMetadataFormats", "noSetHierarchy",
};

enum arg {
	ARG_IDENTIFIER,
	ARG_METADATA_PREFIX,
	ARG_FROM,
	ARG_UNTIL,
	ARG_SET,
	ARG_TOKEN,
	ARG__MAX
};

static const char *const arg_names[ARG__MAX] = {
	"identifier", "metadataPrefix", "from", "until", "set",
	"resumptionToken",
};

#define A(x) (1u << (x))
/* Which arguments each verb takes, and which it requires (without a
 * resumption token). */
static const struct {
	unsigned allowed, required;
} verb_args[OAI_VERB__MAX] = {
	[OAI_IDENTIFY] = {0, 0},
	[OAI_LIST_METADATA_FORMATS] = {A(ARG_IDENTIFIER), 0},
	[OAI_LIST_SETS] = {A(ARG_TOKEN), 0},
	[OAI_LIST_IDENTIFIERS] = {A(ARG_METADATA_PREFIX) | A(ARG_FROM) |
		A(ARG_UNTIL) | A(ARG_SET) | A(ARG_TOKEN), A(ARG_METADATA_PREFIX)},
	[OAI_LIST_RECORDS] = {A(ARG_METADATA_PREFIX) | A(ARG_FROM) |
		A(ARG_UNTIL) | A(ARG_SET) | A(ARG_TOKEN), A(ARG_METADATA_PREFIX)},
	[OAI_GET_RECORD] = {A(ARG_IDENTIFIER) | A(ARG_METADATA_PREFIX),
		A(ARG_IDENTIFIER) | A(ARG_METADATA_PREFIX)},
};

static enum oai_error fail(char msg[OAI_MSG_MAX], enum oai_error e,
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum oai_error fail(char msg[OAI_MSG_MAX], enum oai_error e,
			   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, OAI_MSG_MAX, fmt, ap);
	va_end(ap);
	return e;
}

/* Set specs are slugs joined by ':'. */
static bool set_spec_valid(const char *s)
{
	size_t len = strlen(s);

	if (!len || len > OAI_SET_MAX || s[0] == ':' || s[len - 1] == ':' ||
	    strstr(s, "::"))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-:") == len;
}

static enum oai_error check_dates(struct oai_request *r, char *msg)
{
	bool fine_from = false, fine_until = false;

	r->from_t = OAI_TIME_MIN;
	r->until_t = OAI_TIME_MAX;
	if (r->from && oai_date_parse(r->from, false, &r->from_t, &fine_from) < 0)
		return fail(msg, OAI_BAD_ARGUMENT, "from: '%s' is not a date of the "
			    "form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ", r->from);
	if (r->until &&
	    oai_date_parse(r->until, true, &r->until_t, &fine_until) < 0)
		return fail(msg, OAI_BAD_ARGUMENT, "until: '%s' is not a date of the "
			    "form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ", r->until);
	if (r->from && r->until && fine_from != fine_until)
		return fail(msg, OAI_BAD_ARGUMENT, "from and until must have the "
			    "same granularity");
	if (r->from_t > r->until_t)
		return fail(msg, OAI_BAD_ARGUMENT, "from is later than until");
	return OAI_OK;
}

enum oai_error oai_request_parse(const struct oai_arg *args, size_t n,
				 const uint8_t key[OAI_KEY_BYTES],
				 struct oai_request *r, char msg[OAI_MSG_MAX])
{
	const char *verb = NULL, *given[ARG__MAX] = {0};
	unsigned have = 0;
	int v = -1, k;

	memset(r, 0, sizeof *r);
	msg[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (strcmp(args[i].name, "verb"))
			continue;
		if (verb)
			return fail(msg, OAI_BAD_VERB, "the verb is repeated");
		verb = args[i].value;
	}
	if (!verb)
		return fail(msg, OAI_BAD_VERB, "no verb given");
	for (k = 0; k < OAI_VERB__MAX; k++)
		if (!strcmp(verb, oai_verb_names[k]))
			v = k;
	if (v < 0)
		return fail(msg, OAI_BAD_VERB, "'%s' is not an OAI-PMH verb", verb);
	r->verb = (enum oai_verb)v;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(args[i].name, "verb"))
			continue;
		for (k = 0; k < ARG__MAX; k++)
			if (!strcmp(args[i].name, arg_names[k]))
				break;
		if (k == ARG__MAX || !(verb_args[v].allowed & A(k)))
			return fail(msg, OAI_BAD_ARGUMENT,
				    "this verb takes no argument '%s'", args[i].name);
		if (have & A(k))
			return fail(msg, OAI_BAD_ARGUMENT,
				    "the argument '%s' is repeated", args[i].name);
		if (!*args[i].value)
			return fail(msg, OAI_BAD_ARGUMENT,
				    "the argument '%s' is empty", args[i].name);
		have |= A(k);
		given[k] = args[i].value;
	}
	r->identifier = given[ARG_IDENTIFIER];
	r->metadata_prefix = given[ARG_METADATA_PREFIX];
	r->from = given[ARG_FROM];
	r->until = given[ARG_UNTIL];
	r->set = given[ARG_SET];
	r->token = given[ARG_TOKEN];
	if (r->token) {
		if (have != A(ARG_TOKEN))
			return fail(msg, OAI_BAD_ARGUMENT, "resumptionToken is an "
				    "exclusive argument");
		/* ListSets issues none: its tokens fail the verb check */
		if (oai_token_decode(r->token, key, &r->state) < 0 ||
		    r->state.verb != r->verb)
			return fail(msg, OAI_BAD_RESUMPTION_TOKEN, "the resumption "
				    "token is not one this repository issued for %s",
				    verb);
		r->resumed = true;
		r->from_t = r->state.from;
		r->until_t = r->state.until;
		return OAI_OK;
	}
	for (k = 0; k < ARG__MAX; k++)
		if ((verb_args[v].required & A(k)) && !(have & A(k)))
			return fail(msg, OAI_BAD_ARGUMENT,
				    "the argument '%s' is missing", arg_names[k]);
	if (check_dates(r, msg) != OAI_OK)
		return OAI_BAD_ARGUMENT;
	if (r->set && !set_spec_valid(r->set))
		return fail(msg, OAI_BAD_ARGUMENT, "set: '%s' is not a set spec "
			    "(slugs joined by ':')", r->set);
	if (r->metadata_prefix && strcmp(r->metadata_prefix, OAI_DC))
		return fail(msg, OAI_CANNOT_DISSEMINATE_FORMAT, "records are "
			    "disseminated in oai_dc only, not '%s'", r->metadata_prefix);
	return OAI_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int oai_date_parse(const char *s, bool end, int64_t *t, bool *fine)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t len = strlen(s);
	int y, m, d, hh = 0, mm = 0, ss = 0;
	bool leap;

	if ((len != 10 && len != 20) || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return -1;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return -1;
	*fine = len == 20;
	if (*fine) {
		if (s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
		    !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2) ||
		    s[19] != 'Z')
			return -1;
		hh = num(s + 11, 2);
		mm = num(s + 14, 2);
		ss = num(s + 17, 2);
		if (hh > 23 || mm > 59 || ss > 59)
			return -1;
	} else if (end) {
		hh = 23, mm = 59, ss = 59;
	}
	*t = days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

/* MAC of the token's fields, hex, 128 bits. */
static void token_mac(const char *payload, size_t len,
		      const uint8_t key[OAI_KEY_BYTES], char hex[33])
{
	crypto_auth_hmacsha256_state st;
	uint8_t mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, key, OAI_KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)"oai-token\n", 10);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)payload, len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, 33, mac, 16);
}

static void put_time(char *out, size_t cap, int64_t t, int64_t none)
{
	if (t == none)
		out[0] = '\0';
	else
		snprintf(out, cap, "%" PRId64, t);
}

/* "1.R.<from>.<until>.<set>.<stamp>.<id>.<cursor>.<mac>": fields are
 * numbers and a set spec, none of which holds a '.'. */
void oai_token_encode(const struct oai_token *t,
		      const uint8_t key[OAI_KEY_BYTES], char out[OAI_TOKEN_MAX])
{
	char from[24], until[24], mac[33];
	int len;

	put_time(from, sizeof from, t->from, OAI_TIME_MIN);
	put_time(until, sizeof until, t->until, OAI_TIME_MAX);
	len = snprintf(out, OAI_TOKEN_MAX, "1.%c.%s.%s.%s.%" PRId64 ".%" PRId64
		       ".%" PRId64, t->verb == OAI_LIST_RECORDS ? 'R' : 'I', from,
		       until, t->set, t->after.stamp, t->after.id, t->cursor);
	if (len < 0 || len >= OAI_TOKEN_MAX - 34) {
		out[0] = '\0'; /* cannot happen: the set is bounded */
		return;
	}
	token_mac(out, (size_t)len, key, mac);
	snprintf(out + len, (size_t)(OAI_TOKEN_MAX - len), ".%s", mac);
}

/* A whole signed decimal in [s, end), or -1. */
static int parse_int(const char *s, const char *end, int64_t *v)
{
	char tmp[24], *e;
	size_t n = (size_t)(end - s);

	if (!n || n >= sizeof tmp || (s[0] == '-' ? n == 1 : 0))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (strspn(tmp + (tmp[0] == '-'), "0123456789") != n - (tmp[0] == '-'))
		return -1;
	errno = 0;
	*v = strtoll(tmp, &e, 10);
	return errno || *e ? -1 : 0;
}

int oai_token_decode(const char *s, const uint8_t key[OAI_KEY_BYTES],
		     struct oai_token *out)
{
	const char *f[9], *mac_at, *p = s;
	size_t len = strlen(s), nf = 0;
	char mac[33];
	int64_t v;

	memset(out, 0, sizeof *out);
	if (len >= OAI_TOKEN_MAX || !(mac_at = strrchr(s, '.')) ||
	    strlen(mac_at + 1) != 32)
		return -1;
	token_mac(s, (size_t)(mac_at - s), key, mac);
	if (sodium_memcmp(mac, mac_at + 1, 32))
		return -1;
	/* signed by us: still read it as carefully as any input */
	while (nf < 9) {
		f[nf++] = p;
		if (!(p = strchr(p, '.')))
			break;
		p++;
	}
	if (nf != 9 || f[8] != mac_at + 1 || strncmp(f[0], "1.", 2) ||
	    f[2] - f[1] != 2 || (f[1][0] != 'R' && f[1][0] != 'I'))
		return -1;
	out->verb = f[1][0] == 'R' ? OAI_LIST_RECORDS : OAI_LIST_IDENTIFIERS;
	out->from = OAI_TIME_MIN;
	out->until = OAI_TIME_MAX;
	if (f[3] - f[2] > 1 && parse_int(f[2], f[3] - 1, &out->from) < 0)
		return -1;
	if (f[4] - f[3] > 1 && parse_int(f[3], f[4] - 1, &out->until) < 0)
		return -1;
	if ((size_t)(f[5] - f[4] - 1) > OAI_SET_MAX)
		return -1;
	memcpy(out->set, f[4], (size_t)(f[5] - f[4] - 1));
	out->set[f[5] - f[4] - 1] = '\0';
	if ((out->set[0] && !set_spec_valid(out->set)) ||
	    parse_int(f[5], f[6] - 1, &out->after.stamp) < 0 ||
	    parse_int(f[6], f[7] - 1, &out->after.id) < 0 ||
	    parse_int(f[7], f[8] - 1, &v) < 0 || v < 0)
		return -1;
	out->cursor = v;
	return 0;
}

const char *oai_identifier(struct arena *a, const char *host, int64_t id)
{
	return arena_printf(a, "oai:%s:practice/%" PRId64, host, id);
}

int64_t oai_identifier_parse(const char *host, const char *s)
{
	size_t hl = strlen(host), dl;
	const char *d;
	int64_t id;

	if (strncmp(s, "oai:", 4) || strncmp(s + 4, host, hl) ||
	    strncmp(s + 4 + hl, ":practice/", 10))
		return -1;
	d = s + 4 + hl + 10;
	dl = strlen(d);
	/* one spelling per record: no sign, no leading zero */
	if (!dl || dl > 18 || d[0] == '0' || strspn(d, "0123456789") != dl ||
	    parse_int(d, d + dl, &id) < 0)
		return -1;
	return id;
}

const char *oai_host_of(struct arena *a, const char *base_url)
{
	static const char host_chars[] = "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
	const char *h = base_url ? strstr(base_url, "://") : NULL;
	size_t n;
	char *out;

	h = h ? h + 3 : base_url ? base_url : "";
	n = strcspn(h, "/?#");
	/* user information before the host is no part of it */
	for (size_t i = n; i > 0; i--)
		if (h[i - 1] == '@') {
			h += i;
			break;
		}
	n = strcspn(h, "/?#:");
	if (!n || strspn(h, host_chars) < n || !(out = arena_strndup(a, h, n)))
		return "localhost";
	for (char *c = out; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return out;
}

int oai_sets_build(struct arena *a, const struct vocabulary *vs, size_t nv,
		   struct oai_set **out, size_t *n)
{
	size_t total = 0, k = 0;
	struct oai_set *sets;

	for (size_t i = 0; i < nv; i++)
		total += 1 + vs[i].ncategories;
	*out = NULL;
	*n = 0;
	if (!total)
		return 0;
	if (!(sets = arena_calloc(a, total, sizeof *sets)))
		return -1;
	for (size_t i = 0; i < nv; i++) {
		const struct vocabulary *v = &vs[i];
		size_t first = k + 1;

		sets[k++] = (struct oai_set){v->slug, v->label, v->slug, NULL};
		for (size_t c = 0; c < v->ncategories; c++) {
			const struct category *cat = &v->categories[c];
			const char *parent = v->slug;

			/* pre-order: the parent is already among this
			 * vocabulary's sets */
			for (size_t p = 0; p < c; p++)
				if (v->categories[p].id == cat->parent_id)
					parent = sets[first + p].spec;
			sets[k++] = (struct oai_set){
				arena_printf(a, "%s:%s", parent, cat->slug),
				cat->label, v->slug, cat->slug};
			if (!sets[k - 1].spec)
				return -1;
		}
	}
	*out = sets;
	*n = k;
	return 0;
}

const struct oai_set *oai_set_find(const struct oai_set *sets, size_t n,
				   const char *spec)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(sets[i].spec, spec))
			return &sets[i];
	return NULL;
}

const char *oai_set_spec_of(const struct oai_set *sets, size_t n,
			    const char *category)
{
	for (size_t i = 0; i < n; i++)
		if (sets[i].category && !strcmp(sets[i].category, category))
			return sets[i].spec;
	return NULL;
}
