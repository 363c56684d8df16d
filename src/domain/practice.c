#include "domain/practice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/check.h"

const char *const practice_status_codes[STATUS__MAX] = {
	"submitted", "in_review", "published", "rejected", "withdrawn",
};
const char *const initiator_type_codes[INITIATOR__MAX] = {
	"local_government", "ngo", "informal_group", "company", "other",
};
const char *const link_kind_codes[LINK__MAX] = {
	"article", "video", "legal_act", "document", "website",
};
const char *const relation_kind_codes[RELATION__MAX] = {
	"adapted_from", "related",
};

int code_parse(const char *const *codes, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(codes[i], s))
			return i;
	return -1;
}

bool lang_code_valid(const char *s)
{
	static const char *const known[] = {
		"pl", "sl", "en", "ar", "de", "cs", "sk", "hr", "hu", "uk",
		"lt", "it", "fr", "es", "sr", "bs", "ro", "bg", NULL,
	};
	for (int i = 0; s && known[i]; i++)
		if (!strcmp(known[i], s))
			return true;
	return false;
}

static bool all_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool date_partial_valid(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t n = s ? strlen(s) : 0;
	int y, m, d;

	if ((n != 4 && n != 7 && n != 10) || !all_digits(s, 4))
		return false;
	y = atoi(s);
	if (y < 1900 || y > 2100)
		return false;
	if (n == 4)
		return true;
	if (s[4] != '-' || !all_digits(s + 5, 2))
		return false;
	m = atoi(s + 5);
	if (m < 1 || m > 12)
		return false;
	if (n == 7)
		return true;
	if (s[7] != '-' || !all_digits(s + 8, 2))
		return false;
	d = atoi(s + 8);
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 || y % 400 == 0)))
		return false;
	return d >= 1 && d <= mdays[m - 1];
}

static int check_contact(const struct contact *c, size_t i, struct error *err)
{
	char f[48];

	snprintf(f, sizeof f, "contacts[%zu].name", i);
	TRY(check_text(f, c->name, PRACTICE_SHORT_MAX, true, err));
	snprintf(f, sizeof f, "contacts[%zu].role", i);
	TRY(check_text(f, c->role, PRACTICE_SHORT_MAX, false, err));
	snprintf(f, sizeof f, "contacts[%zu].phone", i);
	TRY(check_text(f, c->phone, 60, false, err));
	snprintf(f, sizeof f, "contacts[%zu].email", i);
	TRY(check_email(f, c->email, err));
	return 0;
}

static int check_link(const struct link *l, size_t i, struct error *err)
{
	char f[48];

	if ((unsigned)l->kind >= LINK__MAX)
		return error_set(err, ERR_INVALID, "links[%zu].kind: unknown", i);
	snprintf(f, sizeof f, "links[%zu].url", i);
	TRY(check_url(f, l->url, err));
	if (l->kind != LINK_LEGAL_ACT && (!l->url || !*l->url))
		return error_set(err, ERR_INVALID, "%s: required", f);
	snprintf(f, sizeof f, "links[%zu].title", i);
	TRY(check_text(f, l->title, PRACTICE_TITLE_MAX,
		       l->kind == LINK_LEGAL_ACT, err));
	snprintf(f, sizeof f, "links[%zu].act_number", i);
	TRY(check_text(f, l->act_number, 100, false, err));
	snprintf(f, sizeof f, "links[%zu].act_date", i);
	TRY(check_date(f, l->act_date, err));
	snprintf(f, sizeof f, "links[%zu].issuer", i);
	TRY(check_text(f, l->issuer, PRACTICE_SHORT_MAX, false, err));
	return 0;
}

int practice_input_validate(const struct practice_input *in,
			    struct error *err)
{
	if (!lang_code_valid(in->lang))
		return error_set(err, ERR_INVALID, "lang: unknown language code");
	if ((unsigned)in->status >= STATUS__MAX)
		return error_set(err, ERR_INVALID, "status: unknown");
	if ((unsigned)in->initiator >= INITIATOR__MAX)
		return error_set(err, ERR_INVALID, "initiator_type: unknown");
	TRY(check_text("title", in->title, PRACTICE_TITLE_MAX, true, err));
	TRY(check_text("summary", in->summary, PRACTICE_SUMMARY_MAX, true, err));
	TRY(check_text("body", in->body, PRACTICE_BODY_MAX, false, err));
	TRY(check_text("implementing_office", in->implementing_office,
		       PRACTICE_SHORT_MAX, false, err));
	TRY(check_date("date_entered", in->date_entered, err));
	TRY(check_date("period_start", in->period_start, err));
	TRY(check_date("period_end", in->period_end, err));
	if (in->has_coords && (in->lat < -90 || in->lat > 90 ||
			       in->lon < -180 || in->lon > 180))
		return error_set(err, ERR_INVALID, "coordinates: out of range");
	if (in->ncontacts > PRACTICE_CONTACTS_MAX)
		return error_set(err, ERR_INVALID, "contacts: more than %d",
				 PRACTICE_CONTACTS_MAX);
	if (in->nlinks > PRACTICE_LINKS_MAX)
		return error_set(err, ERR_INVALID, "links: more than %d",
				 PRACTICE_LINKS_MAX);
	if (in->ncategories > PRACTICE_CATEGORIES_MAX)
		return error_set(err, ERR_INVALID, "categories: more than %d",
				 PRACTICE_CATEGORIES_MAX);
	if (in->nkeywords > PRACTICE_KEYWORDS_MAX)
		return error_set(err, ERR_INVALID, "keywords: more than %d",
				 PRACTICE_KEYWORDS_MAX);
	for (size_t i = 0; i < in->ncontacts; i++)
		TRY(check_contact(&in->contacts[i], i, err));
	for (size_t i = 0; i < in->nlinks; i++)
		TRY(check_link(&in->links[i], i, err));
	for (size_t i = 0; i < in->nkeywords; i++)
		TRY(check_text("keywords", in->keywords[i], 100, true, err));
	return 0;
}

/* arena_strdup that keeps NULL as NULL; *failed latches. */
static const char *dup(struct arena *a, const char *s, bool *failed)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = arena_strdup(a, s)))
		*failed = true;
	return d;
}

int practice_input_dup(struct arena *a, struct practice_input *in)
{
	struct contact *cs = arena_calloc(a, in->ncontacts + 1, sizeof *cs);
	struct link *ls = arena_calloc(a, in->nlinks + 1, sizeof *ls);
	int64_t *cats = arena_calloc(a, in->ncategories + 1, sizeof *cats);
	const char **kws = arena_calloc(a, in->nkeywords + 1, sizeof *kws);
	bool failed = !cs || !ls || !cats || !kws;

	if (failed)
		return -1;
	in->lang = dup(a, in->lang, &failed);
	in->title = dup(a, in->title, &failed);
	in->summary = dup(a, in->summary, &failed);
	in->body = dup(a, in->body, &failed);
	in->implementing_office = dup(a, in->implementing_office, &failed);
	in->date_entered = dup(a, in->date_entered, &failed);
	in->period_start = dup(a, in->period_start, &failed);
	in->period_end = dup(a, in->period_end, &failed);
	for (size_t i = 0; i < in->ncontacts; i++) {
		cs[i].name = dup(a, in->contacts[i].name, &failed);
		cs[i].role = dup(a, in->contacts[i].role, &failed);
		cs[i].phone = dup(a, in->contacts[i].phone, &failed);
		cs[i].email = dup(a, in->contacts[i].email, &failed);
	}
	for (size_t i = 0; i < in->nlinks; i++) {
		ls[i] = in->links[i];
		ls[i].url = dup(a, in->links[i].url, &failed);
		ls[i].title = dup(a, in->links[i].title, &failed);
		ls[i].act_number = dup(a, in->links[i].act_number, &failed);
		ls[i].act_date = dup(a, in->links[i].act_date, &failed);
		ls[i].issuer = dup(a, in->links[i].issuer, &failed);
	}
	if (in->ncategories)
		memcpy(cats, in->category_ids, in->ncategories * sizeof *cats);
	for (size_t i = 0; i < in->nkeywords; i++)
		kws[i] = dup(a, in->keywords[i], &failed);
	in->contacts = cs;
	in->links = ls;
	in->category_ids = cats;
	in->keywords = kws;
	return failed ? -1 : 0;
}
