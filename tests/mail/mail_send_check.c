/* Sends one message with mail_send, for tests/mail/mail.test.mjs.
 * Usage: mail_send_check URL FROM TO SUBJECT < BODY
 * MAIL_USER and MAIL_PASSWORD in the environment turn on AUTH.
 * Exits 0 when the server took the message, 1 with the error otherwise. */
#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/mail.h"

static int read_stdin(struct buf *b)
{
	char chunk[4096];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(b, chunk, n);
	return ferror(stdin) || b->oom ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct mail_config cfg = {0};
	struct error err = ERROR_INIT;
	struct mail m;
	struct buf body;
	int rc = 1;

	if (argc != 5) {
		fprintf(stderr, "usage: %s URL FROM TO SUBJECT < BODY\n",
			argv[0]);
		return 2;
	}
	buf_init(&body, 0);
	if (read_stdin(&body) != 0) {
		fprintf(stderr, "mail_send_check: cannot read the body\n");
		goto out;
	}
	if (mail_library_init() != 0) {
		fprintf(stderr, "mail_send_check: libcurl init failed\n");
		goto out;
	}
	cfg = (struct mail_config){.smtp_url = argv[1], .from = argv[2],
				   .user = getenv("MAIL_USER"),
				   .password = getenv("MAIL_PASSWORD"),
				   .timeout_seconds = 10};
	m = (struct mail){argv[3], argv[4], body.data};
	if (mail_send(&cfg, &m, &err) == 0)
		rc = 0;
	else
		fprintf(stderr, "mail_send_check: %s\n", err.msg);
	mail_library_cleanup();
out:
	buf_release(&body);
	return rc;
}
