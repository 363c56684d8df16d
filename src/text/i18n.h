/* i18n.h - the interface's message catalogues, one per language, loaded
 * from the embedded i18n/<lang>.msg files ("key = value" lines).
 * i18n_load builds an immutable set shared read-only by all threads. */
#ifndef TEXT_I18N_H
#define TEXT_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct i18n;
struct catalog;

/* Languages with a catalogue, in display order; NULL-terminated. */
extern const char *const i18n_languages[];

/* Whether lang is written right to left. */
bool i18n_rtl(const char *lang);

struct i18n *i18n_load(struct error *err);
void i18n_free(struct i18n *set);
/* The catalogue for lang, or NULL when the language has none. */
const struct catalog *i18n_catalog(const struct i18n *set, const char *lang);
const char *catalog_lang(const struct catalog *c);
/* The message for key; a missing key yields the key itself, so a gap
 * shows on the page instead of crashing it (a test forbids gaps). */
const char *catalog_get(const struct catalog *c, const char *key);
/* Number of keys and the i-th key, for completeness checks. */
size_t catalog_size(const struct catalog *c);
const char *catalog_key(const struct catalog *c, size_t i);
int catalog_has(const struct catalog *c, const char *key);

#endif
