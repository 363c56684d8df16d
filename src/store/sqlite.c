/* sqlite.c - opening SQLite connections, transactions and the shared
 * helpers of the SQLite store. */
#include "store/sqlite_facets.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_phrases.h"
#include "store/sqlite_impl.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const sq_sql[SQ__MAX] = {
	[SQ_PRACTICE_GET] =
		"SELECT p.id, p.slug, p.lang, p.status, p.created_at, p.updated_at,"
		" p.published_at, p.revision, coalesce(tr.lang, o.lang),"
		" coalesce(tr.title, o.title), coalesce(tr.summary, o.summary),"
		" coalesce(nullif(tr.body, ''), o.body), p.implementing_office,"
		" p.initiator_type, p.date_entered, p.period_start, p.period_end,"
		" p.lat, p.lon, p.views, p.organisation_id,"
		" CASE WHEN tr.body <> '' THEN tr.lang ELSE o.lang END"
		" FROM practice p JOIN practice_text o"
		"  ON o.practice_id = p.id AND o.lang = p.lang"
		" LEFT JOIN practice_text tr ON tr.practice_id = p.id AND tr.lang = ?2"
		" WHERE p.id = ?1",
	[SQ_PRACTICE_CONTACTS] =
		"SELECT id, name, role, phone, email FROM contact"
		" WHERE practice_id = ? ORDER BY position, id",
	[SQ_PRACTICE_LINKS] =
		"SELECT id, kind, url, title, act_number, act_date, issuer FROM link"
		" WHERE practice_id = ? ORDER BY position, id",
	[SQ_PRACTICE_CATEGORIES] =
		"SELECT c.id, c.slug, v.slug, coalesce(l.label, e.label, c.slug)"
		" FROM practice_category pc JOIN category c ON c.id = pc.category_id"
		" JOIN vocabulary v ON v.id = c.vocabulary_id"
		" LEFT JOIN category_label l ON l.category_id = c.id AND l.lang = ?2"
		" LEFT JOIN category_label e ON e.category_id = c.id AND e.lang = 'en'"
		" WHERE pc.practice_id = ?1 ORDER BY v.position, c.position",
	[SQ_PRACTICE_KEYWORDS] =
		"SELECT word FROM keyword WHERE practice_id = ? ORDER BY position",
	[SQ_PRACTICE_RELATED_OUT] =
		"SELECT r.kind, p.id, p.slug, t.title FROM relation r"
		" JOIN practice p ON p.id = r.to_id AND p.status = 'published'"
		" JOIN practice_text t ON t.practice_id = p.id AND t.lang = p.lang"
		" WHERE r.from_id = ? ORDER BY r.kind, p.id",
	[SQ_PRACTICE_RELATED_IN] =
		"SELECT r.kind, p.id, p.slug, t.title FROM relation r"
		" JOIN practice p ON p.id = r.from_id AND p.status = 'published'"
		" JOIN practice_text t ON t.practice_id = p.id AND t.lang = p.lang"
		" WHERE r.to_id = ? ORDER BY r.kind, p.id",
	[SQ_ORGANISATION_GET] =
		"SELECT id, slug, name, unit_type, town, county, region, country,"
		" postal_code, post_office, street, website, population, lat, lon,"
		" geo_status FROM organisation WHERE id = ?",
	[SQ_CATEGORY_GET] =
		"SELECT c.id, c.parent_id, c.vocabulary_id, c.slug, v.slug,"
		" coalesce(l.label, e.label, c.slug)"
		" FROM category c JOIN vocabulary v ON v.id = c.vocabulary_id"
		" LEFT JOIN category_label l ON l.category_id = c.id AND l.lang = ?2"
		" LEFT JOIN category_label e ON e.category_id = c.id AND e.lang = 'en'"
		" WHERE c.slug = ?1",
	[SQ_GENERATION] = "SELECT generation FROM catalog_state WHERE id = 1",
	[SQ_FTS_FACTS] =
		"SELECT g.name, g.town, g.county, g.region, p.implementing_office,"
		" (SELECT group_concat(word, ' · ') FROM keyword WHERE practice_id = p.id),"
		" (SELECT group_concat(l.label, ' · ') FROM practice_category pc"
		"   JOIN category_label l ON l.category_id = pc.category_id"
		"   AND l.lang = p.lang WHERE pc.practice_id = p.id)"
		" FROM practice p JOIN organisation g ON g.id = p.organisation_id"
		" WHERE p.id = ?",
	[SQ_FTS_TEXTS] =
		"SELECT lang, title, summary, body FROM practice_text"
		" WHERE practice_id = ?",
};

/* praxis_likeness(unit_type, population, my_unit, my_population): the
 * domain's likeness_score, for ORDER BY. */
static void sql_likeness(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	struct likeness me = {
		.unit_type = code_parse(unit_type_codes, UNIT__MAX,
					(const char *)sqlite3_value_text(v[2])),
		.population = sqlite3_value_int64(v[3]),
	};
	int unit = code_parse(unit_type_codes, UNIT__MAX,
			      (const char *)sqlite3_value_text(v[0]));

	(void)argc;
	sqlite3_result_double(ctx, likeness_score(unit, sqlite3_value_int64(v[1]),
						  &me));
}

int store_library_init(void)
{
	/* Memory statistics take a global mutex on every allocation, which
	 * serialises request threads; praxis does not read them. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	return sqlite3_initialize() == SQLITE_OK ? 0 : -1;
}

int64_t sq_now(void)
{
	return (int64_t)time(NULL);
}

int sq_fail(struct store *st, struct error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(st->db);
	enum error_code code = ERR_IO;

	if (rc == SQLITE_INTERRUPT)
		return error_set(err, ERR_TIMEOUT, "%s: took too long", what);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		code = (rc == SQLITE_CONSTRAINT_UNIQUE ||
			rc == SQLITE_CONSTRAINT_PRIMARYKEY) ? ERR_CONFLICT
							    : ERR_INVALID;
	return error_set(err, code, "%s: %s", what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *sq_prepare(struct store *st, const char *sql, struct error *err)
{
	struct sq_cached *slot = NULL;
	sqlite3_stmt *s = NULL;

	/* Pages build the same SQL texts again and again (values are bound),
	 * and compiling one costs more than running it. */
	for (int i = 0; i < SQ_CACHE; i++) {
		struct sq_cached *c = &st->cache[i];
		if (c->s && !c->busy && !strcmp(c->sql, sql)) {
			c->busy = true;
			c->used = ++st->tick;
			sqlite3_reset(c->s);
			sqlite3_clear_bindings(c->s);
			return c->s;
		}
		if (!c->busy && (!slot || !c->s || (slot->s && c->used < slot->used)))
			slot = c;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
			       NULL) != SQLITE_OK) {
		sq_fail(st, err, "prepare");
		return NULL;
	}
	if (slot) { /* else every slot is busy: s stays uncached */
		char *copy = strdup(sql);
		if (copy) {
			sqlite3_finalize(slot->s);
			free(slot->sql);
			slot->sql = copy;
			slot->s = s;
			slot->busy = true;
			slot->used = ++st->tick;
		}
	}
	return s;
}

void sq_release(struct store *st, sqlite3_stmt *s)
{
	if (!s)
		return;
	for (int i = 0; i < SQ_CACHE; i++)
		if (st->cache[i].s == s) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			st->cache[i].busy = false;
			return;
		}
	sqlite3_finalize(s);
}

sqlite3_stmt *sq_stmt(struct store *st, enum sq_stmt id, struct error *err)
{
	sqlite3_stmt *s = st->stmts[id];

	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	if (sqlite3_prepare_v3(st->db, sq_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
			       &s, NULL) != SQLITE_OK) {
		sq_fail(st, err, "prepare");
		return NULL;
	}
	return st->stmts[id] = s;
}

int sq_exec(struct store *st, const char *sql, struct error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(st, err, "exec");
	return 0;
}

int sq_run(struct store *st, sqlite3_stmt *s, const char *what,
	   struct error *err)
{
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : sq_fail(st, err, what);
	sq_release(st, s);
	return rc;
}

const char *sq_text(struct arena *a, sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	if (!t)
		return NULL;
	return arena_strndup(a, (const char *)t,
			     (size_t)sqlite3_column_bytes(s, col));
}

int sq_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (!v || !*v)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

struct store *store_open(const char *path, int flags, struct error *err)
{
	struct store *st = calloc(1, sizeof *st);
	int oflags = SQLITE_OPEN_NOMUTEX;
	int version;

	if (!st) {
		error_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	st->flags = flags;
	if (!(st->share = sq_share_new())) {
		error_set(err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	oflags |= (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY
					   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		error_set(err, ERR_IO, "cannot open database %s: %s", path,
			  st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if (sq_exec(st, "PRAGMA foreign_keys = ON", err) < 0 ||
	    sq_fts_register(st, err) < 0 || sq_snippet_open(st, err) < 0)
		goto fail;
	if (sqlite3_create_function(st->db, "praxis_likeness", 4,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_likeness, NULL, NULL) != SQLITE_OK) {
		sq_fail(st, err, "function");
		goto fail;
	}
	/* Reads through a memory map save a copy and a syscall per page;
	 * the map covers a large catalogue's whole file (SQLite caps it at
	 * its compile-time limit), and costs address space, not memory. */
	if (sq_exec(st, "PRAGMA mmap_size = 4294967296", err) < 0)
		goto fail;
	if (!(flags & STORE_READONLY) &&
	    (sq_exec(st, "PRAGMA journal_mode = WAL", err) < 0 ||
	     sq_exec(st, "PRAGMA synchronous = NORMAL", err) < 0))
		goto fail;
	version = sq_schema_version(st);
	if (version < 0) {
		sq_fail(st, err, path);
		goto fail;
	}
	if (version > sq_schema_latest()) {
		error_set(err, ERR_VERSION,
			  "database %s has schema version %d, but this praxis "
			  "knows only up to %d: use a newer praxis",
			  path, version, sq_schema_latest());
		goto fail;
	}
	if (version < sq_schema_latest() && !(flags & STORE_NO_MIGRATE_CHECK)) {
		error_set(err, ERR_VERSION,
			  "database %s has schema version %d, this praxis needs "
			  "%d: run 'praxis init --db %s' to migrate it",
			  path, version, sq_schema_latest(), path);
		goto fail;
	}
	return st;
fail:
	store_close(st);
	return NULL;
}

void store_share(struct store *st, const struct store *with)
{
	sq_share_join(st, with);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < SQ__MAX; i++)
		sqlite3_finalize(st->stmts[i]);
	for (int i = 0; i < SQ_FTS_TABLES; i++) {
		sqlite3_finalize(st->fts_delete[i]);
		sqlite3_finalize(st->fts_insert[i]);
		sqlite3_finalize(st->fts_snippet[i]);
	}
	for (int i = 0; i < SQ_CACHE; i++) {
		sqlite3_finalize(st->cache[i].s);
		free(st->cache[i].sql);
	}
	sq_phrase_unpin(st);
	free(st->pins.e);
	sq_share_leave(st);
	sq_share_unref(st->share);
	sq_scratch_free(st->scratch);
	sqlite3_close(st->db);
	free(st);
}

/* Called by SQLite every few thousand instructions; nonzero interrupts. */
static int past_deadline(void *arg)
{
	struct store *st = arg;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > st->deadline.tv_sec ||
	       (now.tv_sec == st->deadline.tv_sec &&
		now.tv_nsec > st->deadline.tv_nsec);
}

void store_set_deadline(struct store *st, unsigned ms)
{
	if (!ms) {
		sqlite3_progress_handler(st->db, 0, NULL, NULL);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &st->deadline);
	st->deadline.tv_sec += ms / 1000;
	st->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (st->deadline.tv_nsec >= 1000000000L) {
		st->deadline.tv_sec++;
		st->deadline.tv_nsec -= 1000000000L;
	}
	sqlite3_progress_handler(st->db, 10000, past_deadline, st);
}

int store_read_begin(struct store *st, struct error *err)
{
	return sq_exec(st, "BEGIN DEFERRED", err);
}

void store_read_end(struct store *st)
{
	store_rollback(st); /* nothing to keep: ends the snapshot */
}

int store_begin(struct store *st, struct error *err)
{
	return sq_exec(st, "BEGIN IMMEDIATE", err);
}

int store_commit(struct store *st, struct error *err)
{
	return sq_exec(st, "COMMIT", err);
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_schema_version(struct store *st)
{
	return sq_schema_version(st);
}

int store_schema_latest(void)
{
	return sq_schema_latest();
}
