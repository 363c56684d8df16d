/* forms.c - posted forms in, form controls out. */
#include "web/forms.h"

#include <string.h>

#include "text/html.h"

void form_error(struct form_errors *e, const char *field, const char *message)
{
	int max = (int)(sizeof e->items / sizeof *e->items);

	if (e->n < max && !form_error_of(e, field)) {
		e->items[e->n].field = field;
		e->items[e->n].message = message;
		e->n++;
	}
}

const char *form_error_of(const struct form_errors *e, const char *field)
{
	for (int i = 0; e && i < e->n; i++)
		if (!strcmp(e->items[i].field, field))
			return e->items[i].message;
	return NULL;
}

int web_form_or_reply(struct ctx *c, struct form *f, bool *replied)
{
	struct error err = ERROR_INIT;

	if (form_parse(c->a, request_header(c->rq, "Content-Type"),
		       c->rq->body.data, c->rq->body.len, f, &err) == 0)
		return 0;
	*replied = true;
	if (err.code == ERR_INTERNAL)
		return -1;
	web_fail(c, 400, err.msg);
	return -1;
}

int web_redirect(struct ctx *c, const char *path)
{
	const char *to = arena_printf(c->a, "%s%s%s", c->app->cfg->base_url,
				      c->prefix, path);

	if (!to)
		return -1;
	buf_reset(c->b);
	c->rs->status = 303;
	response_header(c->rs, "Location", to);
	return 0;
}

void render_fieldset_open(struct ctx *c, const char *legend_key)
{
	buf_puts(c->b, "<fieldset><legend>");
	html_text(c->b, T(c, legend_key));
	buf_puts(c->b, "</legend>\n");
}

void render_form_errors(struct ctx *c, const struct form_errors *e)
{
	if (!e || !e->n)
		return;
	buf_puts(c->b, "<div class=\"form-errors\" role=\"alert\" "
		       "tabindex=\"-1\" id=\"form-errors\"><h2>");
	html_text(c->b, T(c, "form.errors"));
	buf_puts(c->b, "</h2><ul>");
	for (int i = 0; i < e->n; i++) {
		buf_puts(c->b, "<li><a href=\"#f-");
		html_attr(c->b, e->items[i].field);
		buf_puts(c->b, "\">");
		html_text(c->b, e->items[i].message);
		buf_puts(c->b, "</a></li>");
	}
	buf_puts(c->b, "</ul></div>\n");
}

/* The label, hint and error before a control, and the control's
 * attributes that tie them to it (id, name, aria-*, required). */
static void field_open(struct ctx *c, const char *name, const char *label,
		       const char *hint, const struct form_errors *e,
		       unsigned flags)
{
	const char *msg = form_error_of(e, name);

	buf_puts(c->b, msg ? "<div class=\"field invalid\">" : "<div class=\"field\">");
	buf_puts(c->b, "<label for=\"f-");
	html_attr(c->b, name);
	buf_puts(c->b, "\">");
	html_text(c->b, label);
	if (flags & FIELD_REQUIRED) {
		buf_puts(c->b, " <span class=\"required\">(");
		html_text(c->b, T(c, "form.required"));
		buf_puts(c->b, ")</span>");
	}
	buf_puts(c->b, "</label>");
	if (hint) {
		buf_puts(c->b, "<p class=\"hint\" id=\"h-");
		html_attr(c->b, name);
		buf_puts(c->b, "\">");
		html_text(c->b, hint);
		buf_puts(c->b, "</p>");
	}
	if (msg) {
		buf_puts(c->b, "<p class=\"field-error\" id=\"e-");
		html_attr(c->b, name);
		buf_puts(c->b, "\">");
		html_text(c->b, msg);
		buf_puts(c->b, "</p>");
	}
}

static void control_attrs(struct ctx *c, const char *name, const char *hint,
			  const struct form_errors *e, unsigned flags)
{
	bool bad = form_error_of(e, name) != NULL;

	buf_puts(c->b, " id=\"f-");
	html_attr(c->b, name);
	buf_puts(c->b, "\" name=\"");
	html_attr(c->b, name);
	buf_puts(c->b, "\"");
	if (hint || bad) {
		buf_puts(c->b, " aria-describedby=\"");
		if (hint) {
			buf_puts(c->b, "h-");
			html_attr(c->b, name);
		}
		if (bad) {
			buf_puts(c->b, hint ? " e-" : "e-");
			html_attr(c->b, name);
		}
		buf_puts(c->b, "\"");
	}
	if (bad)
		buf_puts(c->b, " aria-invalid=\"true\"");
	if (flags & FIELD_REQUIRED)
		buf_puts(c->b, " required");
}

void render_input(struct ctx *c, const char *name, const char *label,
		  const char *hint, const char *value,
		  const struct form_errors *e, unsigned flags,
		  const char *autocomplete)
{
	const char *type = flags & FIELD_EMAIL ? "email"
			   : flags & FIELD_URL ? "url"
			   : flags & FIELD_NUMBER ? "number"
			   : flags & FIELD_PASSWORD ? "password"
			   : flags & FIELD_DATE ? "date" : "text";

	field_open(c, name, label, hint, e, flags);
	buf_puts(c->b, "<input type=\"");
	buf_puts(c->b, type);
	buf_puts(c->b, "\"");
	control_attrs(c, name, hint, e, flags);
	if (flags & FIELD_NUMBER)
		buf_puts(c->b, " min=\"0\"");
	if (autocomplete) {
		buf_puts(c->b, " autocomplete=\"");
		html_attr(c->b, autocomplete);
		buf_puts(c->b, "\"");
	}
	if (value && *value && !(flags & FIELD_PASSWORD)) {
		buf_puts(c->b, " value=\"");
		html_attr(c->b, value);
		buf_puts(c->b, "\"");
	}
	buf_puts(c->b, "></div>\n");
}

void render_textarea(struct ctx *c, const char *name, const char *label,
		     const char *hint, const char *value,
		     const struct form_errors *e, unsigned flags, int rows)
{
	field_open(c, name, label, hint, e, flags);
	buf_printf(c->b, "<textarea rows=\"%d\"", rows);
	control_attrs(c, name, hint, e, flags);
	buf_puts(c->b, ">");
	/* A newline right after the tag would be eaten by the parser. */
	if (value && value[0] == '\n')
		buf_putc(c->b, '\n');
	html_text(c->b, value);
	buf_puts(c->b, "</textarea></div>\n");
}

void render_select(struct ctx *c, const char *name, const char *label,
		   const char *const *codes, const char *const *labels, int n,
		   const char *value, const struct form_errors *e,
		   unsigned flags)
{
	field_open(c, name, label, NULL, e, flags);
	buf_puts(c->b, "<select");
	control_attrs(c, name, NULL, e, flags);
	buf_puts(c->b, ">");
	/* an empty first option: a required select then really needs a
	 * choice, and the validator's rule for required selects holds */
	html_option(c->b, "", T(c, "form.choose"), 0);
	for (int i = 0; i < n; i++)
		html_option(c->b, codes[i], labels[i],
			    value && !strcmp(value, codes[i]));
	buf_puts(c->b, "</select></div>\n");
}
