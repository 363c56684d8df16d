/* submit_form.c - the public submission form. Everything a submitter
 * typed comes back when the form has problems; each problem is named
 * next to its field and listed at the top. */
#include <string.h>

#include "domain/attachment.h"
#include "text/html.h"
#include "web/layout.h"
#include "web/practice_form.h"
#include "web/pages.h"
#include "web/render.h"
#include "web/session.h"
#include "web/submit.h"

const char *const submit_langs[] = {"pl", "sl", "en", "ar"};

static const char *v(const struct form *f, const char *name)
{
	return f ? form_value(f, name) : NULL;
}

static void render_unit_part(struct ctx *c, const struct form *f,
			     const struct form_errors *e)
{
	const char *units[UNIT__MAX];

	for (int i = 0; i < UNIT__MAX; i++)
		units[i] = label_unit(c, (enum unit_type)i);
	render_fieldset_open(c, "submit.part.unit");
	render_input(c, "org_name", T(c, "submit.org_name"), NULL,
		     v(f, "org_name"), e, FIELD_REQUIRED, "organization");
	render_select(c, "unit_type", T(c, "submit.unit_type"), unit_type_codes,
		      units, UNIT__MAX, v(f, "unit_type"), e, FIELD_REQUIRED);
	practice_form_render_origin(c, f, e);
	render_input(c, "town", T(c, "submit.town"), NULL, v(f, "town"), e,
		     FIELD_REQUIRED, "address-level2");
	render_input(c, "county", T(c, "submit.county"), NULL, v(f, "county"),
		     e, 0, "off");
	render_input(c, "region", T(c, "submit.region"), NULL, v(f, "region"),
		     e, FIELD_REQUIRED, "address-level1");
	render_input(c, "country", T(c, "submit.country"),
		     T(c, "submit.country.hint"), v(f, "country"), e, 0,
		     "country");
	render_input(c, "postal_code", T(c, "submit.postal_code"), NULL,
		     v(f, "postal_code"), e, 0, "postal-code");
	render_input(c, "street", T(c, "submit.street"), NULL, v(f, "street"),
		     e, 0, "address-line1");
	render_input(c, "website", T(c, "submit.website"), NULL,
		     v(f, "website"), e, FIELD_URL, "url");
	render_input(c, "population", T(c, "submit.population"), NULL,
		     v(f, "population"), e, FIELD_NUMBER, "off");
	buf_puts(c->b, "</fieldset>\n");
}

static void render_links_part(struct ctx *c, const struct form *f,
			      const struct form_errors *e)
{
	const char *kinds[LINK__MAX];

	for (int i = 0; i < LINK__MAX; i++)
		kinds[i] = label_link_kind(c, (enum link_kind)i);
	render_fieldset_open(c, "submit.part.links");
	buf_puts(c->b, "<p class=\"hint\">");
	html_text(c->b, T(c, "submit.links.hint"));
	buf_puts(c->b, "</p>\n");
	for (int i = 1; i <= SUBMIT_LINKS; i++) {
		const char *url = arena_printf(c->a, "link%d_url", i);
		const char *title = arena_printf(c->a, "link%d_title", i);
		const char *kind = arena_printf(c->a, "link%d_kind", i);
		const char *number = arena_printf(c->a, "link%d_act_number", i);
		const char *date = arena_printf(c->a, "link%d_act_date", i);
		buf_puts(c->b, "<fieldset class=\"link-row\"><legend>");
		html_text(c->b, arena_printf(c->a, "%s %d", T(c, "submit.link_n"), i));
		buf_puts(c->b, "</legend>");
		render_select(c, kind, T(c, "submit.link_kind"), link_kind_codes,
			      kinds, LINK__MAX, v(f, kind), e, 0);
		render_input(c, url, T(c, "submit.link_url"), NULL, v(f, url), e,
			     FIELD_URL, "off");
		render_input(c, title, T(c, "submit.link_title"), NULL,
			     v(f, title), e, 0, "off");
		render_input(c, number, T(c, "submit.act_number"), NULL,
			     v(f, number), e, 0, "off");
		render_input(c, date, T(c, "submit.act_date"),
			     T(c, "submit.act.date_hint"), v(f, date), e, 0, "off");
		buf_puts(c->b, "</fieldset>\n");
	}
	buf_puts(c->b, "</fieldset>\n");
	render_fieldset_open(c, "submit.part.contact");
	render_input(c, "contact_name", T(c, "submit.contact_name"), NULL,
		     v(f, "contact_name"), e, 0, "off");
	render_input(c, "contact_role", T(c, "submit.contact_role"), NULL,
		     v(f, "contact_role"), e, 0, "off");
	render_input(c, "contact_phone", T(c, "submit.contact_phone"), NULL,
		     v(f, "contact_phone"), e, 0, "off");
	render_input(c, "contact_email", T(c, "submit.contact_email"), NULL,
		     v(f, "contact_email"), e, FIELD_EMAIL, "off");
	buf_puts(c->b, "</fieldset>\n");
}

static void render_files_part(struct ctx *c, const struct form_errors *e)
{
	const char *msg = form_error_of(e, "attachments");

	render_fieldset_open(c, "submit.part.files");
	buf_puts(c->b, msg ? "<div class=\"field invalid\">" : "<div class=\"field\">");
	buf_puts(c->b, "<label for=\"f-attachments\">");
	html_text(c->b, T(c, "submit.attachments"));
	buf_puts(c->b, "</label><p class=\"hint\" id=\"h-attachments\">");
	html_text(c->b, T(c, "submit.attachments.hint"));
	buf_printf(c->b, " (%d × %u MB)</p>", ATTACHMENTS_MAX,
		   c->app->cfg->attachment_max_mb);
	if (msg) {
		buf_puts(c->b, "<p class=\"field-error\" id=\"e-attachments\">");
		html_text(c->b, msg);
		buf_puts(c->b, "</p>");
	}
	buf_puts(c->b, "<input type=\"file\" id=\"f-attachments\" "
		       "name=\"attachments\" multiple accept=\".pdf,.odt,.docx,"
		       ".jpg,.jpeg,.png,application/pdf,image/jpeg,image/png\" "
		       "aria-describedby=\"h-attachments");
	buf_puts(c->b, msg ? " e-attachments\" aria-invalid=\"true\">"
			   : "\">");
	buf_puts(c->b, "</div>\n</fieldset>\n");
}

static void render_submitter_part(struct ctx *c, const struct form *f,
				  const struct form_errors *e)
{
	const char *msg = form_error_of(e, "consent");

	render_fieldset_open(c, "submit.part.submitter");
	render_input(c, "submitter_name", T(c, "submit.submitter_name"), NULL,
		     v(f, "submitter_name"), e, FIELD_REQUIRED, "name");
	render_input(c, "submitter_email", T(c, "submit.submitter_email"),
		     T(c, "submit.submitter_email.hint"),
		     v(f, "submitter_email"), e, FIELD_REQUIRED | FIELD_EMAIL,
		     "email");
	/* A field people never see: only robots fill it in. */
	buf_puts(c->b, "<div class=\"hp\" aria-hidden=\"true\"><label "
		       "for=\"f-homepage\">");
	html_text(c->b, T(c, "submit.honeypot"));
	buf_puts(c->b, "</label><input type=\"text\" id=\"f-homepage\" "
		       "name=\"homepage\" tabindex=\"-1\" autocomplete=\"off\">"
		       "</div>\n");
	buf_puts(c->b, "<section class=\"gdpr\" aria-labelledby=\"gdpr-h\">"
		       "<h3 id=\"gdpr-h\">");
	html_text(c->b, T(c, "submit.gdpr.title"));
	buf_puts(c->b, "</h3><p>");
	html_text(c->b, T(c, "submit.gdpr.text"));
	buf_puts(c->b, "</p></section>\n");
	buf_puts(c->b, msg ? "<div class=\"field invalid\">" : "<div class=\"field\">");
	if (msg) {
		buf_puts(c->b, "<p class=\"field-error\" id=\"e-consent\">");
		html_text(c->b, msg);
		buf_puts(c->b, "</p>");
	}
	buf_puts(c->b, "<input type=\"checkbox\" id=\"f-consent\" "
		       "name=\"consent\" value=\"yes\" required");
	if (msg)
		buf_puts(c->b, " aria-describedby=\"e-consent\" aria-invalid=\"true\"");
	if (v(f, "consent"))
		buf_puts(c->b, " checked");
	buf_puts(c->b, "> <label for=\"f-consent\">");
	html_text(c->b, T(c, "submit.consent"));
	buf_puts(c->b, "</label></div>\n</fieldset>\n");
}

int submit_render(struct ctx *c, const struct form *f,
		  const struct form_errors *e, const char *notice)
{
	page_begin(c, T(c, "submit.title.page"), &(struct layout_opts){
		.nav = "submit", .canonical = "/submit"});
	buf_puts(c->b, "<h1>");
	html_text(c->b, T(c, "submit.title.page"));
	buf_puts(c->b, "</h1>\n<p class=\"lead\">");
	html_text(c->b, T(c, "submit.lead"));
	buf_puts(c->b, "</p>\n");
	if (notice) {
		buf_puts(c->b, "<p class=\"form-errors\" role=\"alert\">");
		html_text(c->b, notice);
		buf_puts(c->b, "</p>\n");
	}
	render_form_errors(c, e);
	buf_puts(c->b, "<form method=\"post\" enctype=\"multipart/form-data\" "
		       "class=\"submit-form\" action=\"");
	html_attr(c->b, ctx_url(c, "/submit"));
	buf_puts(c->b, "\">\n");
	web_csrf_field_again(c, f);
	practice_form_render(c, f, e, true);
	render_unit_part(c, f, e);
	render_links_part(c, f, e);
	render_files_part(c, e);
	render_submitter_part(c, f, e);
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "submit.send"));
	buf_puts(c->b, "</button></p>\n</form>\n");
	page_end(c);
	return 0;
}

int page_submit(struct request *rq, struct response *rs)
{
	struct ctx c;
	int rc;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rc = submit_render(&c, NULL, NULL, NULL);
	ctx_close(&c);
	return rc;
}
