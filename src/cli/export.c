/* export.c - `praxis export`: every published practice as a data set
 * (JSON) or as CSV, without contact persons. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/export.h"
#include "store/store.h"

static const char usage[] =
	"usage: praxis export [--db FILE] --format json|csv [--excel]\n"
	"                     [--base-url URL] [--output FILE]\n"
	"\n"
	"Writes every published practice, with its organisation, in id order:\n"
	"as a data set in the shape of data/demo.json, or as CSV with one row\n"
	"per practice (columns in README.md, \"Data exports\"). Contact persons\n"
	"are never exported.\n"
	"\n"
	"  --db FILE        database file (default praxis.db)\n"
	"  --format F       json or csv\n"
	"  --excel          CSV for spreadsheets: UTF-8 BOM, ';' between cells\n"
	"  --base-url URL   prefix of the url column (default: paths only)\n"
	"  --output FILE    write to FILE instead of standard output\n"
	"  --help           show this help\n";

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'f'},
		{"excel", no_argument, NULL, 'x'},
		{"base-url", required_argument, NULL, 'b'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = "praxis.db", *format = NULL, *output = NULL;
	const char *base_url = "";
	struct error err = ERROR_INIT;
	struct store *st = NULL;
	bool excel = false;
	enum export_format f;
	FILE *out = stdout;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		case 'x': excel = true; break;
		case 'b': base_url = optarg; break;
		case 'o': output = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc || !format ||
	    (strcmp(format, "json") && strcmp(format, "csv")) ||
	    (excel && strcmp(format, "csv"))) {
		fputs(usage, stderr);
		return 2;
	}
	f = !strcmp(format, "json") ? EXPORT_JSON
	    : excel ? EXPORT_CSV_EXCEL : EXPORT_CSV;
	if (!(st = store_open(db, STORE_READONLY, &err))) {
		fprintf(stderr, "praxis export: %s: %s\n", db, err.msg);
		return 1;
	}
	if (output && !(out = fopen(output, "wb"))) {
		fprintf(stderr, "praxis export: cannot write %s: %s\n", output,
			strerror(errno));
		goto out;
	}
	if (store_read_begin(st, &err) < 0 ||
	    export_write(st, f, base_url, out, &err) < 0) {
		fprintf(stderr, "praxis export: %s\n", err.msg);
		goto out;
	}
	rc = 0;
out:
	store_read_end(st);
	if (out != stdout && out && fclose(out) != 0 && rc == 0) {
		fprintf(stderr, "praxis export: cannot write %s: %s\n", output,
			strerror(errno));
		rc = 1;
	}
	if (rc && out && out != stdout)
		remove(output); /* no half an export left looking whole */
	store_close(st);
	return rc;
}
