/* notify.h - e-mail to submitters (their private tracking link), when
 * SMTP is configured. Sending is best effort: the link is also shown
 * on screen, so a mail server that is down loses nothing. */
#ifndef WEB_NOTIFY_H
#define WEB_NOTIFY_H

#include "web/web.h"

void notify_submitted(struct ctx *c, const char *email, const char *name,
		      const char *title, const char *token);

#endif
