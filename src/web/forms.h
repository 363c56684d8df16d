/* forms.h - reading posted forms and writing form controls. Controls
 * carry their label, their value as entered, and their error message
 * tied to them (aria-describedby, aria-invalid), so a form that comes
 * back with errors keeps everything and says what is wrong where. */
#ifndef WEB_FORMS_H
#define WEB_FORMS_H

#include <stdbool.h>

#include "http/form.h"
#include "web/web.h"

/* Problems found in a posted form, by field name. */
struct form_errors {
	struct {
		const char *field, *message;
	} items[64];
	int n;
};

void form_error(struct form_errors *e, const char *field, const char *message);
const char *form_error_of(const struct form_errors *e, const char *field);

/* Parses the request body; on a malformed one it has replied 400. */
int web_form_or_reply(struct ctx *c, struct form *f, bool *replied);
/* 303 See Other to a local path (the language prefix is added). */
int web_redirect(struct ctx *c, const char *path);

/* <fieldset><legend> with the message of legend_key. */
void render_fieldset_open(struct ctx *c, const char *legend_key);
/* The list of problems at the top of a form, each linking its field. */
void render_form_errors(struct ctx *c, const struct form_errors *e);

enum field_flags {
	FIELD_REQUIRED = 1,
	FIELD_EMAIL = 2,
	FIELD_URL = 4,
	FIELD_NUMBER = 8,
	FIELD_PASSWORD = 16,
	FIELD_DATE = 32,
};
/* <div class="field"> with label, optional hint, error and an <input>. */
void render_input(struct ctx *c, const char *name, const char *label,
		  const char *hint, const char *value,
		  const struct form_errors *e, unsigned flags,
		  const char *autocomplete);
void render_textarea(struct ctx *c, const char *name, const char *label,
		     const char *hint, const char *value,
		     const struct form_errors *e, unsigned flags, int rows);
/* A <select> of codes with their labels; "" first when not required. */
void render_select(struct ctx *c, const char *name, const char *label,
		   const char *const *codes, const char *const *labels, int n,
		   const char *value, const struct form_errors *e,
		   unsigned flags);

#endif
