/* submit.c - taking a public submission: anti-spam checks, field by
 * field validation, attachments checked by their bytes, and one
 * transaction that stores the practice, its submitter and its files'
 * records. The files are written first and removed again when the
 * transaction fails, so nothing is half-stored. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain/attachment.h"
#include "domain/check.h"
#include "domain/geo.h"
#include "web/layout.h"
#include "web/notify.h"
#include "web/pages.h"
#include "web/practice_form.h"
#include "web/render.h"
#include "web/revisions.h"
#include "web/session.h"
#include "web/submit.h"

enum { SUBMIT_WINDOW = 3600 };

/* One submission as read from the form. */
struct submission_form {
	struct organisation org;
	struct practice_form pf;
	struct contact contact;
	struct link links[SUBMIT_LINKS];
	const struct form_field *files[ATTACHMENTS_MAX];
	enum attachment_type types[ATTACHMENTS_MAX];
	size_t nfiles;
	const char *name, *email;
};

static void read_unit(struct ctx *c, const struct form *f,
		      struct form_errors *e, struct submission_form *s)
{
	struct organisation *o = &s->org;
	const char *pop = form_value(f, "population");
	struct error err = ERROR_INIT;

	o->name = form_text(c, f, e, "org_name", PRACTICE_SHORT_MAX, true);
	o->unit_type = (enum unit_type)form_code(c, f, e, "unit_type",
					    unit_type_codes, UNIT__MAX);
	o->town = form_text(c, f, e, "town", PRACTICE_SHORT_MAX, true);
	o->county = form_text(c, f, e, "county", PRACTICE_SHORT_MAX, false);
	o->region = form_text(c, f, e, "region", PRACTICE_SHORT_MAX, true);
	o->country = form_text(c, f, e, "country", 2, false);
	if (o->country && (strlen(o->country) != 2 ||
			   strspn(o->country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 2))
		form_error(e, "country", T(c, "submit.country.hint"));
	if (!o->country)
		o->country = strcmp(c->lang, "sl") ? "PL" : "SI";
	o->postal_code = form_text(c, f, e, "postal_code", 20, false);
	o->street = form_text(c, f, e, "street", PRACTICE_SHORT_MAX, false);
	o->website = form_value(f, "website");
	if (o->website && !*o->website)
		o->website = NULL;
	if (check_url("website", o->website, &err) < 0)
		form_error(e, "website", T(c, "form.bad_url"));
	o->population = -1;
	if (pop && *pop) {
		char *end;
		errno = 0;
		o->population = strtoll(pop, &end, 10);
		if (errno || *end || o->population < 0 ||
		    o->population > 100000000) {
			form_error(e, "population", T(c, "form.invalid"));
			o->population = -1;
		}
	}
}

static void read_practice(struct ctx *c, const struct form *f,
			  struct form_errors *e, struct submission_form *s)
{
	const char *lang = form_value(f, "lang");

	practice_form_read(c, f, e, &s->pf);
	s->pf.in.lang = lang;
	if (!lang || !lang_code_valid(lang))
		form_error(e, "lang", T(c, "form.invalid"));
	s->pf.in.status = STATUS_SUBMITTED;
	s->pf.in.date_entered = format_date_today(c);
}

/* One row of links: an address, or a local legal act that may have none
 * (its number or title is enough); a row left empty is skipped. */
static void read_link(struct ctx *c, const struct form *f,
		      struct form_errors *e, int row, struct link *l, bool *used)
{
	const char *url_f = arena_printf(c->a, "link%d_url", row);
	const char *title_f = arena_printf(c->a, "link%d_title", row);
	const char *kind_f = arena_printf(c->a, "link%d_kind", row);
	const char *number_f = arena_printf(c->a, "link%d_act_number", row);
	const char *date_f = arena_printf(c->a, "link%d_act_date", row);
	const char *kind = form_value(f, kind_f);
	struct error err = ERROR_INIT;
	int k = LINK_WEBSITE;

	l->url = form_text(c, f, e, url_f, PRACTICE_URL_MAX, false);
	l->title = form_text(c, f, e, title_f, PRACTICE_TITLE_MAX, false);
	l->act_number = form_text(c, f, e, number_f, 100, false);
	l->act_date = form_text(c, f, e, date_f, 10, false);
	if (kind && *kind)
		k = form_code(c, f, e, kind_f, link_kind_codes, LINK__MAX);
	l->kind = k < 0 ? LINK_WEBSITE : (enum link_kind)k;
	*used = l->url || (l->kind == LINK_LEGAL_ACT && (l->title || l->act_number));
	if (!*used)
		return;
	if (check_url(url_f, l->url, &err) < 0)
		form_error(e, url_f, T(c, "form.bad_url"));
	if (!l->url && l->kind != LINK_LEGAL_ACT)
		form_error(e, url_f, T(c, "form.missing"));
	if (l->kind == LINK_LEGAL_ACT && !l->title)
		form_error(e, title_f, T(c, "submit.act.title_missing"));
	if (check_date(date_f, l->act_date, &err) < 0)
		form_error(e, date_f, T(c, "submit.act.date_hint"));
}

static void read_links(struct ctx *c, const struct form *f,
		       struct form_errors *e, struct submission_form *s)
{
	struct contact *k = &s->contact;

	for (int i = 1; i <= SUBMIT_LINKS; i++) {
		bool used = false;
		read_link(c, f, e, i, &s->links[s->pf.in.nlinks], &used);
		if (used)
			s->pf.in.nlinks++;
	}
	s->pf.in.links = s->links;
	k->name = form_text(c, f, e, "contact_name", PRACTICE_SHORT_MAX, false);
	k->role = form_text(c, f, e, "contact_role", PRACTICE_SHORT_MAX, false);
	k->phone = form_text(c, f, e, "contact_phone", 50, false);
	k->email = form_text(c, f, e, "contact_email", EMAIL_MAX, false);
	if (k->email && !email_valid(k->email))
		form_error(e, "contact_email", T(c, "form.bad_email"));
	if (k->name || k->email || k->phone) {
		s->pf.in.contacts = k;
		s->pf.in.ncontacts = 1;
	}
}

static void read_files(struct ctx *c, const struct form *f,
		       struct form_errors *e, struct submission_form *s)
{
	size_t max = (size_t)c->app->cfg->attachment_max_mb << 20;

	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *ff = &f->fields[i];
		int t;
		if (strcmp(ff->name, "attachments") || !ff->filename ||
		    (!ff->len && !*ff->filename))
			continue; /* an empty file input */
		if (s->nfiles == ATTACHMENTS_MAX) {
			form_error(e, "attachments", T(c, "submit.files.too_many"));
			return;
		}
		if (ff->len > max) {
			form_error(e, "attachments", T(c, "submit.files.too_large"));
			return;
		}
		if ((t = attachment_sniff(ff->value, ff->len)) < 0) {
			form_error(e, "attachments", T(c, "submit.files.type"));
			return;
		}
		s->types[s->nfiles] = (enum attachment_type)t;
		s->files[s->nfiles++] = ff;
	}
}

static void read_submitter(struct ctx *c, const struct form *f,
			   struct form_errors *e, struct submission_form *s)
{
	s->name = form_text(c, f, e, "submitter_name", PRACTICE_SHORT_MAX, true);
	s->email = form_text(c, f, e, "submitter_email", EMAIL_MAX, true);
	if (s->email && !email_valid(s->email))
		form_error(e, "submitter_email", T(c, "form.bad_email"));
	if (!form_value(f, "consent"))
		form_error(e, "consent", T(c, "submit.consent.missing"));
}

/* Writes the files, then the records in one transaction; the files go
 * again if the transaction does not commit. */
static int store_submission(struct ctx *c, struct submission_form *s,
			    const char *dir, const uint8_t *token_hash,
			    int64_t *practice_id, struct error *err)
{
	const char *stored[ATTACHMENTS_MAX] = {0};
	size_t nstored = 0;
	int64_t org_id;
	int rc = -1;

	for (; nstored < s->nfiles; nstored++)
		if (attachment_store(dir, s->files[nstored]->value,
				     s->files[nstored]->len, c->a,
				     &stored[nstored], err) < 0)
			goto out;
	if (ctx_write_begin(c, err) < 0 ||
	    geo_locate(c->st, c->a, &s->org, err) < 0 ||
	    store_organisation_insert(c->st, &s->org, &org_id, err) < 0)
		goto out;
	s->pf.in.org_id = org_id;
	if (store_practice_insert(c->st, &s->pf.in, practice_id, err) < 0 ||
	    store_submission_insert(c->st, *practice_id, token_hash, s->name,
				    s->email, err) < 0)
		goto out;
	for (size_t i = 0; i < s->nfiles; i++) {
		struct attachment_ref r = {
			.stored_name = stored[i],
			.display_name = attachment_display_name(
				c->a, s->files[i]->filename, s->types[i]),
			.type = attachment_type_codes[s->types[i]],
			.size = (int64_t)s->files[i]->len,
		};
		if (store_attachment_insert(c->st, *practice_id, (int)i, &r, err) < 0)
			goto out;
	}
	if (web_revision_record(c, *practice_id, NULL, err) < 0 ||
	    web_audit(c, AUDIT_SUBMIT, "practice", *practice_id, NULL, err) < 0 ||
	    store_commit(c->st, err) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0) {
		struct error ignored = ERROR_INIT;
		store_rollback(c->st);
		for (size_t i = 0; i < nstored; i++)
			if (stored[i])
				attachment_remove(dir, stored[i], &ignored);
	}
	return rc;
}

static int refuse(struct ctx *c, int status, const struct form *f,
		  const struct form_errors *e, const char *notice)
{
	submit_render(c, f, e, notice);
	c->rs->status = status;
	return 0;
}

int page_submit_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct form_errors e = {0};
	struct submission_form s = {0};
	struct error err = ERROR_INIT;
	char token[TOKEN_CHARS + 1];
	uint8_t hash[TOKEN_HASH_BYTES];
	const char *hp;
	bool replied = false, over = false;
	int64_t id;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_form_or_reply(&c, &f, &replied) < 0) {
		rc = replied ? 0 : -1;
		goto out;
	}
	switch (web_csrf_check(&c, &f, c.app->cfg->form_min_seconds)) {
	case CSRF_OK: break;
	case CSRF_TOO_FAST:
		rc = refuse(&c, 429, &f, NULL, T(&c, "submit.too_fast"));
		goto out;
	case CSRF_BAD:
		rc = refuse(&c, 403, &f, NULL, T(&c, "form.csrf"));
		goto out;
	}
	if ((hp = form_value(&f, "homepage")) && *hp) {
		rc = web_fail(&c, 400, T(&c, "submit.refused"));
		goto out;
	}
	read_practice(&c, &f, &e, &s);
	read_unit(&c, &f, &e, &s);
	read_links(&c, &f, &e, &s);
	read_files(&c, &f, &e, &s);
	read_submitter(&c, &f, &e, &s);
	if (e.n) {
		rc = refuse(&c, 422, &f, &e, NULL);
		goto out;
	}
	if (ctx_write_begin(&c, &err) < 0 ||
	    web_rate_hit(&c, "submit-ip", request_peer(rq), SUBMIT_WINDOW,
			 c.app->cfg->submissions_per_hour, &over, &err) < 0 ||
	    store_commit(c.st, &err) < 0)
		goto fail;
	if (over) {
		rc = refuse(&c, 429, &f, NULL, T(&c, "submit.too_many"));
		goto out;
	}
	token_new(token);
	token_hash(token, hash);
	if (store_submission(&c, &s, c.app->attachments_dir, hash, &id, &err) < 0) {
		if (err.code == ERR_INVALID) { /* a rule the form did not check */
			form_error(&e, "title", err.msg);
			rc = refuse(&c, 422, &f, &e, NULL);
			goto out;
		}
		goto fail;
	}
	notify_submitted(&c, s.email, s.name, s.pf.in.title, token);
	rc = web_redirect(&c, arena_printf(c.a, "/track/%s?new=1", token));
	goto out;
fail:
	rc = web_fail_store(&c, &err);
out:
	ctx_close(&c);
	return rc;
}
