/* Unit tests of the bulk exports and their import readers: the demo data
 * (and a practice of awkward values) exported as CSV, Excel CSV and a
 * data set, read back with import_read_csv / import_read_json, field by
 * field equal to the stored records; no contact person in any byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/assets.h"
#include "domain/dataset.h"
#include "domain/export.h"
#include "domain/import_readers.h"
#include "domain/taxonomy.h"
#include "store/store.h"
#include "temp_store.h"
#include "web/export_cache.h"

/* Values a spreadsheet or the list encodings could trip over. */
static const char awkward[] =
	"{\"organisations\": [{\"key\": \"o\", \"name\": \"=Gmina; \\\"X\\\"\","
	" \"unit_type\": \"ngo\", \"town\": \"-Town\", \"postal_code\": \"05-082\","
	" \"lat\": -12.3456789, \"lon\": 0.1}],"
	" \"practices\": [{\"key\": \"p\", \"organisation\": \"o\", \"lang\": \"en\","
	" \"title\": \"=HYPERLINK(\\\"http://x\\\")\", \"summary\": \"@sum,\\r\\nline\","
	" \"body\": \"+ list\\n- item | pipe \\\\ backslash\","
	" \"keywords\": [\"a|b\", \"c\\\\d\", \"'=e\"], \"categories\": [\"crisis-other\"],"
	" \"links\": [{\"kind\": \"legal_act\", \"url\": \"https://example.org/a?x=1|2\","
	" \"title\": \"Uchwała | nr 1\", \"act_number\": \"XII/1/2019\","
	" \"act_date\": \"2019-03-20\"}, {\"kind\": \"video\","
	" \"url\": \"https://example.org/v\"}],"
	" \"contacts\": [{\"name\": \"Secret Person\", \"phone\": \"+48 999 000 111\","
	" \"email\": \"secret@example.org\"}],"
	" \"date_entered\": \"2024-02-29\", \"published_at\": \"2024-03-01\"}]}";

struct fixture {
	char path[64];
	struct store *st;
	struct arena a;
	int64_t *ids; /* published, in id order */
	size_t nids;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct error err = ERROR_INIT;
	struct dataset_stats stats;

	if (!fx || !(fx->st = temp_store_open(fx->path, sizeof fx->path,
					      "test-export", true)))
		return -1;
	if (dataset_load_json(fx->st, awkward, strlen(awkward), &stats, &err) < 0 ||
	    store_export_practice_ids(fx->st, &fx->a, 0, 1000, &fx->ids,
				      &fx->nids, &err) < 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(fx->st);
	arena_free(&fx->a);
	temp_store_remove(fx->path);
	free(fx);
	return 0;
}

/* The export's bytes (malloc'd, NUL-terminated). */
static char *export(struct fixture *fx, enum export_format f, size_t *len)
{
	struct error err = ERROR_INIT;
	FILE *out = tmpfile();
	char *data;
	long n;

	assert_non_null(out);
	if (export_write(fx->st, f, "https://praxis.example", out, &err) < 0)
		fail_msg("export: %s", err.msg);
	n = ftell(out);
	rewind(out);
	data = malloc((size_t)n + 1);
	*len = fread(data, 1, (size_t)n, out);
	data[*len] = '\0';
	fclose(out);
	return data;
}

static void same(const char *what, const char *a, const char *b)
{
	if (strcmp(a ? a : "", b ? b : ""))
		fail_msg("%s: '%s' != '%s'", what, a ? a : "", b ? b : "");
}

/* Every field the export carries, compared with the stored record. */
static void check_record(struct fixture *fx, const struct import_record *r,
			 int64_t id, bool exact_time)
{
	struct error err = ERROR_INIT;
	const struct practice_input *in = &r->practice;
	struct practice p;

	if (store_practice_get(fx->st, &fx->a, id, NULL, true, &p, &err) < 0)
		fail_msg("get %lld: %s", (long long)id, err.msg);
	same("lang", in->lang, p.lang);
	same("title", in->title, p.title);
	same("summary", in->summary, p.summary);
	same("body", in->body, p.body);
	same("implementing_office", in->implementing_office, p.implementing_office);
	same("date_entered", in->date_entered, p.date_entered);
	same("period_start", in->period_start, p.period_start);
	same("period_end", in->period_end, p.period_end);
	assert_int_equal(in->status, p.status);
	assert_int_equal(in->initiator, p.initiator);
	if (exact_time)
		assert_int_equal(in->published_at, p.published_at);
	else /* the data set has the day */
		assert_int_equal(in->published_at / 86400, p.published_at / 86400);
	assert_int_equal(in->ncategories, p.ncategories);
	for (size_t i = 0; i < p.ncategories; i++)
		assert_int_equal(in->category_ids[i], p.categories[i].id);
	assert_int_equal(in->nkeywords, p.nkeywords);
	for (size_t i = 0; i < p.nkeywords; i++)
		same("keyword", in->keywords[i], p.keywords[i]);
	assert_int_equal(in->nlinks, p.nlinks);
	for (size_t i = 0; i < p.nlinks; i++) {
		assert_int_equal(in->links[i].kind, p.links[i].kind);
		same("link url", in->links[i].url, p.links[i].url);
		same("link title", in->links[i].title, p.links[i].title);
		same("act_number", in->links[i].act_number, p.links[i].act_number);
		same("act_date", in->links[i].act_date, p.links[i].act_date);
		same("issuer", in->links[i].issuer, p.links[i].issuer);
	}
	assert_int_equal(in->ncontacts, 0);
	same("organisation", r->org.name, p.org.name);
	assert_int_equal(r->org.unit_type, p.org.unit_type);
	same("town", r->org.town, p.org.town);
	same("county", r->org.county, p.org.county);
	same("region", r->org.region, p.org.region);
	same("country", r->org.country, p.org.country);
	same("postal_code", r->org.postal_code, p.org.postal_code);
	same("post_office", r->org.post_office, p.org.post_office);
	same("street", r->org.street, p.org.street);
	same("website", r->org.website, p.org.website);
	assert_int_equal(r->org.population, p.org.population);
	assert_int_equal(r->org.has_coords, p.org.has_coords);
	if (p.org.has_coords) {
		assert_true(r->org.lat == p.org.lat);
		assert_true(r->org.lon == p.org.lon);
	}
	assert_non_null(r->content);
	assert_true(r->nfields >= 8);
}

/* No contact person's name, phone or e-mail in the bytes. */
static void no_contacts(const char *data)
{
	const struct asset *demo = asset_find("demo.json");
	json_t *root = json_loadb((const char *)demo->data, demo->size, 0, NULL);
	json_t *p, *c;
	size_t i, k, seen = 0;

	json_array_foreach(json_object_get(root, "practices"), i, p)
		json_array_foreach(json_object_get(p, "contacts"), k, c) {
			const char *fields[] = {"name", "phone", "email"};
			for (size_t f = 0; f < 3; f++) {
				const char *s = json_string_value(json_object_get(c, fields[f]));
				if (s && strstr(data, s))
					fail_msg("contact %s '%s' exported", fields[f], s);
				seen += !!s;
			}
		}
	json_decref(root);
	assert_true(seen > 40);
	assert_null(strstr(data, "secret@example.org"));
	assert_null(strstr(data, "Secret Person"));
	assert_null(strstr(data, "999 000 111"));
}

static void csv_round_trip(struct fixture *fx, enum export_format f)
{
	struct error err = ERROR_INIT;
	struct import_file file;
	size_t len;
	char *data = export(fx, f, &len);

	no_contacts(data);
	if (f == EXPORT_CSV_EXCEL) {
		assert_memory_equal(data, "\xEF\xBB\xBFid;url;slug;", 15);
	} else {
		assert_memory_equal(data, "id,url,slug,lang,", 17);
	}
	assert_non_null(strstr(data, "\r\n"));
	/* formula cells are neutralised in the bytes */
	assert_non_null(strstr(data, "\"'=HYPERLINK(\"\"http://x\"\")\""));
	assert_non_null(strstr(data, "'=Gmina"));
	assert_non_null(strstr(data, "-12.3456789"));
	if (import_read_csv(fx->st, &fx->a, "x.csv", data, len, &file, &err) < 0)
		fail_msg("read: %s", err.msg);
	assert_string_equal(file.format, "csv");
	assert_int_equal(file.nrecords, fx->nids);
	assert_int_equal(fx->nids, 45); /* 44 of the demo, and the awkward one */
	for (size_t i = 0; i < file.nrecords; i++)
		check_record(fx, &file.records[i], fx->ids[i], true);
	free(data);
}

static void csv_exports_read_back_equal(void **state)
{
	csv_round_trip(*state, EXPORT_CSV);
}

static void excel_exports_read_back_equal(void **state)
{
	csv_round_trip(*state, EXPORT_CSV_EXCEL);
}

/* Each demo practice's translations, as the export has them. */
static void same_translations(json_t *exported)
{
	const struct asset *demo = asset_find("demo.json");
	json_t *root = json_loadb((const char *)demo->data, demo->size, 0, NULL);
	json_t *p, *q;
	size_t i, k, seen = 0;

	json_array_foreach(json_object_get(root, "practices"), i, p) {
		json_t *tr = json_object_get(p, "translations");
		if (!tr)
			continue;
		json_array_foreach(json_object_get(exported, "practices"), k, q)
			if (json_equal(json_object_get(q, "title"),
				       json_object_get(p, "title"))) {
				assert_true(json_equal(json_object_get(q, "translations"), tr));
				seen++;
			}
	}
	json_decref(root);
	assert_int_equal(seen, 1);
}

static void json_exports_read_back_equal(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct import_file file, csv;
	size_t len, clen;
	char *data = export(fx, EXPORT_JSON, &len);
	char *cdata = export(fx, EXPORT_CSV, &clen);
	json_t *root = json_loadb(data, len, 0, NULL);

	no_contacts(data);
	assert_non_null(root);
	assert_int_equal(json_array_size(json_object_get(root, "practices")), 45);
	assert_null(strstr(data, "\"contacts\""));
	same_translations(root);
	json_decref(root);
	if (import_read_json(fx->st, &fx->a, "x.json", data, len, &file, &err) < 0)
		fail_msg("read: %s", err.msg);
	assert_int_equal(file.nrecords, fx->nids);
	assert_int_equal(import_read_csv(fx->st, &fx->a, "x.csv", cdata, clen,
					 &csv, &err), 0);
	for (size_t i = 0; i < file.nrecords; i++) {
		check_record(fx, &file.records[i], fx->ids[i], false);
		/* one practice, one content text, whichever the format */
		assert_string_equal(file.records[i].content, csv.records[i].content);
	}
	free(data);
	free(cdata);
}

static void bad_files_are_refused_with_reasons(void **state)
{
	static const struct { const char *in, *msg; } cases[] = {
		{"", "an empty file"},
		{"title,summary\nx,y\n", "line 1: needs the columns"},
		{"title,summary,organisation,colour\n", "line 1: unknown column 'colour'"},
		{"title,title,summary,organisation\n", "line 1: column 'title' twice"},
		{"title,summary,organisation,categories\nt,s,o,no-such\n",
		 "line 2, column categories: unknown category 'no-such'"},
		{"title,summary,organisation,links\nt,s,o,\"article|x\nsong|y\"\n",
		 "line 2, column links: expected kind|url"},
		{"title,summary,organisation,lat\nt,s,o,1e999\n",
		 "line 2, column lat: expected a number"},
		{"title,summary,organisation,published_at\nt,s,o,2019-02-30\n",
		 "line 2, column published_at"},
		{"title,summary,organisation\nt,s,o\nt,s\n", "line 3: 2 cells"},
		{"title,summary,organisation,published_at\nt,s,o,2019-02-03T-1:00:00Z\n",
		 "line 2, column published_at"},
		{"title,summary,organisation,published_at\nt,s,o,2019-02-03T10:00:00+\n",
		 "line 2, column published_at"},
		{"title,summary,organisation,population\nt,s,o,-5\n",
		 "line 2, column population: expected a whole number"},
		{"title,summary,organisation,unit_type\nt,s,o,moon\n",
		 "line 2, column unit_type: unknown unit type"},
	};
	struct fixture *fx = *state;
	struct import_file file;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct error err = ERROR_INIT;
		assert_true(import_read_csv(fx->st, &fx->a, "x.csv", cases[i].in,
					    strlen(cases[i].in), &file, &err) < 0);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)))
			fail_msg("case %zu: '%s'", i, err.msg);
	}
	static const char *const json_cases[] = {
		"[]", "{\"practices\": 3}", "{\"practices\": [{\"organisation\": \"x\"}]}",
		"{\"organisations\": [{\"key\": \"o\", \"unit_type\": \"moon\"}],"
		" \"practices\": [{\"organisation\": \"o\"}]}", "{",
	};
	for (size_t i = 0; i < sizeof json_cases / sizeof *json_cases; i++) {
		struct error err = ERROR_INIT;
		assert_true(import_read_json(fx->st, &fx->a, "x.json", json_cases[i],
					     strlen(json_cases[i]), &file, &err) < 0);
		assert_true(err.msg[0] != '\0');
	}
}

static void a_subset_of_columns_is_enough(void **state)
{
	const char *s = "\xEF\xBB\xBForganisation;title;summary;keywords;population\r\n"
			"Gmina A;Tytuł;Skrót;a|b\\|c;1200\r\n";
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct import_file file;

	assert_int_equal(import_read_csv(fx->st, &fx->a, "x.csv", s, strlen(s),
					 &file, &err), 0);
	assert_int_equal(file.nrecords, 1);
	assert_string_equal(file.records[0].org.name, "Gmina A");
	assert_string_equal(file.records[0].practice.title, "Tytuł");
	assert_int_equal(file.records[0].practice.nkeywords, 2);
	assert_string_equal(file.records[0].practice.keywords[1], "b|c");
	assert_int_equal(file.records[0].org.population, 1200);
	assert_int_equal(file.records[0].nfields, 5);
}

static int fills;

static int fill_text(void *ctx, FILE *out, struct error *err)
{
	(void)err;
	fills++;
	fprintf(out, "%s %d", (const char *)ctx, fills);
	return 0;
}

static int fill_fails(void *ctx, FILE *out, struct error *err)
{
	(void)ctx;
	(void)out;
	return error_set(err, ERR_IO, "disk full");
}

static void cached_exports_are_rewritten_only_when_the_catalogue_changes(void **state)
{
	struct export_cache *c = export_cache_new();
	struct error err = ERROR_INIT;
	char text[64];
	FILE *f;

	(void)state;
	fills = 0;
	for (int i = 0; i < 3; i++) {
		assert_non_null(f = export_cache_open(c, 1, 7, fill_text, "csv", &err));
		assert_non_null(fgets(text, sizeof text, f));
		assert_string_equal(text, "csv 1");
		fclose(f);
	}
	assert_int_equal(fills, 1);
	assert_non_null(f = export_cache_open(c, 1, 8, fill_text, "csv", &err));
	assert_non_null(fgets(text, sizeof text, f));
	assert_string_equal(text, "csv 2");
	fclose(f);
	assert_non_null(f = export_cache_open(c, 0, 8, fill_text, "json", &err));
	assert_non_null(fgets(text, sizeof text, f));
	assert_string_equal(text, "json 3");
	fclose(f);
	/* a failed export keeps nothing and says why */
	assert_null(export_cache_open(c, 2, 8, fill_fails, NULL, &err));
	assert_string_equal(err.msg, "disk full");
	assert_null(export_cache_open(c, 9, 8, fill_text, "x", &err));
	export_cache_free(c);
}

/* A file named for process pid, as the cache names its files. */
static void touch_export(char *path, size_t size, long pid)
{
	FILE *f;

	snprintf(path, size, "%s/praxis-export-%ld-test", P_tmpdir, pid);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
}

static void files_of_crashed_servers_are_swept(void **state)
{
	char gone[128], alive[128];
	struct export_cache *c;
	pid_t pid = fork();

	(void)state;
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	touch_export(gone, sizeof gone, (long)pid); /* its server has ended */
	touch_export(alive, sizeof alive, (long)getppid()); /* still running */
	assert_non_null(c = export_cache_new());
	assert_int_equal(access(gone, F_OK), -1);
	assert_int_equal(access(alive, F_OK), 0);
	export_cache_free(c);
	unlink(alive);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(csv_exports_read_back_equal, setup, teardown),
		cmocka_unit_test_setup_teardown(excel_exports_read_back_equal, setup, teardown),
		cmocka_unit_test_setup_teardown(json_exports_read_back_equal, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_files_are_refused_with_reasons, setup, teardown),
		cmocka_unit_test_setup_teardown(a_subset_of_columns_is_enough, setup, teardown),
		cmocka_unit_test(cached_exports_are_rewritten_only_when_the_catalogue_changes),
		cmocka_unit_test(files_of_crashed_servers_are_swept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
