#include "http/router.h"

#include <stdio.h>
#include <string.h>

static bool in_set(const char *s, size_t n, const char *set)
{
	return n > 0 && strspn(s, set) >= n;
}

/* Matches one segment seg[0..n) against a pattern segment pat[0..pn). */
static bool segment_match(const char *pat, size_t pn, const char *seg,
			  size_t n, struct arena *a, const char **param)
{
	static const char slug[] = "abcdefghijklmnopqrstuvwxyz0123456789-";

	if (pn == 4 && !memcmp(pat, "{id}", 4)) {
		size_t d = strspn(seg, "0123456789");
		if (d > n)
			d = n;
		if (!d || d > 18)
			return false;
		if (d < n && (seg[d] != '-' || !in_set(seg + d, n - d, slug)))
			return false;
		*param = arena_strndup(a, seg, d);
		return true;
	}
	if (pn == 6 && !memcmp(pat, "{slug}", 6)) {
		if (!in_set(seg, n, slug) || n > 64)
			return false;
		*param = arena_strndup(a, seg, n);
		return true;
	}
	if (pn == 6 && !memcmp(pat, "{file}", 6)) {
		if (!in_set(seg, n, "abcdefghijklmnopqrstuvwxyz0123456789.-") ||
		    seg[0] == '.' || n > 64)
			return false;
		for (size_t i = 1; i < n; i++) /* never a ".." anywhere */
			if (seg[i] == '.' && seg[i - 1] == '.')
				return false;
		*param = arena_strndup(a, seg, n);
		return true;
	}
	return pn == n && !memcmp(pat, seg, n);
}

static bool path_match(const char *pattern, const char *path,
		       struct arena *a, const char *params[ROUTE_PARAMS_MAX])
{
	int np = 0;

	for (;;) {
		const char *pe, *se;
		size_t pn, sn;

		if (*pattern != '/' || *path != '/')
			return false;
		pattern++;
		path++;
		pe = strchr(pattern, '/');
		se = strchr(path, '/');
		pn = pe ? (size_t)(pe - pattern) : strlen(pattern);
		sn = se ? (size_t)(se - path) : strlen(path);
		if (pattern[0] == '{') {
			if (np == ROUTE_PARAMS_MAX ||
			    !segment_match(pattern, pn, path, sn, a, &params[np]))
				return false;
			np++;
		} else if (!segment_match(pattern, pn, path, sn, a, NULL)) {
			return false;
		}
		pattern += pn;
		path += sn;
		if (!*pattern || !*path)
			return !*pattern && !*path;
	}
}

enum route_match router_match(const struct route *routes, size_t n,
			      const char *method, const char *path,
			      struct arena *a, const struct route **out,
			      const char *params[ROUTE_PARAMS_MAX],
			      char *allow, size_t allow_cap)
{
	enum route_match m = MATCH_NONE;
	size_t used = 0;

	if (!strcmp(method, "HEAD"))
		method = "GET";
	if (allow_cap)
		allow[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *tmp[ROUTE_PARAMS_MAX] = {0};
		if (!path_match(routes[i].pattern, path, a, tmp))
			continue;
		if (!strcmp(routes[i].method, method)) {
			*out = &routes[i];
			memcpy(params, tmp, sizeof tmp);
			return MATCH_OK;
		}
		m = MATCH_WRONG_METHOD;
		if (used < allow_cap) {
			int k = snprintf(allow + used, allow_cap - used, "%s%s%s",
					 used ? ", " : "", routes[i].method,
					 strcmp(routes[i].method, "GET") ? ""
									 : ", HEAD");
			if (k > 0)
				used += (size_t)k;
		}
	}
	return m;
}
