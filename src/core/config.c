#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt_kind { OPT_STR, OPT_UINT, OPT_ULONG };

struct opt {
	const char *key;
	enum opt_kind kind;
	size_t offset;
	unsigned long min, max;
};

#define STR(k, f) {k, OPT_STR, offsetof(struct config, f), 0, 0}
#define UINT(k, f, lo, hi) {k, OPT_UINT, offsetof(struct config, f), lo, hi}
#define ULONG(k, f, lo, hi) {k, OPT_ULONG, offsetof(struct config, f), lo, hi}

static const struct opt opts[] = {
	STR("db", db_path),
	STR("listen_addr", listen_addr),
	UINT("listen_port", listen_port, 0, 65535),
	UINT("threads", threads, 1, 256),
	UINT("max_connections", max_connections, 1, 100000),
	UINT("per_ip_connections", per_ip_connections, 0, 100000),
	UINT("idle_timeout", idle_timeout, 1, 3600),
	UINT("request_deadline", request_deadline, 1, 3600),
	ULONG("max_body", max_body, 0, 1UL << 30),
	ULONG("max_header", max_header, 1024, 1UL << 20),
	STR("site_name", site_name),
	STR("base_url", base_url),
	STR("default_lang", default_lang),
	UINT("views_flush_seconds", views_flush_seconds, 1, 3600),
	UINT("page_cache_mb", page_cache_mb, 0, 65536),
	UINT("search_cache_mb", search_cache_mb, 0, 65536),
	UINT("page_cache_seconds", page_cache_seconds, 0, 86400),
	UINT("query_timeout_ms", query_timeout_ms, 0, 600000),
	ULONG("max_upload", max_upload, 0, 1UL << 31),
	UINT("attachment_max_mb", attachment_max_mb, 1, 1024),
	STR("attachments_dir", attachments_dir),
	UINT("session_idle_minutes", session_idle_minutes, 1, 10080),
	UINT("session_max_hours", session_max_hours, 1, 720),
	UINT("form_min_seconds", form_min_seconds, 0, 3600),
	UINT("submissions_per_hour", submissions_per_hour, 1, 100000),
	UINT("logins_per_15min", logins_per_15min, 1, 100000),
	STR("smtp_url", smtp_url),
	STR("smtp_user", smtp_user),
	STR("smtp_password", smtp_password),
	STR("mail_from", mail_from),
	STR("operator_name", operator_name),
	STR("a11y_published", a11y_published),
	STR("a11y_updated", a11y_updated),
	STR("a11y_prepared", a11y_prepared),
	STR("a11y_status", a11y_status),
	STR("a11y_exceptions", a11y_exceptions),
	STR("a11y_contact_name", a11y_contact_name),
	STR("a11y_contact_email", a11y_contact_email),
	STR("a11y_contact_phone", a11y_contact_phone),
	STR("a11y_architecture", a11y_architecture),
	STR("privacy_contact", privacy_contact),
	STR("map_tiles", map_tiles),
	STR("map_attribution", map_attribution),
	STR("data_licence", data_licence),
	UINT("oai_page_size", oai_page_size, 1, 1000),
	STR("oai_admin_email", oai_admin_email),
};

static void set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = strdup(v);
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	set_str(&c->db_path, "praxis.db");
	set_str(&c->listen_addr, "127.0.0.1");
	c->listen_port = 8080;
	c->threads = 4;
	c->max_connections = 1024;
	c->per_ip_connections = 64;
	c->idle_timeout = 30;
	c->request_deadline = 60;
	c->max_body = 1UL << 20;
	c->max_header = 16 * 1024;
	set_str(&c->site_name, "praxis");
	set_str(&c->base_url, "");
	set_str(&c->default_lang, "pl");
	c->views_flush_seconds = 5;
	c->page_cache_mb = 32;
	c->search_cache_mb = 128;
	c->page_cache_seconds = 10;
	c->query_timeout_ms = 3000;
	c->max_upload = 55UL << 20;
	c->attachment_max_mb = 10;
	set_str(&c->attachments_dir, "");
	c->session_idle_minutes = 60;
	c->session_max_hours = 12;
	c->form_min_seconds = 3;
	c->submissions_per_hour = 10;
	c->logins_per_15min = 5;
	set_str(&c->smtp_url, "");
	set_str(&c->smtp_user, "");
	set_str(&c->smtp_password, "");
	set_str(&c->mail_from, "praxis <noreply@localhost>");
	set_str(&c->operator_name, "");
	set_str(&c->a11y_published, "");
	set_str(&c->a11y_updated, "");
	set_str(&c->a11y_prepared, "");
	set_str(&c->a11y_status, "partial");
	set_str(&c->a11y_exceptions, "");
	set_str(&c->a11y_contact_name, "");
	set_str(&c->a11y_contact_email, "");
	set_str(&c->a11y_contact_phone, "");
	set_str(&c->a11y_architecture, "");
	set_str(&c->privacy_contact, "");
	set_str(&c->map_tiles, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
	set_str(&c->map_attribution, "© OpenStreetMap contributors");
	set_str(&c->data_licence, "https://creativecommons.org/licenses/by/4.0/");
	c->oai_page_size = 100;
	set_str(&c->oai_admin_email, "");
}

int config_set(struct config *c, const char *key, const char *value,
	       struct error *err)
{
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
		const struct opt *o = &opts[i];
		char *end;
		unsigned long v;

		if (strcmp(o->key, key))
			continue;
		if (o->kind == OPT_STR) {
			set_str((char **)((char *)c + o->offset), value);
			return 0;
		}
		errno = 0;
		v = strtoul(value, &end, 10);
		if (!*value || *end || errno || v < o->min || v > o->max ||
		    *value == '-')
			return error_set(err, ERR_INVALID,
					 "%s must be a whole number from %lu to %lu, not '%s'",
					 key, o->min, o->max, value);
		if (o->kind == OPT_UINT)
			*(unsigned *)((char *)c + o->offset) = (unsigned)v;
		else
			*(unsigned long *)((char *)c + o->offset) = v;
		return 0;
	}
	return error_set(err, ERR_INVALID, "unknown setting '%s'", key);
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int config_load(struct config *c, const char *path, struct error *err)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int lineno = 0, rc = 0;

	if (!f)
		return error_set(err, ERR_IO, "cannot open config %s", path);
	while (fgets(line, sizeof line, f)) {
		char *eq, *key;
		struct error e2 = ERROR_INIT;

		lineno++;
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		if (!(eq = strchr(key, '='))) {
			rc = error_set(err, ERR_INVALID,
				       "%s:%d: expected 'key = value'", path, lineno);
			goto out;
		}
		*eq = '\0';
		if (config_set(c, trim(key), trim(eq + 1), &e2) < 0) {
			rc = error_set(err, e2.code, "%s:%d: %s", path, lineno,
				       e2.msg);
			goto out;
		}
	}
out:
	fclose(f);
	return rc;
}

void config_release(struct config *c)
{
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		if (opts[i].kind == OPT_STR) {
			char **slot = (char **)((char *)c + opts[i].offset);
			free(*slot);
			*slot = NULL;
		}
}
