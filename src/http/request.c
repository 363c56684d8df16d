/* request.c - accessors for the parts of a request handlers may read. */
#include "http/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
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

const char *request_cookie(const struct request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

const char *request_peer(struct request *rq)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	char ip[INET6_ADDRSTRLEN] = "-";
	const char *copy;

	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
			  ip, sizeof ip);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
			  ip, sizeof ip);
	copy = arena_strdup(&rq->arena, ip);
	return copy ? copy : "-";
}

const char *http_accept_language(const char *header,
				 const char *const *offered)
{
	const char *best = NULL, *p = header;
	double best_q = 0;

	while (p && *p) {
		const char *end = strchr(p, ','), *semi, *tag = p;
		size_t len;
		double q = 1;

		if (!end)
			end = p + strlen(p);
		while (tag < end && (*tag == ' ' || *tag == '\t'))
			tag++;
		len = strcspn(tag, ",;- \t");
		if (tag + len > end)
			len = (size_t)(end - tag);
		semi = memchr(tag, ';', (size_t)(end - tag));
		if (semi && (semi = strstr(semi, "q=")) && semi < end)
			q = strtod(semi + 2, NULL);
		for (const char *const *l = offered; *l && q > best_q; l++)
			if (strlen(*l) == len && !strncasecmp(tag, *l, len)) {
				best = *l;
				best_q = q;
			}
		p = *end ? end + 1 : end;
	}
	return best;
}
