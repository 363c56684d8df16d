/* store_pool.c - a fixed set of store connections for request threads.
 * Connections open on first use and share their caches; a thread waits
 * when all are busy. */
#include "store/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct store_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	char *path;
	unsigned size, opened, nidle;
	struct store **idle;
	struct store *first; /* whose caches the others share */
};

struct store_pool *store_pool_new(const char *path, unsigned size,
				  struct error *err)
{
	struct store_pool *p = calloc(1, sizeof *p);
	struct store *first;

	if (!p || !(p->idle = calloc(size, sizeof *p->idle)) ||
	    !(p->path = strdup(path))) {
		error_set(err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->size = size;
	/* Open one now so that a bad path or schema fails at start-up. */
	if (!(first = store_open(path, 0, err)))
		goto fail;
	p->idle[p->nidle++] = p->first = first;
	p->opened = 1;
	return p;
fail:
	if (p) {
		free(p->idle);
		free(p->path);
		free(p);
	}
	return NULL;
}

struct store *store_pool_acquire(struct store_pool *p)
{
	struct store *st = NULL;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		if (p->nidle) {
			st = p->idle[--p->nidle];
			break;
		}
		if (p->opened < p->size) {
			p->opened++;
			pthread_mutex_unlock(&p->lock);
			if ((st = store_open(p->path, 0, NULL)))
				store_share(st, p->first);
			pthread_mutex_lock(&p->lock);
			if (!st)
				p->opened--;
			break;
		}
		pthread_cond_wait(&p->freed, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return st;
}

void store_pool_release(struct store_pool *p, struct store *st)
{
	if (!st)
		return;
	store_rollback(st); /* never hand on an open transaction */
	pthread_mutex_lock(&p->lock);
	p->idle[p->nidle++] = st;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void store_pool_free(struct store_pool *p)
{
	if (!p)
		return;
	for (unsigned i = 0; i < p->nidle; i++)
		store_close(p->idle[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->idle);
	free(p->path);
	free(p);
}
