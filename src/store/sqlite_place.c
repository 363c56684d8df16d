/* sqlite_place.c - the gazetteer, and organisations' places. */
#include "store/sqlite_impl.h"

#include "domain/geo.h"

int store_place_clear(struct store *st, struct error *err)
{
	return sq_exec(st, "DELETE FROM place", err);
}

int store_place_put(struct store *st, const struct place *p, const char *key,
		    struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "INSERT INTO place (name, key, country,"
				     " region, lat, lon) VALUES (?,?,?,?,?,?)", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, p->country, -1, SQLITE_STATIC);
	sq_bind_text(s, 4, p->region);
	sqlite3_bind_double(s, 5, p->lat);
	sqlite3_bind_double(s, 6, p->lon);
	return sq_run(st, s, "place", err);
}

int store_place_find(struct store *st, struct arena *a, const char *key,
		     const char *country, struct place **out, size_t *n,
		     struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT name, country, region, lat, lon"
				     " FROM place WHERE country = ? AND key = ?"
				     " ORDER BY id LIMIT 50", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, country, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct place *p;
		if (!(*out = arena_grow(a, *out, *n, &cap, sizeof **out))) {
			sq_release(st, s);
			return error_set(err, ERR_INTERNAL, "out of memory");
		}
		p = &(*out)[(*n)++];
		p->name = sq_text(a, s, 0);
		p->country = sq_text(a, s, 1);
		p->region = sq_text(a, s, 2);
		p->lat = sqlite3_column_double(s, 3);
		p->lon = sqlite3_column_double(s, 4);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "places");
	sq_release(st, s);
	return rc;
}

int store_place_count(struct store *st, int64_t *n, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT count(*) FROM place", err);
	int rc;

	if (!s)
		return ERR_IO;
	rc = sqlite3_step(s) == SQLITE_ROW ? 0 : sq_fail(st, err, "places");
	*n = sqlite3_column_int64(s, 0);
	sq_release(st, s);
	return rc;
}

int store_organisation_set_place(struct store *st, int64_t id, double lat,
				 double lon, enum geo_status geo,
				 struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE organisation SET lat = ?, lon = ?,"
				     " geo_status = ?, updated_at = ? WHERE id = ?", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_double(s, 1, lat);
	sqlite3_bind_double(s, 2, lon);
	sqlite3_bind_text(s, 3, geo_status_codes[geo], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, sq_now());
	sqlite3_bind_int64(s, 5, id);
	if (sq_run(st, s, "organisation", err) < 0)
		return ERR_IO;
	return sqlite3_changes(st->db) ? 0
	       : error_set(err, ERR_NOT_FOUND, "no such organisation");
}

int store_organisation_unplaced(struct store *st, struct arena *a,
				int64_t **ids, size_t *n, size_t max,
				struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "SELECT id FROM organisation"
				     " WHERE lat IS NULL ORDER BY id LIMIT ?", err);
	int rc;

	*n = 0;
	if (!s)
		return ERR_IO;
	if (!(*ids = arena_calloc(a, max + 1, sizeof **ids))) {
		sq_release(st, s);
		return error_set(err, ERR_INTERNAL, "out of memory");
	}
	sqlite3_bind_int64(s, 1, (int64_t)max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	rc = rc == SQLITE_DONE ? 0 : sq_fail(st, err, "organisations");
	sq_release(st, s);
	return rc;
}

int store_organisation_set_geo(struct store *st, int64_t id,
			       enum geo_status geo, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE organisation SET geo_status = ?"
				     " WHERE id = ?", err);
	if (!s)
		return ERR_IO;
	sq_bind_text(s, 1, geo_status_codes[geo]);
	sqlite3_bind_int64(s, 2, id);
	return sq_run(st, s, "organisation", err);
}
