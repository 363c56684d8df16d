/* import_links.c - what a page links to and refers to: its links as
 * absolute http(s) addresses (documents told by their extension), and
 * the local legal acts its text names. */
#include "domain/import_page.h"

#include <string.h>
#include <strings.h>

#include "domain/check.h"
#include "text/legal_act.h"

/* An address absolute and http(s), resolved against base when relative;
 * NULL for anchors, mail, scripts and anything not a plain URL. */
static char *absolute(struct arena *a, const char *href, const char *base)
{
	const char *host_end, *slash, *colon;
	size_t n;

	href += strspn(href, " \t\n");
	n = strlen(href);
	while (n && strchr(" \t\n", href[n - 1]))
		n--;
	if (!n || n > PRACTICE_URL_MAX || memchr(href, ' ', n) ||
	    strpbrk(href, "\"<>\n\t") || href[0] == '#')
		return NULL;
	if (!strncasecmp(href, "http://", 7) || !strncasecmp(href, "https://", 8))
		return arena_strndup(a, href, n);
	colon = strchr(href, ':');
	if (!base || (colon && colon < href + strcspn(href, "/?#")) ||
	    (strncasecmp(base, "http://", 7) && strncasecmp(base, "https://", 8)))
		return NULL; /* another scheme, or nothing to resolve against */
	host_end = strchr(base, ':') + 3;
	if (href[0] == '/' && href[1] == '/')
		return arena_printf(a, "%.*s%.*s", (int)(host_end - 2 - base), base,
				    (int)n, href);
	host_end += strcspn(host_end, "/?#");
	if (href[0] == '/')
		return arena_printf(a, "%.*s%.*s", (int)(host_end - base), base,
				    (int)n, href);
	slash = strrchr(host_end, '/');
	if (!slash || slash > host_end + strcspn(host_end, "?#"))
		return arena_printf(a, "%.*s/%.*s", (int)(host_end - base), base,
				    (int)n, href);
	return arena_printf(a, "%.*s%.*s", (int)(slash + 1 - base), base,
			    (int)n, href);
}

static bool url_is_document(const char *u)
{
	static const char *const exts[] = {".pdf", ".doc", ".docx", ".odt",
		".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".zip", NULL};
	size_t n = strcspn(u, "?#");

	for (int i = 0; exts[i]; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && !strncasecmp(u + n - k, exts[i], k))
			return true;
	}
	return false;
}

int import_links_read(struct arena *a, const struct import_doc *doc,
		      const char *text, const char *website, struct link **out,
		      size_t *nout)
{
	struct link *ls = arena_calloc(a, PRACTICE_LINKS_MAX, sizeof *ls);
	struct legal_act *acts;
	size_t n = 0, nacts;

	if (!ls || legal_act_find(a, text, PRACTICE_LINKS_MAX / 2, &acts,
				  &nacts) < 0)
		return -1;
	for (size_t i = 0; i < nacts; i++) {
		ls[n] = (struct link){.kind = LINK_LEGAL_ACT,
			.title = import_cut(a, acts[i].title, PRACTICE_TITLE_MAX),
			.act_number = import_cut(a, acts[i].number, 100),
			.act_date = acts[i].date && date_partial_valid(acts[i].date)
				? acts[i].date : NULL,
			.issuer = acts[i].issuer ? import_cut(a, acts[i].issuer,
						       PRACTICE_SHORT_MAX) : NULL};
		for (size_t k = 0; k < doc->nlinks; k++)
			if (strstr(doc->links[k].text, acts[i].number) &&
			    (ls[n].url = absolute(a, doc->links[k].href,
						  doc->base)) &&
			    check_url("url", ls[n].url, NULL) == 0)
				break;
			else
				ls[n].url = NULL;
		n++;
	}
	for (size_t k = 0; k < doc->nlinks && n < PRACTICE_LINKS_MAX; k++) {
		char *u = absolute(a, doc->links[k].href, doc->base);
		const char *t = doc->links[k].text;
		bool dup = !u || check_url("url", u, NULL) < 0 ||
			   (doc->base && !strcmp(u, doc->base)) ||
			   (website && !strcmp(u, website));

		for (size_t j = 0; !dup && j < n; j++)
			dup = ls[j].url && !strcmp(ls[j].url, u);
		if (dup)
			continue;
		t = import_one_line(a, t);
		ls[n++] = (struct link){
			.kind = url_is_document(u) ? LINK_DOCUMENT : LINK_ARTICLE,
			.url = u,
			.title = t && *t ? import_cut(a, t, PRACTICE_TITLE_MAX) : NULL};
	}
	*out = ls;
	*nout = n;
	return 0;
}

