/* config.h - the server's settings: defaults, then a config file, then
 * command-line flags. A config owns its strings (config_release). */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include "core/error.h"

struct config {
	char *db_path;
	char *listen_addr;      /* IPv4 or IPv6 literal */
	unsigned listen_port;
	unsigned threads;       /* libmicrohttpd worker threads */
	unsigned max_connections;
	unsigned per_ip_connections; /* 0: no limit (behind a reverse proxy) */
	unsigned idle_timeout;  /* seconds without a byte before closing */
	unsigned request_deadline; /* seconds to receive a whole request */
	unsigned long max_body; /* bytes */
	unsigned long max_header; /* bytes for the request line + headers */
	char *site_name;
	char *base_url;         /* for canonical links; empty: relative */
	char *default_lang;     /* interface language of unprefixed URLs */
	unsigned views_flush_seconds;
	unsigned page_cache_mb;      /* 0: no page cache */
	unsigned search_cache_mb;    /* phrase lists, all connections; 0: none */
	unsigned page_cache_seconds; /* longest a cached page is reused */
	unsigned query_timeout_ms;   /* longest a request's database work runs */
	unsigned long max_upload;    /* bytes: body of a form with files */
	unsigned attachment_max_mb;  /* one attached file */
	char *attachments_dir;       /* outside the web root; "" : beside db */
	unsigned session_idle_minutes;
	unsigned session_max_hours;
	unsigned form_min_seconds;   /* faster than this is a robot */
	unsigned submissions_per_hour; /* per address */
	unsigned logins_per_15min;   /* failures per account, and per address x4 */
	char *smtp_url;              /* "" : no e-mail is sent */
	char *smtp_user, *smtp_password, *mail_from;
	/* the accessibility statement (deklaracja dostępności) and the
	 * privacy notice: who runs the site and whom to ask */
	char *operator_name;          /* the public entity or association */
	char *a11y_published, *a11y_updated, *a11y_prepared; /* YYYY-MM-DD */
	char *a11y_status;            /* full, partial or none */
	char *a11y_exceptions;        /* what is not accessible, and why */
	char *a11y_contact_name, *a11y_contact_email, *a11y_contact_phone;
	char *a11y_architecture;      /* the building: entrances, lifts, ... */
	char *privacy_contact;        /* data protection officer's address */
	char *map_tiles;              /* tile URL template, {z}/{x}/{y} */
	char *map_attribution;        /* shown on the map, as the tiles' licence asks */
	char *data_licence;           /* URI of the open data's licence (DCAT, OpenAPI) */
	unsigned oai_page_size;       /* OAI-PMH records per list response */
	char *oai_admin_email;        /* OAI-PMH Identify; "" : another contact */
};

void config_defaults(struct config *c);
/* Reads "key = value" lines ('#' comments); unknown keys are errors. */
int config_load(struct config *c, const char *path, struct error *err);
/* Sets one key from its textual value (shared by the file and flags). */
int config_set(struct config *c, const char *key, const char *value,
	       struct error *err);
void config_release(struct config *c);

#endif
