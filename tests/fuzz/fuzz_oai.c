/* libFuzzer target: OAI-PMH requests through the protocol module. The
 * input is a urlencoded form (as a GET query or a POST body arrives);
 * its arguments go through oai_request_parse, its raw bytes through the
 * token reader, the identifier reader and the XML writer. Checks what
 * oai.h and xml.h promise. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/oai.h"
#include "http/form.h"
#include "text/xml.h"

static const uint8_t key[OAI_KEY_BYTES] = "fuzzing key of thirty-two bytes";

static void check_request(const struct oai_request *r, enum oai_error e)
{
	struct oai_token back;
	char again[OAI_TOKEN_MAX];

	if (e >= OAI_ERROR__MAX)
		abort();
	if (e != OAI_OK)
		return;
	if (r->verb >= OAI_VERB__MAX || r->from_t > r->until_t)
		abort();
	if (r->resumed) {
		/* only a token we signed gets here: it reads back the same */
		if (!r->token || r->identifier || r->metadata_prefix || r->set ||
		    (r->verb != OAI_LIST_RECORDS && r->verb != OAI_LIST_IDENTIFIERS))
			abort();
		oai_token_encode(&r->state, key, again);
		if (oai_token_decode(again, key, &back) < 0 ||
		    memcmp(&back.after, &r->state.after, sizeof back.after) ||
		    back.cursor != r->state.cursor || strcmp(back.set, r->state.set))
			abort();
		return;
	}
	if ((r->verb == OAI_LIST_RECORDS || r->verb == OAI_LIST_IDENTIFIERS ||
	     r->verb == OAI_GET_RECORD) &&
	    (!r->metadata_prefix || strcmp(r->metadata_prefix, OAI_DC)))
		abort();
	if (r->verb == OAI_GET_RECORD && !r->identifier)
		abort();
	if (r->verb == OAI_IDENTIFY && (r->identifier || r->set || r->from))
		abort();
}

/* Whatever went in, what comes out is XML character data. */
static void check_xml(const char *s, size_t n)
{
	struct buf b;

	buf_init(&b, n * 6 + 1);
	xml_textn(&b, s, n);
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ||
		    c == '<' || c == '>' || c == '"' || c == '\'')
			abort();
	}
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct form f;
	struct oai_request r;
	struct oai_token t;
	struct oai_arg *args;
	char msg[OAI_MSG_MAX], *text = malloc(size + 1);
	int64_t id;
	enum oai_error e;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	check_xml(text, size);
	if (oai_token_decode(text, key, &t) == 0 && t.cursor < 0)
		abort();
	id = oai_identifier_parse("praxis.example.org", text);
	if (id == 0 || id < -1)
		abort();
	if (id > 0 && strcmp(oai_identifier(&a, "praxis.example.org", id), text))
		abort(); /* one spelling per record */
	(void)oai_host_of(&a, text);
	if (form_parse(&a, "application/x-www-form-urlencoded", (const char *)data,
		       size, &f, NULL) == 0 &&
	    (args = arena_calloc(&a, f.n + 1, sizeof *args))) {
		for (size_t i = 0; i < f.n; i++)
			args[i] = (struct oai_arg){f.fields[i].name, f.fields[i].value};
		e = oai_request_parse(args, f.n, key, &r, msg);
		if (memchr(msg, '\0', OAI_MSG_MAX) == NULL)
			abort();
		check_request(&r, e);
	}
	free(text);
	arena_free(&a);
	return 0;
}
