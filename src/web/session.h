/* session.h - who is signed in, and the forms' CSRF tokens.
 * A session is a random token in a __Host- cookie; the store keeps only
 * its hash. Every state-changing form carries a CSRF token bound to the
 * session, or for people not signed in to a random form cookie. */
#ifndef WEB_SESSION_H
#define WEB_SESSION_H

#include <stdbool.h>

#include "domain/account.h"
#include "http/form.h"
#include "web/web.h"

#define SESSION_COOKIE "__Host-praxis-session"
#define FORM_COOKIE "__Host-praxis-form"

/* Loads the site's secret from the store, creating it on first start. */
int web_secret_load(struct app *app, struct error *err);

/* The server's identify callback (http_identify_fn). */
int web_identify(struct request *rq);
/* The signed-in account, or NULL. */
const struct account *web_account(const struct request *rq);
/* The ROLE_* bit of an account's role. */
unsigned web_role_bit(enum account_role r);

/* Starts a new session for acc (the old one, if any, is ended: a new
 * token at every sign-in) and sets its cookie. Inside a write
 * transaction. */
int web_session_start(struct ctx *c, const struct account *acc,
		      struct error *err);
/* Ends the request's session and clears its cookie. */
int web_session_end(struct ctx *c, struct error *err);

/* <input type="hidden" name="csrf" ...> for a form on this page; sets
 * the form cookie when someone not signed in has none yet. */
void web_csrf_field(struct ctx *c);
/* The same for a form that comes back with problems: the token it was
 * sent with, when still valid, so the time it takes to fill in counts
 * from when the form was first shown. */
void web_csrf_field_again(struct ctx *c, const struct form *sent);
/* The token web_csrf_field writes (NULL when none can be made). */
const char *web_csrf_token(struct request *rq, struct response *rs);
enum csrf_result { CSRF_OK, CSRF_BAD, CSRF_TOO_FAST };
/* Checks the form's token; min_age: seconds a person needs at least. */
enum csrf_result web_csrf_check(struct ctx *c, const struct form *f,
				unsigned min_age);

/* The posted form of a signed-in person's action, parsed and its CSRF
 * token checked. On a malformed body (400) or a bad token (403) it has
 * replied, and returns -1 with *rc set to what the handler returns. */
int web_posted_form(struct ctx *c, struct form *f, int *rc);

/* Counts an event of kind for subject (pseudonymised) in a window of
 * window seconds; true when more than limit happened. Needs a write
 * transaction. */
int web_rate_hit(struct ctx *c, const char *kind, const char *subject,
		 unsigned window, unsigned limit, bool *exceeded,
		 struct error *err);
/* Takes n events off the count of kind for subject. */
int web_rate_forgive(struct ctx *c, const char *kind, const char *subject,
		     int64_t n, struct error *err);

/* Adds an audit entry with the request's account as the actor. */
int web_audit(struct ctx *c, const char *action, const char *object_type,
	      int64_t object_id, const char *detail, struct error *err);

#endif
