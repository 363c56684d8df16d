/* import_page.c - a page or text reduced to blocks (import_doc.h) made
 * into one practice record: a page of the Polish good-practice database
 * when it has a "Metryka praktyki" block, else an article draft. */
#include "domain/import_page.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "domain/check.h"
#include "store/store.h"
#include "text/fold.h"
#include "text/fuzzy.h"
#include "text/langdetect.h"
#include "text/legal_act.h"

struct build {
	struct store *st;
	struct arena *a;
	struct import_doc *doc;
	struct import_record *r;
	const char *title, *site;
	size_t metryka;       /* block of the key facts; nblocks: none */
	size_t metryka_line;  /* its heading's line in that block */
	int64_t cats[PRACTICE_CATEGORIES_MAX];
	size_t ncats;
	struct import_body body;
};

const char *import_placeholder_name(const char *lang)
{
	if (lang && !strcmp(lang, "en"))
		return "Unknown unit (import)";
	if (lang && !strcmp(lang, "sl"))
		return "Neznana enota (uvoz)";
	return "Nieznana jednostka (import)";
}

/* A string cut to at most max bytes at a character boundary. */
char *import_cut(struct arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return arena_strdup(a, s);
	while (n > max || (n && ((unsigned char)s[n] & 0xC0) == 0x80))
		n--;
	return arena_strndup(a, s, n);
}

/* "Title | Site", "Title :: Site", "Title - Site", "Title – Site": the
 * site's name follows the page's own heading (h1) when the title starts
 * with it; else it is after the last of the strongest separator found. */
static const char *clean_title(struct arena *a, const char *t, const char *h1,
			       const char **site)
{
	static const char *const seps[] = {" | ", " :: ", " \xc2\xbb ",
		" \xc2\xab ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " - ", NULL};
	const char *best = NULL;
	size_t bestlen = 0, n;

	*site = NULL;
	if (!t)
		return NULL;
	if (h1 && (n = strlen(h1)) && !strncmp(t, h1, n)) {
		for (int i = 0; seps[i]; i++)
			if (!strncmp(t + n, seps[i], strlen(seps[i])) &&
			    t[n + strlen(seps[i])]) {
				*site = arena_strdup(a, t + n + strlen(seps[i]));
				break;
			}
		return h1;
	}
	for (int i = 0; seps[i] && !best; i++) {
		const char *p = t, *q;
		while ((q = strstr(p, seps[i]))) {
			best = q;
			bestlen = strlen(seps[i]);
			p = q + 1;
		}
	}
	if (!best || best == t || !best[bestlen])
		return t;
	*site = arena_strdup(a, best + bestlen);
	return arena_strndup(a, t, (size_t)(best - t));
}

/* The length of a site's name before a separator and a tagline. */
static size_t site_name_len(const char *site)
{
	static const char *const seps[] = {" | ", " :: ", " - ",
		" \xe2\x80\x93 ", " \xe2\x80\x94 ", NULL};
	size_t n = strlen(site);

	for (int i = 0; seps[i]; i++) {
		const char *q = strstr(site, seps[i]);
		if (q && q > site && (size_t)(q - site) < n)
			n = (size_t)(q - site);
	}
	return n;
}

/* Collapses runs of blanks and newlines into single spaces. */
char *import_one_line(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	bool space = false;

	if (!out)
		return NULL;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			space = o > out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static bool same_text(const char *a, const char *b)
{
	char ka[FOLD_MAX], kb[FOLD_MAX];

	return a && b && fuzzy_key(a, strlen(a), ka, sizeof ka) &&
	       fuzzy_key(b, strlen(b), kb, sizeof kb) && !strcmp(ka, kb);
}

/* Finds the "Metryka praktyki" heading: a line of its own. */
static void find_metryka(struct build *b)
{
	b->metryka = b->doc->nblocks;
	for (size_t i = 0; i < b->doc->nblocks; i++) {
		const char *t = b->doc->blocks[i].text;
		for (size_t line = 0; *t; line++) {
			size_t n = strcspn(t, "\n");
			char s[64];
			if (n < sizeof s) {
				memcpy(s, t, n);
				s[n] = '\0';
				if (fuzzy_label_match(s, "Metryka praktyki")) {
					b->metryka = i;
					b->metryka_line = line;
					return;
				}
			}
			t += n + (t[n] == '\n');
		}
	}
}

/* "12.03.2020", "5 marca 2020 r.": a line that is a date and no more. */
static bool is_date_line(const char *s)
{
	char day[11];
	size_t n = strlen(s), k = legal_date_parse(s, n, day);

	if (!k)
		return false;
	s += k;
	s += strspn(s, " ");
	return !*s || !strcmp(s, "r.") || !strcmp(s, "roku");
}

static int build_body(struct build *b, const struct category_label *labels,
		      size_t nlabels)
{
	struct import_doc *d = b->doc;
	bool title_seen = false;

	for (size_t i = 0; i < d->nblocks && i <= b->metryka; i++) {
		struct import_block *bl = &d->blocks[i];
		size_t skip = 0;
		char *text = bl->text;

		if (i == b->metryka) {
			if (!b->metryka_line)
				break;
			/* the block goes up to the heading only */
			const char *t = text;
			for (size_t k = 0; k < b->metryka_line; k++)
				t += strcspn(t, "\n") + 1;
			text = arena_strndup(b->a, text, (size_t)(t - text - 1));
			if (!text)
				return -1;
		}
		if (!title_seen) { /* the title once, as a block or first line */
			size_t n = strcspn(text, "\n");
			char *first = arena_strndup(b->a, text, n);
			if (first && same_text(first, b->title)) {
				title_seen = true;
				if (!text[n])
					continue;
				skip = 1;
			}
		}
		if (i < 8 && b->ncats < PRACTICE_CATEGORIES_MAX &&
		    strcspn(text, "\n") == strlen(text) &&
		    (strchr(text, ':') || strchr(text, '>') || strstr(text, "\xc2\xbb")) &&
		    strlen(text) < 300 && import_trail_read(text, labels, nlabels, b->cats, &b->ncats))
			continue;
		if (is_date_line(text))
			continue; /* an article's date line is not its text */
		if (bl->kind == IMPORT_HEADING)
			import_body_heading(&b->body, text);
		else if (bl->kind == IMPORT_ITEM)
			import_body_item(&b->body, bl->number,
					 import_one_line(b->a, text));
		else if (import_body_para(&b->body, b->a, text, skip) < 0)
			return -1;
	}
	return import_body_oom(&b->body) ? -1 : 0;
}

/* The organisation's name for a unit the key facts describe by type and
 * place: "Gmina Lwówek", "Miasto Poznań", "Powiat nowotomyski". */
static const char *unit_name(struct arena *a, const struct organisation *o,
			     const char *office)
{
	switch (o->unit_type) {
	case UNIT_URBAN_MUNICIPALITY: case UNIT_RURAL_MUNICIPALITY:
	case UNIT_URBAN_RURAL_MUNICIPALITY:
		if (o->town)
			return arena_printf(a, "Gmina %s", o->town);
		break;
	case UNIT_CITY_COUNTY:
		if (o->town)
			return arena_printf(a, "Miasto %s", o->town);
		break;
	case UNIT_COUNTY:
		if (o->county)
			return strncasecmp(o->county, "powiat ", 7)
				? arena_printf(a, "Powiat %s", o->county) : o->county;
		break;
	case UNIT_REGION:
		if (o->region)
			return arena_printf(a, "Województwo %s", o->region);
		break;
	default:
		break;
	}
	return office ? office : o->town ? o->town : import_placeholder_name("pl");
}

static enum initiator_type initiator_of(enum unit_type t)
{
	switch (t) {
	case UNIT_NGO: return INITIATOR_NGO;
	case UNIT_INFORMAL_GROUP: return INITIATOR_INFORMAL_GROUP;
	case UNIT_COMPANY: return INITIATOR_COMPANY;
	case UNIT_OTHER: return INITIATOR_OTHER;
	default: return INITIATOR_LOCAL_GOVERNMENT;
	}
}

/* The key facts' lines: from the line after the heading to the end. */
static int metryka_lines(struct build *b, char ***lines, size_t *n)
{
	size_t cap = 0;

	*lines = NULL;
	*n = 0;
	for (size_t i = b->metryka; i < b->doc->nblocks; i++) {
		const char *t = b->doc->blocks[i].text;
		for (size_t line = 0; *t; line++) {
			size_t len = strcspn(t, "\n");
			if (i > b->metryka || line > b->metryka_line) {
				if (!(*lines = arena_grow(b->a, *lines, *n, &cap,
							  sizeof **lines)) ||
				    !((*lines)[(*n)++] = arena_strndup(b->a, t, len)))
					return -1;
			}
			t += len + (t[len] == '\n');
		}
	}
	return 0;
}

/* What the content hash is taken of: the record as read, without the
 * page around it, so a page saved again with a new visitor count or
 * another skin is the same content. */
static char *content_of(struct arena *a, const struct import_record *r)
{
	const struct organisation *o = &r->org;
	const struct practice_input *in = &r->practice;
	struct buf c;
	char *out;

	buf_init(&c, 1024);
	buf_printf(&c, "%s\n%s\n%s\n", in->title, in->body ? in->body : "",
		   o->name);
	buf_printf(&c, "%s|%s|%s|%s|%s|%s|%s|%s|%lld|%s|%s\n",
		   unit_type_codes[o->unit_type], o->town ? o->town : "",
		   o->county ? o->county : "", o->region ? o->region : "",
		   o->postal_code ? o->postal_code : "",
		   o->post_office ? o->post_office : "",
		   o->street ? o->street : "", o->website ? o->website : "",
		   (long long)o->population,
		   in->implementing_office ? in->implementing_office : "",
		   in->date_entered ? in->date_entered : "");
	for (size_t i = 0; i < in->ncontacts; i++)
		buf_printf(&c, "%s|%s|%s|%s\n", in->contacts[i].name,
			   in->contacts[i].role ? in->contacts[i].role : "",
			   in->contacts[i].phone ? in->contacts[i].phone : "",
			   in->contacts[i].email ? in->contacts[i].email : "");
	out = c.oom ? NULL : arena_strdup(a, c.data);
	buf_release(&c);
	return out;
}

/* Checks a value the reader found against the record's limits: values
 * that would not be stored are dropped rather than fail the file. */
static const char *fits(const char *s, size_t max)
{
	return s && *s && utf8_length(s) <= max ? s : NULL;
}

static void tidy(struct import_record *r)
{
	struct organisation *o = &r->org;
	struct practice_input *in = &r->practice;
	struct contact *cs = (struct contact *)in->contacts;
	size_t n = 0;

	o->town = fits(o->town, PRACTICE_SHORT_MAX);
	o->county = fits(o->county, PRACTICE_SHORT_MAX);
	o->region = fits(o->region, PRACTICE_SHORT_MAX);
	o->postal_code = fits(o->postal_code, 20);
	o->post_office = fits(o->post_office, PRACTICE_SHORT_MAX);
	o->street = fits(o->street, PRACTICE_SHORT_MAX);
	if (check_url("website", o->website, NULL) < 0)
		o->website = NULL;
	in->implementing_office = fits(in->implementing_office, PRACTICE_SHORT_MAX);
	for (size_t i = 0; i < in->ncontacts; i++) {
		struct contact c = cs[i];
		c.name = fits(c.name, PRACTICE_SHORT_MAX);
		c.role = fits(c.role, PRACTICE_SHORT_MAX);
		c.phone = fits(c.phone, 60);
		if (check_email("email", c.email, NULL) < 0)
			c.email = NULL;
		if (c.name)
			cs[n++] = c;
	}
	in->ncontacts = n;
}

static int build(struct store *st, struct arena *a, const char *name,
		 struct import_doc *doc, bool html, struct import_file *out,
		 struct error *err)
{
	struct import_record *r = arena_calloc(a, 1, sizeof *r);
	struct build b = {.st = st, .a = a, .doc = doc, .r = r};
	struct category_label *labels = NULL;
	size_t nlabels = 0;
	char **lines;
	size_t nlines;
	const char *lang, *site = NULL;
	int facts = 0, rc = -1;

	if (!r)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (!doc->nblocks)
		return error_set(err, ERR_INVALID, "%s: no text found", name);
	if (st && store_category_labels(st, a, &labels, &nlabels, err) < 0)
		return -1;
	/* a page's <title> carries its site's name; a text's first line is
	 * its heading, dashes and all */
	b.title = html ? clean_title(a, doc->title,
				     doc->h1 ? import_one_line(a, doc->h1) : NULL, &site)
		       : doc->title;
	if (html && doc->h1) /* the heading, whatever the title says */
		b.title = import_one_line(a, doc->h1);
	if (site) /* "Gmina Kwilcz - oficjalny serwis": the name only */
		site = arena_strndup(a, site, site_name_len(site));
	if (!b.title || !*b.title)
		b.title = import_one_line(a, doc->blocks[0].text);
	b.title = import_cut(a, b.title, PRACTICE_TITLE_MAX);
	b.site = doc->site ? doc->site : site;
	import_body_init(&b.body);
	find_metryka(&b);
	if (build_body(&b, labels, nlabels) < 0)
		goto oom;
	r->org.population = -1;
	r->org.unit_type = UNIT_OTHER;
	r->practice.title = b.title;
	r->practice.body = arena_strdup(a, b.body.md.data);
	r->practice.summary = import_summary(a, b.body.paras.len ? b.body.paras.data
							: b.body.plain.data, b.title);
	r->practice.category_ids = b.ncats ? arena_calloc(a, b.ncats, sizeof(int64_t)) : NULL;
	if (!r->practice.body || !r->practice.summary ||
	    (b.ncats && !r->practice.category_ids))
		goto oom;
	if (b.ncats)
		memcpy((int64_t *)r->practice.category_ids, b.cats,
		       b.ncats * sizeof(int64_t));
	r->practice.ncategories = b.ncats;

	lang = langdetect_guess(b.body.plain.len ? b.body.plain.data : b.title,
				b.body.plain.len ? b.body.plain.len : strlen(b.title));
	if (!lang && doc->lang && lang_code_valid(doc->lang))
		lang = doc->lang;
	out->lang = lang;
	r->practice.lang = lang ? lang : "pl";

	if (b.metryka < doc->nblocks) {
		if (metryka_lines(&b, &lines, &nlines) < 0 ||
		    (facts = import_metryka_read(a, lines, nlines, r)) < 0)
			goto oom;
		r->org.country = "PL";
		if (!r->org.name)
			r->org.name = unit_name(a, &r->org, r->practice.implementing_office);
		r->practice.initiator = initiator_of(r->org.unit_type);
		out->format = html ? "metryka-html" : "metryka-text";
	} else if (!r->practice.body[0]) {
		rc = error_set(err, ERR_INVALID, "%s: a title and no text", name);
		goto out;
	} else {
		r->org.name = b.site && *b.site ? b.site
			: import_placeholder_name(r->practice.lang);
		r->org.country = !strcmp(r->practice.lang, "sl") ? "SI"
			: !strcmp(r->practice.lang, "pl") ? "PL" : NULL;
		r->practice.initiator = INITIATOR_OTHER;
		out->format = html ? "article-html" : "article-text";
	}
	r->org.name = import_cut(a, r->org.name, PRACTICE_SHORT_MAX);
	tidy(r);
	/* the acts may be named anywhere, the key facts included */
	if (import_links_read(a, doc, b.body.plain.data, r->org.website,
			      (struct link **)&r->practice.links,
			      &r->practice.nlinks) < 0)
		goto oom;
	if (!(r->content = content_of(a, r)))
		goto oom;
	r->nfields = 1 + (r->practice.body[0] != '\0') + (b.ncats > 0) +
		     (unsigned)facts + (r->practice.nlinks > 0) + (lang != NULL);
	out->records = r;
	out->nrecords = 1;
	rc = 0;
	goto out;
oom:
	rc = error_set(err, ERR_INTERNAL, "out of memory");
out:
	import_body_release(&b.body);
	return rc;
}

/* A page read with parse (HTML when html) into out. */
static int read_page(struct store *st, struct arena *a, const char *name,
		     const char *data, size_t len, bool html,
		     int (*parse)(struct arena *, const char *, size_t,
				  struct import_doc *, struct error *),
		     struct import_file *out, struct error *err)
{
	struct import_doc doc;

	memset(out, 0, sizeof *out);
	if (!utf8_valid_text(data, len))
		return error_set(err, ERR_INVALID, "%s: not UTF-8 text", name);
	if (parse(a, data, len, &doc, err) < 0)
		return -1;
	return build(st, a, name, &doc, html, out, err);
}

int import_read_html(struct store *st, struct arena *a, const char *name,
		     const char *data, size_t len, struct import_file *out,
		     struct error *err)
{
	return read_page(st, a, name, data, len, true, import_html_parse, out,
			 err);
}

int import_read_text(struct store *st, struct arena *a, const char *name,
		     const char *data, size_t len, struct import_file *out,
		     struct error *err)
{
	return read_page(st, a, name, data, len, false, import_text_parse, out,
			 err);
}
