/* export_cache.c - one cached export file per format. */
#include "web/export_cache.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXPORT_SLOTS = 4, EXPORT_WAIT_SECONDS = 30 };

/* A named file, not an unlinked one: each reader opens it anew and so
 * reads at an offset of its own; a replaced file is unlinked, and lives
 * on only while a reader still has it open. */
struct export_slot {
	pthread_mutex_t lock;
	char path[64];      /* "": none */
	int64_t generation; /* of the catalogue the file was written from */
};

struct export_cache {
	struct export_slot slots[EXPORT_SLOTS];
};

#define FILE_PREFIX "praxis-export-"

/* Files of servers that are gone: a crash leaves its cached exports
 * behind, named with its process id, which no longer runs. */
static void sweep_orphans(void)
{
	DIR *d = opendir(P_tmpdir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *end;
		long pid;

		if (strncmp(e->d_name, FILE_PREFIX, strlen(FILE_PREFIX)))
			continue;
		pid = strtol(e->d_name + strlen(FILE_PREFIX), &end, 10);
		if (pid <= 0 || *end != '-' || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

struct export_cache *export_cache_new(void)
{
	struct export_cache *c = calloc(1, sizeof *c);

	sweep_orphans();

	for (int i = 0; c && i < EXPORT_SLOTS; i++) {
		pthread_mutex_init(&c->slots[i].lock, NULL);
	}
	return c;
}

void export_cache_free(struct export_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < EXPORT_SLOTS; i++) {
		if (c->slots[i].path[0])
			unlink(c->slots[i].path);
		pthread_mutex_destroy(&c->slots[i].lock);
	}
	free(c);
}

/* A new export into a new file; 0, or -1 with nothing left behind. */
static int fill_file(char *path, size_t size, export_fill_fn *fill,
		     void *ctx, struct error *err)
{
	FILE *f;
	int fd, rc;

	snprintf(path, size, "%s/" FILE_PREFIX "%ld-XXXXXX", P_tmpdir,
		 (long)getpid());
	if ((fd = mkstemp(path)) < 0 || !(f = fdopen(fd, "w"))) {
		rc = error_set(err, ERR_IO, "export: no temporary file: %s",
			       strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return rc;
	}
	rc = fill(ctx, f, err);
	if (fclose(f) != 0 && rc == 0)
		rc = error_set(err, ERR_IO, "export: %s", strerror(errno));
	if (rc < 0)
		unlink(path);
	return rc;
}

FILE *export_cache_open(struct export_cache *c, unsigned slot,
			int64_t generation, export_fill_fn *fill, void *ctx,
			struct error *err)
{
	struct export_slot *s;
	struct timespec until;
	FILE *f = NULL;
	int rc;

	if (slot >= EXPORT_SLOTS) {
		error_set(err, ERR_INTERNAL, "export: no slot %u", slot);
		return NULL;
	}
	s = &c->slots[slot];
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += EXPORT_WAIT_SECONDS;
	if ((rc = pthread_mutex_timedlock(&s->lock, &until)) != 0) {
		error_set(err, rc == ETIMEDOUT ? ERR_TIMEOUT : ERR_INTERNAL,
			  "export: another export of this format is being written");
		return NULL;
	}
	if (!s->path[0] || s->generation != generation) {
		char fresh[sizeof s->path];
		if (fill_file(fresh, sizeof fresh, fill, ctx, err) < 0)
			goto out;
		if (s->path[0])
			unlink(s->path);
		memcpy(s->path, fresh, sizeof fresh);
		s->generation = generation;
	}
	if (!(f = fopen(s->path, "rb")))
		error_set(err, ERR_IO, "export: %s", strerror(errno));
out:
	pthread_mutex_unlock(&s->lock);
	return f;
}
