/* store.h - the catalogue's storage interface. sqlite.c implements it
 * (postgres.c later); nothing above src/store/ sees SQL, a database type
 * or a database error code. Strings in records read from a store are
 * allocated in the arena the caller passes and live as long as it.
 *
 * A struct store is one connection: use it from one thread at a time.
 * A store_pool hands connections to request threads. */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/filter.h"
#include "domain/oai.h"
#include "domain/organisation.h"
#include "domain/practice.h"
#include "domain/submission.h"
#include "domain/taxonomy.h"

struct store;

/* Process-wide set-up, before any other store call (main does it). */
int store_library_init(void);

/* What the home page and /healthz report. */
struct store_totals {
	int64_t practices, organisations, regions, categories;
};

/* One value of a facet with the number of published practices having it. */
struct facet_value {
	const char *value;
	int64_t count;
};

struct practice_page {
	struct practice_summary *items;
	size_t n;
	int64_t total;        /* all that match the filter */
	bool has_next;
	struct cursor next;   /* valid when has_next */
};

enum store_open_flags {
	STORE_READONLY = 1, /* refuse writes (the server's readers) */
	STORE_NO_MIGRATE_CHECK = 2, /* open even when the schema is old (init) */
};

/* Opens the database at path. Fails with ERR_VERSION when the schema is
 * newer than this binary understands, and when it is older unless
 * STORE_NO_MIGRATE_CHECK is given (run `praxis init` first). */
struct store *store_open(const char *path, int flags, struct error *err);
void store_close(struct store *st);

/* Creates or upgrades the schema; each migration in one transaction.
 * *from and *to receive the versions before and after (may be NULL). */
int store_migrate(struct store *st, int *from, int *to, struct error *err);
int store_schema_version(struct store *st);
int store_schema_latest(void);

/* A read transaction: every read until store_read_end sees one snapshot,
 * and the database's locks are taken once instead of per statement. */
int store_read_begin(struct store *st, struct error *err);
void store_read_end(struct store *st);

/* A number that changes whenever anything a page shows changes (view
 * counts aside); equal numbers mean an unchanged catalogue. */
int store_generation(struct store *st, int64_t *generation,
		     struct error *err);

/* Stops any statement still running ms milliseconds from now with
 * ERR_TIMEOUT (0: no limit), so that one costly search cannot hold a
 * request thread for minutes. */
void store_set_deadline(struct store *st, unsigned ms);

/* Memory the connections sharing a cache (store_share) may keep of what
 * searches read from the index (the rows each phrase matches), for the
 * searches that follow until the catalogue changes; 0: none, every
 * search reads the index. Process-wide; set before the connections are
 * used. Default 32 MiB. */
void store_search_cache_set(size_t bytes);
/* Makes st share what `with` keeps in memory for searches and facets
 * (both connections to the same database, in one process). */
void store_share(struct store *st, const struct store *with);

int store_begin(struct store *st, struct error *err);
int store_commit(struct store *st, struct error *err);
void store_rollback(struct store *st);

/* Practices. get: ERR_NOT_FOUND when absent, or not published while
 * published_only. lang picks the translation, falling back to the
 * original. */
int store_practice_get(struct store *st, struct arena *a, int64_t id,
		       const char *lang, bool published_only,
		       struct practice *out, struct error *err);
/* Published practices matching f, newest first, one page of them;
 * titles in lang where a translation exists. */
int store_practice_list(struct store *st, struct arena *a, const char *lang,
			const struct practice_filter *f,
			const struct page_req *page, struct practice_page *out,
			struct error *err);
/* Published practices matching f that have a place, newest first, at
 * most limit of them (*more set when there were others); titles in lang
 * where a translation exists. */
int store_practice_points(struct store *st, struct arena *a, const char *lang,
			  const struct practice_filter *f, int limit,
			  struct practice_point **out, size_t *n, bool *more,
			  struct error *err);
int store_practice_insert(struct store *st, const struct practice_input *in,
			  int64_t *id, struct error *err);
/* Adds or replaces the practice's title, summary and (optional) body in
 * another language than its original; ERR_INVALID for the original's. */
int store_practice_translation_put(struct store *st, int64_t id,
				   const char *lang, const char *title,
				   const char *summary, const char *body,
				   struct error *err);
int store_practice_relate(struct store *st, int64_t from, int64_t to,
			  enum relation_kind kind, struct error *err);
int store_practice_views_add(struct store *st, int64_t id, int64_t n,
			     struct error *err);

/* Rebuilds the search index from the records, in one transaction. */
int store_reindex(struct store *st, int64_t *count, struct error *err);

/* Calls fn for every term of the search index in [from, to) (byte
 * order), with the number of practices containing it; fn returns
 * nonzero to stop (negative: an error, returned). */
int store_index_terms(struct store *st, const char *from, const char *to,
		      int (*fn)(void *ctx, const char *term, int64_t docs),
		      void *ctx, struct error *err);

/* docs[i]: in how many practices the index has terms[i] (folded words
 * or stems), for n terms at once. */
int store_index_term_docs(struct store *st, const char *const *terms,
			 size_t n, int64_t *docs, struct error *err);

/* The gazetteer. put: in a write transaction the caller holds; clear
 * empties it first (a reload replaces it). find: the places with key in
 * country. */
struct place;
int store_place_clear(struct store *st, struct error *err);
int store_place_put(struct store *st, const struct place *p, const char *key,
		    struct error *err);
int store_place_find(struct store *st, struct arena *a, const char *key,
		     const char *country, struct place **out, size_t *n,
		     struct error *err);
int store_place_count(struct store *st, int64_t *n, struct error *err);

/* Organisations. unplaced: the ids of those without coordinates (at
 * most max). set_place: an editor's coordinates, or the gazetteer's;
 * set_geo: only how the lookup went (ambiguous, unknown). */
int store_organisation_unplaced(struct store *st, struct arena *a,
				int64_t **ids, size_t *n, size_t max,
				struct error *err);
int store_organisation_set_geo(struct store *st, int64_t id,
			       enum geo_status geo, struct error *err);
int store_organisation_set_place(struct store *st, int64_t id, double lat,
				 double lon, enum geo_status geo,
				 struct error *err);
int store_organisation_get(struct store *st, struct arena *a, int64_t id,
			   struct organisation *out, struct error *err);
int store_organisation_insert(struct store *st, const struct organisation *o,
			      int64_t *id, struct error *err);

/* Vocabularies with their categories in tree order and per-category
 * counts of published practices; labels in lang, else English, else any. */
int store_vocabulary_list(struct store *st, struct arena *a, const char *lang,
			  struct vocabulary **out, size_t *n,
			  struct error *err);
int store_category_get(struct store *st, struct arena *a, const char *slug,
		       const char *lang, struct category *out,
		       struct error *err);
/* Upserts by slug; labels is a NULL-terminated list of lang, label pairs.
 * category_put with position -1: last among its siblings when new, where
 * it was when it exists. */
int store_vocabulary_put(struct store *st, const char *slug,
			 const char *const *labels, int64_t *id,
			 struct error *err);
int store_category_put(struct store *st, int64_t vocabulary_id,
		       int64_t parent_id, const char *slug, int position,
		       const char *const *labels, int64_t *id,
		       struct error *err);
int64_t store_category_id(struct store *st, const char *slug);

/* The facets of f: for each filter parameter, its values among the
 * published practices that match f in everything but that parameter
 * (values of one parameter are ORed), with counts; a category counts its
 * subcategories' practices too. And how many practices match f as a
 * whole. One pass over the matching practices. */
int store_facets(struct store *st, struct arena *a,
		 const struct practice_filter *f,
		 struct facet_value *out[FILTER__MAX], size_t n[FILTER__MAX],
		 int64_t *total, struct error *err);
int store_totals(struct store *st, struct store_totals *out,
		 struct error *err);
/* store_practice_list and store_facets at once (out->total counts what
 * matches f): a search (f->match) reads its matches only once. */
int store_search(struct store *st, struct arena *a, const char *lang,
		 const struct practice_filter *f, const struct page_req *page,
		 struct practice_page *out,
		 struct facet_value *facets[FILTER__MAX],
		 size_t nfacets[FILTER__MAX], struct error *err);
/* When the first practice was published and when a published one last
 * changed (unix seconds; 0 and 0 when none is published). */
int store_published_span(struct store *st, int64_t *first, int64_t *last,
			 struct error *err);

/* Site-wide settings (the secret behind CSRF tokens, ...). get:
 * ERR_NOT_FOUND when unset; init sets a value only when there is none,
 * so servers starting together agree on the first one written. */
int store_setting_get(struct store *st, struct arena *a, const char *key,
		      const char **value, struct error *err);
int store_setting_init(struct store *st, const char *key, const char *value,
		       struct error *err);

/* Accounts. insert: ERR_CONFLICT when the e-mail is taken. by_email also
 * gives the password hash (arena). */
int store_account_insert(struct store *st, const struct account *acc,
			 const char *password_hash, int64_t *id,
			 struct error *err);
int store_account_by_email(struct store *st, struct arena *a,
			   const char *email, struct account *out,
			   const char **password_hash, struct error *err);
int store_account_get(struct store *st, struct arena *a, int64_t id,
		      struct account *out, struct error *err);
int store_account_list(struct store *st, struct arena *a,
		       struct account **out, size_t *n, struct error *err);
/* A new password ends every session of the account. */
int store_account_set_password(struct store *st, int64_t id,
			       const char *password_hash, struct error *err);
/* A new role (and, for contributors, organisation) ends its sessions. */
int store_account_set_role(struct store *st, int64_t id,
			   enum account_role role, int64_t org_id,
			   struct error *err);
/* Disabling ends every session of the account. */
int store_account_set_disabled(struct store *st, int64_t id, bool disabled,
			       struct error *err);

/* Sessions, keyed by the hash of their token. get: the account of a
 * session seen since idle_since and created since created_since, whose
 * account is enabled; else ERR_NOT_FOUND. */
int store_session_insert(struct store *st, const uint8_t *token_hash,
			 int64_t account_id, int64_t now, struct error *err);
int store_session_get(struct store *st, struct arena *a,
		      const uint8_t *token_hash, int64_t idle_since,
		      int64_t created_since, struct account *out,
		      int64_t *seen_at, struct error *err);
int store_session_touch(struct store *st, const uint8_t *token_hash,
			int64_t now, struct error *err);
int store_session_delete(struct store *st, const uint8_t *token_hash,
			 struct error *err);
/* Forgets sessions past their expiry and rate-limit windows that ended
 * before window_before (which hold pseudonymised addresses). */
int store_expire(struct store *st, int64_t idle_before,
		 int64_t created_before, int64_t window_before,
		 struct error *err);

/* Counts one more event for key in the window starting at window_start
 * (a new window restarts the count); *count receives the count so far. */
int store_rate_hit(struct store *st, const char *key, int64_t window_start,
		   int64_t *count, struct error *err);
/* Takes n events off key's count (not below zero): a successful sign-in
 * forgives its account's failures, and is not held against its address. */
int store_rate_forgive(struct store *st, const char *key, int64_t n,
		       struct error *err);

/* The audit trail. list: newest first, at most f->limit entries. */
int store_audit_add(struct store *st, const struct audit_entry *e,
		    struct error *err);
int store_audit_list(struct store *st, struct arena *a,
		     const struct audit_filter *f, struct audit_entry **out,
		     size_t *n, struct error *err);

/* Submissions: the practice (inserted with store_practice_insert) and
 * who sent it, with the hash of its tracking token. */
int store_submission_insert(struct store *st, int64_t practice_id,
			    const uint8_t *token_hash, const char *name,
			    const char *email, struct error *err);
int store_submission_by_token(struct store *st, struct arena *a,
			      const uint8_t *token_hash,
			      struct submission *out, struct error *err);
/* Any practice for the review page: its submitter when it has one. */
int store_submission_get(struct store *st, struct arena *a,
			 int64_t practice_id, struct submission *out,
			 struct error *err);
int store_queue_list(struct store *st, struct arena *a,
		     const struct queue_filter *f, struct submission **out,
		     size_t *n, int64_t *total, struct error *err);
/* Moves a practice to status, with a message for its submitter (NULL
 * keeps the last one); publishing sets published_at the first time. */
int store_practice_set_status(struct store *st, int64_t id,
			      enum practice_status status,
			      const char *message, struct error *err);

/* Replaces a practice's content (texts in its original language, key
 * facts of the practice, contacts, links, categories, keywords) and
 * re-indexes it; status and organisation are kept. *revision receives
 * the new revision number. */
int store_practice_update(struct store *st, int64_t id,
			  const struct practice_input *in, int *revision,
			  struct error *err);
/* Revisions. put: keeps the first snapshot stored for a number. */
int store_revision_put(struct store *st, const struct revision_info *r,
		       int64_t account_id, struct error *err);
int store_revision_list(struct store *st, struct arena *a, int64_t id,
			struct revision_info **out, size_t *n,
			struct error *err);
int store_revision_get(struct store *st, struct arena *a, int64_t id,
		       int revision, struct revision_info *out,
		       struct error *err);
/* Rewrites a revision's snapshot (GDPR erasure reaches the history). */
int store_revision_set_snapshot(struct store *st, int64_t id, int revision,
				const char *snapshot, struct error *err);
/* Removes a contact person, or keeps only their role (anonymise). */
int store_contact_erase(struct store *st, int64_t practice_id,
			int64_t contact_id, bool anonymise, struct error *err);

/* Attachments of a practice, in order; the files live outside the
 * database, under their stored names. */
int store_attachment_insert(struct store *st, int64_t practice_id,
			    int position, const struct attachment_ref *att,
			    struct error *err);
/* Whether a record refers to the stored file name (true when unsure:
 * a file is never removed on a database error). */
bool store_attachment_known(struct store *st, const char *stored_name);
int store_attachment_get(struct store *st, struct arena *a, int64_t id,
			 struct attachment_ref *out, struct error *err);
int store_attachment_list(struct store *st, struct arena *a,
			  int64_t practice_id, struct attachment_ref **out,
			  size_t *n, struct error *err);

/* A fixed set of connections shared by request threads. */
struct store_pool;
struct store_pool *store_pool_new(const char *path, unsigned size,
				  struct error *err);
struct store *store_pool_acquire(struct store_pool *p);
void store_pool_release(struct store_pool *p, struct store *st);
void store_pool_free(struct store_pool *p);

/* OAI-PMH (sqlite_oai.c): practices that are or were published, by last
 * change (updated_at, the datestamp), oldest first. earliest: the
 * oldest datestamp, 0 when there is none. list: at most limit records
 * of q after q->after, *more when others follow; count: all of q,
 * position aside. get: ERR_NOT_FOUND for a practice never published. */
int store_oai_earliest(struct store *st, int64_t *stamp, struct error *err);
int store_oai_count(struct store *st, const struct oai_select *q,
		    int64_t *n, struct error *err);
int store_oai_list(struct store *st, struct arena *a,
		   const struct oai_select *q, int limit,
		   struct oai_record **out, size_t *n, bool *more,
		   struct error *err);
int store_oai_get(struct store *st, struct arena *a, int64_t id,
		  struct oai_record *out, struct error *err);

/* Bulk exports: the ids of published practices, and of organisations
 * with a published practice, after the id after in id order, at most
 * limit of them (*ids in a); fewer than limit means the last page. */
int store_export_practice_ids(struct store *st, struct arena *a,
			      int64_t after, size_t limit, int64_t **ids,
			      size_t *n, struct error *err);
int store_export_organisation_ids(struct store *st, struct arena *a,
				  int64_t after, size_t limit, int64_t **ids,
				  size_t *n, struct error *err);
/* A practice's translations (its original text aside), by language. */
int store_practice_translations(struct store *st, struct arena *a,
				int64_t id, struct practice_translation **out,
				size_t *n, struct error *err);

/* Imports (sqlite_import.c). category_labels: every label of every
 * category in every language, for matching what outside files call
 * them. organisation_find: the organisation of that name in that town
 * (NULL: none given), compared case-insensitively; ERR_NOT_FOUND when
 * there is none. import_seen: whether a content hash was imported
 * before. import_put: records where a practice came from, in the
 * caller's transaction; ERR_CONFLICT when the hash is there already. */
struct category_label {
	int64_t id, parent_id; /* parent_id 0: top level */
	const char *slug, *lang, *label;
};
int store_category_labels(struct store *st, struct arena *a,
			  struct category_label **out, size_t *n,
			  struct error *err);
int store_organisation_find(struct store *st, const char *name,
			    const char *town, int64_t *id, struct error *err);
int store_import_seen(struct store *st, const char *content_hash, bool *seen,
		      struct error *err);
int store_import_put(struct store *st, int64_t practice_id, const char *file,
		     const char *format, const char *content_hash,
		     struct error *err);
/* The practice imported with that content hash; ERR_NOT_FOUND when
 * none was. */
int store_import_practice(struct store *st, const char *content_hash,
			  int64_t *practice_id, struct error *err);
/* Where a practice was imported from, for its editors; ERR_NOT_FOUND
 * when it was not imported. */
struct import_source {
	const char *file, *format;
	int64_t imported_at;
};
int store_import_source(struct store *st, struct arena *a, int64_t practice_id,
			struct import_source *out, struct error *err);

#endif
