/* temp_store.h - the unit tests' databases: a new temporary file with
 * the schema and the vocabularies, and the demo data when asked for;
 * removed afterwards with its WAL files. store_fixture is the usual
 * setup of a test with one. */
#ifndef TEMP_STORE_H
#define TEMP_STORE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/assets.h"
#include "domain/dataset.h"
#include "domain/taxonomy.h"
#include "store/store.h"

static inline void temp_store_remove(const char *path)
{
	char p[128];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* path (size bytes) receives "/tmp/praxis-NAME-XXXXXX" made unique.
 * NULL after printing why. */
static inline struct store *temp_store_open(char *path, size_t size,
					    const char *name, bool demo)
{
	const struct asset *vocab = asset_find("vocabularies.json");
	const struct asset *data = asset_find("demo.json");
	struct error err = ERROR_INIT;
	struct dataset_stats stats;
	struct store *st;
	int fd;

	snprintf(path, size, "/tmp/praxis-%s-XXXXXX", name);
	if ((fd = mkstemp(path)) < 0) {
		perror("temp_store_open");
		return NULL;
	}
	close(fd);
	st = store_open(path, STORE_NO_MIGRATE_CHECK, &err);
	if (!st || store_migrate(st, NULL, NULL, &err) < 0 ||
	    store_begin(st, &err) < 0 ||
	    taxonomy_seed_json(st, (const char *)vocab->data, vocab->size,
			       &err) < 0 ||
	    store_commit(st, &err) < 0 ||
	    (demo && dataset_load_json(st, (const char *)data->data, data->size,
				       &stats, &err) < 0)) {
		fprintf(stderr, "temp_store_open: %s\n", err.msg);
		if (st)
			store_close(st);
		temp_store_remove(path);
		return NULL;
	}
	return st;
}

/* What most store tests start from: a temporary database (with the demo
 * data when asked for) and an arena for what they read. */
struct store_fixture {
	char path[64];
	struct store *st;
	struct arena a;
};

/* NULL after printing why. */
static inline struct store_fixture *store_fixture_new(const char *name,
						      bool demo)
{
	struct store_fixture *fx = calloc(1, sizeof *fx);

	if (fx && !(fx->st = temp_store_open(fx->path, sizeof fx->path, name,
					     demo))) {
		free(fx);
		fx = NULL;
	}
	return fx;
}

static inline void store_fixture_free(struct store_fixture *fx)
{
	store_close(fx->st);
	temp_store_remove(fx->path);
	arena_free(&fx->a);
	free(fx);
}

#endif
