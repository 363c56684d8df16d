/* import_store.c - one file's import records into the store: each
 * record new by its content hash becomes a practice (for review, or
 * published) of a matched or new organisation, with its translations,
 * first revision and audit entry; then the file's relations by key. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "domain/geo.h"
#include "domain/import.h"
#include "domain/revision.h"
#include "store/store.h"

#define ACTOR "import"

static void hash_hex(const char *content, char hex[crypto_hash_sha256_BYTES * 2 + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)content, strlen(content));
	sodium_bin2hex(hex, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof h);
}

/* The stored organisation of the same name in the same town, else the
 * record's, located by the gazetteer the way data sets' units are. */
static int org_id_of(struct store *st, struct arena *a, struct organisation *o,
		     int64_t *id, struct error *err)
{
	int rc = store_organisation_find(st, o->name, o->town, id, err);

	if (rc != ERR_NOT_FOUND)
		return rc;
	if (geo_locate(st, a, o, err) < 0)
		return -1;
	return store_organisation_insert(st, o, id, err);
}

/* The first revision and the audit entry, as a submission gets them. */
static int record_history(struct store *st, struct arena *a, int64_t id,
			  const char *file, struct error *err)
{
	struct practice p;
	struct buf snap;
	int rc;

	if (store_practice_get(st, a, id, NULL, false, &p, err) < 0)
		return -1;
	buf_init(&snap, 4096);
	rc = revision_snapshot(&p, &snap, err);
	if (rc == 0) {
		struct revision_info ri = {.practice_id = id, .revision = p.revision,
					   .actor = ACTOR, .note = file,
					   .snapshot = snap.data};
		rc = store_revision_put(st, &ri, 0, err);
	}
	buf_release(&snap);
	if (rc == 0) {
		struct audit_entry e = {.actor = ACTOR, .action = AUDIT_IMPORT,
			.object_type = "practice", .object_id = id,
			.detail = practice_status_codes[p.status]};
		rc = store_audit_add(st, &e, err);
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

/* The file's relations, by key, once all its records are in, between
 * the practices they are, new or imported before (a CSV import of the
 * same records has none; an existing relation stays as it is, so
 * importing again changes nothing). A key that is not in the file is
 * told to note and counted in *missing. */
static int relate_file(struct store *st, struct arena *a,
		       const struct import_file *f, const int64_t *ids,
		       import_note_fn *note, void *note_ctx, int64_t *missing,
		       struct error *err)
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
				if (note)
					note(note_ctx, rec->key ? rec->key : "",
					     to ? "relation to itself"
						: rel->kind == RELATION_ADAPTED_FROM
						? "adapted_from: not in the file"
						: "related: not in the file",
					     rel->key);
				(*missing)++;
				continue;
			}
			if (store_practice_relate(st, ids[i], to->id, rel->kind,
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
static int put_translations(struct store *st, struct arena *a, int64_t id,
			    bool known, const struct import_record *rec,
			    int64_t *added, struct error *err)
{
	struct practice_translation *have = NULL;
	size_t nhave = 0;

	if (known && rec->ntranslations &&
	    store_practice_translations(st, a, id, &have, &nhave, err) < 0)
		return -1;
	for (size_t i = 0; i < rec->ntranslations; i++) {
		const struct import_translation *t = &rec->translations[i];
		bool there = false;

		for (size_t k = 0; k < nhave && !there; k++)
			there = !strcmp(have[k].lang, t->lang);
		if (there)
			continue;
		if (store_practice_translation_put(st, id, t->lang, t->title,
						   t->summary, t->body, err) < 0)
			return -1;
		(*added)++;
	}
	return 0;
}

int import_file_store(struct store *st, struct arena *a, const char *file,
		      struct import_file *f, bool publish, import_note_fn *note,
		      void *note_ctx, struct import_result *res,
		      struct error *err)
{
	int64_t *added = &res->added, *seen = &res->seen;
	int64_t *translated = &res->translated, *missing = &res->missing;
	struct error why = ERROR_INIT;
	int64_t *ids = arena_calloc(a, f->nrecords + 1, sizeof *ids);
	size_t i;
	int rc;

	*added = *seen = *translated = *missing = 0;
	if (!ids)
		return error_set(err, ERR_INTERNAL, "out of memory");
	if (store_begin(st, err) < 0)
		return -1;
	for (i = 0; i < f->nrecords; i++) {
		struct import_record *rec = &f->records[i];
		char hash[crypto_hash_sha256_BYTES * 2 + 1];
		bool known;
		int64_t id, nt = 0;

		hash_hex(rec->content ? rec->content : "", hash);
		if ((rc = store_import_seen(st, hash, &known, &why)) < 0)
			goto fail;
		if (known) {
			/* its practice, for relations and translations */
			if ((rc = store_import_practice(st, hash, &ids[i],
							&why)) < 0 ||
			    (rc = put_translations(st, a, ids[i], true, rec,
						   translated, &why)) < 0)
				goto fail;
			(*seen)++;
			continue;
		}
		rec->practice.status = publish ? STATUS_PUBLISHED : STATUS_IN_REVIEW;
		if ((rc = org_id_of(st, a, &rec->org, &rec->practice.org_id, &why)) < 0 ||
		    (rc = store_practice_insert(st, &rec->practice, &id, &why)) < 0 ||
		    (rc = put_translations(st, a, id, false, rec, &nt, &why)) < 0 ||
		    (rc = store_import_put(st, id, file, f->format, hash, &why)) < 0 ||
		    (rc = record_history(st, a, id, file, &why)) < 0)
			goto fail;
		ids[i] = id;
		(*added)++;
	}
	if ((rc = relate_file(st, a, f, ids, note, note_ctx, missing, err)) < 0) {
		store_rollback(st);
		*added = *seen = *translated = *missing = 0;
		return rc;
	}
	if ((rc = store_commit(st, err)) == 0)
		return 0;
	store_rollback(st);
	*added = *seen = *translated = *missing = 0;
	return rc;
fail:
	store_rollback(st);
	*added = *seen = *translated = *missing = 0;
	return f->nrecords > 1
		? error_set(err, why.code, "record %zu: %s", i + 1, why.msg)
		: error_set(err, why.code, "%s", why.msg);
}

