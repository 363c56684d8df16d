/* admin_vocab.c - admins keep the category vocabularies: every category
 * with its slug, and a form that adds a category or, for a slug that
 * exists, changes its labels and place. Categories nest one level deep
 * (a parent is a top-level category of the same vocabulary), so no
 * change can make a loop. */
#include <string.h>

#include "domain/taxonomy.h"
#include "text/html.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/practice_form.h"
#include "web/render.h"
#include "web/session.h"

/* The label languages a category is given here. */
static const char *const label_langs[] = {"pl", "en", "sl", "ar"};
enum { LABEL_LANGS = 4, LABEL_MAX = 200 };

static void render_tree(struct ctx *c, const struct vocabulary *vs, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		buf_puts(c->b, "<h2>");
		html_text(c->b, vs[i].label);
		buf_puts(c->b, " <code>");
		html_text(c->b, vs[i].slug);
		buf_puts(c->b, "</code></h2>\n<ul class=\"vocabulary-admin\">");
		for (size_t k = 0; k < vs[i].ncategories; k++) {
			const struct category *cat = &vs[i].categories[k];
			buf_puts(c->b, cat->depth ? "<li class=\"sub\">" : "<li>");
			html_text(c->b, cat->label);
			buf_puts(c->b, " <code>");
			html_text(c->b, cat->slug);
			buf_printf(c->b, "</code> (%lld)</li>", (long long)cat->count);
		}
		buf_puts(c->b, "</ul>\n");
	}
}

static void render_put_form(struct ctx *c, const struct vocabulary *vs,
			    size_t nv, const struct form *f,
			    const struct form_errors *e)
{
	const char **vcodes = arena_calloc(c->a, nv + 1, sizeof *vcodes);
	const char **vlabels = arena_calloc(c->a, nv + 1, sizeof *vlabels);
	const char **pcodes, **plabels;
	size_t ncat = 0, ntop = 0;

	for (size_t i = 0; i < nv; i++)
		ncat += vs[i].ncategories;
	pcodes = arena_calloc(c->a, ncat + 1, sizeof *pcodes);
	plabels = arena_calloc(c->a, ncat + 1, sizeof *plabels);
	if (!vcodes || !vlabels || !pcodes || !plabels)
		return;
	/* parents: the top-level categories, named with their vocabulary */
	for (size_t i = 0; i < nv; i++) {
		vcodes[i] = vs[i].slug;
		vlabels[i] = vs[i].label;
		for (size_t k = 0; k < vs[i].ncategories; k++) {
			if (vs[i].categories[k].depth)
				continue;
			pcodes[ntop] = vs[i].categories[k].slug;
			plabels[ntop++] = arena_printf(c->a, "%s: %s", vs[i].label,
						       vs[i].categories[k].label);
		}
	}
	buf_puts(c->b, "<h2>");
	html_text(c->b, T(c, "vocab.put"));
	buf_puts(c->b, "</h2>\n<p class=\"hint\">");
	html_text(c->b, T(c, "vocab.put.hint"));
	buf_puts(c->b, "</p>\n");
	render_form_errors(c, e);
	buf_puts(c->b, "<form method=\"post\" class=\"submit-form\" action=\"");
	html_attr(c->b, ctx_url(c, "/admin/vocabularies"));
	buf_puts(c->b, "\">\n");
	web_csrf_field(c);
	render_select(c, "vocabulary", T(c, "vocab.vocabulary"), vcodes, vlabels,
		      (int)nv, f ? form_value(f, "vocabulary") : NULL, e, FIELD_REQUIRED);
	render_select(c, "parent", T(c, "vocab.parent"), pcodes, plabels, (int)ntop,
		      f ? form_value(f, "parent") : NULL, e, 0);
	render_input(c, "slug", T(c, "vocab.slug"), T(c, "vocab.slug.hint"),
		     f ? form_value(f, "slug") : NULL, e, FIELD_REQUIRED, "off");
	for (int i = 0; i < LABEL_LANGS; i++) {
		const char *name = arena_printf(c->a, "label_%s", label_langs[i]);
		render_input(c, name, arena_printf(c->a, "%s (%s)", T(c, "vocab.label"),
						   label_language(c, label_langs[i])),
			     NULL, f ? form_value(f, name) : NULL, e,
			     i < 2 ? FIELD_REQUIRED : 0, "off");
	}
	buf_puts(c->b, "<p><button type=\"submit\">");
	html_text(c->b, T(c, "vocab.save"));
	buf_puts(c->b, "</button></p></form>\n");
}

static int render_vocab(struct ctx *c, const struct form *f,
			const struct form_errors *e)
{
	struct vocabulary *vs;
	struct error err = ERROR_INIT;
	size_t nv;

	if (store_vocabulary_list(c->st, c->a, c->lang, &vs, &nv, &err) < 0)
		return web_fail_store(c, &err);
	page_begin(c, T(c, "vocab.title"), &(struct layout_opts){.nav = "vocabularies"});
	buf_puts(c->b, "<h1>");
	html_text(c->b, T(c, "vocab.title"));
	buf_puts(c->b, "</h1>\n");
	render_put_form(c, vs, nv, f, e);
	render_tree(c, vs, nv);
	page_end(c);
	return 0;
}

int page_vocabularies(struct request *rq, struct response *rs)
{
	struct ctx c;
	int rc;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	rc = render_vocab(&c, NULL, NULL);
	ctx_close(&c);
	return rc;
}

/* The vocabulary's id and the parent's (0: top level), checked. */
static void read_place(struct ctx *c, const struct form *f,
		       struct form_errors *e, int64_t *voc, int64_t *parent)
{
	const char *vslug = form_value(f, "vocabulary");
	const char *pslug = form_value(f, "parent");
	struct vocabulary *vs;
	struct error err = ERROR_INIT;
	size_t nv;

	*voc = *parent = 0;
	if (store_vocabulary_list(c->st, c->a, c->lang, &vs, &nv, &err) < 0)
		return;
	for (size_t i = 0; vslug && i < nv; i++) {
		if (strcmp(vs[i].slug, vslug))
			continue;
		*voc = vs[i].id;
		for (size_t k = 0; pslug && *pslug && k < vs[i].ncategories; k++)
			if (!vs[i].categories[k].depth &&
			    !strcmp(vs[i].categories[k].slug, pslug))
				*parent = vs[i].categories[k].id;
	}
	if (!*voc)
		form_error(e, "vocabulary", T(c, "form.invalid"));
	else if (pslug && *pslug && !*parent)
		form_error(e, "parent", T(c, "vocab.parent.invalid"));
}

int page_vocabularies_post(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct form f;
	struct form_errors e = {0};
	struct error err = ERROR_INIT;
	const char *labels[2 * LABEL_LANGS + 1] = {0}, *slug;
	int64_t voc, parent, id;
	int n = 0, rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	if (web_posted_form(&c, &f, &rc) < 0)
		goto out;
	read_place(&c, &f, &e, &voc, &parent);
	slug = form_text(&c, &f, &e, "slug", 64, true);
	if (slug && !taxonomy_slug_valid(slug))
		form_error(&e, "slug", T(&c, "vocab.slug.hint"));
	if (slug && parent && parent == store_category_id(c.st, slug))
		form_error(&e, "parent", T(&c, "vocab.parent.invalid"));
	for (int i = 0; i < LABEL_LANGS; i++) {
		const char *name = arena_printf(c.a, "label_%s", label_langs[i]);
		const char *label = form_text(&c, &f, &e, name, LABEL_MAX, i < 2);
		if (label) {
			labels[n++] = label_langs[i];
			labels[n++] = label;
		}
	}
	if (e.n) {
		rc = render_vocab(&c, &f, &e);
		rs->status = 422;
		goto out;
	}
	if (ctx_write_begin(&c, &err) < 0 ||
	    store_category_put(c.st, voc, parent, slug, -1, labels, &id, &err) < 0 ||
	    web_audit(&c, AUDIT_VOCABULARY, "category", id, slug, &err) < 0 ||
	    store_commit(c.st, &err) < 0) {
		rc = web_fail_store(&c, &err);
		goto out;
	}
	rc = web_redirect(&c, "/admin/vocabularies");
out:
	ctx_close(&c);
	return rc;
}
