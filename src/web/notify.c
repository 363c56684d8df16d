/* notify.c - the submitter's e-mail with the tracking link. */
#include "web/notify.h"

#include "core/log.h"
#include "core/mail.h"

enum { MAIL_TIMEOUT_SECONDS = 10 };

/* The absolute address of a local path: mail needs the site's base URL. */
static const char *absolute(struct ctx *c, const char *path)
{
	return arena_printf(c->a, "%s%s%s", c->app->cfg->base_url, c->prefix,
			    path);
}

void notify_submitted(struct ctx *c, const char *email, const char *name,
		      const char *title, const char *token)
{
	const struct config *cfg = c->app->cfg;
	struct mail_config mc = {
		.smtp_url = cfg->smtp_url,
		.user = *cfg->smtp_user ? cfg->smtp_user : NULL,
		.password = *cfg->smtp_password ? cfg->smtp_password : NULL,
		.from = cfg->mail_from,
		.timeout_seconds = MAIL_TIMEOUT_SECONDS,
	};
	struct mail m = {.to = email, .subject = T(c, "mail.submitted.subject")};
	struct error err = ERROR_INIT;

	if (!mail_enabled(&mc))
		return;
	m.text = arena_printf(c->a, "%s %s,\n\n%s\n\n  %s\n\n%s\n\n  %s\n\n-- \n%s\n",
			      T(c, "mail.greeting"), name,
			      T(c, "mail.submitted.body"), title,
			      T(c, "mail.submitted.link"),
			      absolute(c, arena_printf(c->a, "/track/%s", token)),
			      cfg->site_name);
	if (!m.text || mail_send(&mc, &m, &err) < 0)
		log_warn("mail to the submitter not sent: %s",
			 m.text ? err.msg : "out of memory");
}
