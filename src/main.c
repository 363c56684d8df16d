/* main.c - parses the command line and dispatches to a subcommand. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{"serve", cmd_serve, "serve the catalogue over HTTP"},
	{"init", cmd_init, "create or migrate the database"},
	{"demo", cmd_demo, "load demo practices (or a data set, or generated ones)"},
	{"search", cmd_search, "search the published practices"},
	{"reindex", cmd_reindex, "rebuild the search index"},
	{"user", cmd_user, "add accounts, change passwords, disable accounts"},
	{"gazetteer", cmd_gazetteer, "load places (GeoNames) and locate organisations"},
	{"export", cmd_export, "write the published practices as JSON or CSV"},
	{"import", cmd_import, "import practices from saved web pages and text files"},
	{"routes", cmd_routes, "print the route table as JSON (for tests and scanners)"},
};

static void usage(FILE *f)
{
	fputs("usage: praxis COMMAND [--db FILE] [options]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
	fputs("\n'praxis COMMAND --help' describes each command.\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (sodium_init() < 0 || store_library_init() < 0) {
		fputs("praxis: cannot initialise the database library\n", stderr);
		return 1;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "praxis: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
