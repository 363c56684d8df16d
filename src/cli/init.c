/* init.c - `praxis init`: create or migrate the database and seed the
 * built-in vocabularies. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/assets.h"
#include "domain/taxonomy.h"
#include "store/store.h"

static const char usage[] =
	"usage: praxis init [--db FILE]\n"
	"\n"
	"Creates the database, or migrates it to this version's schema, and\n"
	"seeds the built-in category vocabularies. Safe to run again.\n"
	"\n"
	"  --db FILE   database file (default praxis.db)\n"
	"  --help      show this help\n";

struct store *cli_open_migrated(const char *path)
{
	struct error err = ERROR_INIT;
	struct store *st = store_open(path, STORE_NO_MIGRATE_CHECK, &err);
	const struct asset *vocab = asset_find("vocabularies.json");
	int from, to;

	if (!st || store_migrate(st, &from, &to, &err) < 0)
		goto fail;
	if (from != to)
		fprintf(stderr, "praxis: %s: schema %d -> %d\n", path, from, to);
	if (store_begin(st, &err) < 0)
		goto fail;
	if (taxonomy_seed_json(st, (const char *)vocab->data, vocab->size,
			       &err) < 0 ||
	    store_commit(st, &err) < 0) {
		store_rollback(st);
		goto fail;
	}
	return st;
fail:
	fprintf(stderr, "praxis: %s\n", err.msg);
	store_close(st);
	return NULL;
}

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = "praxis.db";
	struct store *st;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (!(st = cli_open_migrated(db)))
		return 1;
	printf("%s: schema version %d\n", db, store_schema_version(st));
	store_close(st);
	return 0;
}
