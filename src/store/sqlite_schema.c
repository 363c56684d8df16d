/* sqlite_schema.c - numbered schema migrations of the SQLite store. The
 * schema version lives in PRAGMA user_version; each migration runs in one
 * transaction with the version bump, so a failure leaves the old schema. */
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"

#include <stdio.h>

/* Every change to what pages show bumps catalog_state.generation, so that
 * a rendered page can be reused exactly while its generation holds, by
 * every server sharing the database. View counts are left out: they
 * change all the time and pages cache them only briefly. */
#define BUMP "BEGIN UPDATE catalog_state SET generation = generation + 1; END;"
#define TRACK(t)                                                        \
	"CREATE TRIGGER " t "_gen_ins AFTER INSERT ON " t " " BUMP         \
	"CREATE TRIGGER " t "_gen_upd AFTER UPDATE ON " t " " BUMP         \
	"CREATE TRIGGER " t "_gen_del AFTER DELETE ON " t " " BUMP

static const char *const migrations[] = {
	/* 1: the catalogue */
	"CREATE TABLE organisation ("
	" id INTEGER PRIMARY KEY,"
	" slug TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" unit_type TEXT NOT NULL,"
	" town TEXT, county TEXT, region TEXT, country TEXT,"
	" postal_code TEXT, post_office TEXT, street TEXT, website TEXT,"
	" population INTEGER CHECK (population IS NULL OR population >= 0),"
	" lat REAL, lon REAL,"
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
	"CREATE INDEX organisation_region ON organisation(region);"

	"CREATE TABLE practice ("
	" id INTEGER PRIMARY KEY,"
	" slug TEXT NOT NULL,"
	" lang TEXT NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN"
	"  ('submitted','in_review','published','rejected','withdrawn')),"
	" organisation_id INTEGER NOT NULL REFERENCES organisation(id),"
	" implementing_office TEXT,"
	" initiator_type TEXT NOT NULL,"
	" date_entered TEXT, period_start TEXT, period_end TEXT,"
	" lat REAL, lon REAL,"
	" views INTEGER NOT NULL DEFAULT 0,"
	" revision INTEGER NOT NULL DEFAULT 1,"
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
	" published_at INTEGER);"
	"CREATE INDEX practice_newest ON practice(status, published_at DESC, id DESC);"
	"CREATE INDEX practice_organisation ON practice(organisation_id);"

	/* Title, summary and body per language; the original is the row whose
	 * lang equals practice.lang, translations are the others. */
	"CREATE TABLE practice_text ("
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" lang TEXT NOT NULL,"
	" title TEXT NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (practice_id, lang)) WITHOUT ROWID;"

	"CREATE TABLE contact ("
	" id INTEGER PRIMARY KEY,"
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" name TEXT, role TEXT, phone TEXT, email TEXT);"
	"CREATE INDEX contact_practice ON contact(practice_id);"

	"CREATE TABLE link ("
	" id INTEGER PRIMARY KEY,"
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" kind TEXT NOT NULL, url TEXT, title TEXT,"
	" act_number TEXT, act_date TEXT, issuer TEXT);"
	"CREATE INDEX link_practice ON link(practice_id);"

	"CREATE TABLE keyword ("
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" word TEXT NOT NULL,"
	" PRIMARY KEY (practice_id, word)) WITHOUT ROWID;"

	"CREATE TABLE relation ("
	" from_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" to_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('adapted_from','related')),"
	" PRIMARY KEY (from_id, to_id, kind), CHECK (from_id <> to_id)) WITHOUT ROWID;"
	"CREATE INDEX relation_to ON relation(to_id);"

	"CREATE TABLE vocabulary ("
	" id INTEGER PRIMARY KEY,"
	" slug TEXT NOT NULL UNIQUE,"
	" position INTEGER NOT NULL);"
	"CREATE TABLE vocabulary_label ("
	" vocabulary_id INTEGER NOT NULL REFERENCES vocabulary(id) ON DELETE CASCADE,"
	" lang TEXT NOT NULL, label TEXT NOT NULL,"
	" PRIMARY KEY (vocabulary_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE category ("
	" id INTEGER PRIMARY KEY,"
	" vocabulary_id INTEGER NOT NULL REFERENCES vocabulary(id) ON DELETE CASCADE,"
	" parent_id INTEGER REFERENCES category(id),"
	" slug TEXT NOT NULL UNIQUE,"
	" position INTEGER NOT NULL);"
	"CREATE INDEX category_parent ON category(parent_id);"
	"CREATE TABLE category_label ("
	" category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,"
	" lang TEXT NOT NULL, label TEXT NOT NULL,"
	" PRIMARY KEY (category_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE practice_category ("
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,"
	" PRIMARY KEY (practice_id, category_id)) WITHOUT ROWID;"
	"CREATE INDEX practice_category_category ON practice_category(category_id, practice_id);",

	/* 2: the catalogue's generation, for caches */
	"CREATE TABLE catalog_state ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" generation INTEGER NOT NULL);"
	"INSERT INTO catalog_state (id, generation) VALUES (1, 1);"
	"CREATE TRIGGER practice_gen_ins AFTER INSERT ON practice " BUMP
	"CREATE TRIGGER practice_gen_del AFTER DELETE ON practice " BUMP
	"CREATE TRIGGER practice_gen_upd AFTER UPDATE OF slug, lang, status,"
	" organisation_id, implementing_office, initiator_type, date_entered,"
	" period_start, period_end, lat, lon, revision, created_at, updated_at,"
	" published_at ON practice " BUMP
	TRACK("organisation") TRACK("practice_text") TRACK("contact")
	TRACK("link") TRACK("keyword") TRACK("relation") TRACK("vocabulary")
	TRACK("vocabulary_label") TRACK("category") TRACK("category_label")
	TRACK("practice_category"),

	/* 3: the search index, one FTS5 table per analysed language (filled
	 * from the records by migration_hooks[2]) */
#define FTS(lang) "CREATE VIRTUAL TABLE practice_fts_" lang " USING fts5(" \
	"title, summary, body, facts, tokenize = 'praxis " lang "');"
	FTS("pl") FTS("sl") FTS("en") FTS("ar") FTS("xx"),
#undef FTS

	/* 4: the index's vocabulary, for "did you mean" */
#define VOCAB(lang) "CREATE VIRTUAL TABLE practice_fts_" lang "_vocab USING" \
	" fts5vocab(practice_fts_" lang ", 'row');"
	VOCAB("pl") VOCAB("sl") VOCAB("en") VOCAB("ar") VOCAB("xx"),
#undef VOCAB

	/* 5: people and the review loop. Secrets are kept only as hashes:
	 * session and tracking tokens as SHA-256, passwords as argon2id. */
	"CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE account ("
	" id INTEGER PRIMARY KEY,"
	" email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	" name TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN ('contributor','editor','admin')),"
	" organisation_id INTEGER REFERENCES organisation(id),"
	" password_hash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0,"
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
	"CREATE TABLE session ("
	" token_hash BLOB PRIMARY KEY,"
	" account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	" created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TABLE rate_limit ("
	" key TEXT PRIMARY KEY, window_start INTEGER NOT NULL,"
	" count INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE submission ("
	" practice_id INTEGER PRIMARY KEY REFERENCES practice(id) ON DELETE CASCADE,"
	" token_hash BLOB NOT NULL UNIQUE,"
	" submitter_name TEXT NOT NULL, submitter_email TEXT NOT NULL,"
	" editor_message TEXT,"
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
	"CREATE TABLE attachment ("
	" id INTEGER PRIMARY KEY,"
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" stored_name TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,"
	" type TEXT NOT NULL, size INTEGER NOT NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX attachment_practice ON attachment(practice_id, position);"
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,"
	" actor TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" object_type TEXT, object_id INTEGER,"
	" detail TEXT);"
	"CREATE INDEX audit_at ON audit(at DESC);"
	"CREATE INDEX practice_queue ON practice(status, created_at);"
	TRACK("submission") TRACK("attachment"),

	/* 6: revisions: each saved state of a practice's content, as JSON in
	 * the data set's shape, so any of them can be compared or restored */
	"CREATE TABLE revision ("
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" revision INTEGER NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,"
	" actor TEXT NOT NULL,"
	" note TEXT,"
	" snapshot TEXT NOT NULL,"
	" PRIMARY KEY (practice_id, revision)) WITHOUT ROWID;",

	/* 7: the gazetteer (places with coordinates, from GeoNames), looked
	 * up by the plain-folded name; how each organisation was located */
	"CREATE TABLE place ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL, key TEXT NOT NULL, country TEXT NOT NULL,"
	" region TEXT, lat REAL NOT NULL, lon REAL NOT NULL);"
	"CREATE INDEX place_key ON place(country, key);"
	"ALTER TABLE organisation ADD COLUMN geo_status TEXT;"
	"UPDATE organisation SET geo_status = 'given' WHERE lat IS NOT NULL;",

	/* 8: where an imported practice came from, and the hash of what was
	 * imported, so importing the same thing twice creates nothing new;
	 * organisations by slug, which imports match names by; practices by
	 * their last change, for harvesters and feeds */
	"CREATE TABLE import_source ("
	" practice_id INTEGER PRIMARY KEY REFERENCES practice(id)"
	"  ON DELETE CASCADE,"
	" file TEXT NOT NULL,"
	" format TEXT NOT NULL,"
	" content_hash TEXT NOT NULL UNIQUE,"
	" imported_at INTEGER NOT NULL);"
	"CREATE INDEX organisation_slug ON organisation(slug);"
	"CREATE INDEX practice_changed ON practice(updated_at, id);",

	/* 9: texts and revisions in rowid tables: their rows run to kilobytes,
	 * and a WITHOUT ROWID table keeps whole rows in its interior pages
	 * too, a few to a page, so every lookup went down a deep tree (SQLite
	 * advises them only for rows under a twentieth of a page). Same
	 * columns and keys, now a rowid table with its key as an index. */
	"CREATE TABLE practice_text_new ("
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" lang TEXT NOT NULL,"
	" title TEXT NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (practice_id, lang));"
	"INSERT INTO practice_text_new (practice_id, lang, title, summary, body)"
	" SELECT practice_id, lang, title, summary, body FROM practice_text"
	" ORDER BY practice_id, lang;"
	"DROP TABLE practice_text;"
	"ALTER TABLE practice_text_new RENAME TO practice_text;"
	TRACK("practice_text")
	"CREATE TABLE revision_new ("
	" practice_id INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,"
	" revision INTEGER NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,"
	" actor TEXT NOT NULL,"
	" note TEXT,"
	" snapshot TEXT NOT NULL,"
	" PRIMARY KEY (practice_id, revision));"
	"INSERT INTO revision_new (practice_id, revision, created_at, account_id,"
	" actor, note, snapshot) SELECT practice_id, revision, created_at,"
	" account_id, actor, note, snapshot FROM revision"
	" ORDER BY practice_id, revision;"
	"DROP TABLE revision;"
	"ALTER TABLE revision_new RENAME TO revision;",
};

static int index_all(struct store *st, struct error *err)
{
	int64_t n;
	return sq_fts_rebuild(st, SQ_FTS_BATCH, &n, err);
}

/* Work a migration needs beyond its SQL, run in the same transaction. */
static int (*const migration_hooks[])(struct store *, struct error *) = {
	NULL, NULL, index_all, NULL, NULL, NULL, NULL, NULL, NULL,
};

enum { MIGRATIONS = sizeof migrations / sizeof *migrations };
_Static_assert(sizeof migration_hooks / sizeof *migration_hooks == MIGRATIONS,
	       "one hook slot per migration");

int store_generation(struct store *st, int64_t *generation,
		     struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_GENERATION, err);
	int rc;

	if (!s)
		return ERR_IO;
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW)
		return sq_fail(st, err, "generation");
	*generation = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

int sq_schema_latest(void)
{
	return MIGRATIONS;
}

int sq_schema_version(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

int store_migrate(struct store *st, int *from, int *to, struct error *err)
{
	struct error why = ERROR_INIT;
	int v = sq_schema_version(st);

	if (v < 0)
		return sq_fail(st, err, "schema version");
	if (from)
		*from = v;
	if (v > MIGRATIONS)
		return error_set(err, ERR_VERSION,
				 "database schema version %d is newer than this "
				 "praxis (%d): use a newer praxis",
				 v, MIGRATIONS);
	for (; v < MIGRATIONS; v++) {
		char bump[64];

		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
		if (store_begin(st, err) < 0)
			return ERR_IO;
		if (sq_exec(st, migrations[v], &why) < 0 ||
		    (migration_hooks[v] && migration_hooks[v](st, &why) < 0) ||
		    sq_exec(st, bump, &why) < 0 || store_commit(st, &why) < 0) {
			store_rollback(st);
			return error_set(err, why.code, "migration %d failed: %s",
					 v + 1, why.msg);
		}
	}
	if (to)
		*to = v;
	return 0;
}
