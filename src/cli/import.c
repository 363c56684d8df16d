/* import.c - `praxis import`: saved web pages and text files (and the
 * other formats of domain/import_format.h) into practices for review,
 * or published, one transaction per file, with a summary table. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "domain/import.h"
#include "domain/import_format.h"
#include "store/store.h"

static const char usage[] =
	"usage: praxis import [--db FILE] [--publish] FILE|DIR ...\n"
	"\n"
	"Imports practices from saved web pages and text files: pages of the\n"
	"Polish good-practice database with their key facts (\"Metryka\n"
	"praktyki\"), and other articles, news items and minutes as drafts.\n"
	"Directories are read recursively in name order, hidden files left\n"
	"out. Practices go to the editors' queue (in review) unless --publish\n"
	"is given. A file is imported whole or not at all; content imported\n"
	"before (by its SHA-256) is not imported again. praxis's own exports\n"
	"(CSV, and JSON with translations and relations by key) import too;\n"
	"a relation to a key not in the file is reported on stderr. Ends\n"
	"with a table of every file; the exit status is 1 when any file\n"
	"failed.\n"
	"\n"
	"  --db FILE   database file (default praxis.db)\n"
	"  --publish   publish the practices at once\n"
	"  --help      show this help\n";

enum { FILE_MAX = 32 << 20 }; /* bytes: no saved page is larger */

struct row {
	char *file, *format, *lang, *result;
	unsigned fields;
	bool failed;
};

struct run {
	struct store *st;
	bool publish;
	struct arena a; /* the file list and the rows */
	char **files;
	size_t nfiles, fcap;
	struct row *rows;
	size_t nrows, rcap;
	int64_t imported, already, failed;
};

static int add_file(struct run *r, const char *path)
{
	if (!(r->files = arena_grow(&r->a, r->files, r->nfiles, &r->fcap,
				    sizeof *r->files)) ||
	    !(r->files[r->nfiles] = arena_strdup(&r->a, path)))
		return -1;
	r->nfiles++;
	return 0;
}

static int by_name(const struct dirent **x, const struct dirent **y)
{
	return strcmp((*x)->d_name, (*y)->d_name);
}

static int no_hidden(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Files under path, in name order; a path that is neither a file nor a
 * directory still gets its row, with the reason. */
static int walk(struct run *r, const char *path, int depth)
{
	struct dirent **list;
	struct stat sb;
	int n, rc = 0;

	if (stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode) || depth > 32)
		return add_file(r, path);
	if ((n = scandir(path, &list, no_hidden, by_name)) < 0)
		return add_file(r, path);
	for (int i = 0; i < n; i++) {
		char *sub = arena_printf(&r->a, "%s%s%s", path,
					 path[strlen(path) - 1] == '/' ? "" : "/",
					 list[i]->d_name);
		if (rc == 0 && (!sub || walk(r, sub, depth + 1) < 0))
			rc = -1;
		free(list[i]);
	}
	free(list);
	return rc;
}

/* A copy fit for a terminal: control characters (a file may be named
 * with escape sequences) as '?'. */
static char *printable(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s ? s : "");

	for (char *p = out; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return out;
}

static struct row *add_row(struct run *r, const char *file)
{
	struct row *w;

	if (!(r->rows = arena_grow(&r->a, r->rows, r->nrows, &r->rcap,
				   sizeof *r->rows)))
		return NULL;
	w = &r->rows[r->nrows++];
	memset(w, 0, sizeof *w);
	w->file = printable(&r->a, file);
	return w;
}

static char *read_all(const char *path, size_t *len, struct error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	char *data = NULL;

	if (!f) {
		error_set(err, ERR_IO, "cannot open: %m");
		return NULL;
	}
	if (fstat(fileno(f), &sb) < 0 || !S_ISREG(sb.st_mode))
		error_set(err, ERR_IO, "not a regular file");
	else if (sb.st_size > FILE_MAX)
		error_set(err, ERR_INVALID, "larger than %d MB", FILE_MAX >> 20);
	else if (!(data = malloc((size_t)sb.st_size + 1)))
		error_set(err, ERR_INTERNAL, "out of memory");
	else if ((*len = fread(data, 1, (size_t)sb.st_size, f)) != (size_t)sb.st_size ||
		 ferror(f)) {
		error_set(err, ERR_IO, "read error");
		free(data);
		data = NULL;
	} else {
		data[*len] = '\0';
	}
	fclose(f);
	return data;
}

/* A relation the import could not make, on stderr. */
static void say(void *ctx, const char *key, const char *what, const char *to)
{
	struct arena a = ARENA_INIT;

	fprintf(stderr, "praxis import: %s: practice '%s': %s '%s'\n",
		printable(&a, ctx), printable(&a, key), what,
		printable(&a, to));
	arena_free(&a);
}

static void import_one(struct run *r, const char *file)
{
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct import_file f = {0};
	struct row *w = add_row(r, file);
	struct import_result res = {0};
	size_t len = 0;
	char *data;

	if (!w)
		return;
	if (!(data = read_all(file, &len, &err)) ||
	    import_file_read(r->st, &a, file, data, len, &f, &err) < 0 ||
	    import_file_store(r->st, &a, file, &f, r->publish, say,
			      (void *)file, &res, &err) < 0) {
		w->failed = true;
		w->result = printable(&r->a, arena_printf(&r->a, "error: %s", err.msg));
		r->failed++;
	} else if (!f.nrecords) {
		w->result = arena_strdup(&r->a, "nothing to import");
	} else if (!res.added) {
		w->result = arena_strdup(&r->a, "already imported");
	} else {
		w->result = res.seen
			? arena_printf(&r->a, "imported %lld, %lld already",
				       (long long)res.added, (long long)res.seen)
			: arena_printf(&r->a, "imported %lld", (long long)res.added);
	}
	if (res.translated && w->result)
		w->result = arena_printf(&r->a, "%s; %lld translations added",
					 w->result, (long long)res.translated);
	if (res.missing && w->result)
		w->result = arena_printf(&r->a, "%s; %lld relations not found",
					 w->result, (long long)res.missing);
	r->imported += res.added;
	r->already += res.seen;
	w->format = arena_strdup(&r->a, f.format ? f.format : "-");
	w->lang = arena_strdup(&r->a, f.lang ? f.lang : "-");
	for (size_t i = 0; i < f.nrecords; i++)
		w->fields += f.records[i].nfields;
	free(data);
	arena_free(&a);
}

static void print_table(const struct run *r)
{
	int width = 4;

	for (size_t i = 0; i < r->nrows; i++) {
		int n = (int)strlen(r->rows[i].file);
		if (n > width)
			width = n > 72 ? 72 : n;
	}
	printf("%-*s  %-12s  %-4s  %6s  %s\n", width, "FILE", "FORMAT", "LANG",
	       "FIELDS", "RESULT");
	for (size_t i = 0; i < r->nrows; i++) {
		const struct row *w = &r->rows[i];
		printf("%-*s  %-12s  %-4s  %6u  %s\n", width, w->file,
		       w->format ? w->format : "-", w->lang ? w->lang : "-",
		       w->fields, w->result ? w->result : "error: out of memory");
	}
	printf("%zu files: %lld practices imported, %lld already imported, "
	       "%lld files failed\n", r->nrows, (long long)r->imported,
	       (long long)r->already, (long long)r->failed);
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"publish", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = "praxis.db";
	struct run r = {.a = ARENA_INIT};
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'p': r.publish = true; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind == argc) {
		fputs(usage, stderr);
		return 2;
	}
	for (int i = optind; i < argc; i++)
		if (walk(&r, argv[i], 0) < 0) {
			fputs("praxis import: out of memory\n", stderr);
			goto out;
		}
	if (!(r.st = cli_open_migrated(db)))
		goto out;
	for (size_t i = 0; i < r.nfiles; i++)
		import_one(&r, r.files[i]);
	print_table(&r);
	rc = r.failed || r.nrows < r.nfiles ? 1 : 0;
out:
	store_close(r.st);
	arena_free(&r.a);
	return rc;
}
