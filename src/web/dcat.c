/* dcat.c - /catalog.jsonld: the catalogue described for open-data
 * portals (data.europa.eu, dane.gov.pl, podatki.gov.si) as a DCAT-AP 3
 * dcat:Catalog in JSON-LD: one dataset, the good practices, with its
 * downloads and the services that serve it. Everything the portals
 * harvest is public: no contact persons of practices, only the site's
 * own contact point from the configuration. */
#include <jansson.h>
#include <string.h>

#include "text/i18n.h"
#include "web/json.h"
#include "web/pages.h"
#include "web/render.h"

/* EU controlled vocabularies (DCAT-AP asks for them) and IANA types. */
#define EU_AUTH "http://publications.europa.eu/resource/authority/"
#define IANA "https://www.iana.org/assignments/media-types/"

/* One download or feed of the dataset. path may carry a query. */
struct distribution {
	const char *key, *path, *title, *media_type, *file_type;
};

static const struct distribution distributions[] = {
	{"json", "/api/v1/export?format=json", "All published practices (JSON)",
	 "application/json", "JSON"},
	{"csv", "/api/v1/export?format=csv", "All published practices (CSV)",
	 "text/csv", "CSV"},
	{"csv-excel", "/api/v1/export?format=csv-excel",
	 "All published practices (CSV for spreadsheets: UTF-8 with BOM, "
	 "semicolons)", "text/csv", "CSV"},
	{"geojson", "/api/v1/practices.geojson",
	 "Practices with a place (GeoJSON)", "application/geo+json", "GEOJSON"},
	{"atom", "/feed.atom", "Newly published practices (Atom feed)",
	 "application/atom+xml", "ATOM"},
};

/* The message key in every interface language, as JSON-LD values. */
static json_t *texts(struct ctx *c, const char *key)
{
	json_t *all = json_array();

	for (size_t i = 0; i18n_languages[i]; i++) {
		const struct catalog *cat = i18n_catalog(c->app->i18n,
							 i18n_languages[i]);
		if (cat && catalog_has(cat, key))
			json_array_append_new(all, json_pack("{s:s,s:s}",
				"@value", catalog_get(cat, key),
				"@language", i18n_languages[i]));
	}
	return all;
}

static json_t *en(const char *text)
{
	return json_pack("{s:s,s:s}", "@value", text, "@language", "en");
}

static json_t *ref(const char *iri)
{
	return json_pack("{s:s}", "@id", iri);
}

static json_t *day(struct ctx *c, int64_t t)
{
	return json_pack("{s:s,s:s}", "@value", format_day(c, t), "@type",
			 "xsd:date");
}

/* dcat:keyword: the top-level categories of every vocabulary, in every
 * interface language. */
static int keywords(struct ctx *c, json_t *out, struct error *err)
{
	for (size_t l = 0; i18n_languages[l]; l++) {
		struct vocabulary *vs;
		size_t nv;

		if (store_vocabulary_list(c->st, c->a, i18n_languages[l], &vs,
					  &nv, err) < 0)
			return -1;
		for (size_t i = 0; i < nv; i++)
			for (size_t k = 0; k < vs[i].ncategories; k++) {
				const struct category *cat = &vs[i].categories[k];
				if (!cat->depth && cat->label && *cat->label)
					json_array_append_new(out, json_pack(
						"{s:s,s:s}", "@value", cat->label,
						"@language", i18n_languages[l]));
			}
	}
	return 0;
}

/* dcat:contactPoint from the configuration: the accessibility contact,
 * else the data protection one; NULL when neither is set. */
static json_t *contact_point(struct ctx *c)
{
	const struct config *cfg = c->app->cfg;
	const char *name = cfg->a11y_contact_name, *mail = cfg->a11y_contact_email;
	json_t *v;

	if (!*mail && strchr(cfg->privacy_contact, '@') &&
	    !strpbrk(cfg->privacy_contact, " \t<>\"")) {
		mail = cfg->privacy_contact;
		name = "";
	}
	if (!*mail && !*cfg->a11y_contact_phone)
		return NULL;
	v = json_pack("{s:s,s:s}", "@type", "vcard:Organization", "vcard:fn",
		      *name ? name : *cfg->operator_name ? cfg->operator_name
							 : cfg->site_name);
	if (v && *mail)
		json_object_set_new(v, "vcard:hasEmail", ref(arena_printf(
			c->a, "mailto:%s", mail)));
	/* the phone is the accessibility contact's, not the privacy one's */
	if (v && *cfg->a11y_contact_phone && mail == cfg->a11y_contact_email)
		json_object_set_new(v, "vcard:hasTelephone", ref(arena_printf(
			c->a, "tel:%s", cfg->a11y_contact_phone)));
	return v;
}

static json_t *distribution(struct ctx *c, const char *origin,
			    const struct distribution *d)
{
	const char *url = arena_printf(c->a, "%s%s", origin, d->path);

	return json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o}",
		"@id", arena_printf(c->a, "%s/catalog.jsonld#distribution-%s",
				    origin, d->key),
		"@type", "dcat:Distribution",
		"dct:title", en(d->title),
		"dcat:accessURL", ref(url), "dcat:downloadURL", ref(url),
		"dcat:mediaType", ref(arena_printf(c->a, IANA "%s", d->media_type)),
		"dct:format", ref(arena_printf(c->a, EU_AUTH "file-type/%s",
					       d->file_type)),
		"dct:license", ref(c->app->cfg->data_licence));
}

static json_t *service(struct ctx *c, const char *origin, const char *key,
		       const char *title, const char *endpoint,
		       const char *description, const char *conforms)
{
	json_t *s = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o}",
		"@id", arena_printf(c->a, "%s/catalog.jsonld#service-%s", origin,
				    key),
		"@type", "dcat:DataService", "dct:title", en(title),
		"dcat:endpointURL", ref(arena_printf(c->a, "%s%s", origin, endpoint)),
		"dcat:endpointDescription", ref(arena_printf(c->a, "%s%s", origin,
							     description)),
		"dcat:servesDataset", ref(arena_printf(c->a,
			"%s/catalog.jsonld#practices", origin)),
		"dct:license", ref(c->app->cfg->data_licence));

	if (s && conforms)
		json_object_set_new(s, "dct:conformsTo", ref(conforms));
	return s;
}

static json_t *context(void)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s}",
		"dcat", "http://www.w3.org/ns/dcat#",
		"dct", "http://purl.org/dc/terms/",
		"foaf", "http://xmlns.com/foaf/0.1/",
		"vcard", "http://www.w3.org/2006/vcard/ns#",
		"xsd", "http://www.w3.org/2001/XMLSchema#");
}

int sys_catalog(struct request *rq, struct response *rs)
{
	struct ctx c;
	struct error err = ERROR_INIT;
	const struct config *cfg;
	const char *origin, *self;
	int64_t first, last;
	json_t *cat = NULL, *set, *dists, *kw, *spatial, *contact, *langs;
	int rc = -1;

	if (ctx_open(&c, rq, rs) < 0)
		return -1;
	cfg = c.app->cfg;
	origin = web_origin(&c);
	self = arena_printf(c.a, "%s/catalog.jsonld", origin);
	kw = json_array();
	if (store_published_span(c.st, &first, &last, &err) < 0 ||
	    keywords(&c, kw, &err) < 0) {
		json_decref(kw);
		rc = web_fail_store(&c, &err);
		goto out;
	}
	spatial = json_pack("[o,o]", ref(EU_AUTH "country/POL"),
			    ref(EU_AUTH "country/SVN"));
	langs = json_pack("[o,o,o,o]", ref(EU_AUTH "language/POL"),
			  ref(EU_AUTH "language/SLV"), ref(EU_AUTH "language/ENG"),
			  ref(EU_AUTH "language/ARA"));
	dists = json_array();
	for (size_t i = 0; i < sizeof distributions / sizeof *distributions; i++)
		json_array_append_new(dists, distribution(&c, origin,
							  &distributions[i]));
	set = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:O,s:o,s:o,s:o}",
		"@id", arena_printf(c.a, "%s#practices", self),
		"@type", "dcat:Dataset",
		"dct:title", texts(&c, "dcat.title"),
		"dct:description", texts(&c, "dcat.description"),
		"dct:identifier", json_string(arena_printf(c.a, "%s#practices", self)),
		"dcat:keyword", kw,
		"dct:publisher", ref(arena_printf(c.a, "%s#publisher", self)),
		"dcat:landingPage", ref(arena_printf(c.a, "%s/practices", origin)),
		"dct:spatial", spatial, "dct:language", langs,
		"dct:accessRights", ref(EU_AUTH "access-right/PUBLIC"),
		"dcat:theme", json_pack("[o,o]", ref(EU_AUTH "data-theme/GOVE"),
					ref(EU_AUTH "data-theme/SOCI")),
		"dcat:distribution", dists);
	if (set && first) {
		json_object_set_new(set, "dct:issued", day(&c, first));
		json_object_set_new(set, "dct:modified", day(&c, last));
	}
	if (set && (contact = contact_point(&c)))
		json_object_set_new(set, "dcat:contactPoint", contact);
	cat = json_pack("{s:o,s:s,s:s,s:o,s:o,s:{s:s,s:s,s:s},s:o,s:o,s:o,"
			"s:[o],s:[o,o]}",
		"@context", context(), "@id", self, "@type", "dcat:Catalog",
		"dct:title", texts(&c, "dcat.title"),
		"dct:description", texts(&c, "dcat.description"),
		"dct:publisher", "@id", arena_printf(c.a, "%s#publisher", self),
		"@type", "foaf:Agent", "foaf:name",
		*cfg->operator_name ? cfg->operator_name : cfg->site_name,
		"foaf:homepage", ref(arena_printf(c.a, "%s/", origin)),
		"dct:license", ref(cfg->data_licence),
		"dct:language", langs,
		"dcat:dataset", set,
		"dcat:service",
		service(&c, origin, "api", "JSON API", "/api/v1/",
			"/api/v1/openapi.json",
			"https://spec.openapis.org/oas/v3.1.0"),
		service(&c, origin, "oai", "OAI-PMH", "/oai",
			"/oai?verb=Identify", "http://www.openarchives.org/OAI/2.0/"));
	if (cat && first)
		json_object_set_new(cat, "dct:modified", day(&c, last));
	rs->content_type = "application/ld+json";
	rc = cat ? json_emit(c.b, cat) : -1;
	cat = NULL;
out:
	json_decref(cat);
	ctx_close(&c);
	return rc;
}
