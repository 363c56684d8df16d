/* lru.h - a list in order of use, most recent first, for the caches
 * that drop their least recently used entries first (rendered pages,
 * the search's phrase lists). An entry holds a struct lru_link and is
 * found again from it with lru_entry(). */
#ifndef CORE_LRU_H
#define CORE_LRU_H

#include <stddef.h>

struct lru_link {
	struct lru_link *newer, *older;
};

struct lru {
	struct lru_link *newest, *oldest;
};

#define lru_entry(link, type, member) \
	((type *)(void *)((char *)(link) - offsetof(type, member)))

/* Takes e, which is in the list, out of it. */
static inline void lru_unlink(struct lru *l, struct lru_link *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		l->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		l->oldest = e->newer;
	e->newer = e->older = NULL;
}

/* Puts e, which is not in the list, first. */
static inline void lru_push(struct lru *l, struct lru_link *e)
{
	e->older = l->newest;
	e->newer = NULL;
	if (l->newest)
		l->newest->newer = e;
	l->newest = e;
	if (!l->oldest)
		l->oldest = e;
}

/* Puts e, which is in the list, first. */
static inline void lru_touch(struct lru *l, struct lru_link *e)
{
	if (l->newest != e) {
		lru_unlink(l, e);
		lru_push(l, e);
	}
}

#endif
