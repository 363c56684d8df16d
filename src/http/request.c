/* request.c - accessors for the parts of a request handlers may read. */
#include "http/http.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

const char *request_arg(const struct request *rq, const char *name)
{
	for (size_t i = 0; i < rq->nargs; i++)
		if (!strcmp(rq->args[i].name, name))
			return rq->args[i].value;
	return NULL;
}

const char *request_header(const struct request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

void response_header(struct response *rs, const char *name, const char *value)
{
	if (rs->nheaders < HTTP_HEADERS_MAX) {
		rs->headers[rs->nheaders].name = name;
		rs->headers[rs->nheaders].value = value;
		rs->nheaders++;
	}
}
