/* serve.c - `praxis serve`: run the web server until SIGTERM or SIGINT. */
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <time.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "http/server.h"
#include "core/mail.h"
#include "domain/attachment.h"
#include "web/export_cache.h"
#include "web/page_cache.h"
#include "web/session.h"
#include "web/web.h"

static const char usage[] =
	"usage: praxis serve [--db FILE] [--listen ADDR:PORT] [--config FILE]\n"
	"\n"
	"Serves the catalogue over HTTP until SIGTERM or SIGINT. Settings come\n"
	"from defaults, then the config file, then these flags.\n"
	"\n"
	"  --db FILE          database file (default praxis.db)\n"
	"  --listen ADDR:PORT address to listen on (default 127.0.0.1:8080;\n"
	"                     port 0 picks a free one; [::1]:8080 for IPv6)\n"
	"  --config FILE      settings as 'key = value' lines (see README)\n"
	"  --help             show this help\n";

enum { SHUTDOWN_GRACE_SECONDS = 5 };

/* "127.0.0.1:8080", "[::1]:8080" or ":8080" into the config. */
static int set_listen(struct config *cfg, const char *spec, struct error *err)
{
	const char *colon = strrchr(spec, ':');
	char addr[64];
	size_t n;

	if (!colon)
		return error_set(err, ERR_INVALID, "--listen: expected ADDR:PORT");
	n = (size_t)(colon - spec);
	if (n >= 2 && spec[0] == '[' && spec[n - 1] == ']') {
		spec++;
		n -= 2;
	}
	if (n >= sizeof addr)
		return error_set(err, ERR_INVALID, "--listen: address too long");
	memcpy(addr, spec, n);
	addr[n] = '\0';
	if (n && config_set(cfg, "listen_addr", addr, err) < 0)
		return ERR_INVALID;
	return config_set(cfg, "listen_port", colon + 1, err);
}

static void flush_views(struct app *app)
{
	struct error err = ERROR_INIT;
	struct store *st = store_pool_acquire(app->pool);

	if (st && views_flush(app->views, st, &err) < 0)
		log_warn("view counts not saved yet: %s", err.msg);
	store_pool_release(app->pool, st);
}

/* Forgets expired sessions and ended rate-limit windows (which hold
 * pseudonymised addresses: they must not be kept longer than needed). */
static void expire(struct app *app)
{
	struct error err = ERROR_INIT;
	struct store *st = store_pool_acquire(app->pool);
	int64_t now = time(NULL);

	if (st && store_expire(st, now - 60 * (int64_t)app->cfg->session_idle_minutes,
			       now - 3600 * (int64_t)app->cfg->session_max_hours,
			       now - 86400, &err) < 0)
		log_warn("expiry: %s", err.msg);
	store_pool_release(app->pool, st);
}

static bool attachment_known(void *st, const char *name)
{
	return store_attachment_known(st, name);
}

/* Files a crash left behind: temporary ones, and ones whose submission
 * never committed. Only those older than an hour, so that no submission
 * still being stored loses its file. */
static void sweep_files(struct app *app)
{
	struct error err = ERROR_INIT;
	struct store *st = store_pool_acquire(app->pool);
	int removed = 0;

	if (st && attachment_sweep(app->attachments_dir, time(NULL) - 3600,
				   attachment_known, st, &removed, &err) < 0)
		log_warn("attachments: %s", err.msg);
	else if (removed)
		log_info("attachments: removed %d left behind by a crash", removed);
	store_pool_release(app->pool, st);
}

/* Submitted files live outside the web root: attachments_dir, or a
 * directory beside the database. */
static char *attachments_dir(const struct config *cfg, struct error *err)
{
	size_t n = strlen(cfg->db_path) + sizeof ".files";
	char *dir = *cfg->attachments_dir ? strdup(cfg->attachments_dir)
		    : malloc(n);

	if (dir && !*cfg->attachments_dir)
		snprintf(dir, n, "%s.files", cfg->db_path);
	if (!dir) {
		error_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
		error_set(err, ERR_IO, "cannot create %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* The origin ("https://tile.example.org") of the map's tile URL when it
 * is on another server, for the pages' Content-Security-Policy; NULL for
 * tiles served from here, and for anything that is not a plain origin. */
static const char *tiles_origin(const char *tiles, char *out, size_t size)
{
	const char *host = strstr(tiles, "://");
	size_t n;

	if (!host || (strncmp(tiles, "https://", 8) && strncmp(tiles, "http://", 7)))
		return NULL;
	host += 3;
	n = (size_t)(host - tiles) + strcspn(host, "/");
	if (n >= size || strspn(tiles, "abcdefghijklmnopqrstuvwxyz"
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:/-") < n)
		return NULL;
	memcpy(out, tiles, n);
	out[n] = '\0';
	return out;
}

static int run(struct config *cfg)
{
	struct app app = {.cfg = cfg};
	struct error err = ERROR_INIT;
	struct http_server *srv = NULL;
	struct timespec tick = {.tv_sec = cfg->views_flush_seconds};
	char *files = NULL, origin[256];
	sigset_t stop;
	time_t last_expiry = 0, last_sweep = 0;
	int sig, rc = 1;

	/* Block the stop signals in every thread; this one waits for them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!(app.i18n = i18n_load(&err)) ||
	    !(app.pool = store_pool_new(cfg->db_path, cfg->threads + 1, &err)) ||
	    web_secret_load(&app, &err) < 0 ||
	    !(files = attachments_dir(cfg, &err)))
		goto fail;
	app.attachments_dir = files;
	if (mail_library_init() < 0) {
		error_set(&err, ERR_INTERNAL, "cannot initialise libcurl");
		goto fail;
	}
	/* the search's memory, which the pool's connections share */
	store_search_cache_set((size_t)cfg->search_cache_mb << 20);
	app.cache = page_cache_new((size_t)cfg->page_cache_mb << 20,
				   cfg->page_cache_seconds);
	if (!(app.views = views_new()) || !(app.exports = export_cache_new()) ||
	    !(app.metrics = metrics_new(web_routes, web_nroutes))) {
		error_set(&err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	srv = http_server_start(&(struct http_options){
		.cfg = cfg, .routes = web_routes, .nroutes = web_nroutes,
		.app = &app, .error = web_error, .identify = web_identify,
		.languages = i18n_languages,
		.img_origin = tiles_origin(cfg->map_tiles, origin, sizeof origin),
		.metrics = app.metrics}, &err);
	if (!srv)
		goto fail;
	log_info("listening on http://%s%s%s:%u/ (database %s, %u threads)",
		 strchr(cfg->listen_addr, ':') ? "[" : "", cfg->listen_addr,
		 strchr(cfg->listen_addr, ':') ? "]" : "", http_server_port(srv),
		 cfg->db_path, cfg->threads);
	for (;;) {
		sig = sigtimedwait(&stop, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		flush_views(&app);
		if (time(NULL) - last_expiry >= 60) {
			expire(&app);
			last_expiry = time(NULL);
		}
		if (time(NULL) - last_sweep >= 3600) {
			sweep_files(&app);
			last_sweep = time(NULL);
		}
	}
	log_info("signal %d: finishing requests in flight", sig);
	http_server_stop(srv, SHUTDOWN_GRACE_SECONDS);
	flush_views(&app);
	log_info("stopped");
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "praxis serve: %s\n", err.msg);
out:
	metrics_free(app.metrics);
	views_free(app.views);
	page_cache_free(app.cache);
	export_cache_free(app.exports);
	store_pool_free(app.pool);
	i18n_free(app.i18n);
	mail_library_cleanup();
	free(files);
	return rc;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"listen", required_argument, NULL, 'l'},
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *db = NULL, *listen = NULL, *file = NULL;
	struct error err = ERROR_INIT;
	struct config cfg;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': listen = optarg; break;
		case 'c': file = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	config_defaults(&cfg);
	if ((file && config_load(&cfg, file, &err) < 0) ||
	    (db && config_set(&cfg, "db", db, &err) < 0) ||
	    (listen && set_listen(&cfg, listen, &err) < 0)) {
		fprintf(stderr, "praxis serve: %s\n", err.msg);
		config_release(&cfg);
		return 2;
	}
	rc = run(&cfg);
	config_release(&cfg);
	return rc;
}
