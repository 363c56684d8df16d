/* practice_form.c - a practice's content in forms: read and rendered. */
#include "web/practice_form.h"

#include <string.h>

#include "core/utf8.h"
#include "domain/check.h"
#include "text/html.h"
#include "web/render.h"
#include "web/submit.h"

enum { KEYWORD_MAX = 100, KEYWORDS_FIELD_MAX = 1000, PERIOD_MAX = 7 };

const char *form_text(struct ctx *c, const struct form *f,
		      struct form_errors *e, const char *name, size_t max,
		      bool required)
{
	const char *s = form_value(f, name);
	struct error err = ERROR_INIT;

	if (s && !*s)
		s = NULL;
	if (check_text(name, s, max, required, &err) < 0) {
		form_error(e, name, !s ? T(c, "form.missing")
					: arena_printf(c->a, "%s %zu",
						       T(c, "form.too_long"), max));
		return NULL;
	}
	return s;
}

int form_code(struct ctx *c, const struct form *f, struct form_errors *e,
	      const char *name, const char *const *codes, int n)
{
	const char *s = form_value(f, name);
	int i = s && *s ? code_parse(codes, n, s) : -1;

	if (i < 0)
		form_error(e, name, T(c, s && *s ? "form.invalid" : "form.missing"));
	return i;
}

/* "a, b,,c" into pf->keywords: trimmed, empty pieces dropped. */
static void read_keywords(struct ctx *c, const struct form *f,
			  struct form_errors *e, struct practice_form *pf)
{
	const char *all = form_text(c, f, e, "keywords", KEYWORDS_FIELD_MAX, false);
	char *copy = all ? arena_strdup(c->a, all) : NULL, *save = NULL;

	for (char *w = copy ? strtok_r(copy, ",", &save) : NULL;
	     w && pf->in.nkeywords < PRACTICE_KEYWORDS_MAX;
	     w = strtok_r(NULL, ",", &save)) {
		char *end = w + strlen(w);
		while (*w == ' ' || *w == '\t')
			w++;
		while (end > w && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*w && utf8_length(w) <= KEYWORD_MAX)
			pf->keywords[pf->in.nkeywords++] = w;
	}
	pf->in.keywords = pf->keywords;
}

static void read_categories(struct ctx *c, const struct form *f,
			    struct form_errors *e, struct practice_form *pf)
{
	for (size_t i = 0; i < f->n; i++) {
		int64_t id;
		if (strcmp(f->fields[i].name, "category"))
			continue;
		id = store_category_id(c->st, f->fields[i].value);
		if (!id || pf->in.ncategories == PRACTICE_CATEGORIES_MAX) {
			form_error(e, "category", T(c, "form.invalid"));
			continue;
		}
		pf->categories[pf->in.ncategories++] = id;
	}
	if (!pf->in.ncategories)
		form_error(e, "category", T(c, "submit.categories.missing"));
	pf->in.category_ids = pf->categories;
}

void practice_form_read(struct ctx *c, const struct form *f,
			struct form_errors *e, struct practice_form *pf)
{
	struct practice_input *in = &pf->in;
	struct error err = ERROR_INIT;

	in->title = form_text(c, f, e, "title", PRACTICE_TITLE_MAX, true);
	in->summary = form_text(c, f, e, "summary", PRACTICE_SUMMARY_MAX, true);
	in->body = form_text(c, f, e, "body", PRACTICE_BODY_MAX, true);
	in->period_start = form_text(c, f, e, "period_start", PERIOD_MAX, false);
	in->period_end = form_text(c, f, e, "period_end", PERIOD_MAX, false);
	if (check_date("period_start", in->period_start, &err) < 0)
		form_error(e, "period_start", T(c, "submit.period.hint"));
	if (check_date("period_end", in->period_end, &err) < 0)
		form_error(e, "period_end", T(c, "submit.period.hint"));
	in->initiator = (enum initiator_type)form_code(
		c, f, e, "initiator", initiator_type_codes, INITIATOR__MAX);
	in->implementing_office = form_text(c, f, e, "implementing_office",
					    PRACTICE_SHORT_MAX, false);
	read_keywords(c, f, e, pf);
	read_categories(c, f, e, pf);
}

static const char *v(const struct form *f, const char *name)
{
	return f ? form_value(f, name) : NULL;
}

static bool category_chosen(const struct form *f, const char *slug)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (!strcmp(f->fields[i].name, "category") &&
		    !strcmp(f->fields[i].value, slug))
			return true;
	return false;
}

static void render_category_choice(struct ctx *c, const struct category *cat,
				   bool chosen)
{
	const char *id = arena_printf(c->a, "cat-%s", cat->slug);

	buf_puts(c->b, cat->depth ? "<li class=\"sub\">" : "<li>");
	buf_puts(c->b, "<input type=\"checkbox\" name=\"category\" id=\"");
	html_attr(c->b, id);
	buf_puts(c->b, "\" value=\"");
	html_attr(c->b, cat->slug);
	buf_puts(c->b, chosen ? "\" checked>" : "\">");
	buf_puts(c->b, "<label for=\"");
	html_attr(c->b, id);
	buf_puts(c->b, "\">");
	html_text(c->b, cat->label);
	buf_puts(c->b, "</label></li>");
}

static void render_categories(struct ctx *c, const struct form *f,
			      const struct form_errors *e)
{
	struct vocabulary *vs;
	struct error err = ERROR_INIT;
	const char *msg = form_error_of(e, "category");
	size_t nv;

	if (store_vocabulary_list(c->st, c->a, c->lang, &vs, &nv, &err) < 0)
		return;
	buf_puts(c->b, "<fieldset id=\"f-category\" class=\"categories-choice\"");
	if (msg)
		buf_puts(c->b, " aria-describedby=\"e-category\"");
	buf_puts(c->b, "><legend>");
	html_text(c->b, T(c, "submit.categories"));
	buf_puts(c->b, " <span class=\"required\">(");
	html_text(c->b, T(c, "form.required"));
	buf_puts(c->b, ")</span></legend>\n");
	if (msg) {
		buf_puts(c->b, "<p class=\"field-error\" id=\"e-category\">");
		html_text(c->b, msg);
		buf_puts(c->b, "</p>\n");
	}
	for (size_t i = 0; i < nv; i++) {
		buf_puts(c->b, "<h3>");
		html_text(c->b, vs[i].label);
		buf_puts(c->b, "</h3>\n<ul class=\"checkboxes\">");
		for (size_t k = 0; k < vs[i].ncategories; k++)
			render_category_choice(c, &vs[i].categories[k],
					       category_chosen(f, vs[i].categories[k].slug));
		buf_puts(c->b, "</ul>\n");
	}
	buf_puts(c->b, "</fieldset>\n");
}

void practice_form_render(struct ctx *c, const struct form *f,
			  const struct form_errors *e, bool lang_select)
{
	render_fieldset_open(c, "submit.part.practice");
	render_input(c, "title", T(c, "submit.title"), NULL, v(f, "title"), e,
		     FIELD_REQUIRED, "off");
	render_textarea(c, "summary", T(c, "submit.summary"),
			T(c, "submit.summary.hint"), v(f, "summary"), e,
			FIELD_REQUIRED, 4);
	render_textarea(c, "body", T(c, "submit.body"), T(c, "submit.body.hint"),
			v(f, "body"), e, FIELD_REQUIRED, 14);
	if (lang_select) {
		const char *langs[SUBMIT_LANGS];
		for (int i = 0; i < SUBMIT_LANGS; i++)
			langs[i] = label_language(c, submit_langs[i]);
		render_select(c, "lang", T(c, "submit.lang"), submit_langs, langs,
			      SUBMIT_LANGS, v(f, "lang") ? v(f, "lang") : c->lang,
			      e, FIELD_REQUIRED);
	}
	render_input(c, "keywords", T(c, "submit.keywords"),
		     T(c, "submit.keywords.hint"), v(f, "keywords"), e, 0, "off");
	render_input(c, "period_start", T(c, "submit.period_start"),
		     T(c, "submit.period.hint"), v(f, "period_start"), e, 0, "off");
	render_input(c, "period_end", T(c, "submit.period_end"), NULL,
		     v(f, "period_end"), e, 0, "off");
	buf_puts(c->b, "</fieldset>\n");
	render_categories(c, f, e);
}

void practice_form_render_origin(struct ctx *c, const struct form *f,
				 const struct form_errors *e)
{
	const char *initiators[INITIATOR__MAX];

	for (int i = 0; i < INITIATOR__MAX; i++)
		initiators[i] = label_initiator(c, (enum initiator_type)i);
	render_select(c, "initiator", T(c, "submit.initiator"),
		      initiator_type_codes, initiators, INITIATOR__MAX,
		      v(f, "initiator"), e, FIELD_REQUIRED);
	render_input(c, "implementing_office", T(c, "submit.office"), NULL,
		     v(f, "implementing_office"), e, 0, "off");
}

int practice_form_from(struct ctx *c, const struct practice *p,
		       struct form *out)
{
	size_t n = 0, max = 9 + p->ncategories;
	struct form_field *fs = arena_calloc(c->a, max, sizeof *fs);
	struct buf kw;

	if (!fs)
		return -1;
	buf_init(&kw, 128);
	for (size_t i = 0; i < p->nkeywords; i++) {
		buf_puts(&kw, i ? ", " : "");
		buf_puts(&kw, p->keywords[i]);
	}
#define FIELD(n_, v_) fs[n++] = (struct form_field){.name = (n_), .value = (v_) ? (v_) : ""}
	FIELD("title", p->title);
	FIELD("summary", p->summary);
	FIELD("body", p->body);
	FIELD("keywords", arena_strdup(c->a, kw.data));
	FIELD("period_start", p->period_start);
	FIELD("period_end", p->period_end);
	FIELD("initiator", initiator_type_codes[p->initiator]);
	FIELD("implementing_office", p->implementing_office);
	for (size_t i = 0; i < p->ncategories; i++)
		FIELD("category", p->categories[i].slug);
#undef FIELD
	buf_release(&kw);
	out->fields = fs;
	out->n = n;
	return 0;
}
