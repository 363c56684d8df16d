/* mail.h - outgoing e-mail: formats one plain-text message and hands it to
 * an SMTP server with libcurl. Owns no state beyond libcurl's global init. */
#ifndef CORE_MAIL_H
#define CORE_MAIL_H

#include <stdbool.h>
#include <time.h>

#include "core/buf.h"
#include "core/error.h"

/* Borrowed strings; the caller keeps them alive across the call. */
struct mail_config {
	/* "smtp://host:port" (STARTTLS when offered, required when user is
	 * set) or "smtps://host:port"; NULL or "" = mail disabled. */
	const char *smtp_url;
	const char *user, *password; /* optional AUTH; NULL = none */
	/* "praxis <noreply@example.org>" or a bare address */
	const char *from;
	long timeout_seconds; /* whole transfer; <= 0 means 30 */
};

struct mail {
	const char *to;      /* one bare address */
	const char *subject; /* UTF-8, one line */
	const char *text;    /* UTF-8 plain text body, \n line ends */
};

/* Once per process, before any thread sends (curl_global_init is not
 * thread-safe everywhere). 0 or ERR_INTERNAL. */
int mail_library_init(void);
/* At exit, after the last mail_send; pairs with mail_library_init. */
void mail_library_cleanup(void);

/* True when cfg names an SMTP server; callers that would promise "we sent
 * you a link" check this first. */
bool mail_enabled(const struct mail_config *cfg);

/* Appends the RFC 5322 message (CRLF line ends, headers then a
 * quoted-printable body) to out. No I/O and no global state: the only
 * input besides the arguments is the random Message-ID. Addresses with
 * anything but plain addr-spec characters, and subjects with CR/LF or bad
 * UTF-8, are refused with ERR_INVALID so no header can be injected;
 * ERR_INTERNAL when out ran out of memory. */
int mail_format(const struct mail_config *cfg, const struct mail *m,
		time_t now, struct buf *out, struct error *err);

/* Formats m and sends it over SMTP; blocks for at most the configured
 * timeout. ERR_INVALID for bad input or disabled mail, ERR_IO with
 * curl's and the server's word when the transfer fails. */
int mail_send(const struct mail_config *cfg, const struct mail *m,
	      struct error *err);

#endif
