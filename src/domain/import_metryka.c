/* import_metryka.c - the key facts block of the Polish good-practice
 * database's pages: "Metryka praktyki" and its "Label:  value" lines,
 * the contact persons last, one line for each of their details. */
#include "domain/import_page.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/fuzzy.h"
#include "text/legal_act.h"

enum fact {
	F_DATE, F_UNIT_TYPE, F_TOWN, F_COUNTY, F_REGION, F_POSTAL_CODE,
	F_POST_OFFICE, F_OFFICE, F_STREET, F_WEBSITE, F_POPULATION,
	F_CONTACTS, F_UNIT_NAME, F__MAX
};

/* Labels as the database writes them, and the odd variant. */
static const struct {
	const char *label;
	enum fact fact;
} labels[] = {
	{"Data wprowadzenia", F_DATE}, {"Data wprowadzenia praktyki", F_DATE},
	{"Typ jednostki", F_UNIT_TYPE}, {"Rodzaj jednostki", F_UNIT_TYPE},
	{"Miejscowość", F_TOWN}, {"Powiat", F_COUNTY},
	{"Województwo", F_REGION}, {"Kod pocztowy", F_POSTAL_CODE},
	{"Poczta", F_POST_OFFICE}, {"Jednostka realizująca", F_OFFICE},
	{"Ulica", F_STREET}, {"Adres", F_STREET}, {"Strona www", F_WEBSITE},
	{"Strona internetowa", F_WEBSITE},
	{"Liczba mieszkańców", F_POPULATION},
	{"Osoby do kontaktu", F_CONTACTS}, {"Osoba do kontaktu", F_CONTACTS},
	{"Nazwa jednostki", F_UNIT_NAME},
};

static const struct {
	const char *name;
	enum unit_type type;
} unit_names[] = {
	{"gmina miejska", UNIT_URBAN_MUNICIPALITY},
	{"gmina wiejska", UNIT_RURAL_MUNICIPALITY},
	{"gmina miejsko-wiejska", UNIT_URBAN_RURAL_MUNICIPALITY},
	{"miasto na prawach powiatu", UNIT_CITY_COUNTY},
	{"gmina miejska na prawach powiatu", UNIT_CITY_COUNTY},
	{"powiat", UNIT_COUNTY}, {"powiat ziemski", UNIT_COUNTY},
	{"starostwo powiatowe", UNIT_COUNTY},
	{"województwo", UNIT_REGION}, {"samorząd województwa", UNIT_REGION},
	{"urząd marszałkowski", UNIT_REGION},
	{"organizacja pozarządowa", UNIT_NGO}, {"stowarzyszenie", UNIT_NGO},
	{"fundacja", UNIT_NGO},
	{"grupa nieformalna", UNIT_INFORMAL_GROUP},
	{"firma", UNIT_COMPANY}, {"przedsiębiorstwo", UNIT_COMPANY},
	{"mestna občina", UNIT_URBAN_MUNICIPALITY},
	{"občina", UNIT_URBAN_RURAL_MUNICIPALITY},
	{"inna", UNIT_OTHER}, {"inne", UNIT_OTHER},
};

int import_unit_type_parse(const char *s)
{
	int best = -1, dist = 99;

	for (size_t i = 0; s && i < sizeof unit_names / sizeof *unit_names; i++) {
		int d = fuzzy_label_distance(s, unit_names[i].name);
		if (d >= 0 && d < dist) {
			best = (int)unit_names[i].type;
			dist = d;
		}
	}
	return best;
}

long long import_population_parse(const char *s)
{
	long long v = 0;
	int digits = 0;

	for (; s && *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (++digits > 10)
				return -1;
			v = v * 10 + (*s - '0');
		} else if (*s == '.' || *s == ' ' || *s == '\'' ||
			   (*s == ',' && digits)) {
			continue; /* thousands: 12.345, 12 345 */
		} else if (!strncmp(s, "\xc2\xa0", 2)) {
			s++;
		} else if (digits) {
			break; /* "12.345 osób" */
		} else {
			return -1;
		}
	}
	return digits ? v : -1;
}

static int label_of(const char *s, size_t n)
{
	char buf[128];
	int best = -1, dist = 99;

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		int d = fuzzy_label_distance(buf, labels[i].label);
		if (d >= 0 && d < dist) {
			best = (int)labels[i].fact;
			dist = d;
		}
	}
	return best;
}

/* Skips spaces and a label such as "tel.", "e-mail:", "fax". */
static const char *after_label(const char *s)
{
	static const char *const names[] = {"telefon", "tel./fax", "tel.",
		"tel", "e-mail", "email", "mail", "kom.", "fax", NULL};

	s += strspn(s, " \t");
	for (int i = 0; names[i]; i++) {
		size_t k = strlen(names[i]);
		if (!strncasecmp(s, names[i], k)) {
			s += k;
			s += strspn(s, " .:\t");
			break;
		}
	}
	return s;
}

static bool is_phone(const char *s)
{
	int digits = 0, letters = 0;

	for (s = after_label(s); *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			letters++;
	}
	return digits >= 6 && letters <= 3;
}

/* The e-mail address in a line, without "mailto:" or punctuation. */
static char *email_in(struct arena *a, const char *s)
{
	const char *at = strchr(s, '@'), *b, *e;

	if (!at)
		return NULL;
	for (b = at; b > s && !strchr(" \t:;,<(", b[-1]); b--)
		;
	for (e = at; *e && !strchr(" \t;,>)", *e); e++)
		;
	while (e > at && (e[-1] == '.'))
		e--;
	if (!strncasecmp(b, "mailto:", 7))
		b += 7;
	return b < at && e > at + 1 ? arena_strndup(a, b, (size_t)(e - b)) : NULL;
}

struct contacts {
	struct contact *items;
	size_t n, cap;
};

/* "Anna Nowak", "dr Jan Maria Kowalski-Nowak": two to five words, no
 * digits, most capitalised; not "Projekt współfinansowany ze środków UE". */
static bool looks_like_name(const char *s, size_t n)
{
	int words = 0, capitals = 0;

	if (n < 3 || n > 80)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c) || strchr(":;!?()@/", c))
			return false;
		if (i == 0 || s[i - 1] == ' ') {
			utf8proc_int32_t cp = -1;
			utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					 (utf8proc_ssize_t)(n - i), &cp);
			words++;
			capitals += cp >= 0 && utf8proc_isupper(cp);
		}
	}
	return words >= 2 && words <= 5 && capitals * 2 > words;
}

/* One line of the contact persons: an e-mail, a phone, or a name and
 * then a role; a name after a person's phone or e-mail starts the next
 * person. "Jan Kowalski, kierownik" is both a name and a role. 1 when
 * the line is no person's: the contacts have ended. */
static int contact_line(struct arena *a, struct contacts *c, const char *s)
{
	struct contact *cur = c->n ? &c->items[c->n - 1] : NULL;
	const char *comma;

	if (!*s)
		return 0;
	if (strchr(s, '@')) {
		if (cur && !cur->email)
			cur->email = email_in(a, s);
		return 0;
	}
	if (is_phone(s)) {
		if (cur && !cur->phone)
			cur->phone = arena_strdup(a, after_label(s));
		return 0;
	}
	if (cur && !cur->role && !cur->phone && !cur->email) {
		cur->role = arena_strdup(a, s);
		return 0;
	}
	comma = strstr(s, ", ");
	if (c->n >= PRACTICE_CONTACTS_MAX ||
	    !looks_like_name(s, comma ? (size_t)(comma - s) : strlen(s)))
		return 1; /* not a person: the contacts have ended */
	if (!(c->items = arena_grow(a, c->items, c->n, &c->cap, sizeof *c->items)))
		return -1;
	cur = &c->items[c->n++];
	memset(cur, 0, sizeof *cur);
	if ((comma = strstr(s, ", ")) || (comma = strstr(s, " - ")) ||
	    (comma = strstr(s, " \xe2\x80\x93 "))) { /* en dash */
		size_t sep = comma[0] == ',' ? 2 : comma[1] == '-' ? 3 : 5;
		cur->name = arena_strndup(a, s, (size_t)(comma - s));
		cur->role = arena_strdup(a, comma + sep);
	} else {
		cur->name = arena_strdup(a, s);
	}
	return cur->name ? 0 : -1;
}

static char *trimmed(struct arena *a, const char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n ? arena_strndup(a, s, n) : NULL;
}

static const char *website(struct arena *a, const char *v)
{
	if (!v || strpbrk(v, " \t\"<>"))
		return NULL;
	if (!strncasecmp(v, "http://", 7) || !strncasecmp(v, "https://", 8))
		return v;
	return strchr(v, '.') ? arena_printf(a, "http://%s", v) : NULL;
}

int import_metryka_read(struct arena *a, char *const *lines, size_t n,
			struct import_record *r)
{
	struct organisation *o = &r->org;
	struct practice_input *in = &r->practice;
	struct contacts c = {0};
	bool in_contacts = false, seen[F__MAX] = {false};
	int found = 0;

	for (size_t i = 0; i < n; i++) {
		const char *line = lines[i], *colon = strchr(line, ':');
		int f = colon ? label_of(line, (size_t)(colon - line)) : -1;
		char *v;
		char day[11];
		long long pop;
		int t, rc = 0;

		if (f < 0) {
			if (in_contacts && (rc = contact_line(a, &c, line)) < 0)
				return -1;
			in_contacts &= rc == 0;
			continue;
		}
		in_contacts = f == F_CONTACTS;
		v = trimmed(a, colon + 1);
		if (f == F_CONTACTS) {
			if (v && contact_line(a, &c, v) < 0)
				return -1;
			in_contacts = !v || c.n > 0;
			continue;
		}
		if (!v || seen[f])
			continue;
		switch ((enum fact)f) {
		case F_DATE:
			if (legal_date_parse(v, strlen(v), day))
				in->date_entered = arena_strdup(a, day);
			else
				v = NULL;
			break;
		case F_UNIT_TYPE:
			if ((t = import_unit_type_parse(v)) >= 0)
				o->unit_type = (enum unit_type)t;
			else
				v = NULL;
			break;
		case F_TOWN: o->town = v; break;
		case F_COUNTY: o->county = v; break;
		case F_REGION: o->region = v; break;
		case F_POSTAL_CODE: o->postal_code = v; break;
		case F_POST_OFFICE: o->post_office = v; break;
		case F_OFFICE: in->implementing_office = v; break;
		case F_STREET: o->street = v; break;
		case F_WEBSITE:
			v = (char *)(o->website = website(a, v));
			break;
		case F_POPULATION:
			if ((pop = import_population_parse(v)) >= 0)
				o->population = pop;
			else
				v = NULL;
			break;
		case F_UNIT_NAME: o->name = v; break;
		default: break;
		}
		if (v) {
			seen[f] = true;
			found++;
		}
	}
	in->contacts = c.items;
	in->ncontacts = c.n;
	return found + (c.n > 0);
}
