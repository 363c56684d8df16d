/* review.c - one practice under review, as editors see it: with its
 * submitter and files, the decision (publish, reject or ask for changes,
 * with a message, or withdraw), contact persons to erase, and the files
 * served as downloads. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/utf8.h"
#include "domain/attachment.h"
#include "text/html.h"
#include "text/markdown.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/render.h"
#include "web/review.h"
#include "web/session.h"

/* Where the implementing unit is on the map: how its place was found,
 * and a form to set it by hand when the gazetteer could not. */
static void render_place(struct ctx *c, const struct practice *p)
{
	const struct organisation *o = &p->org;

	buf_puts(c->b, "<section class=\"place\"><h2>");
	html_text(c->b, T(c, "place.title"));
	buf_puts(c->b, "</h2><p");
	if (o->geo == GEO_AMBIGUOUS || o->geo == GEO_UNKNOWN)
		buf_puts(c->b, " class=\"notice\"");
	buf_puts(c->b, ">");
	html_text(c->b, T(c, arena_printf(c->a, "place.%s",
					  o->geo ? geo_status_codes[o->geo] : "none")));
	if (o->has_coords)
		buf_printf(c->b, " (%.5f, %.5f)", o->lat, o->lon);
	buf_puts(c->b, "</p>\n<form method=\"post\" class=\"inline\" action=\"");
	html_attr(c->b, ctx_url(c, "/editor/organisations/%lld/place", (long long)o->id));
	buf_puts(c->b, "\">\n");
	web_csrf_field(c);
	buf_printf(c->b, "<input type=\"hidden\" name=\"practice\" value=\"%lld\">\n",
		   (long long)p->id);
	render_input(c, "lat", T(c, "place.lat"), NULL,
		     o->has_coords ? arena_printf(c->a, "%.6f", o->lat) : NULL, NULL,
		     FIELD_REQUIRED, "off");
	render_input(c, "lon", T(c, "place.lon"), NULL,
		     o->has_coords ? arena_printf(c->a, "%.6f", o->lon) : NULL, NULL,
		     FIELD_REQUIRED, "off");
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "place.save"));
	buf_puts(c->b, "</button></p></form></section>\n");
}

/* GDPR: a contact person can be removed, or reduced to their role,
 * without touching the rest of the practice. */
static void render_erasure(struct ctx *c, const struct practice *p)
{
	if (!p->ncontacts)
		return;
	buf_puts(c->b, "<section class=\"erasure\"><h2>");
	html_text(c->b, T(c, "erase.title"));
	buf_puts(c->b, "</h2><ul>");
	for (size_t i = 0; i < p->ncontacts; i++) {
		const struct contact *k = &p->contacts[i];
		buf_puts(c->b, "<li><form method=\"post\" action=\"");
		html_attr(c->b, ctx_url(c, "/editor/practices/%lld/contacts/%lld/erase",
					(long long)p->id, (long long)k->id));
		buf_puts(c->b, "\">");
		web_csrf_field(c);
		html_text(c->b, k->name ? k->name : k->role ? k->role : "—");
		buf_puts(c->b, " <button type=\"submit\" name=\"mode\" value=\"anonymise\">");
		html_text(c->b, T(c, "erase.anonymise"));
		buf_puts(c->b, "</button> <button type=\"submit\" name=\"mode\" value=\"remove\">");
		html_text(c->b, T(c, "erase.remove"));
		buf_puts(c->b, "</button></form></li>");
	}
	buf_puts(c->b, "</ul></section>\n");
}

void render_decision_fields(struct ctx *c, const struct form_errors *e,
				   const char *message)
{
	const char *labels[DECISION__MAX];

	for (int i = 0; i < DECISION__MAX; i++)
		labels[i] = T(c, arena_printf(c->a, "decision.%s",
					      review_decision_codes[i]));
	render_select(c, "decision", T(c, "review.decision"),
		      review_decision_codes, labels, DECISION__MAX, NULL, e,
		      FIELD_REQUIRED);
	render_textarea(c, "message", T(c, "review.message"),
			T(c, "review.message.hint"), message, e, 0, 5);
}

static void render_decision_form(struct ctx *c, int64_t id,
				 const struct form_errors *e,
				 const char *message)
{
	buf_puts(c->b, "<section class=\"decision\"><h2>");
	html_text(c->b, T(c, "review.decide"));
	buf_puts(c->b, "</h2>\n");
	render_form_errors(c, e);
	buf_puts(c->b, "<form method=\"post\" action=\"");
	html_attr(c->b, ctx_url(c, "/editor/practices/%lld/decision", (long long)id));
	buf_puts(c->b, "\">\n");
	web_csrf_field(c);
	render_decision_fields(c, e, message);
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "review.save"));
	buf_puts(c->b, "</button></p></form></section>\n");
}

/* The review page; e and message when a decision came back with errors. */
static int render_review(struct ctx *c, int64_t id, const struct form_errors *e,
			 const char *message)
{
	struct practice p;
	struct submission sub;
	struct import_source src = {0};
	struct attachment_ref *atts;
	size_t natts;
	struct error err = ERROR_INIT;

	if (store_practice_get(c->st, c->a, id, NULL, false, &p, &err) < 0 ||
	    store_submission_get(c->st, c->a, id, &sub, &err) < 0 ||
	    store_attachment_list(c->st, c->a, id, &atts, &natts, &err) < 0 ||
	    (store_import_source(c->st, c->a, id, &src, &err) < 0 &&
	     err.code != ERR_NOT_FOUND))
		return web_fail_store(c, &err);
	page_begin(c, p.title, &(struct layout_opts){.nav = "queue"});
	buf_puts(c->b, "<p class=\"actions\">");
	html_link(c->b, ctx_url(c, "/editor/practices/%lld/edit", (long long)id),
		  T(c, "edit.title"));
	html_link(c->b, ctx_url(c, "/editor/practices/%lld/revisions", (long long)id),
		  T(c, "revisions.title"));
	if (p.status == STATUS_PUBLISHED)
		html_link(c->b, practice_path(c, p.id, p.slug), T(c, "review.public"));
	buf_puts(c->b, "</p>\n<p class=\"status-line\">");
	html_text(c->b, T(c, "track.status"));
	buf_puts(c->b, ": <strong>");
	html_text(c->b, label_status(c, p.status));
	buf_puts(c->b, "</strong></p>\n<h1>");
	html_text(c->b, p.title);
	buf_puts(c->b, "</h1>\n<p class=\"summary\">");
	html_text(c->b, p.summary);
	buf_puts(c->b, "</p>\n");
	if (sub.submitter_email) {
		buf_puts(c->b, "<section><h2>");
		html_text(c->b, T(c, "review.submitter"));
		buf_puts(c->b, "</h2><dl>");
		render_fact(c, "submit.submitter_name", sub.submitter_name);
		render_fact(c, "submit.submitter_email", sub.submitter_email);
		render_fact(c, "track.sent", format_day(c, sub.created_at));
		render_fact(c, "track.message", sub.editor_message);
		buf_puts(c->b, "</dl></section>\n");
	}
	if (src.file) {
		buf_puts(c->b, "<section><h2>");
		html_text(c->b, T(c, "review.imported"));
		buf_puts(c->b, "</h2><dl>");
		render_fact(c, "review.imported.file", src.file);
		render_fact(c, "review.imported.format", src.format);
		render_fact(c, "review.imported.at", format_day(c, src.imported_at));
		buf_puts(c->b, "</dl></section>\n");
	}
	render_key_facts(c, &p);
	render_place(c, &p);
	buf_puts(c->b, "<section class=\"presentation\"><h2>");
	html_text(c->b, T(c, "practice.view_full"));
	buf_puts(c->b, "</h2>\n");
	markdown_render(c->b, p.body);
	buf_puts(c->b, "</section>\n");
	render_contacts(c, &p);
	render_erasure(c, &p);
	render_attachments(c, atts, natts, "/editor/attachments");
	render_decision_form(c, id, e, message);
	page_end(c);
	return 0;
}

int page_review(struct request *rq, struct response *rs)
{
	struct ctx c;
	int rc;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rc = render_review(&c, strtoll(rq->params[0], NULL, 10), NULL, NULL);
	ctx_close(&c);
	return rc;
}

int read_decision(struct ctx *c, const struct form *f,
			 struct form_errors *e, const char **message)
{
	const char *code = form_value(f, "decision");
	int d = code ? code_parse(review_decision_codes, DECISION__MAX, code) : -1;

	*message = form_value(f, "message");
	if (*message && !**message)
		*message = NULL;
	if (d < 0)
		form_error(e, "decision", T(c, "form.missing"));
	else if (review_decision_needs_message((enum review_decision)d) && !*message)
		form_error(e, "message", T(c, "review.message.missing"));
	if (*message && utf8_length(*message) > REVIEW_MESSAGE_MAX)
		form_error(e, "message", T(c, "form.too_long"));
	return e->n ? -1 : d;
}

int apply_decision(struct ctx *c, int64_t id, enum review_decision d,
			  const char *message, struct error *err)
{
	if (store_practice_set_status(c->st, id, review_decision_status(d),
				      message, err) < 0)
		return -1;
	return web_audit(c, AUDIT_STATUS, "practice", id,
			 review_decision_codes[d], err);
}

int page_decision_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct form_errors e = {0};
	struct error err = ERROR_INIT;
	int64_t id = strtoll(rq->params[0], NULL, 10);
	const char *message;
	int d, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	if ((d = read_decision(&c, &f, &e, &message)) < 0) {
		rc = render_review(&c, id, &e, message);
		if (rc == 0 && rs->status == 200)
			rs->status = 422;
		goto out;
	}
	if (ctx_write_begin(&c, &err) < 0 ||
	    apply_decision(&c, id, (enum review_decision)d, message, &err) < 0 ||
	    store_commit(c.st, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	rc = web_redirect(&c, arena_printf(c.a, "/editor/practices/%lld",
					   (long long)id));
out:
	ctx_close(&c);
	return rc;
}

/* Reads a stored file whole (files are bounded by attachment_max_mb). */
static int read_file(const char *path, struct buf *out, struct error *err)
{
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return error_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO,
				 "attachment file: %s", strerror(errno));
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)n);
	close(fd);
	if (n < 0)
		return error_set(err, ERR_IO, "attachment file: read failed");
	return out->oom ? error_set(err, ERR_INTERNAL, "out of memory") : 0;
}

/* Sends a stored file as a download, never shown inline: its bytes
 * were checked, but a browser must still not render what a stranger
 * sent. Public requests get files of published practices only. */
static int serve_attachment(struct request *rq, struct response *rs,
			    bool published_only)
{
	struct ctx c;
	struct attachment_ref a;
	struct practice p;
	struct error err = ERROR_INIT;
	const char *path;
	int t, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (store_attachment_get(c.st, c.a, strtoll(rq->params[0], NULL, 10), &a,
				 &err) < 0 ||
	    (published_only && store_practice_get(c.st, c.a, a.practice_id, NULL,
						  true, &p, &err) < 0) ||
	    !(path = attachment_path(c.a, c.app->attachments_dir, a.stored_name)) ||
	    read_file(path, c.b, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	t = attachment_type_parse(a.type);
	rs->content_type = t >= 0 ? attachment_mime[t] : "application/octet-stream";
	response_header(rs, "Content-Disposition",
			attachment_disposition(c.a, a.display_name));
	rc = 0;
out:
	ctx_close(&c);
	return rc;
}

int page_attachment(struct request *rq, struct response *rs)
{
	return serve_attachment(rq, rs, false);
}

int page_public_attachment(struct request *rq, struct response *rs)
{
	return serve_attachment(rq, rs, true);
}

/* A coordinate from the form, within [-max, max]; NAN when not one. */
static double coordinate(const struct form *f, const char *name, double max)
{
	const char *v = form_value(f, name);
	char *end;
	double d;

	if (!v || !*v)
		return NAN;
	errno = 0;
	d = strtod(v, &end);
	return errno || *end || d < -max || d > max ? NAN : d;
}

int page_place_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct error err = ERROR_INIT;
	int64_t org = strtoll(rq->params[0], NULL, 10), practice;
	const char *back;
	double lat, lon;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	lat = coordinate(&f, "lat", 90);
	lon = coordinate(&f, "lon", 180);
	if (isnan(lat) || isnan(lon)) {
		rc = web_fail(&c, 422, T(&c, "place.invalid"));
		goto out;
	}
	practice = strtoll(form_value(&f, "practice") ? form_value(&f, "practice") : "0",
			   NULL, 10);
	if (ctx_write_begin(&c, &err) < 0 ||
	    store_organisation_set_place(c.st, org, lat, lon, GEO_MANUAL, &err) < 0 ||
	    web_audit(&c, AUDIT_PLACE, "organisation", org, NULL, &err) < 0 ||
	    store_commit(c.st, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	back = practice > 0 ? arena_printf(c.a, "/editor/practices/%lld", (long long)practice)
			    : "/editor/queue";
	rc = web_redirect(&c, back);
out:
	ctx_close(&c);
	return rc;
}
