/* submit.h - the public submission form, shared by the page that shows
 * it (submit_form.c) and the handler that takes it (submit.c). */
#ifndef WEB_SUBMIT_H
#define WEB_SUBMIT_H

#include "http/form.h"
#include "web/forms.h"

/* Languages a submission may be written in, for the form's select. */
extern const char *const submit_langs[];
enum { SUBMIT_LANGS = 4, SUBMIT_LINKS = 3 };

/* Renders the whole page with the form; values from f (NULL: empty),
 * problems from e (NULL: none), and notice above it when not NULL. */
int submit_render(struct ctx *c, const struct form *f,
		  const struct form_errors *e, const char *notice);

#endif
