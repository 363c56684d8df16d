/* import_html.c - a saved web page's content through gumbo: the main
 * part of the page (main, article, #content, else the block with the most
 * paragraph text), as blocks of text, without menus, pickers, counters,
 * comments, footers, forms and scripts. */
#include "domain/import_doc.h"

#include <gumbo.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"

enum { DEPTH_MAX = 256 }; /* deeper markup is not content */

/* Words in an id or class that mark a site's chrome. */
static const char *const chrome_words[] = {
	"nav", "menu", "breadcrumb", "sidebar", "footer", "stopka",
	"comment", "koment", "share", "social", "cookie", "skin", "skork",
	"uklad", "counter", "licznik", "odwiedz", "visitor",
	"widget", "banner", "search", "szukaj", "login", "advert", "reklam",
	"partner", "sponsor", "loading", "ladowan", "source", "zrodlo",
	"toolbar", "pagination", "skip", "switcher", "picker", NULL,
};

static const char *attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a;

	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* A class or id token names chrome when it starts with one of the words
 * or has one after a '-' or '_': "navbar", "main-menu", "footer_links";
 * not "content" or "maintenance". */
static bool token_is_chrome(const char *t, size_t n)
{
	for (int i = 0; chrome_words[i]; i++) {
		size_t k = strlen(chrome_words[i]);
		for (size_t j = 0; j + k <= n; j++)
			if ((j == 0 || t[j - 1] == '-' || t[j - 1] == '_') &&
			    !strncasecmp(t + j, chrome_words[i], k))
				return true;
	}
	return false;
}

static bool has_chrome_word(const char *v)
{
	while (v && *v) {
		size_t n;
		v += strspn(v, " \t\n");
		n = strcspn(v, " \t\n");
		if (n && token_is_chrome(v, n))
			return true;
		v += n;
	}
	return false;
}

static bool is_skipped_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_FORM: case GUMBO_TAG_ASIDE: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_SVG: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_MAP:
	case GUMBO_TAG_HEAD: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_MATH: case GUMBO_TAG_LABEL:
		return true;
	default:
		return false;
	}
}

/* Text and link-text lengths under n, and how many links point at
 * documents, for telling a menu from a list of downloads. */
struct density {
	size_t text, linked, links, docs;
};

static bool is_document_url(const char *href)
{
	static const char *const exts[] = {".pdf", ".doc", ".docx", ".odt",
		".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".zip", NULL};
	size_t n = href ? strcspn(href, "?#") : 0;

	for (int i = 0; exts[i]; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && !strncasecmp(href + n - k, exts[i], k))
			return true;
	}
	return false;
}

static void measure(const GumboNode *n, bool in_link, int depth,
		    struct density *d)
{
	if (depth > DEPTH_MAX)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
		size_t k = strlen(n->v.text.text);
		d->text += k;
		if (in_link)
			d->linked += k;
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT)
		return;
	if (n->v.element.tag == GUMBO_TAG_A && attr(n, "href")) {
		d->links++;
		d->docs += is_document_url(attr(n, "href"));
		in_link = true;
	}
	for (unsigned i = 0; i < n->v.element.children.length; i++)
		measure(n->v.element.children.data[i], in_link, depth + 1, d);
}

/* Menus and link farms: three or more links, mostly link text, and not
 * a list of documents to download. */
static bool is_link_farm(const GumboNode *n)
{
	struct density d = {0};

	switch (n->v.element.tag) {
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_P: case GUMBO_TAG_SECTION:
		break;
	default:
		return false;
	}
	measure(n, false, 0, &d);
	if (d.docs * 2 >= d.links)
		return false;
	/* "Napisz do nas · Drukuj": a short line of nothing but links */
	if (d.links && d.text < 80 && d.linked * 10 >= d.text * 8)
		return true;
	return d.links >= 3 && d.linked * 10 >= d.text * 7;
}

static bool is_chrome(const GumboNode *n)
{
	const char *role = attr(n, "role");

	if (n->type != GUMBO_NODE_ELEMENT)
		return n->type == GUMBO_NODE_COMMENT;
	if (is_skipped_tag(n->v.element.tag))
		return true;
	if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "banner") ||
		     !strcasecmp(role, "contentinfo") || !strcasecmp(role, "complementary") ||
		     !strcasecmp(role, "search") || !strcasecmp(role, "menu") ||
		     !strcasecmp(role, "menubar")))
		return true;
	if (n->v.element.tag == GUMBO_TAG_HTML || n->v.element.tag == GUMBO_TAG_BODY)
		return false; /* a skin's class on body is not the page's chrome */
	if (attr(n, "hidden") || has_chrome_word(attr(n, "id")) ||
	    has_chrome_word(attr(n, "class")))
		return true;
	return is_link_farm(n);
}

/* The content's root: main, role=main, the longest article, #content
 * and its kin; else the element with the most text in its own
 * paragraphs. */
struct pick {
	const GumboNode *main, *article, *content, *densest;
	size_t article_text, densest_text;
};

static size_t own_paragraph_text(const GumboNode *n)
{
	size_t sum = 0;

	for (unsigned i = 0; i < n->v.element.children.length; i++) {
		const GumboNode *c = n->v.element.children.data[i];
		if (c->type == GUMBO_NODE_TEXT)
			sum += strlen(c->v.text.text);
		else if (c->type == GUMBO_NODE_ELEMENT &&
			 (c->v.element.tag == GUMBO_TAG_P ||
			  c->v.element.tag == GUMBO_TAG_OL ||
			  c->v.element.tag == GUMBO_TAG_UL) && !is_chrome(c)) {
			struct density d = {0};
			measure(c, false, 0, &d);
			sum += d.text - d.linked;
		}
	}
	return sum;
}

static void find_root(const GumboNode *n, int depth, struct pick *p)
{
	const char *id, *role;
	size_t own;

	if (n->type != GUMBO_NODE_ELEMENT || depth > DEPTH_MAX || is_chrome(n))
		return;
	id = attr(n, "id");
	role = attr(n, "role");
	if (!p->main && (n->v.element.tag == GUMBO_TAG_MAIN ||
			 (role && !strcasecmp(role, "main"))))
		p->main = n;
	if (n->v.element.tag == GUMBO_TAG_ARTICLE) {
		struct density d = {0};
		measure(n, false, 0, &d);
		if (!p->article || d.text > p->article_text) {
			p->article = n;
			p->article_text = d.text;
		}
	}
	if (!p->content && id &&
	    (!strcasecmp(id, "content") || !strcasecmp(id, "main-content") ||
	     !strcasecmp(id, "tresc") || !strcasecmp(id, "main") ||
	     !strcasecmp(id, "vsebina")))
		p->content = n;
	if ((own = own_paragraph_text(n)) > p->densest_text) {
		p->densest = n;
		p->densest_text = own;
	}
	for (unsigned i = 0; i < n->v.element.children.length; i++)
		find_root(n->v.element.children.data[i], depth + 1, p);
}

/* Walking the content into blocks: inline text gathers in line until a
 * block element starts or ends. */
struct walk {
	struct arena *a;
	struct import_doc *doc;
	struct buf line;
	enum import_block_kind kind;
	int level, number;
	bool space; /* a space is owed before the next word */
	int rc;
};

static void flush(struct walk *w)
{
	if (w->rc == 0 && w->line.len &&
	    import_doc_add(w->a, w->doc, w->kind, w->level, w->number,
			   w->line.data, w->line.len) < 0)
		w->rc = -1;
	buf_reset(&w->line);
	w->space = false;
}

static void add_text(struct walk *w, const char *s)
{
	for (; *s; s++) {
		/* control characters (from &#1; and the like) are spaces */
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == ' ') {
			w->space = true;
			continue;
		}
		if (w->space && w->line.len && w->line.data[w->line.len - 1] != '\n')
			buf_putc(&w->line, ' ');
		w->space = false;
		buf_putc(&w->line, *s);
	}
}

static bool is_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
	case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_DL:
	case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_HR:
		return true;
	default:
		return false;
	}
}

static void walk(struct walk *w, const GumboNode *n, int depth);

static void walk_children(struct walk *w, const GumboNode *n, int depth)
{
	int number = 0;

	for (unsigned i = 0; i < n->v.element.children.length; i++) {
		const GumboNode *c = n->v.element.children.data[i];
		if (n->v.element.tag == GUMBO_TAG_OL && c->type == GUMBO_NODE_ELEMENT &&
		    c->v.element.tag == GUMBO_TAG_LI)
			w->number = ++number;
		walk(w, c, depth + 1);
	}
}

static void add_anchor(struct walk *w, const char *href, size_t from)
{
	struct import_doc *d = w->doc;
	const char *text = w->line.len > from ? w->line.data + from : "";

	if (!(d->links = arena_grow(w->a, d->links, d->nlinks, &d->lcap,
				    sizeof *d->links)) ||
	    !(d->links[d->nlinks].href = arena_strdup(w->a, href)) ||
	    !(d->links[d->nlinks].text = arena_strdup(w->a, text))) {
		w->rc = -1;
		return;
	}
	d->nlinks++;
}

static void walk(struct walk *w, const GumboNode *n, int depth)
{
	GumboTag t;
	enum import_block_kind kind = w->kind;
	int level = w->level, number = w->number;

	if (w->rc < 0 || depth > DEPTH_MAX)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
	    n->type == GUMBO_NODE_WHITESPACE) {
		add_text(w, n->v.text.text);
		return;
	}
	if ((n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) ||
	    is_chrome(n))
		return;
	t = n->v.element.tag;
	if (t == GUMBO_TAG_BR) {
		buf_putc(&w->line, '\n');
		w->space = false;
		return;
	}
	if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) { /* cells: "Label:  value" */
		if (w->line.len)
			buf_puts(&w->line, "  ");
		w->space = false;
		walk_children(w, n, depth);
		return;
	}
	if (t == GUMBO_TAG_A && attr(n, "href")) {
		size_t from = w->line.len + (w->space && w->line.len ? 1 : 0);
		walk_children(w, n, depth);
		add_anchor(w, attr(n, "href"), from);
		return;
	}
	if (!is_block(t)) {
		walk_children(w, n, depth);
		return;
	}
	flush(w);
	if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) {
		w->kind = IMPORT_HEADING;
		w->level = 1 + (int)(t - GUMBO_TAG_H1);
		if (t == GUMBO_TAG_H1 && !w->doc->h1) {
			walk_children(w, n, depth);
			w->doc->h1 = arena_strndup(w->a, w->line.data, w->line.len);
			flush(w);
			w->kind = kind;
			w->level = level;
			return;
		}
	} else if (t == GUMBO_TAG_LI) {
		w->kind = IMPORT_ITEM;
		if (n->parent && n->parent->type == GUMBO_NODE_ELEMENT &&
		    n->parent->v.element.tag != GUMBO_TAG_OL)
			w->number = 0;
	} else if (t != GUMBO_TAG_OL) {
		w->kind = IMPORT_PARA;
		w->number = 0;
	}
	walk_children(w, n, depth);
	flush(w);
	w->kind = kind;
	w->level = level;
	w->number = number;
}

/* A copy with control characters as spaces: a stored text has none. */
static char *clean_dup(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s);

	for (char *p = out; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

/* <head>: the page's title, its site, base address and language. */
static void read_head(struct arena *a, const GumboNode *n, int depth,
		      struct import_doc *d, const char **canonical)
{
	const char *v;

	if (n->type != GUMBO_NODE_ELEMENT || depth > DEPTH_MAX)
		return;
	switch (n->v.element.tag) {
	case GUMBO_TAG_HTML:
		if ((v = attr(n, "lang")) && strlen(v) >= 2)
			d->lang = clean_dup(a, arena_strndup(a, v, 2));
		break;
	case GUMBO_TAG_TITLE:
		if (!d->title && n->v.element.children.length) {
			const GumboNode *c = n->v.element.children.data[0];
			if (c->type == GUMBO_NODE_TEXT)
				d->title = clean_dup(a, c->v.text.text);
		}
		return;
	case GUMBO_TAG_BASE:
		if (!d->base && (v = attr(n, "href")))
			d->base = clean_dup(a, v);
		return;
	case GUMBO_TAG_LINK:
		if ((v = attr(n, "rel")) && !strcasecmp(v, "canonical") &&
		    attr(n, "href"))
			*canonical = attr(n, "href");
		return;
	case GUMBO_TAG_META:
		v = attr(n, "property") ? attr(n, "property") : attr(n, "name");
		if (v && (!strcasecmp(v, "og:site_name") ||
			  (!d->site && !strcasecmp(v, "application-name"))) &&
		    attr(n, "content") && *attr(n, "content"))
			d->site = clean_dup(a, attr(n, "content"));
		return;
	case GUMBO_TAG_BODY:
		return;
	default:
		break;
	}
	for (unsigned i = 0; i < n->v.element.children.length; i++)
		read_head(a, n->v.element.children.data[i], depth + 1, d, canonical);
}

int import_html_parse(struct arena *a, const char *html, size_t len,
		      struct import_doc *out, struct error *err)
{
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *g;
	struct pick p = {0};
	struct walk w = {.a = a, .doc = out};
	const char *canonical = NULL;
	const GumboNode *root;

	memset(out, 0, sizeof *out);
	opts.max_errors = 100; /* the errors are not read; do not keep them */
	if (!(g = gumbo_parse_with_options(&opts, html, len)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	read_head(a, g->root, 0, out, &canonical);
	if (!out->base && canonical)
		out->base = clean_dup(a, canonical);
	find_root(g->root, 0, &p);
	root = p.main ? p.main : p.article ? p.article : p.content ? p.content
		: p.densest ? p.densest : g->root;
	buf_init(&w.line, 1024);
	walk(&w, root, 0);
	flush(&w);
	if (w.line.oom)
		w.rc = -1;
	buf_release(&w.line);
	gumbo_destroy_output(&opts, g);
	if (w.rc < 0)
		return error_set(err, ERR_INTERNAL, "out of memory");
	return 0;
}
