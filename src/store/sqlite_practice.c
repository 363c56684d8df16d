/* sqlite_practice.c - reading and writing practices in the SQLite store. */
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"

#include <string.h>

#include "text/slug.h"

static int parse_code(const char *const *codes, int n, const char *s)
{
	int c = code_parse(codes, n, s);
	return c < 0 ? n - 1 : c; /* unknown codes read as the last, "other" */
}

static int read_contacts(struct store *st, struct arena *a, struct practice *p,
			 struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_PRACTICE_CONTACTS, err);
	size_t cap = 0;
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, p->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct contact *c;
		p->contacts = arena_grow(a, p->contacts, p->ncontacts, &cap,
					 sizeof *p->contacts);
		if (!p->contacts)
			return error_set(err, ERR_INTERNAL, "out of memory");
		c = &p->contacts[p->ncontacts++];
		c->id = sqlite3_column_int64(s, 0);
		c->name = sq_text(a, s, 1);
		c->role = sq_text(a, s, 2);
		c->phone = sq_text(a, s, 3);
		c->email = sq_text(a, s, 4);
	}
	return rc == SQLITE_DONE ? 0 : sq_fail(st, err, "contacts");
}

static int read_links(struct store *st, struct arena *a, struct practice *p,
		      struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_PRACTICE_LINKS, err);
	size_t cap = 0;
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, p->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct link *l;
		p->links = arena_grow(a, p->links, p->nlinks, &cap, sizeof *p->links);
		if (!p->links)
			return error_set(err, ERR_INTERNAL, "out of memory");
		l = &p->links[p->nlinks++];
		l->id = sqlite3_column_int64(s, 0);
		l->kind = parse_code(link_kind_codes, LINK__MAX,
				     (const char *)sqlite3_column_text(s, 1));
		l->url = sq_text(a, s, 2);
		l->title = sq_text(a, s, 3);
		l->act_number = sq_text(a, s, 4);
		l->act_date = sq_text(a, s, 5);
		l->issuer = sq_text(a, s, 6);
	}
	return rc == SQLITE_DONE ? 0 : sq_fail(st, err, "links");
}

static int read_categories(struct store *st, struct arena *a,
			   struct practice *p, const char *lang,
			   struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_PRACTICE_CATEGORIES, err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
	p->categories = arena_calloc(a, PRACTICE_CATEGORIES_MAX,
				     sizeof *p->categories);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	       p->ncategories < PRACTICE_CATEGORIES_MAX) {
		struct category_ref *c = &p->categories[p->ncategories++];
		c->id = sqlite3_column_int64(s, 0);
		c->slug = sq_text(a, s, 1);
		c->vocabulary = sq_text(a, s, 2);
		c->label = sq_text(a, s, 3);
	}
	return rc == SQLITE_DONE || rc == SQLITE_ROW
		       ? 0 : sq_fail(st, err, "categories");
}

static int read_keywords(struct store *st, struct arena *a, struct practice *p,
			 struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_PRACTICE_KEYWORDS, err);
	int rc;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, p->id);
	p->keywords = arena_calloc(a, PRACTICE_KEYWORDS_MAX, sizeof *p->keywords);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	       p->nkeywords < PRACTICE_KEYWORDS_MAX)
		p->keywords[p->nkeywords++] = sq_text(a, s, 0);
	return rc == SQLITE_DONE || rc == SQLITE_ROW
		       ? 0 : sq_fail(st, err, "keywords");
}

static bool ref_listed(const struct practice_ref *r, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].id == id)
			return true;
	return false;
}

/* Relations in both directions: what this practice adapted or relates
 * to, and which practices adapted it. Only published ones are shown. */
static int read_relations(struct store *st, struct arena *a,
			  struct practice *p, struct error *err)
{
	enum { REL_MAX = 50 };
	sqlite3_stmt *s;
	int rc;

	p->related = arena_calloc(a, REL_MAX, sizeof *p->related);
	p->adaptations = arena_calloc(a, REL_MAX, sizeof *p->adaptations);
	for (int dir = 0; dir < 2; dir++) {
		s = sq_stmt(st, dir ? SQ_PRACTICE_RELATED_IN
				    : SQ_PRACTICE_RELATED_OUT, err);
		if (!s)
			return ERR_IO;
		sqlite3_bind_int64(s, 1, p->id);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *kind = (const char *)sqlite3_column_text(s, 0);
			bool adapted = !strcmp(kind, "adapted_from");
			struct practice_ref *r;

			if (adapted && !dir) {
				r = p->adapted_from = arena_alloc(a, sizeof *r);
			} else if (adapted && p->nadaptations < REL_MAX) {
				r = &p->adaptations[p->nadaptations++];
			} else if (!adapted && p->nrelated < REL_MAX &&
				   !ref_listed(p->related, p->nrelated,
					       sqlite3_column_int64(s, 1))) {
				/* "related" is symmetric: list each once */
				r = &p->related[p->nrelated++];
			} else {
				continue;
			}
			if (!r)
				return error_set(err, ERR_INTERNAL, "out of memory");
			r->id = sqlite3_column_int64(s, 1);
			r->slug = sq_text(a, s, 2);
			r->title = sq_text(a, s, 3);
		}
		if (rc != SQLITE_DONE)
			return sq_fail(st, err, "relations");
	}
	return 0;
}

int store_practice_get(struct store *st, struct arena *a, int64_t id,
		       const char *lang, bool published_only,
		       struct practice *p, struct error *err)
{
	sqlite3_stmt *s = sq_stmt(st, SQ_PRACTICE_GET, err);
	int64_t org_id;
	int rc;

	if (!s)
		return ERR_IO;
	memset(p, 0, sizeof *p);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, lang ? lang : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return error_set(err, ERR_NOT_FOUND, "no practice %lld",
				 (long long)id);
	if (rc != SQLITE_ROW)
		return sq_fail(st, err, "practice");
	p->status = parse_code(practice_status_codes, STATUS__MAX,
			       (const char *)sqlite3_column_text(s, 3));
	if (published_only && p->status != STATUS_PUBLISHED) {
		sqlite3_reset(s);
		return error_set(err, ERR_NOT_FOUND, "no practice %lld",
				 (long long)id);
	}
	p->id = sqlite3_column_int64(s, 0);
	p->slug = sq_text(a, s, 1);
	p->lang = sq_text(a, s, 2);
	p->created_at = sqlite3_column_int64(s, 4);
	p->updated_at = sqlite3_column_int64(s, 5);
	p->published_at = sqlite3_column_int64(s, 6);
	p->revision = sqlite3_column_int(s, 7);
	p->text_lang = sq_text(a, s, 8);
	p->title = sq_text(a, s, 9);
	p->summary = sq_text(a, s, 10);
	p->body = sq_text(a, s, 11);
	p->body_lang = sq_text(a, s, 21);
	p->implementing_office = sq_text(a, s, 12);
	p->initiator = parse_code(initiator_type_codes, INITIATOR__MAX,
				  (const char *)sqlite3_column_text(s, 13));
	p->date_entered = sq_text(a, s, 14);
	p->period_start = sq_text(a, s, 15);
	p->period_end = sq_text(a, s, 16);
	p->has_coords = sqlite3_column_type(s, 17) != SQLITE_NULL;
	p->lat = sqlite3_column_double(s, 17);
	p->lon = sqlite3_column_double(s, 18);
	p->views = sqlite3_column_int64(s, 19);
	org_id = sqlite3_column_int64(s, 20);
	sqlite3_reset(s);

	if ((rc = store_organisation_get(st, a, org_id, &p->org, err)) < 0 ||
	    (rc = read_contacts(st, a, p, err)) < 0 ||
	    (rc = read_links(st, a, p, err)) < 0 ||
	    (rc = read_categories(st, a, p, lang ? lang : p->lang, err)) < 0 ||
	    (rc = read_keywords(st, a, p, err)) < 0 ||
	    (rc = read_relations(st, a, p, err)) < 0)
		return rc;
	if (!p->has_coords && p->org.has_coords) {
		p->has_coords = true;
		p->lat = p->org.lat;
		p->lon = p->org.lon;
	}
	return 0;
}

int sq_insert_parts(struct store *st, int64_t id,
			const struct practice_input *in, struct error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;

	s = sq_prepare(st, "INSERT INTO practice_text (practice_id, lang, title,"
			   " summary, body) VALUES (?, ?, ?, ?, ?)", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, in->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, in->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, in->summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, in->body ? in->body : "", -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto fail;
	sq_release(st, s);

	s = sq_prepare(st, "INSERT INTO contact (practice_id, position, name,"
			   " role, phone, email) VALUES (?, ?, ?, ?, ?, ?)", err);
	if (!s)
		return ERR_IO;
	for (size_t i = 0; i < in->ncontacts; i++) {
		const struct contact *c = &in->contacts[i];
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sq_bind_text(s, 3, c->name);
		sq_bind_text(s, 4, c->role);
		sq_bind_text(s, 5, c->phone);
		sq_bind_text(s, 6, c->email);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail;
	}
	sq_release(st, s);

	s = sq_prepare(st, "INSERT INTO link (practice_id, position, kind, url,"
			   " title, act_number, act_date, issuer)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", err);
	if (!s)
		return ERR_IO;
	for (size_t i = 0; i < in->nlinks; i++) {
		const struct link *l = &in->links[i];
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, link_kind_codes[l->kind], -1,
				  SQLITE_STATIC);
		sq_bind_text(s, 4, l->url);
		sq_bind_text(s, 5, l->title);
		sq_bind_text(s, 6, l->act_number);
		sq_bind_text(s, 7, l->act_date);
		sq_bind_text(s, 8, l->issuer);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail;
	}
	sq_release(st, s);

	s = sq_prepare(st, "INSERT OR IGNORE INTO practice_category"
			   " (practice_id, category_id) VALUES (?, ?)", err);
	if (!s)
		return ERR_IO;
	for (size_t i = 0; i < in->ncategories; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, in->category_ids[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail;
	}
	sq_release(st, s);

	s = sq_prepare(st, "INSERT OR IGNORE INTO keyword (practice_id,"
			   " position, word) VALUES (?, ?, ?)", err);
	if (!s)
		return ERR_IO;
	for (size_t i = 0; i < in->nkeywords; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, in->keywords[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail;
	}
	goto out;
fail:
	rc = sq_fail(st, err, "insert practice");
out:
	sq_release(st, s);
	return rc;
}

int store_practice_insert(struct store *st, const struct practice_input *in,
			  int64_t *id, struct error *err)
{
	sqlite3_stmt *s;
	char slug[128];
	int64_t now = sq_now();
	int64_t published = in->published_at;
	int rc;

	if ((rc = practice_input_validate(in, err)) < 0)
		return rc;
	if (in->status == STATUS_PUBLISHED && !published)
		published = now;
	slug_make(slug, sizeof slug, in->title);
	s = sq_prepare(st, "INSERT INTO practice (slug, lang, status,"
			   " organisation_id, implementing_office, initiator_type,"
			   " date_entered, period_start, period_end, lat, lon,"
			   " created_at, updated_at, published_at)"
			   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", err);
	if (!s)
		return ERR_IO;
	sqlite3_bind_text(s, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, in->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, practice_status_codes[in->status], -1,
			  SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, in->org_id);
	sq_bind_text(s, 5, in->implementing_office);
	sqlite3_bind_text(s, 6, initiator_type_codes[in->initiator], -1,
			  SQLITE_STATIC);
	sq_bind_text(s, 7, in->date_entered);
	sq_bind_text(s, 8, in->period_start);
	sq_bind_text(s, 9, in->period_end);
	if (in->has_coords) {
		sqlite3_bind_double(s, 10, in->lat);
		sqlite3_bind_double(s, 11, in->lon);
	}
	sqlite3_bind_int64(s, 12, now);
	sqlite3_bind_int64(s, 13, now);
	if (published)
		sqlite3_bind_int64(s, 14, published);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = sq_fail(st, err, "insert practice");
		sq_release(st, s);
		return rc;
	}
	sq_release(st, s);
	*id = sqlite3_last_insert_rowid(st->db);
	if ((rc = sq_insert_parts(st, *id, in, err)) < 0)
		return rc;
	return sq_fts_index(st, *id, err);
}

int store_practice_relate(struct store *st, int64_t from, int64_t to,
			  enum relation_kind kind, struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "INSERT OR IGNORE INTO relation"
				     " (from_id, to_id, kind) VALUES (?, ?, ?)",
				     err);
	int rc = 0;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	sqlite3_bind_text(s, 3, relation_kind_codes[kind], -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = sq_fail(st, err, "relate");
	sq_release(st, s);
	return rc;
}

int store_practice_views_add(struct store *st, int64_t id, int64_t n,
			     struct error *err)
{
	sqlite3_stmt *s = sq_prepare(st, "UPDATE practice SET views = views + ?"
				     " WHERE id = ?", err);
	int rc = 0;

	if (!s)
		return ERR_IO;
	sqlite3_bind_int64(s, 1, n);
	sqlite3_bind_int64(s, 2, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = sq_fail(st, err, "views");
	sq_release(st, s);
	return rc;
}
