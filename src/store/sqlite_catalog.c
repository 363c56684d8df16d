/* sqlite_catalog.c - organisations, vocabularies and categories in the
 * SQLite store. */
#include "store/sqlite_impl.h"

#include <stdio.h>
#include <string.h>

#include "text/slug.h"

int store_organisation_get(struct store *st, struct arena *a, int64_t id,
			   struct organisation *o, struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_ORGANISATION_GET, err);
	int rc;

	if (!s)
		return ERR_IO;
	memset(o, 0, sizeof *o);
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return error_set(err, ERR_NOT_FOUND, "no organisation %lld",
				 (long long)id);
	if (rc != SQLITE_ROW)
		return sq_fail(st, err, "organisation");
	o->id = sqlite3_column_int64(s, 0);
	o->slug = sq_text(a, s, 1);
	o->name = sq_text(a, s, 2);
	o->unit_type = code_parse(unit_type_codes, UNIT__MAX,
				  (const char *)sqlite3_column_text(s, 3));
	if ((int)o->unit_type < 0)
		o->unit_type = UNIT_OTHER;
	o->town = sq_text(a, s, 4);
	o->county = sq_text(a, s, 5);
	o->region = sq_text(a, s, 6);
	o->country = sq_text(a, s, 7);
	o->postal_code = sq_text(a, s, 8);
	o->post_office = sq_text(a, s, 9);
	o->street = sq_text(a, s, 10);
	o->website = sq_text(a, s, 11);
	o->population = sqlite3_column_type(s, 12) == SQLITE_NULL
				? -1 : sqlite3_column_int64(s, 12);
	o->has_coords = sqlite3_column_type(s, 13) != SQLITE_NULL;
	o->lat = sqlite3_column_double(s, 13);
	o->lon = sqlite3_column_double(s, 14);
	o->geo = (enum geo_status)code_parse(geo_status_codes, GEO__MAX,
		(const char *)sqlite3_column_text(s, 15));
	if ((int)o->geo < 0)
		o->geo = GEO_NONE;
	sqlite3_reset(s);
	return 0;
}

int store_organisation_insert(struct store *st, const struct organisation *o,
			      int64_t *id, struct error *err)
{
	sqlite3_stmt *s;
	char slug[128];
	int64_t now = sq_now();
	int rc = 0;

	if ((rc = organisation_validate(o, err)) < 0)
		return rc;
	slug_make(slug, sizeof slug, o->name);
	s = sq_prepare(st, "INSERT INTO organisation (slug, name, unit_type, town,"
			   " county, region, country, postal_code, post_office,"
			   " street, website, population, lat, lon, created_at,"
			   " updated_at, geo_status)"
			   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		       err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, o->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, unit_type_codes[o->unit_type], -1, SQLITE_STATIC);
	sq_bind_text(s, 4, o->town);
	sq_bind_text(s, 5, o->county);
	sq_bind_text(s, 6, o->region);
	sq_bind_text(s, 7, o->country);
	sq_bind_text(s, 8, o->postal_code);
	sq_bind_text(s, 9, o->post_office);
	sq_bind_text(s, 10, o->street);
	sq_bind_text(s, 11, o->website);
	if (o->population >= 0)
		sqlite3_bind_int64(s, 12, o->population);
	if (o->has_coords) {
		sqlite3_bind_double(s, 13, o->lat);
		sqlite3_bind_double(s, 14, o->lon);
	}
	sqlite3_bind_int64(s, 15, now);
	sqlite3_bind_int64(s, 16, now);
	/* coordinates that came with the record count as given */
	sq_bind_text(s, 17, geo_status_codes[o->geo == GEO_NONE && o->has_coords
					     ? GEO_GIVEN : o->geo]);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = sq_fail(st, err, "insert organisation");
	else
		*id = sqlite3_last_insert_rowid(st->db);
	sq_release(st, s);
	return rc;
}

/* Replaces the labels of one row of vocabulary_label/category_label. */
static int put_labels(struct store *st, const char *table, const char *col,
		      int64_t id, const char *const *labels, struct error *err)
{
	char sql[160];
	sqlite3_stmt *s;
	int rc = 0;

	snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO %s (%s, lang, label)"
				  " VALUES (?, ?, ?)", table, col);
	if (!(s = sq_prepare(st, sql, err)))
		return ERR_IO;
	for (; labels && labels[0] && labels[1]; labels += 2) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, labels[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, labels[1], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = sq_fail(st, err, table);
			break;
		}
	}
	sq_release(st, s);
	return rc;
}

int store_vocabulary_put(struct store *st, const char *slug,
			 const char *const *labels, int64_t *id,
			 struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT INTO vocabulary (slug, position) VALUES (?1,"
		" (SELECT coalesce(max(position), 0) + 1 FROM vocabulary))"
		" ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug"
		" RETURNING id", err);
	int rc = 0;

	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, slug, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	else
		rc = sq_fail(st, err, "vocabulary");
	sq_release(st, s);
	return rc < 0 ? rc : put_labels(st, "vocabulary_label", "vocabulary_id",
					*id, labels, err);
}

int store_category_put(struct store *st, int64_t vocabulary_id,
		       int64_t parent_id, const char *slug, int position,
		       const char *const *labels, int64_t *id,
		       struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"INSERT INTO category (vocabulary_id, parent_id, slug, position)"
		" VALUES (?1, ?2, ?3, CASE WHEN ?4 >= 0 THEN ?4 ELSE"
		"  (SELECT coalesce(max(position) + 1, 0) FROM category"
		"   WHERE vocabulary_id = ?1 AND parent_id IS ?2) END)"
		" ON CONFLICT (slug) DO UPDATE SET"
		" vocabulary_id = excluded.vocabulary_id,"
		" parent_id = excluded.parent_id,"
		" position = CASE WHEN ?4 >= 0 THEN ?4 ELSE position END"
		" RETURNING id", err);
	int rc = 0;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, vocabulary_id);
	if (parent_id)
		sqlite3_bind_int64(s, 2, parent_id);
	sqlite3_bind_text(s, 3, slug, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, position);
	if (sqlite3_step(s) == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	else
		rc = sq_fail(st, err, "category");
	sq_release(st, s);
	return rc < 0 ? rc : put_labels(st, "category_label", "category_id",
					*id, labels, err);
}

int64_t store_category_id(struct store *st, const char *slug)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT id FROM category WHERE slug = ?",
				     NULL);
	int64_t id = 0;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, slug, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sq_release(st, s);
	return id;
}

int store_category_get(struct store *st, struct arena *a, const char *slug,
		       const char *lang, struct category *c, struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_CATEGORY_GET, err);
	int rc;

	if (!s)
		return ERR_IO;
	memset(c, 0, sizeof *c);
	sqlite3_bind_text(s, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return error_set(err, ERR_NOT_FOUND, "no category %s", slug);
	if (rc != SQLITE_ROW)
		return sq_fail(st, err, "category");
	c->id = sqlite3_column_int64(s, 0);
	c->parent_id = sqlite3_column_int64(s, 1);
	c->vocabulary_id = sqlite3_column_int64(s, 2);
	c->slug = sq_text(a, s, 3);
	c->vocabulary_slug = sq_text(a, s, 4);
	c->label = sq_text(a, s, 5);
	sqlite3_reset(s);
	return 0;
}

/* Categories in pre-order with depth, labels and subtree counts of
 * published practices (a practice in a parent and a child counts once). */
static const char category_tree_sql[] =
	"WITH RECURSIVE"
	" walk(id, depth, path) AS ("
	"  SELECT id, 0, printf('%08d', position) FROM category"
	"   WHERE parent_id IS NULL AND vocabulary_id = ?1"
	"  UNION ALL SELECT c.id, w.depth + 1, w.path || printf('/%08d', c.position)"
	"   FROM category c JOIN walk w ON c.parent_id = w.id),"
	" tree(root, id) AS (SELECT id, id FROM category UNION ALL"
	"  SELECT t.root, c.id FROM category c JOIN tree t ON c.parent_id = t.id),"
	" counts(id, n) AS (SELECT t.root, count(DISTINCT pc.practice_id)"
	"  FROM tree t JOIN practice_category pc ON pc.category_id = t.id"
	"  JOIN practice p ON p.id = pc.practice_id AND p.status = 'published'"
	"  GROUP BY t.root)"
	" SELECT c.id, coalesce(c.parent_id, 0), c.slug, w.depth,"
	"  coalesce(l.label, e.label, c.slug), coalesce(n.n, 0)"
	" FROM walk w JOIN category c ON c.id = w.id"
	" LEFT JOIN category_label l ON l.category_id = c.id AND l.lang = ?2"
	" LEFT JOIN category_label e ON e.category_id = c.id AND e.lang = 'en'"
	" LEFT JOIN counts n ON n.id = c.id"
	" ORDER BY w.path";

static int read_categories(struct store *st, struct arena *a, const char *lang,
			   struct vocabulary *v, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, category_tree_sql, err);
	size_t cap = 0;
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, v->id);
	sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct category *c;
		v->categories = arena_grow(a, v->categories, v->ncategories, &cap,
					   sizeof *v->categories);
		if (!v->categories) {
			rc = SQLITE_NOMEM;
			break;
		}
		c = &v->categories[v->ncategories++];
		c->id = sqlite3_column_int64(s, 0);
		c->parent_id = sqlite3_column_int64(s, 1);
		c->vocabulary_id = v->id;
		c->vocabulary_slug = v->slug;
		c->slug = sq_text(a, s, 2);
		c->depth = sqlite3_column_int(s, 3);
		c->label = sq_text(a, s, 4);
		c->count = sqlite3_column_int64(s, 5);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "categories");
	sq_release(st, s);
	return rc;
}

int store_vocabulary_list(struct store *st, struct arena *a, const char *lang,
			  struct vocabulary **out, size_t *n,
			  struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st,
		"SELECT v.id, v.slug, coalesce(l.label, e.label, v.slug)"
		" FROM vocabulary v"
		" LEFT JOIN vocabulary_label l ON l.vocabulary_id = v.id AND l.lang = ?1"
		" LEFT JOIN vocabulary_label e ON e.vocabulary_id = v.id AND e.lang = 'en'"
		" ORDER BY v.position, v.id", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct vocabulary *v;
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			rc = SQLITE_NOMEM;
			break;
		}
		v = &(*out)[(*n)++];
		v->id = sqlite3_column_int64(s, 0);
		v->slug = sq_text(a, s, 1);
		v->label = sq_text(a, s, 2);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "vocabularies");
	sq_release(st, s);
	for (size_t i = 0; rc == 0 && i < *n; i++)
		rc = read_categories(st, a, lang, &(*out)[i], err);
	return rc;
}
