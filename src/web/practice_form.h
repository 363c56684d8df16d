/* practice_form.h - the part of a form that holds a practice's content
 * (title, summary, presentation, keywords, period, categories, who
 * initiated it and which office implemented it): shared by the public
 * submission form and the editing form of editors and contributors. */
#ifndef WEB_PRACTICE_FORM_H
#define WEB_PRACTICE_FORM_H

#include "web/forms.h"

/* A practice's content read from a form, with the arrays it points to. */
struct practice_form {
	struct practice_input in;
	int64_t categories[PRACTICE_CATEGORIES_MAX];
	const char *keywords[PRACTICE_KEYWORDS_MAX];
};

/* The checked value of a text field (NULL when empty or bad: then an
 * error is recorded at the field). */
const char *form_text(struct ctx *c, const struct form *f,
		      struct form_errors *e, const char *name, size_t max,
		      bool required);
/* The index of a coded field's value in codes, or -1 (with an error). */
int form_code(struct ctx *c, const struct form *f, struct form_errors *e,
	      const char *name, const char *const *codes, int n);

/* Reads the content fields into pf->in (lang, status, organisation and
 * the rest are the caller's). */
void practice_form_read(struct ctx *c, const struct form *f,
			struct form_errors *e, struct practice_form *pf);
/* Renders them; values from f (NULL: empty). lang_select: also the
 * language of the text (new practices only). */
void practice_form_render(struct ctx *c, const struct form *f,
			  const struct form_errors *e, bool lang_select);
/* The initiator and implementing office controls. */
void practice_form_render_origin(struct ctx *c, const struct form *f,
				 const struct form_errors *e);
/* A form holding p's current content, to fill the editing form. */
int practice_form_from(struct ctx *c, const struct practice *p,
		       struct form *out);

#endif
