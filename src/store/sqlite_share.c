/* sqlite_share.c - the facet cache (with its phrase lists) shared by a
 * process's connections to one database: the first connection to see a
 * new generation builds it and the others take it, so a common word is
 * read from the index once per catalogue change, not once per
 * connection, and a connection opened late starts warm. A cache is
 * counted (refs) and freed by the last of the share and the connections
 * using it; a connection reading an older snapshot than the share's
 * keeps its own. */
#include "store/sqlite_facets.h"

#include <stdlib.h>

struct search_share {
	pthread_mutex_t lock; /* guards everything here and every refs */
	unsigned users;       /* connections */
	struct facet_cache *current; /* the newest built; holds a ref */
};

struct search_share *sq_share_new(void)
{
	struct search_share *sh = calloc(1, sizeof *sh);

	if (!sh)
		return NULL;
	pthread_mutex_init(&sh->lock, NULL);
	sh->users = 1;
	return sh;
}

/* Drops a reference to fc under sh->lock; true when it was the last. */
static bool drop_locked(struct facet_cache *fc)
{
	return fc && --fc->refs == 0;
}

void sq_share_unref(struct search_share *sh)
{
	struct facet_cache *last = NULL;
	bool gone;

	if (!sh)
		return;
	pthread_mutex_lock(&sh->lock);
	gone = --sh->users == 0;
	if (gone && drop_locked(sh->current))
		last = sh->current;
	pthread_mutex_unlock(&sh->lock);
	if (!gone)
		return;
	sq_facet_cache_free(last);
	pthread_mutex_destroy(&sh->lock);
	free(sh);
}

void sq_share_join(struct store *st, const struct store *from)
{
	struct search_share *sh = from->share;

	if (!sh || sh == st->share)
		return;
	sq_share_leave(st);
	pthread_mutex_lock(&sh->lock);
	sh->users++;
	pthread_mutex_unlock(&sh->lock);
	sq_share_unref(st->share);
	st->share = sh;
}

void sq_share_leave(struct store *st)
{
	struct facet_cache *fc = st->facets, *last = NULL;

	st->facets = NULL;
	if (!fc)
		return;
	pthread_mutex_lock(&st->share->lock);
	if (drop_locked(fc))
		last = fc;
	pthread_mutex_unlock(&st->share->lock);
	sq_facet_cache_free(last); /* outside the lock: it takes a while */
}

void sq_share_find(struct store *st, int64_t generation)
{
	struct search_share *sh = st->share;

	if (st->facets && st->facets->generation == generation)
		return;
	sq_share_leave(st);
	pthread_mutex_lock(&sh->lock);
	if (sh->current && sh->current->generation == generation) {
		st->facets = sh->current;
		st->facets->refs++;
	}
	pthread_mutex_unlock(&sh->lock);
}

void sq_share_offer(struct store *st, struct facet_cache *built)
{
	struct search_share *sh = st->share;
	struct facet_cache *unused = NULL;

	sq_share_leave(st);
	built->refs = 1; /* st's */
	pthread_mutex_lock(&sh->lock);
	if (sh->current && sh->current->generation == built->generation) {
		unused = built;
		built = sh->current;
		built->refs++;
	} else if (!sh->current || sh->current->generation < built->generation ||
		   sh->current->refs == 1) {
		/* newer, or the share's is in no connection's use (a database
		 * put back can go back in generations) */
		if (drop_locked(sh->current))
			unused = sh->current;
		sh->current = built;
		built->refs++;
	} /* else an older snapshot's: st's alone */
	pthread_mutex_unlock(&sh->lock);
	st->facets = built;
	sq_facet_cache_free(unused);
}
