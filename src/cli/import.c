/* import.c - `praxis import`: saved web pages and text files (and the
 * other formats of domain/import_format.h) into practices for review,
 * or published, one transaction per file, with a summary table. */
#include <dirent.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "domain/geo.h"
#include "domain/import_format.h"
#include "domain/revision.h"
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
#define ACTOR "import"

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

static void hash_hex(const char *content, char hex[crypto_hash_sha256_BYTES * 2 + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)content, strlen(content));
	sodium_bin2hex(hex, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof h);
}

/* The stored organisation of the same name in the same town, else the
 * record's, located by the gazetteer the way data sets' units are. */
static int org_id_of(struct run *r, struct arena *a, struct organisation *o,
		     int64_t *id, struct error *err)
{
	int rc = store_organisation_find(r->st, o->name, o->town, id, err);

	if (rc != ERR_NOT_FOUND)
		return rc;
	if (geo_locate(r->st, a, o, err) < 0)
		return -1;
	return store_organisation_insert(r->st, o, id, err);
}

/* The first revision and the audit entry, as a submission gets them. */
static int record_history(struct run *r, struct arena *a, int64_t id,
			  const char *file, struct error *err)
{
	struct practice p;
	struct buf snap;
	int rc;

	if (store_practice_get(r->st, a, id, NULL, false, &p, err) < 0)
		return -1;
	buf_init(&snap, 4096);
	rc = revision_snapshot(&p, &snap, err);
	if (rc == 0) {
		struct revision_info ri = {.practice_id = id, .revision = p.revision,
					   .actor = ACTOR, .note = file,
					   .snapshot = snap.data};
		rc = store_revision_put(r->st, &ri, 0, err);
	}
	buf_release(&snap);
	if (rc == 0) {
		struct audit_entry e = {.actor = ACTOR, .action = AUDIT_IMPORT,
			.object_type = "practice", .object_id = id,
			.detail = practice_status_codes[p.status]};
		rc = store_audit_add(r->st, &e, err);
	}
	return rc;
}

/* A record's key and the practice it is (new or imported before). */
struct keyed {
	const char *key;
	int64_t id;
};

static int by_key(const void *x, const void *y)
{
	return strcmp(((const struct keyed *)x)->key,
		      ((const struct keyed *)y)->key);
}

static void say(const char *file, const char *key, const char *what,
		const char *to)
{
	struct arena a = ARENA_INIT;

	fprintf(stderr, "praxis import: %s: practice '%s': %s '%s'\n",
		printable(&a, file), printable(&a, key), what,
		printable(&a, to));
	arena_free(&a);
}

/* The file's relations, by key, once all its records are in, between
 * the practices they are, new or imported before (a CSV import of the
 * same records has none; an existing relation stays as it is, so
 * importing again changes nothing). A key that is not in the file is
 * reported on stderr and counted in *missing. */
static int relate_file(struct run *r, struct arena *a, const char *file,
		       const struct import_file *f, const int64_t *ids,
		       int64_t *missing, struct error *err)
{
	struct keyed *k = arena_calloc(a, f->nrecords + 1, sizeof *k);
	size_t nk = 0;

	*missing = 0;
	if (!k)
		return error_set(err, ERR_INTERNAL, "out of memory");
	for (size_t i = 0; i < f->nrecords; i++)
		if (f->records[i].key && ids[i])
			k[nk++] = (struct keyed){f->records[i].key, ids[i]};
	qsort(k, nk, sizeof *k, by_key);
	for (size_t i = 0; i < f->nrecords; i++) {
		const struct import_record *rec = &f->records[i];
		for (size_t j = 0; j < rec->nrelations; j++) {
			const struct import_relation *rel = &rec->relations[j];
			struct keyed want = {.key = rel->key}, *to;

			to = nk ? bsearch(&want, k, nk, sizeof *k, by_key) : NULL;
			if (!to || to->id == ids[i]) {
				say(file, rec->key ? rec->key : "",
				    to ? "relation to itself"
				       : rel->kind == RELATION_ADAPTED_FROM
				       ? "adapted_from: not in the file"
				       : "related: not in the file", rel->key);
				(*missing)++;
				continue;
			}
			if (store_practice_relate(r->st, ids[i], to->id, rel->kind,
						  err) < 0)
				return ERR_IO;
		}
	}
	return 0;
}

/* The record's translations; for a practice imported before (known),
 * only the languages it does not have yet, so that a JSON export brings
 * the translations of practices first imported from CSV (the content
 * hash leaves translations out) and never overwrites an editor's.
 * *added counts the ones stored. */
static int put_translations(struct run *r, struct arena *a, int64_t id,
			    bool known, const struct import_record *rec,
			    int64_t *added, struct error *err)
{
	struct practice_translation *have = NULL;
	size_t nhave = 0;

	if (known && rec->ntranslations &&
	    store_practice_translations(r->st, a, id, &have, &nhave, err) < 0)
		return -1;
	for (size_t i = 0; i < rec->ntranslations; i++) {
		const struct import_translation *t = &rec->translations[i];
		bool there = false;

		for (size_t k = 0; k < nhave && !there; k++)
			there = !strcmp(have[k].lang, t->lang);
		if (there)
			continue;
		if (store_practice_translation_put(r->st, id, t->lang, t->title,
						   t->summary, t->body, err) < 0)
			return -1;
		(*added)++;
	}
	return 0;
}

/* Stores the file's records and then their relations in one
 * transaction; *added and *seen count new ones and ones imported
 * before, *translated the translations added to the latter, *missing
 * the relations that could not be resolved. */
static int store_file(struct run *r, struct arena *a, const char *file,
		      struct import_file *f, int64_t *added, int64_t *seen,
		      int64_t *translated, int64_t *missing, struct error *err)
{
	struct error why = ERROR_INIT;
	int64_t *ids = arena_calloc(a, f->nrecords + 1, sizeof *ids);
	size_t i;
	int rc;

	*added = *seen = *translated = *missing = 0;
	if (!ids)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (store_begin(r->st, err) < 0)
		return -1;
	for (i = 0; i < f->nrecords; i++) {
		struct import_record *rec = &f->records[i];
		char hash[crypto_hash_sha256_BYTES * 2 + 1];
		bool known;
		int64_t id, nt = 0;

		hash_hex(rec->content ? rec->content : "", hash);
		if ((rc = store_import_seen(r->st, hash, &known, &why)) < 0)
			goto fail;
		if (known) {
			/* its practice, for relations and translations */
			if ((rc = store_import_practice(r->st, hash, &ids[i],
							&why)) < 0 ||
			    (rc = put_translations(r, a, ids[i], true, rec,
						   translated, &why)) < 0)
				goto fail;
			(*seen)++;
			continue;
		}
		rec->practice.status = r->publish ? STATUS_PUBLISHED : STATUS_IN_REVIEW;
		if ((rc = org_id_of(r, a, &rec->org, &rec->practice.org_id, &why)) < 0 ||
		    (rc = store_practice_insert(r->st, &rec->practice, &id, &why)) < 0 ||
		    (rc = put_translations(r, a, id, false, rec, &nt, &why)) < 0 ||
		    (rc = store_import_put(r->st, id, file, f->format, hash, &why)) < 0 ||
		    (rc = record_history(r, a, id, file, &why)) < 0)
			goto fail;
		ids[i] = id;
		(*added)++;
	}
	if ((rc = relate_file(r, a, file, f, ids, missing, err)) < 0) {
		store_rollback(r->st);
		*added = *seen = *translated = *missing = 0;
		return rc;
	}
	if ((rc = store_commit(r->st, err)) == 0)
		return 0;
	store_rollback(r->st);
	*added = *seen = *translated = *missing = 0;
	return rc;
fail:
	store_rollback(r->st);
	*added = *seen = *translated = *missing = 0;
	return f->nrecords > 1
		? error_set(err, why.code, "record %zu: %s", i + 1, why.msg)
		: error_set(err, why.code, "%s", why.msg);
}

static void import_one(struct run *r, const char *file)
{
	struct arena a = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct import_file f = {0};
	struct row *w = add_row(r, file);
	int64_t added = 0, seen = 0, translated = 0, missing = 0;
	size_t len = 0;
	char *data;

	if (!w)
		return;
	if (!(data = read_all(file, &len, &err)) ||
	    import_file_read(r->st, &a, file, data, len, &f, &err) < 0 ||
	    store_file(r, &a, file, &f, &added, &seen, &translated,
		       &missing, &err) < 0) {
		w->failed = true;
		w->result = printable(&r->a, arena_printf(&r->a, "error: %s", err.msg));
		r->failed++;
	} else if (!f.nrecords) {
		w->result = arena_strdup(&r->a, "nothing to import");
	} else if (!added) {
		w->result = arena_strdup(&r->a, "already imported");
	} else {
		w->result = seen ? arena_printf(&r->a, "imported %lld, %lld already",
						(long long)added, (long long)seen)
				 : arena_printf(&r->a, "imported %lld", (long long)added);
	}
	if (translated && w->result)
		w->result = arena_printf(&r->a, "%s; %lld translations added",
					 w->result, (long long)translated);
	if (missing && w->result)
		w->result = arena_printf(&r->a, "%s; %lld relations not found",
					 w->result, (long long)missing);
	r->imported += added;
	r->already += seen;
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
