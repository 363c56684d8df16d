/* sqlite_oai.c - the records of the OAI-PMH repository: practices that
 * are or were published, read by last change over the practice_changed
 * index (updated_at, id). Texts in the original language and its
 * translations; never the contact persons. */
#include "store/sqlite_impl.h"

#include <stdio.h>
#include <string.h>

/* Columns of a record, then what the selection adds: ?1 from, ?2 until,
 * ?3 and ?4 the position, ?5 the set's slug, ?6 the limit. A practice
 * with published_at was published once, whatever its status now. */
#define RECORD_COLUMNS \
	"SELECT p.id, p.updated_at, p.status, p.published_at, p.lang, p.slug," \
	" o.title, o.summary, p.date_entered, g.name, g.town, g.region," \
	" g.country FROM practice p" \
	" JOIN organisation g ON g.id = p.organisation_id" \
	" JOIN practice_text o ON o.practice_id = p.id AND o.lang = p.lang"
#define SELECTION \
	" WHERE p.published_at IS NOT NULL" \
	" AND p.updated_at BETWEEN ?1 AND ?2"
#define IN_VOCABULARY \
	" AND p.id IN (SELECT pc.practice_id FROM practice_category pc" \
	" JOIN category c ON c.id = pc.category_id" \
	" JOIN vocabulary v ON v.id = c.vocabulary_id WHERE v.slug = ?5)"
#define IN_CATEGORY \
	" AND p.id IN (SELECT pc.practice_id FROM practice_category pc" \
	" WHERE pc.category_id IN (WITH RECURSIVE sub(id) AS" \
	" (SELECT id FROM category WHERE slug = ?5 UNION SELECT c.id FROM" \
	" category c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"

static const char *set_clause(const struct oai_select *q)
{
	return q->category ? IN_CATEGORY : q->vocabulary ? IN_VOCABULARY : "";
}

static void bind_selection(sqlite3_stmt *s, const struct oai_select *q)
{
	sqlite3_bind_int64(s, 1, q->from);
	sqlite3_bind_int64(s, 2, q->until);
	if (q->category || q->vocabulary)
		sqlite3_bind_text(s, 5, q->category ? q->category : q->vocabulary,
				  -1, SQLITE_STATIC);
}

/* The record's categories with labels in its own language. */
static int read_categories(struct store *st, struct arena *a,
			   struct oai_record *r, struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_PRACTICE_CATEGORIES, err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_text(s, 2, r->lang ? r->lang : "", -1, SQLITE_STATIC);
	r->categories = arena_calloc(a, PRACTICE_CATEGORIES_MAX,
				     sizeof *r->categories);
	if (!r->categories)
		return error_set(err, ERR_INTERNAL, "out of memory");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	       r->ncategories < PRACTICE_CATEGORIES_MAX) {
		struct category_ref *c = &r->categories[r->ncategories++];
		c->id = sqlite3_column_int64(s, 0);
		c->slug = sq_text(a, s, 1);
		c->vocabulary = sq_text(a, s, 2);
		c->label = sq_text(a, s, 3);
	}
	return rc == SQLITE_DONE || rc == SQLITE_ROW
		       ? 0 : sq_fail(st, err, "oai categories");
}

/* What a record says beyond its row: its categories (its sets), and for
 * one that is not deleted, its translations. */
static int read_parts(struct store *st, struct arena *a, struct oai_record *r,
		      struct error *err)
{
	if (read_categories(st, a, r, err) < 0)
		return -1;
	return r->deleted ? 0
			  : store_practice_translations(st, a, r->id,
							&r->translations,
							&r->ntranslations, err);
}

static void read_record(struct arena *a, sqlite3_stmt *s, struct oai_record *r)
{
	const char *status = (const char *)sqlite3_column_text(s, 2);

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->datestamp = sqlite3_column_int64(s, 1);
	r->deleted = !status || strcmp(status, "published");
	r->published_at = sqlite3_column_int64(s, 3);
	r->lang = sq_text(a, s, 4);
	r->slug = sq_text(a, s, 5);
	r->title = sq_text(a, s, 6);
	r->summary = sq_text(a, s, 7);
	r->date_entered = sq_text(a, s, 8);
	r->org_name = sq_text(a, s, 9);
	r->town = sq_text(a, s, 10);
	r->region = sq_text(a, s, 11);
	r->country = sq_text(a, s, 12);
}

int store_oai_earliest(struct store *st, int64_t *stamp, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT min(updated_at) FROM practice"
				     " WHERE published_at IS NOT NULL", err);
	int rc = 0;

	if (!s)
		return ERR_IO;
	*stamp = 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		*stamp = sqlite3_column_int64(s, 0);
	else
		rc = sq_fail(st, err, "oai earliest");
	sq_release(st, s);
	return rc;
}

int store_oai_count(struct store *st, const struct oai_select *q,
		    int64_t *n, struct error *err)
{
	char sql[1024];
	sqlite3_stmt *s;
	int rc = 0;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM practice p%s%s",
		 SELECTION, set_clause(q));
	if (!(s = sq_prepare(st, sql, err)))
		return ERR_IO;
	bind_selection(s, q);
	*n = 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	else
		rc = sq_fail(st, err, "oai count");
	sq_release(st, s);
	return rc;
}

int store_oai_list(struct store *st, struct arena *a,
		   const struct oai_select *q, int limit,
		   struct oai_record **out, size_t *n, bool *more,
		   struct error *err)
{
	char sql[2048];
	sqlite3_stmt *s;
	int rc = 0, step;

	*out = NULL;
	*n = 0;
	*more = false;
	if (limit < 1)
		return error_set(err, ERR_INVALID, "limit: at least 1");
	snprintf(sql, sizeof sql, "%s%s%s AND (p.updated_at, p.id) > (?3, ?4)"
		 " ORDER BY p.updated_at, p.id LIMIT ?6", RECORD_COLUMNS,
		 SELECTION, set_clause(q));
	if (!(s = sq_prepare(st, sql, err)))
		return ERR_IO;
	bind_selection(s, q);
	sqlite3_bind_int64(s, 3, q->has_after ? q->after.stamp : INT64_MIN);
	sqlite3_bind_int64(s, 4, q->has_after ? q->after.id : INT64_MIN);
	/* one more row than asked tells whether a next page exists */
	sqlite3_bind_int(s, 6, limit + 1);
	if (!(*out = arena_calloc(a, (size_t)limit, sizeof **out))) {
		rc = error_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == (size_t)limit) {
			*more = true;
			break;
		}
		read_record(a, s, &(*out)[(*n)++]);
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		rc = sq_fail(st, err, "oai list");
		goto out;
	}
	for (size_t i = 0; i < *n && rc == 0; i++)
		rc = read_parts(st, a, &(*out)[i], err);
out:
	sq_release(st, s);
	return rc;
}

int store_oai_get(struct store *st, struct arena *a, int64_t id,
		  struct oai_record *out, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, RECORD_COLUMNS
				     " WHERE p.published_at IS NOT NULL AND p.id = ?1",
				     err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_record(a, s, out);
	rc = rc == SQLITE_ROW ? 0
	     : rc == SQLITE_DONE ? error_set(err, ERR_NOT_FOUND, "no such record")
				 : sq_fail(st, err, "oai get");
	sq_release(st, s);
	return rc ? rc : read_parts(st, a, out, err);
}
