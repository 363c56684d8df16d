#define _GNU_SOURCE /* strcasestr */
#include "domain/views.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/store.h"

/* Open addressing on practice ids; grows at 50% load. */
struct slot {
	int64_t id, count;
};

struct view_counter {
	pthread_mutex_t lock;
	struct slot *slots;
	size_t cap, used;
};

struct view_counter *views_new(void)
{
	struct view_counter *vc = calloc(1, sizeof *vc);

	if (!vc)
		return NULL;
	vc->cap = 256;
	if (!(vc->slots = calloc(vc->cap, sizeof *vc->slots))) {
		free(vc);
		return NULL;
	}
	pthread_mutex_init(&vc->lock, NULL);
	return vc;
}

void views_free(struct view_counter *vc)
{
	if (!vc)
		return;
	pthread_mutex_destroy(&vc->lock);
	free(vc->slots);
	free(vc);
}

static struct slot *find(struct slot *slots, size_t cap, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ULL) & (cap - 1);

	while (slots[i].id && slots[i].id != id)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static bool grow(struct view_counter *vc)
{
	size_t cap = vc->cap * 2;
	struct slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return false;
	for (size_t i = 0; i < vc->cap; i++)
		if (vc->slots[i].id)
			*find(slots, cap, vc->slots[i].id) = vc->slots[i];
	free(vc->slots);
	vc->slots = slots;
	vc->cap = cap;
	return true;
}

bool views_is_robot(const char *ua)
{
	static const char *const marks[] = {"bot", "crawl", "spider", "slurp",
					    "curl/", "wget/", NULL};
	if (!ua || !*ua)
		return true;
	for (int i = 0; marks[i]; i++)
		if (strcasestr(ua, marks[i]))
			return true;
	return false;
}

void views_hit(struct view_counter *vc, int64_t id, const char *ua)
{
	struct slot *s;

	if (id <= 0 || views_is_robot(ua))
		return;
	pthread_mutex_lock(&vc->lock);
	if ((vc->used + 1) * 2 > vc->cap && !grow(vc))
		goto out;
	s = find(vc->slots, vc->cap, id);
	if (!s->id) {
		s->id = id;
		vc->used++;
	}
	s->count++;
out:
	pthread_mutex_unlock(&vc->lock);
}

int64_t views_pending(struct view_counter *vc, int64_t id)
{
	int64_t n;

	pthread_mutex_lock(&vc->lock);
	n = find(vc->slots, vc->cap, id)->count;
	pthread_mutex_unlock(&vc->lock);
	return n;
}

int views_flush(struct view_counter *vc, struct store *st, struct error *err)
{
	struct slot *taken;
	size_t cap;
	int rc = 0;

	/* Swap the table out under the lock; write without holding it. */
	pthread_mutex_lock(&vc->lock);
	if (!vc->used) {
		pthread_mutex_unlock(&vc->lock);
		return 0;
	}
	struct slot *fresh = calloc(vc->cap, sizeof *fresh);
	if (!fresh) {
		pthread_mutex_unlock(&vc->lock);
		return error_set(err, ERR_INTERNAL, "out of memory");
	}
	taken = vc->slots;
	cap = vc->cap;
	vc->slots = fresh;
	vc->used = 0;
	pthread_mutex_unlock(&vc->lock);

	if ((rc = store_begin(st, err)) == 0) {
		for (size_t i = 0; rc == 0 && i < cap; i++)
			if (taken[i].id)
				rc = store_practice_views_add(st, taken[i].id,
							      taken[i].count, err);
		if (rc == 0)
			rc = store_commit(st, err);
		else
			store_rollback(st);
	}
	if (rc < 0) /* put the counts back */
		for (size_t i = 0; i < cap; i++)
			for (int64_t k = 0; taken[i].id && k < taken[i].count; k++)
				views_hit(vc, taken[i].id, "praxis/requeue");
	free(taken);
	return rc;
}
