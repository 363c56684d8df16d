/* demo.c - `praxis demo`: load the demo practices, another data set of
 * the same shape, or generated practices for benchmarks. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/assets.h"
#include "domain/dataset.h"
#include "store/store.h"

static const char usage[] =
	"usage: praxis demo [--db FILE] [--file DATA.json] [--generate N]\n"
	"\n"
	"Loads the built-in demo set of practices (or DATA.json, in the same\n"
	"shape) into the database, creating it when needed. With --generate,\n"
	"adds N more practices made from the set, for benchmarks.\n"
	"\n"
	"  --db FILE        database file (default praxis.db)\n"
	"  --file FILE      load this data set instead of the built-in one\n"
	"  --generate N     add N generated practices (1..10000000)\n"
	"  --help           show this help\n";

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1))) {
		*len = fread(data, 1, (size_t)n, f);
		data[*len] = '\0';
	}
	fclose(f);
	return data;
}

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"file", required_argument, NULL, 'f'},
		{"generate", required_argument, NULL, 'g'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = "praxis.db", *file = NULL;
	const struct asset *demo = asset_find("demo.json");
	struct error err = ERROR_INIT;
	struct dataset_stats stats;
	struct store *st;
	const char *data = (const char *)demo->data;
	char *owned = NULL, *end;
	size_t len = demo->size;
	long generate = 0;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'f': file = optarg; break;
		case 'g':
			errno = 0;
			generate = strtol(optarg, &end, 10);
			if (errno || *end || generate < 1 || generate > 10000000) {
				fprintf(stderr, "praxis demo: --generate takes 1..10000000\n");
				return 2;
			}
			break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (file) {
		if (!(owned = read_file(file, &len))) {
			fprintf(stderr, "praxis demo: cannot read %s: %s\n", file,
				strerror(errno));
			return 1;
		}
		data = owned;
	}
	if (!(st = cli_open_migrated(db)))
		goto out;
	if (generate) {
		if (dataset_generate(st, data, len, generate, &err) < 0)
			goto fail;
		printf("%s: generated %ld practices\n", db, generate);
	} else {
		if (dataset_load_json(st, data, len, &stats, &err) < 0)
			goto fail;
		printf("%s: loaded %lld organisations, %lld practices, "
		       "%lld relations\n", db, (long long)stats.organisations,
		       (long long)stats.practices, (long long)stats.relations);
	}
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "praxis demo: %s: %s\n", file ? file : "demo data",
		err.msg);
out:
	store_close(st);
	free(owned);
	return rc;
}
