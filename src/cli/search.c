/* search.c - `praxis search` and `praxis reindex`: the search index from
 * the command line. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "search/search.h"
#include "store/store.h"

static const char search_usage[] =
	"usage: praxis search [--db FILE] [--limit N] [--lang L] QUERY...\n"
	"\n"
	"Options come before the query, so a -word in it leaves the word out.\n"
	"Searches the published practices as the web site does: every word must\n"
	"match in any inflected form, \"quoted phrases\", -word to leave out,\n"
	"prefix* to match word beginnings. Prints one result a line: id, title\n"
	"and the best-matching passage, with matches in [brackets].\n"
	"\n"
	"  --db FILE    database file (default praxis.db)\n"
	"  --limit N    results to print (1..100, default 10)\n"
	"  --lang L     interface language for titles (default pl)\n"
	"  --help       show this help\n";

/* Tabs and newlines would break the one-result-a-line output. */
static void put_field(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\x02')
			buf_putc(b, '[');
		else if (*s == '\x03')
			buf_putc(b, ']');
		else if (*s == '\t' || *s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
}

int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"limit", required_argument, NULL, 'n'},
		{"lang", required_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = "praxis.db", *lang = "pl";
	struct error err = ERROR_INIT;
	struct arena a = ARENA_INIT;
	struct practice_filter f = {0};
	struct search_result res;
	struct page_req pr = {.limit = 10};
	struct store *st;
	struct buf q, out;
	char *end;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': lang = optarg; break;
		case 'n':
			errno = 0;
			pr.limit = (int)strtol(optarg, &end, 10);
			if (errno || *end || pr.limit < 1 || pr.limit > PAGE_LIMIT_MAX) {
				fputs("praxis search: --limit takes 1..100\n", stderr);
				return 2;
			}
			break;
		case 'h': fputs(search_usage, stdout); return 0;
		default: fputs(search_usage, stderr); return 2;
		}
	}
	if (optind == argc) {
		fputs(search_usage, stderr);
		return 2;
	}
	buf_init(&q, 0);
	buf_init(&out, 0);
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			buf_putc(&q, ' ');
		buf_puts(&q, argv[i]);
	}
	if (!(st = store_open(db, STORE_READONLY, &err)))
		goto fail;
	if (search_run(st, &a, lang, q.data, &f, &pr, false, &res, &err) < 0)
		goto fail;
	for (size_t i = 0; i < res.page.n; i++) {
		const struct practice_summary *p = &res.page.items[i];
		buf_printf(&out, "%lld\t", (long long)p->id);
		put_field(&out, p->title);
		buf_putc(&out, '\t');
		put_field(&out, p->snippet ? p->snippet : p->summary);
		buf_putc(&out, '\n');
	}
	fputs(out.data, stdout);
	fprintf(stderr, "%lld practices found\n", (long long)res.page.total);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "praxis search: %s\n", err.msg);
out:
	store_close(st);
	arena_free(&a);
	buf_release(&q);
	buf_release(&out);
	return rc;
}

static const char reindex_usage[] =
	"usage: praxis reindex [--db FILE]\n"
	"\n"
	"Rebuilds the search index from the records, in one transaction\n"
	"(searches keep working on the old index until it commits).\n"
	"\n"
	"  --db FILE    database file (default praxis.db)\n"
	"  --help       show this help\n";

int cmd_reindex(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = "praxis.db";
	struct error err = ERROR_INIT;
	struct store *st;
	int64_t n;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(reindex_usage, stdout); return 0;
		default: fputs(reindex_usage, stderr); return 2;
		}
	}
	if (optind != argc) {
		fputs(reindex_usage, stderr);
		return 2;
	}
	if (!(st = store_open(db, 0, &err)) || store_reindex(st, &n, &err) < 0) {
		fprintf(stderr, "praxis reindex: %s\n", err.msg);
		store_close(st);
		return 1;
	}
	printf("%s: indexed %lld practices\n", db, (long long)n);
	store_close(st);
	return 0;
}
