#include "text/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"

const char *const i18n_languages[] = {"pl", "en", "sl", "ar", NULL};

bool i18n_rtl(const char *lang)
{
	/* of the interface languages; Hebrew, Persian, Urdu would join */
	return lang && !strcmp(lang, "ar");
}

struct message {
	const char *key, *value;
};

struct catalog {
	char lang[8];
	char *text; /* owns the strings that messages point into */
	struct message *messages;
	size_t n;
};

struct i18n {
	struct catalog *catalogs;
	size_t n;
};

static int message_cmp(const void *a, const void *b)
{
	return strcmp(((const struct message *)a)->key,
		      ((const struct message *)b)->key);
}

static char *trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

static int catalog_parse(struct catalog *c, const struct asset *a,
			 struct error *err)
{
	size_t cap = 64;
	char *line, *next;
	int lineno = 0;

	if (!(c->text = malloc(a->size + 1)) ||
	    !(c->messages = malloc(cap * sizeof *c->messages)))
		return error_set(err, ERR_INTERNAL, "out of memory");
	memcpy(c->text, a->data, a->size);
	c->text[a->size] = '\0';
	for (line = c->text; line && *line; line = next) {
		char *nl = strchr(line, '\n'), *eq, *end;

		lineno++;
		next = nl ? nl + 1 : NULL;
		end = nl ? nl : line + strlen(line);
		if (line == end || *line == '#' || *line == '\r')
			continue;
		if (!(eq = memchr(line, '=', (size_t)(end - line))))
			return error_set(err, ERR_INVALID,
					 "%s:%d: expected 'key = value'",
					 a->name, lineno);
		if (c->n == cap) {
			struct message *m = realloc(c->messages,
						    2 * cap * sizeof *m);
			if (!m)
				return error_set(err, ERR_INTERNAL, "out of memory");
			c->messages = m;
			cap *= 2;
		}
		c->messages[c->n].key = trim(line, eq);
		c->messages[c->n].value = trim(eq + 1, end);
		c->n++;
	}
	qsort(c->messages, c->n, sizeof *c->messages, message_cmp);
	for (size_t i = 1; i < c->n; i++)
		if (!strcmp(c->messages[i - 1].key, c->messages[i].key))
			return error_set(err, ERR_INVALID, "%s: key '%s' twice",
					 a->name, c->messages[i].key);
	return 0;
}

struct i18n *i18n_load(struct error *err)
{
	struct i18n *set = calloc(1, sizeof *set);
	size_t n = 0;

	while (i18n_languages[n])
		n++;
	if (!set || !(set->catalogs = calloc(n, sizeof *set->catalogs))) {
		free(set);
		error_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	for (set->n = 0; set->n < n; set->n++) {
		struct catalog *c = &set->catalogs[set->n];
		char name[16];
		const struct asset *a;

		snprintf(c->lang, sizeof c->lang, "%s", i18n_languages[set->n]);
		snprintf(name, sizeof name, "%s.msg", c->lang);
		if (!(a = asset_find(name))) {
			error_set(err, ERR_INTERNAL, "no catalogue %s", name);
			goto fail;
		}
		if (catalog_parse(c, a, err) < 0) {
			set->n++;
			goto fail;
		}
	}
	return set;
fail:
	i18n_free(set);
	return NULL;
}

void i18n_free(struct i18n *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->catalogs[i].text);
		free(set->catalogs[i].messages);
	}
	free(set->catalogs);
	free(set);
}

const struct catalog *i18n_catalog(const struct i18n *set, const char *lang)
{
	for (size_t i = 0; lang && i < set->n; i++)
		if (!strcmp(set->catalogs[i].lang, lang))
			return &set->catalogs[i];
	return NULL;
}

const char *catalog_lang(const struct catalog *c)
{
	return c->lang;
}

static const struct message *catalog_find(const struct catalog *c,
					  const char *key)
{
	struct message probe = {key, NULL};
	return bsearch(&probe, c->messages, c->n, sizeof *c->messages,
		       message_cmp);
}

const char *catalog_get(const struct catalog *c, const char *key)
{
	const struct message *m = catalog_find(c, key);
	return m ? m->value : key;
}

int catalog_has(const struct catalog *c, const char *key)
{
	return catalog_find(c, key) != NULL;
}

size_t catalog_size(const struct catalog *c)
{
	return c->n;
}

const char *catalog_key(const struct catalog *c, size_t i)
{
	return i < c->n ? c->messages[i].key : NULL;
}
