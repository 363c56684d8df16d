/* oai.c - /oai, the OAI-PMH 2.0 endpoint (GET, or POST of a form): the
 * request checked by domain/oai.c, records read through store_oai_*,
 * answers written as XML. Protocol errors are answers too: 200 with
 * <error code="...">, as the protocol wants. Records carry Dublin Core
 * of a practice and its unit, never its contact persons. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/form.h"
#include "text/xml.h"
#include "web/pages.h"
#include "web/render.h"

#define OAI_NS "http://www.openarchives.org/OAI/2.0/"

/* One request's state: what was asked, and what the answers need. */
struct oai {
	struct ctx *c;
	struct oai_request req;
	const char *origin, *host;
	struct oai_set *sets;
	size_t nsets;
};

static void date_element(struct buf *b, const char *name, int64_t t)
{
	char d[XML_DATETIME_SIZE];

	xml_datetime(t, d);
	buf_printf(b, "<%s>%s</%s>", name, d, name);
}

static void request_attr(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_printf(b, " %s=\"", name);
	xml_text(b, value);
	buf_putc(b, '"');
}

/* The envelope up to the verb's element; echo: the request's arguments
 * as attributes (not after badVerb or badArgument, section 3.5). */
static void begin(struct oai *o, bool echo)
{
	struct buf *b = o->c->b;
	const struct oai_request *r = &o->req;

	buf_reset(b);
	o->c->rs->status = 200;
	o->c->rs->content_type = "text/xml; charset=utf-8";
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\""
		    OAI_NS "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
		    " xsi:schemaLocation=\"" OAI_NS " " OAI_NS "OAI-PMH.xsd\">\n");
	date_element(b, "responseDate", (int64_t)time(NULL));
	buf_puts(b, "\n<request");
	if (echo) {
		request_attr(b, "verb", oai_verb_names[r->verb]);
		request_attr(b, "identifier", r->identifier);
		request_attr(b, "metadataPrefix", r->metadata_prefix);
		request_attr(b, "from", r->from);
		request_attr(b, "until", r->until);
		request_attr(b, "set", r->set);
		request_attr(b, "resumptionToken", r->token);
	}
	buf_putc(b, '>');
	xml_text(b, o->origin);
	buf_puts(b, "/oai</request>\n");
}

static int reply_error(struct oai *o, enum oai_error e, const char *msg)
{
	begin(o, e != OAI_BAD_VERB && e != OAI_BAD_ARGUMENT);
	buf_printf(o->c->b, "<error code=\"%s\">", oai_error_codes[e]);
	xml_text(o->c->b, msg);
	buf_puts(o->c->b, "</error>\n</OAI-PMH>\n");
	return 0;
}

/* A store failure: timeouts and the rest as the other pages answer. */
static int reply_store(struct oai *o, const struct error *err)
{
	return web_fail_store(o->c, err);
}

/* The protocol requires an administrator's address: the one set for
 * OAI, else the accessibility contact, else the sender of e-mail. */
static const char *admin_email(struct oai *o)
{
	const struct config *cfg = o->c->app->cfg;
	const char *from = cfg->mail_from, *lt = strchr(from, '<'), *gt;

	if (*cfg->oai_admin_email)
		return cfg->oai_admin_email;
	if (*cfg->a11y_contact_email)
		return cfg->a11y_contact_email;
	if (lt && (gt = strchr(lt, '>')))
		return arena_strndup(o->c->a, lt + 1, (size_t)(gt - lt - 1));
	return from;
}

static const char *repository_name(const struct ctx *c)
{
	return *c->app->cfg->operator_name ? c->app->cfg->operator_name
					   : c->app->cfg->site_name;
}

/* oai-identifier's repositoryIdentifier must be a domain name with a
 * dot; hosts like localhost cannot be described that way. */
static bool domain_name(const char *h)
{
	return strchr(h, '.') && ((*h >= 'a' && *h <= 'z') || (*h >= 'A' && *h <= 'Z')) &&
	       !strstr(h, "..") && h[strlen(h) - 1] != '.';
}

static int do_identify(struct oai *o)
{
	struct buf *b = o->c->b;
	struct error err = ERROR_INIT;
	int64_t earliest;

	if (store_oai_earliest(o->c->st, &earliest, &err) < 0)
		return reply_store(o, &err);
	begin(o, true);
	buf_puts(b, "<Identify>");
	xml_element(b, "repositoryName", repository_name(o->c));
	xml_element(b, "baseURL", arena_printf(o->c->a, "%s/oai", o->origin));
	buf_puts(b, "<protocolVersion>2.0</protocolVersion>");
	xml_element(b, "adminEmail", admin_email(o));
	date_element(b, "earliestDatestamp", earliest ? earliest : (int64_t)time(NULL));
	buf_puts(b, "<deletedRecord>transient</deletedRecord>"
		    "<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>");
	if (domain_name(o->host)) {
		buf_puts(b, "<description><oai-identifier xmlns=\"" OAI_NS
			    "oai-identifier\" xsi:schemaLocation=\"" OAI_NS
			    "oai-identifier " OAI_NS "oai-identifier.xsd\">"
			    "<scheme>oai</scheme>");
		xml_element(b, "repositoryIdentifier", o->host);
		buf_puts(b, "<delimiter>:</delimiter>");
		xml_element(b, "sampleIdentifier", oai_identifier(o->c->a, o->host, 1));
		buf_puts(b, "</oai-identifier></description>");
	}
	buf_puts(b, "</Identify>\n</OAI-PMH>\n");
	return 0;
}

/* The record of an identifier argument; 1 when it has none (replied). */
static int find_record(struct oai *o, struct oai_record *rec)
{
	struct error err = ERROR_INIT;
	int64_t id = oai_identifier_parse(o->host, o->req.identifier);

	if (id > 0 && store_oai_get(o->c->st, o->c->a, id, rec, &err) == 0)
		return 0;
	if (id > 0 && err.code != ERR_NOT_FOUND) {
		reply_store(o, &err);
		return -1;
	}
	reply_error(o, OAI_ID_DOES_NOT_EXIST, "no record has this identifier");
	return 1;
}

static int do_list_formats(struct oai *o)
{
	struct oai_record rec;
	int rc;

	/* every record, deleted ones too, is in oai_dc */
	if (o->req.identifier && (rc = find_record(o, &rec)) != 0)
		return rc < 0 ? -1 : 0;
	begin(o, true);
	buf_puts(o->c->b, "<ListMetadataFormats><metadataFormat>"
		 "<metadataPrefix>" OAI_DC "</metadataPrefix>"
		 "<schema>" OAI_NS "oai_dc.xsd</schema>"
		 "<metadataNamespace>" OAI_NS "oai_dc/</metadataNamespace>"
		 "</metadataFormat></ListMetadataFormats>\n</OAI-PMH>\n");
	return 0;
}

/* The sets (vocabularies and categories), labels in the site's
 * language. */
static int load_sets(struct oai *o)
{
	struct error err = ERROR_INIT;
	struct vocabulary *vs;
	size_t nv;

	if (store_vocabulary_list(o->c->st, o->c->a, o->c->app->cfg->default_lang,
				  &vs, &nv, &err) < 0)
		return reply_store(o, &err) < 0 ? -1 : 1;
	if (oai_sets_build(o->c->a, vs, nv, &o->sets, &o->nsets) < 0)
		return -1;
	return 0;
}

static int do_list_sets(struct oai *o)
{
	int rc;

	if ((rc = load_sets(o)) != 0)
		return rc < 0 ? -1 : 0;
	if (!o->nsets)
		return reply_error(o, OAI_NO_SET_HIERARCHY, "there are no sets");
	begin(o, true);
	buf_puts(o->c->b, "<ListSets>");
	for (size_t i = 0; i < o->nsets; i++) {
		buf_puts(o->c->b, "<set>");
		xml_element(o->c->b, "setSpec", o->sets[i].spec);
		xml_element(o->c->b, "setName", o->sets[i].name);
		buf_puts(o->c->b, "</set>\n");
	}
	buf_puts(o->c->b, "</ListSets>\n</OAI-PMH>\n");
	return 0;
}

static void write_header(struct oai *o, const struct oai_record *r)
{
	struct buf *b = o->c->b;

	buf_puts(b, r->deleted ? "<header status=\"deleted\">" : "<header>");
	xml_element(b, "identifier", oai_identifier(o->c->a, o->host, r->id));
	date_element(b, "datestamp", r->datestamp);
	for (size_t i = 0; i < r->ncategories; i++)
		xml_element(b, "setSpec", oai_set_spec_of(o->sets, o->nsets,
							   r->categories[i].slug));
	buf_puts(b, "</header>");
}

/* Simple Dublin Core of a practice: what, by whom, where, when. */
/* <name xml:lang="lang">text</name>: the original and each translation. */
static void lang_element(struct buf *b, const char *name, const char *lang,
			 const char *text)
{
	buf_printf(b, "<%s xml:lang=\"", name);
	xml_text(b, lang);
	buf_puts(b, "\">");
	xml_text(b, text);
	buf_printf(b, "</%s>", name);
}

static void write_dc(struct oai *o, const struct oai_record *r)
{
	struct buf *b = o->c->b;
	char day[XML_DATETIME_SIZE];

	buf_puts(b, "<metadata><oai_dc:dc xmlns:oai_dc=\"" OAI_NS "oai_dc/\""
		    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
		    " xsi:schemaLocation=\"" OAI_NS "oai_dc/ " OAI_NS "oai_dc.xsd\">");
	lang_element(b, "dc:title", r->lang, r->title);
	for (size_t i = 0; i < r->ntranslations; i++)
		lang_element(b, "dc:title", r->translations[i].lang,
			     r->translations[i].title);
	xml_element(b, "dc:creator", r->org_name);
	for (size_t i = 0; i < r->ncategories; i++)
		xml_element(b, "dc:subject", r->categories[i].label);
	lang_element(b, "dc:description", r->lang, r->summary);
	for (size_t i = 0; i < r->ntranslations; i++)
		lang_element(b, "dc:description", r->translations[i].lang,
			     r->translations[i].summary);
	xml_element(b, "dc:publisher", repository_name(o->c));
	xml_datetime(r->published_at, day);
	day[10] = '\0';
	xml_element(b, "dc:date", day);
	buf_puts(b, "<dc:type>Text</dc:type>");
	xml_element(b, "dc:identifier", arena_printf(o->c->a,
		    "%s/practices/%lld-%s", o->origin, (long long)r->id, r->slug));
	xml_element(b, "dc:language", r->lang);
	xml_element(b, "dc:coverage", r->town);
	xml_element(b, "dc:coverage", r->region);
	xml_element(b, "dc:coverage", r->country);
	buf_puts(b, "</oai_dc:dc></metadata>");
}

static void write_record(struct oai *o, const struct oai_record *r)
{
	buf_puts(o->c->b, "<record>");
	write_header(o, r);
	if (!r->deleted)
		write_dc(o, r);
	buf_puts(o->c->b, "</record>\n");
}

static int do_get_record(struct oai *o)
{
	struct oai_record rec;
	int rc;

	if ((rc = load_sets(o)) != 0 || (rc = find_record(o, &rec)) != 0)
		return rc < 0 ? -1 : 0;
	begin(o, true);
	buf_puts(o->c->b, "<GetRecord>");
	write_record(o, &rec);
	buf_puts(o->c->b, "</GetRecord>\n</OAI-PMH>\n");
	return 0;
}

/* ListIdentifiers and ListRecords: a page of the selection by datestamp,
 * and a token for the next one. */
static int do_list(struct oai *o)
{
	struct oai_request *r = &o->req;
	struct oai_token *t = &r->state;
	struct error err = ERROR_INIT;
	struct oai_select q = {.from = r->from_t, .until = r->until_t};
	struct oai_record *recs;
	const char *verb = oai_verb_names[r->verb];
	char token[OAI_TOKEN_MAX];
	size_t n;
	bool more;
	int64_t total;
	int rc;

	if ((rc = load_sets(o)) != 0)
		return rc < 0 ? -1 : 0;
	if (!r->resumed) {
		t->verb = r->verb;
		t->from = r->from_t;
		t->until = r->until_t;
		snprintf(t->set, sizeof t->set, "%s", r->set ? r->set : "");
	}
	if (t->set[0]) {
		const struct oai_set *s = oai_set_find(o->sets, o->nsets, t->set);
		if (!s)
			return reply_error(o, OAI_NO_RECORDS_MATCH, "there is no such set");
		q.vocabulary = s->vocabulary;
		q.category = s->category;
	}
	q.has_after = r->resumed;
	q.after = t->after;
	if (store_oai_count(o->c->st, &q, &total, &err) < 0 ||
	    store_oai_list(o->c->st, o->c->a, &q, (int)o->c->app->cfg->oai_page_size,
			   &recs, &n, &more, &err) < 0)
		return reply_store(o, &err);
	if (!n)
		return reply_error(o, OAI_NO_RECORDS_MATCH, "no record matches");
	begin(o, true);
	buf_printf(o->c->b, "<%s>\n", verb);
	for (size_t i = 0; i < n; i++) {
		if (r->verb == OAI_LIST_RECORDS) {
			write_record(o, &recs[i]);
		} else {
			write_header(o, &recs[i]);
			buf_putc(o->c->b, '\n');
		}
	}
	/* the first page of a complete list has no token; the last page of
	 * a resumed one has an empty token */
	if (more || r->resumed) {
		buf_printf(o->c->b, "<resumptionToken completeListSize=\"%lld\""
			   " cursor=\"%lld\">", (long long)total, (long long)t->cursor);
		if (more) {
			struct oai_token next = *t;
			next.after.stamp = recs[n - 1].datestamp;
			next.after.id = recs[n - 1].id;
			next.cursor = t->cursor + (int64_t)n;
			oai_token_encode(&next, o->c->app->secret, token);
			xml_text(o->c->b, token);
		}
		buf_puts(o->c->b, "</resumptionToken>\n");
	}
	buf_printf(o->c->b, "</%s>\n</OAI-PMH>\n", verb);
	return 0;
}

/* The arguments: the query's, and a POSTed form's. */
static int collect_args(struct ctx *c, struct oai_arg **args, size_t *n,
			const char **problem)
{
	struct form form = {0};
	struct error err = ERROR_INIT;
	const char *type = request_header(c->rq, "Content-Type");

	*problem = NULL;
	if (!strcmp(c->rq->method, "POST")) {
		if (!type || strncmp(type, "application/x-www-form-urlencoded", 33)) {
			*problem = "POST requests must be application/x-www-form-urlencoded";
			return 0;
		}
		if (form_parse(c->a, type, c->rq->body.data, c->rq->body.len, &form,
			       &err) < 0) {
			if (err.code != ERR_INVALID)
				return -1;
			*problem = arena_strdup(c->a, err.msg);
			return 0;
		}
	}
	*n = 0;
	if (!(*args = arena_calloc(c->a, c->rq->nargs + form.n + 1, sizeof **args)))
		return -1;
	for (size_t i = 0; i < c->rq->nargs; i++)
		(*args)[(*n)++] = (struct oai_arg){c->rq->args[i].name,
						   c->rq->args[i].value};
	for (size_t i = 0; i < form.n; i++)
		(*args)[(*n)++] = (struct oai_arg){form.fields[i].name,
						   form.fields[i].value};
	return 0;
}

int sys_oai(struct request *rq, struct response *rs)
{
	static int (*const verbs[OAI_VERB__MAX])(struct oai *) = {
		[OAI_IDENTIFY] = do_identify,
		[OAI_LIST_METADATA_FORMATS] = do_list_formats,
		[OAI_LIST_SETS] = do_list_sets,
		[OAI_LIST_IDENTIFIERS] = do_list,
		[OAI_LIST_RECORDS] = do_list,
		[OAI_GET_RECORD] = do_get_record,
	};
	struct ctx c;
	struct oai o = {.c = &c};
	struct oai_arg *args = NULL;
	size_t n = 0;
	const char *problem;
	char msg[OAI_MSG_MAX];
	enum oai_error e;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	o.origin = web_origin(&c);
	o.host = oai_host_of(c.a, o.origin);
	if (collect_args(&c, &args, &n, &problem) < 0)
		goto out;
	if (problem) {
		rc = reply_error(&o, OAI_BAD_ARGUMENT, problem);
		goto out;
	}
	if ((e = oai_request_parse(args, n, c.app->secret, &o.req, msg)) != OAI_OK) {
		rc = reply_error(&o, e, msg);
		goto out;
	}
	rc = verbs[o.req.verb](&o);
out:
	ctx_close(&c);
	return rc;
}
