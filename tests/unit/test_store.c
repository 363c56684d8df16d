/* Unit tests of src/store (SQLite): migrations, the version guard, the
 * practice record's round trip, filters, paging and counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/assets.h"
#include "domain/dataset.h"
#include "domain/geo.h"
#include "domain/views.h"
#include "store/sqlite_impl.h"
#include "store/store.h"
#include "temp_store.h"

static int setup(void **state)
{
	return (*state = store_fixture_new("test", true)) ? 0 : -1;
}

static int teardown(void **state)
{
	store_fixture_free(*state);
	return 0;
}

static void migration_is_idempotent_and_newer_schema_refused(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	int from, to;
	sqlite3 *db;

	assert_int_equal(store_migrate(fx->st, &from, &to, &err), 0);
	assert_int_equal(from, store_schema_latest());
	assert_int_equal(to, store_schema_latest());

	/* A database from a future praxis is refused with a clear message. */
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL,
				      NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_open(fx->path, 0, &err));
	assert_int_equal(err.code, ERR_VERSION);
	assert_non_null(strstr(err.msg, "newer praxis"));
	assert_null(store_open(fx->path, STORE_NO_MIGRATE_CHECK, &err));
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL);
	sqlite3_close(db);
}

static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Migration 9 moves practice_text and revision out of WITHOUT ROWID
 * tables: every row stays, the keys still hold, and a change to a text
 * still moves the catalogue's generation. */
static void texts_move_to_rowid_tables_with_every_row(void **state)
{
	static const char *const to_v8 =
		"CREATE TABLE t8 (practice_id INTEGER NOT NULL REFERENCES"
		" practice(id) ON DELETE CASCADE, lang TEXT NOT NULL, title TEXT"
		" NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',"
		" PRIMARY KEY (practice_id, lang)) WITHOUT ROWID;"
		"INSERT INTO t8 SELECT practice_id, lang, title, summary, body"
		" FROM practice_text;"
		"DROP TABLE practice_text; ALTER TABLE t8 RENAME TO practice_text;"
		"CREATE TABLE r8 (practice_id INTEGER NOT NULL REFERENCES"
		" practice(id) ON DELETE CASCADE, revision INTEGER NOT NULL,"
		" created_at INTEGER NOT NULL, account_id INTEGER REFERENCES"
		" account(id) ON DELETE SET NULL, actor TEXT NOT NULL, note TEXT,"
		" snapshot TEXT NOT NULL, PRIMARY KEY (practice_id, revision))"
		" WITHOUT ROWID;"
		"INSERT INTO r8 SELECT practice_id, revision, created_at,"
		" account_id, actor, note, snapshot FROM revision;"
		"DROP TABLE revision; ALTER TABLE r8 RENAME TO revision;"
		"PRAGMA user_version = 8;";
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	sqlite3 *db = fx->st->db;
	int64_t texts, revisions, generation;
	int from, to;

	assert_int_equal(sqlite3_exec(db, "INSERT INTO revision VALUES (1, 99, 0,"
				      " NULL, 'test', 'a note', '{\"title\": \"x\"}')",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TEMP TABLE tb AS SELECT * FROM"
				      " practice_text; CREATE TEMP TABLE rb AS"
				      " SELECT * FROM revision", NULL, NULL, NULL),
			 SQLITE_OK);
	texts = query_int(db, "SELECT count(*) FROM practice_text");
	revisions = query_int(db, "SELECT count(*) FROM revision");
	assert_true(texts > 40 && revisions > 0);
	assert_int_equal(sqlite3_exec(db, to_v8, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE"
				   " sql LIKE '%WITHOUT ROWID' AND name IN"
				   " ('practice_text', 'revision')"), 2);

	assert_int_equal(store_migrate(fx->st, &from, &to, &err), 0);
	assert_int_equal(from, 8);
	assert_int_equal(to, store_schema_latest());
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE"
				   " sql LIKE '%WITHOUT ROWID' AND name IN"
				   " ('practice_text', 'revision')"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM practice_text"), texts);
	assert_int_equal(query_int(db, "SELECT count(*) FROM (SELECT * FROM tb"
				   " EXCEPT SELECT * FROM practice_text)"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM revision"), revisions);
	assert_int_equal(query_int(db, "SELECT count(*) FROM (SELECT * FROM rb"
				   " EXCEPT SELECT * FROM revision)"), 0);
	/* the keys hold */
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO practice_text SELECT"
					  " * FROM tb LIMIT 1", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO revision SELECT * FROM"
					  " rb LIMIT 1", NULL, NULL, NULL),
			     SQLITE_OK);
	/* a text's change is still seen by caches and search */
	assert_int_equal(store_generation(fx->st, &generation, &err), 0);
	assert_int_equal(sqlite3_exec(db, "UPDATE practice_text SET title ="
				      " title || '!' WHERE practice_id = 1 AND lang ="
				      " (SELECT lang FROM practice WHERE id = 1)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(query_int(db, "SELECT generation FROM catalog_state"),
			 generation + 1);
}

static void old_schema_asks_for_init(void **state)
{
	char path[] = "/tmp/praxis-empty-XXXXXX";
	struct error err = ERROR_INIT;
	int fd = mkstemp(path);
	(void)state;

	close(fd);
	assert_null(store_open(path, 0, &err));
	assert_int_equal(err.code, ERR_VERSION);
	assert_non_null(strstr(err.msg, "praxis init"));
	temp_store_remove(path);
}

static void practice_round_trips_with_all_parts(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct organisation org = {.name = "Gmina <Test>", .unit_type = UNIT_RURAL_MUNICIPALITY,
				   .town = "Testowo", .region = "mazowieckie",
				   .country = "PL", .population = 5100,
				   .has_coords = true, .lat = 52.1, .lon = 21.0};
	struct contact contacts[] = {{0, "Jan Kowalski", "sołtys", "555", "j@example.org"}};
	struct link links[] = {{0, LINK_LEGAL_ACT, NULL, "Uchwała nr I/1/2020",
				"I/1/2020", "2020-01-10", "Rada Gminy Testowo"}};
	int64_t cats[] = {store_category_id(fx->st, "culture"),
			  store_category_id(fx->st, "crisis-other")};
	const char *kws[] = {"seniorzy", "kultura"};
	struct practice_input in = {
		.lang = "pl", .title = "Klub <Seniora>", .summary = "Skrót.",
		.body = "## Cel\n\nTreść.", .status = STATUS_PUBLISHED,
		.initiator = INITIATOR_INFORMAL_GROUP, .date_entered = "2021-05-05",
		.contacts = contacts, .ncontacts = 1, .links = links, .nlinks = 1,
		.category_ids = cats, .ncategories = 2, .keywords = kws,
		.nkeywords = 2};
	struct practice p;
	int64_t id, other;

	assert_true(cats[0] > 0 && cats[1] > 0);
	int64_t gen0, gen1;
	assert_int_equal(store_generation(fx->st, &gen0, &err), 0);
	assert_int_equal(store_organisation_insert(fx->st, &org, &in.org_id, &err), 0);
	assert_int_equal(store_practice_insert(fx->st, &in, &id, &err), 0);
	assert_int_equal(store_generation(fx->st, &gen1, &err), 0);
	assert_true(gen1 > gen0); /* content changed: caches must notice */
	in.title = "Adaptacja";
	assert_int_equal(store_practice_insert(fx->st, &in, &other, &err), 0);
	assert_int_equal(store_practice_relate(fx->st, other, id,
					       RELATION_ADAPTED_FROM, &err), 0);
	assert_int_equal(store_practice_get(fx->st, &fx->a, id, "en", true, &p, &err), 0);
	assert_string_equal(p.title, "Klub <Seniora>");
	assert_string_equal(p.slug, "klub-seniora");
	assert_string_equal(p.text_lang, "pl");
	assert_int_equal(p.status, STATUS_PUBLISHED);
	assert_true(p.published_at > 0);
	assert_string_equal(p.org.name, "Gmina <Test>");
	assert_int_equal(p.org.population, 5100);
	assert_true(p.has_coords); /* inherited from the organisation */
	assert_int_equal(p.ncontacts, 1);
	assert_string_equal(p.contacts[0].email, "j@example.org");
	assert_int_equal(p.nlinks, 1);
	assert_int_equal(p.links[0].kind, LINK_LEGAL_ACT);
	assert_string_equal(p.links[0].act_number, "I/1/2020");
	assert_int_equal(p.ncategories, 2);
	assert_string_equal(p.categories[0].label, "Culture");
	assert_int_equal(p.nkeywords, 2);
	assert_int_equal(p.nadaptations, 1);
	assert_int_equal(p.adaptations[0].id, other);
	assert_int_equal(store_practice_get(fx->st, &fx->a, other, "pl", true, &p, &err), 0);
	assert_non_null(p.adapted_from);
	assert_int_equal(p.adapted_from->id, id);

	/* an invalid record is refused and nothing is stored */
	in.title = "";
	assert_true(store_practice_insert(fx->st, &in, &id, &err) < 0);
	assert_non_null(strstr(err.msg, "title"));
	assert_int_equal(store_practice_get(fx->st, &fx->a, 999999, "pl", false,
					    &p, &err), ERR_NOT_FOUND);
}

static int64_t count(struct store_fixture *fx, const struct practice_filter *f)
{
	struct page_req pr = {.limit = 1};
	struct practice_page res;
	struct error err = ERROR_INIT;

	assert_int_equal(store_practice_list(fx->st, &fx->a, "pl", f, &pr, &res, &err), 0);
	return res.total;
}

static void filters_narrow_and_unpublished_stay_hidden(void **state)
{
	struct store_fixture *fx = *state;
	struct practice_filter f = {0};
	struct store_totals t;
	struct error err = ERROR_INIT;
	int64_t all, parent, child;

	assert_int_equal(store_totals(fx->st, &t, &err), 0);
	all = count(fx, &f);
	assert_int_equal(all, t.practices);
	assert_true(all >= 40);
	f.categories[f.ncategories++] = "culture";
	child = count(fx, &f);
	f.categories[0] = "social-services";
	parent = count(fx, &f);
	assert_true(child > 0 && parent > child); /* subcategories included */
	memset(&f, 0, sizeof f);
	f.langs[f.nlangs++] = "sl";
	assert_true(count(fx, &f) >= 5);
	f.langs[f.nlangs++] = "en"; /* OR within a facet */
	int64_t sl_en = count(fx, &f);
	assert_true(sl_en > 5);
	f.unit_types[f.nunit_types++] = UNIT_REGION; /* AND across facets */
	assert_true(count(fx, &f) < sl_en);
	memset(&f, 0, sizeof f);
	f.years[f.nyears++] = 2020;
	assert_true(count(fx, &f) > 0);
	memset(&f, 0, sizeof f);
	f.regions[f.nregions++] = "no such region";
	assert_int_equal(count(fx, &f), 0);

	/* the demo's practices in review are never listed */
	struct page_req pr = {.limit = PAGE_LIMIT_MAX};
	struct practice_page res;
	memset(&f, 0, sizeof f);
	assert_int_equal(store_practice_list(fx->st, &fx->a, "pl", &f, &pr, &res, &err), 0);
	for (size_t i = 0; i < res.n; i++)
		assert_int_equal(res.items[i].status, STATUS_PUBLISHED);
}

static void cursor_paging_visits_every_practice_once(void **state)
{
	struct store_fixture *fx = *state;
	struct practice_filter f = {0};
	struct page_req pr = {.limit = 7};
	struct practice_page res;
	struct error err = ERROR_INIT;
	int64_t seen = 0, last_time = INT64_MAX, total;
	char marks[100000] = {0};

	total = count(fx, &f);
	do {
		assert_int_equal(store_practice_list(fx->st, &fx->a, "pl", &f, &pr,
						     &res, &err), 0);
		for (size_t i = 0; i < res.n; i++) {
			assert_true(res.items[i].published_at <= last_time);
			last_time = res.items[i].published_at;
			assert_int_equal(marks[res.items[i].id], 0);
			marks[res.items[i].id] = 1;
			seen++;
		}
		pr.has_cursor = true;
		pr.after = res.next;
	} while (res.has_next);
	assert_int_equal(seen, total);
}

static void vocabularies_have_tree_and_counts(void **state)
{
	struct store_fixture *fx = *state;
	struct vocabulary *vs;
	struct category c;
	struct error err = ERROR_INIT;
	size_t n;

	assert_int_equal(store_vocabulary_list(fx->st, &fx->a, "pl", &vs, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(vs[0].slug, "themes");
	assert_string_equal(vs[0].label, "Obszary tematyczne");
	assert_string_equal(vs[0].categories[0].slug, "social-services");
	assert_int_equal(vs[0].categories[0].depth, 0);
	assert_string_equal(vs[0].categories[1].slug, "culture");
	assert_int_equal(vs[0].categories[1].depth, 1);
	assert_true(vs[0].categories[0].count >= vs[0].categories[1].count);
	assert_int_equal(vs[1].ncategories, 8);
	assert_int_equal(store_category_get(fx->st, &fx->a, "health", "en", &c, &err), 0);
	assert_string_equal(c.label, "Health");
	assert_true(c.parent_id > 0);
	assert_int_equal(store_category_get(fx->st, &fx->a, "nope", "en", &c, &err),
			 ERR_NOT_FOUND);
}

static void view_counts_reach_the_store(void **state)
{
	struct store_fixture *fx = *state;
	struct view_counter *vc = views_new();
	struct error err = ERROR_INIT;
	struct practice p;
	int64_t gen_before, gen_after;

	assert_int_equal(store_practice_get(fx->st, &fx->a, 1, "pl", false, &p, &err), 0);
	int64_t before = p.views;
	for (int i = 0; i < 5; i++)
		views_hit(vc, 1, "Mozilla/5.0");
	assert_int_equal(store_generation(fx->st, &gen_before, &err), 0);
	assert_int_equal(views_flush(vc, fx->st, &err), 0);
	assert_int_equal(views_pending(vc, 1), 0);
	/* views are not content: cached pages stay valid */
	assert_int_equal(store_generation(fx->st, &gen_after, &err), 0);
	assert_int_equal(gen_before, gen_after);
	assert_int_equal(store_practice_get(fx->st, &fx->a, 1, "pl", false, &p, &err), 0);
	assert_int_equal(p.views, before + 5);
	views_free(vc);
}

static void bad_data_sets_store_nothing(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct dataset_stats stats;
	struct store_totals before, after;
	static const char bad[] =
		"{\"organisations\":[{\"key\":\"o\",\"name\":\"G\",\"unit_type\":\"county\"}],"
		"\"practices\":[{\"key\":\"a\",\"organisation\":\"o\",\"lang\":\"pl\","
		"\"title\":\"ok\",\"summary\":\"s\"},{\"key\":\"b\",\"organisation\":\"o\","
		"\"lang\":\"pl\",\"title\":\"x\",\"summary\":\"s\",\"categories\":[\"nope\"]}]}";

	assert_int_equal(store_totals(fx->st, &before, &err), 0);
	assert_true(dataset_load_json(fx->st, bad, strlen(bad), &stats, &err) < 0);
	assert_non_null(strstr(err.msg, "practice 1 (b)"));
	assert_true(dataset_load_json(fx->st, "{", 1, &stats, &err) < 0);
	assert_int_equal(store_totals(fx->st, &after, &err), 0);
	assert_int_equal(before.practices, after.practices);
	assert_int_equal(before.organisations, after.organisations);
}

static void deadline_stops_a_runaway_query(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;

	store_set_deadline(fx->st, 50);
	assert_int_equal(sq_exec(fx->st, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
				 " SELECT i + 1 FROM n) SELECT count(*) FROM"
				 " (SELECT i FROM n LIMIT 1000000000)", &err),
			 ERR_TIMEOUT);
	store_set_deadline(fx->st, 0);
	/* the connection works as before */
	struct store_totals t;
	assert_int_equal(store_totals(fx->st, &t, &err), 0);
}


static int64_t add_account(struct store *st, const char *email,
			   enum account_role role)
{
	struct account acc = {.email = email, .name = "T", .role = role};
	struct error err = ERROR_INIT;
	int64_t id = 0;

	assert_int_equal(store_account_insert(st, &acc, "$argon2id$x", &id, &err), 0);
	return id;
}

static void sessions_expire_idle_absolute_and_with_their_account(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct account acc;
	uint8_t h1[32] = {1}, h2[32] = {2};
	int64_t seen, id = add_account(fx->st, "s@example.org", ACCOUNT_EDITOR);

	assert_int_equal(store_account_insert(fx->st, &(struct account){
		.email = "S@example.org", .name = "x"}, "h", &seen, &err), ERR_CONFLICT);
	assert_int_equal(store_session_insert(fx->st, h1, id, 1000, &err), 0);
	assert_int_equal(store_session_insert(fx->st, h2, id, 1000, &err), 0);
	/* seen at 1000: alive for idle_since <= 1000, created_since <= 1000 */
	assert_int_equal(store_session_get(fx->st, &fx->a, h1, 900, 900, &acc, &seen, &err), 0);
	assert_string_equal(acc.email, "s@example.org");
	assert_int_equal(acc.role, ACCOUNT_EDITOR);
	assert_int_equal(store_session_get(fx->st, &fx->a, h1, 1001, 900, &acc, &seen, &err), ERR_NOT_FOUND);
	assert_int_equal(store_session_get(fx->st, &fx->a, h1, 900, 1001, &acc, &seen, &err), ERR_NOT_FOUND);
	/* touching keeps it from idling out, not from its absolute end */
	assert_int_equal(store_session_touch(fx->st, h1, 2000, &err), 0);
	assert_int_equal(store_session_get(fx->st, &fx->a, h1, 1500, 900, &acc, &seen, &err), 0);
	assert_int_equal(seen, 2000);
	assert_int_equal(store_session_get(fx->st, &fx->a, h1, 1500, 1001, &acc, &seen, &err), ERR_NOT_FOUND);
	/* disabling the account, or a new password, ends all its sessions */
	assert_int_equal(store_account_set_disabled(fx->st, id, true, &err), 0);
	assert_int_equal(store_session_get(fx->st, &fx->a, h2, 0, 0, &acc, &seen, &err), ERR_NOT_FOUND);
	assert_int_equal(store_account_set_disabled(fx->st, id, false, &err), 0);
	assert_int_equal(store_session_insert(fx->st, h1, id, 3000, &err), 0);
	assert_int_equal(store_account_set_password(fx->st, id, "new", &err), 0);
	assert_int_equal(store_session_get(fx->st, &fx->a, h1, 0, 0, &acc, &seen, &err), ERR_NOT_FOUND);
	/* expiry forgets old sessions */
	assert_int_equal(store_session_insert(fx->st, h2, id, 3000, &err), 0);
	assert_int_equal(store_expire(fx->st, 3001, 0, 0, &err), 0);
	assert_int_equal(store_session_get(fx->st, &fx->a, h2, 0, 0, &acc, &seen, &err), ERR_NOT_FOUND);
}

static void rate_limits_count_per_window(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	int64_t n;

	for (int i = 1; i <= 3; i++) {
		assert_int_equal(store_rate_hit(fx->st, "k", 900, &n, &err), 0);
		assert_int_equal(n, i);
	}
	assert_int_equal(store_rate_hit(fx->st, "other", 900, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_rate_hit(fx->st, "k", 1800, &n, &err), 0);
	assert_int_equal(n, 1); /* a new window starts over */
	assert_int_equal(store_rate_hit(fx->st, "k", 1800, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_rate_forgive(fx->st, "k", 1, &err), 0);
	assert_int_equal(store_rate_hit(fx->st, "k", 1800, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_rate_forgive(fx->st, "k", INT64_MAX, &err), 0);
	assert_int_equal(store_rate_hit(fx->st, "k", 1800, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_expire(fx->st, 0, 0, 1800, &err), 0);
	assert_int_equal(store_rate_hit(fx->st, "other", 900, &n, &err), 0);
	assert_int_equal(n, 1); /* its old window was forgotten */
}

static void audit_filters_and_pages_newest_first(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct audit_entry *e;
	size_t n;

	for (int i = 0; i < 5; i++)
		assert_int_equal(store_audit_add(fx->st, &(struct audit_entry){
			.actor = i % 2 ? "a@example.org" : "b@example.org",
			.action = i < 3 ? AUDIT_EDIT : AUDIT_LOGIN,
			.object_type = "practice", .object_id = i + 1}, &err), 0);
	assert_int_equal(store_audit_list(fx->st, &fx->a, &(struct audit_filter){
		.limit = 10}, &e, &n, &err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(e[0].object_id, 5);
	assert_int_equal(store_audit_list(fx->st, &fx->a, &(struct audit_filter){
		.action = AUDIT_EDIT, .actor = "b@example.org", .limit = 10}, &e, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_audit_list(fx->st, &fx->a, &(struct audit_filter){
		.limit = 2, .before_id = e[0].id}, &e, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_true(e[0].id < e[1].id + 2 && e[1].id < e[0].id);
}

static void queue_lists_by_status_age_and_organisation(void **state)
{
	struct store_fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct submission *items;
	size_t n;
	int64_t total, all;

	assert_int_equal(store_queue_list(fx->st, &fx->a, &(struct queue_filter){
		.now = sq_now(), .statuses = (1u << STATUS__MAX) - 1}, &items, &n, &all, &err), 0);
	assert_true(all >= 45);
	assert_int_equal(store_queue_list(fx->st, &fx->a, &(struct queue_filter){
		.now = sq_now()}, &items, &n, &total, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_true(items[i].status == STATUS_SUBMITTED ||
			    items[i].status == STATUS_IN_REVIEW);
	assert_true(total < all);
	assert_int_equal(store_queue_list(fx->st, &fx->a, &(struct queue_filter){
		.now = sq_now(), .older_than = 100L * 365 * 86400,
		.statuses = (1u << STATUS__MAX) - 1}, &items, &n, &total, &err), 0);
	assert_int_equal(total, 0); /* nothing waits a century */
	assert_int_equal(store_queue_list(fx->st, &fx->a, &(struct queue_filter){
		.now = sq_now(), .org_id = 1, .statuses = (1u << STATUS__MAX) - 1},
		&items, &n, &total, &err), 0);
	assert_true(total >= 1 && total < all);
}

/* Places as the gazetteer has them: diacritics, several towns of one
 * name in different regions, a Slovene one. */
static void put_places(struct store *st)
{
	static const struct place places[] = {
		{"Kórnik", "PL", "wielkopolskie", 52.24772, 17.08949},
		{"Wysoka", "PL", "wielkopolskie", 53.18091, 17.08353},
		{"Wysoka", "PL", "podkarpackie", 50.04474, 22.26002},
		{"Wysoka", "PL", "śląskie", 50.42989, 19.35368},
		{"Bielsko-Biała", "PL", "śląskie", 49.82245, 19.04686},
		{"Škofja Loka", "SI", "Škofja Loka", 46.16551, 14.30626},
	};
	struct error err = ERROR_INIT;
	char key[FOLD_MAX];

	assert_int_equal(store_begin(st, &err), 0);
	for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
		geo_key(places[i].name, key);
		assert_int_equal(store_place_put(st, &places[i], key, &err), 0);
	}
	assert_int_equal(store_commit(st, &err), 0);
}

static int locate(struct store_fixture *fx, const char *town, const char *region,
		  const char *country, double *lat)
{
	struct organisation o = {.town = town, .region = region, .country = country};
	struct error err = ERROR_INIT;
	int geo = geo_locate(fx->st, &fx->a, &o, &err);

	*lat = o.has_coords ? o.lat : 0;
	return geo;
}

static void places_are_found_whatever_the_spelling(void **state)
{
	struct store_fixture *fx = *state;
	double lat;
	char key[FOLD_MAX];

	put_places(fx->st);
	for (const char *const *t = (const char *const[]){"Kórnik", "kornik",
		"KÓRNIK", " Kornik ", "KoRnIk", NULL}; *t; t++) {
		assert_int_equal(locate(fx, *t, NULL, "PL", &lat), GEO_LOCATED);
		assert_true(lat > 52.24 && lat < 52.25);
	}
	assert_int_equal(locate(fx, "skofja loka", NULL, "SI", &lat), GEO_LOCATED);
	assert_int_equal(locate(fx, "ŠKOFJA   LOKA", NULL, "SI", &lat), GEO_LOCATED);
	assert_int_equal(locate(fx, "Skofja Loka", NULL, "PL", &lat), GEO_UNKNOWN);
	assert_int_equal(locate(fx, "bielsko biala", NULL, NULL, &lat), GEO_LOCATED);
	geo_key("Bielsko-Biała", key);
	assert_string_equal(key, "bielsko biala");
	/* one name in three regions: the record's region decides */
	assert_int_equal(locate(fx, "Wysoka", "wielkopolskie", "PL", &lat), GEO_LOCATED);
	assert_true(lat > 53.18 && lat < 53.19);
	assert_int_equal(locate(fx, "wysoka", "Województwo Podkarpackie", "PL", &lat), GEO_LOCATED);
	assert_true(lat > 50.04 && lat < 50.05);
	assert_int_equal(locate(fx, "Wysoka", NULL, "PL", &lat), GEO_AMBIGUOUS);
	assert_int_equal(locate(fx, "Wysoka", "lubelskie", "PL", &lat), GEO_AMBIGUOUS);
	assert_int_equal(locate(fx, "Nigdzie Wielkie", "mazowieckie", "PL", &lat), GEO_UNKNOWN);
	assert_int_equal(locate(fx, "", NULL, "PL", &lat), GEO_UNKNOWN);
	/* 0 km to itself; Kórnik to Bielsko-Biała, about 300 km */
	assert_true(geo_distance_km(52.24772, 17.08949, 52.24772, 17.08949) < 1e-9);
	double d = geo_distance_km(52.24772, 17.08949, 49.82245, 19.04686);
	assert_true(d > 295 && d < 310);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migration_is_idempotent_and_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(texts_move_to_rowid_tables_with_every_row, setup, teardown),
		cmocka_unit_test(old_schema_asks_for_init),
		cmocka_unit_test_setup_teardown(practice_round_trips_with_all_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(filters_narrow_and_unpublished_stay_hidden, setup, teardown),
		cmocka_unit_test_setup_teardown(cursor_paging_visits_every_practice_once, setup, teardown),
		cmocka_unit_test_setup_teardown(vocabularies_have_tree_and_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(view_counts_reach_the_store, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_data_sets_store_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(deadline_stops_a_runaway_query, setup, teardown),
		cmocka_unit_test_setup_teardown(sessions_expire_idle_absolute_and_with_their_account, setup, teardown),
		cmocka_unit_test_setup_teardown(rate_limits_count_per_window, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_filters_and_pages_newest_first, setup, teardown),
		cmocka_unit_test_setup_teardown(queue_lists_by_status_age_and_organisation, setup, teardown),
		cmocka_unit_test_setup_teardown(places_are_found_whatever_the_spelling, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
