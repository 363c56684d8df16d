#include "text/legal_act.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "text/fold.h"

/* Month names by their first three plain letters: Polish genitive,
 * Slovene and English. */
static const struct {
	const char *prefix;
	int month;
} months[] = {
	{"sty", 1}, {"lut", 2}, {"mar", 3}, {"kwi", 4}, {"maj", 5},
	{"cze", 6}, {"lip", 7}, {"sie", 8}, {"wrz", 9}, {"paz", 10},
	{"lis", 11}, {"gru", 12},
	{"jan", 1}, {"feb", 2}, {"apr", 4}, {"may", 5}, {"jun", 6},
	{"jul", 7}, {"avg", 8}, {"aug", 8}, {"sep", 9}, {"okt", 10},
	{"oct", 10}, {"nov", 11}, {"dec", 12},
};

static size_t digits(const char *s, size_t n, size_t max)
{
	size_t i = 0;

	while (i < n && i < max && isdigit((unsigned char)s[i]))
		i++;
	return i;
}

static int number(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool day_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 || y % 400 == 0)));
}

/* A letter word at s (UTF-8 letters: any byte >= 0x80 counts). */
static size_t word_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
		i++;
	return i;
}

static int month_of(const char *w, size_t n)
{
	char plain[FOLD_MAX];

	if (n < 3 || fold_plain(w, n, plain, sizeof plain) < 3)
		return 0;
	for (size_t i = 0; i < sizeof months / sizeof *months; i++)
		if (!strncmp(plain, months[i].prefix, 3))
			return months[i].month;
	return 0;
}

static size_t spaces(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			 s[i] == '\r' || !strncmp(s + i, "\xc2\xa0", n - i < 2 ? n - i : 2)))
		i += s[i] == '\xc2' ? 2 : 1;
	return i;
}

size_t legal_date_parse(const char *s, size_t n, char out[11])
{
	size_t i = spaces(s, n, 0), d, m, y, w;
	int day, month, year;

	if ((d = digits(s + i, n - i, 4)) == 4) { /* 2014-10-23 */
		year = number(s + i, 4);
		i += 4;
		if (i + 6 > n || s[i] != '-' || digits(s + i + 1, 2, 2) != 2 ||
		    s[i + 3] != '-' || digits(s + i + 4, 2, 2) != 2)
			return 0;
		month = number(s + i + 1, 2);
		day = number(s + i + 4, 2);
		i += 6;
		goto done;
	}
	if (d < 1 || d > 2)
		return 0;
	day = number(s + i, d);
	i += d;
	if (i < n && s[i] == '.' && (m = digits(s + i + 1, n - i - 1, 3)) >= 1 &&
	    m <= 2 && i + 1 + m < n && s[i + 1 + m] == '.') { /* 23.10.2014 */
		month = number(s + i + 1, m);
		i += 2 + m;
		if ((y = digits(s + i, n - i, 5)) != 4)
			return 0;
		year = number(s + i, 4);
		i += 4;
		goto done;
	}
	if (i < n && s[i] == '.')
		i++;
	i = spaces(s, n, i);
	if (!(w = word_len(s + i, n - i)) || !(month = month_of(s + i, w)))
		return 0;
	i = spaces(s, n, i + w);
	if ((y = digits(s + i, n - i, 5)) != 4)
		return 0;
	year = number(s + i, 4);
	i += 4;
done:
	if (!day_valid(year, month, day))
		return 0;
	/* year, month and day are in range: exactly 10 characters */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u,
		 (unsigned)month % 100u, (unsigned)day % 100u);
	return i;
}

/* The words an issuer is named with start in the genitive ("Rady
 * Miejskiej w Lwówku"); its record says who it is ("Rada Miejska w
 * Lwówku"). Only the head changes; the rest is a name. */
static const struct {
	const char *genitive, *nominative;
} heads[] = {
	{"Rady", "Rada"}, {"Wójta", "Wójt"}, {"Burmistrza", "Burmistrz"},
	{"Prezydenta", "Prezydent"}, {"Starosty", "Starosta"},
	{"Zarządu", "Zarząd"}, {"Sejmiku", "Sejmik"},
	{"Marszałka", "Marszałek"}, {"Wojewody", "Wojewoda"},
};

static char *issuer_nominative(struct arena *a, const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
		size_t g = strlen(heads[i].genitive);
		if (n > g && !strncmp(s, heads[i].genitive, g) && s[g] == ' ') {
			const char *rest = s + g + 1;
			size_t rn = n - g - 1, w = word_len(rest, rn);
			/* "Rady Miejskiej": the adjective follows its noun */
			if (i == 0 && w > 3 && !strncmp(rest + w - 3, "iej", 3))
				return arena_printf(a, "%s %.*sa%.*s",
						    heads[i].nominative,
						    (int)(w - 3), rest,
						    (int)(rn - w), rest + w);
			return arena_printf(a, "%s %.*s", heads[i].nominative,
					    (int)rn, rest);
		}
	}
	return arena_strndup(a, s, n);
}

/* Case-insensitive ASCII prefix. */
static bool starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && !strncasecmp(s, p, k);
}

/* An issuer of one to eight words starting with a capital letter, ending
 * before "z dnia", a comma, a full stop or " w sprawie". */
static size_t issuer_span(const char *s, size_t n)
{
	size_t i = 0, end = 0, words = 0;

	if (!n || !(isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0xC3))
		return 0;
	while (i < n && words < 8) {
		size_t w = word_len(s + i, n - i);
		if (!w)
			break;
		if (words && (starts(s + i, n - i, "z dnia") ||
			      starts(s + i, n - i, "z dn.") ||
			      starts(s + i, n - i, "w sprawie")))
			break;
		i += w;
		end = i;
		words++;
		if (i >= n || s[i] != ' ')
			break;
		i++;
	}
	return end;
}

static bool date_intro(const char *s, size_t n, size_t *len)
{
	if (starts(s, n, "z dnia ")) {
		*len = 7;
		return true;
	}
	if (starts(s, n, "z dn. ")) {
		*len = 6;
		return true;
	}
	return false;
}

/* Past "r." or "roku" after a date, when there. */
static size_t year_word(const char *s, size_t n, size_t i)
{
	size_t j = spaces(s, n, i);

	if (starts(s + j, n - j, "roku"))
		return j + 4;
	if (starts(s + j, n - j, "r."))
		return j + 2;
	return i;
}

/* "Uchwała|Uchwały|Uchwałą|Uchwale nr N [issuer] z dnia D [issuer]" */
static int polish_act(struct arena *a, const char *s, size_t n,
		      const char *kind, struct legal_act *act, size_t *used)
{
	size_t i = word_len(s, n), k, num, is = 0, isn = 0, dl;
	char date[11];

	i = spaces(s, n, i);
	if (starts(s + i, n - i, "nr.") || starts(s + i, n - i, "Nr."))
		i += 3;
	else if (starts(s + i, n - i, "nr"))
		i += 2;
	else
		return 0;
	i = spaces(s, n, i);
	for (k = i; k < n && (isalnum((unsigned char)s[k]) || s[k] == '/' ||
			      s[k] == '.' || s[k] == '-'); k++)
		;
	while (k > i && (s[k - 1] == '.' || s[k - 1] == '-'))
		k--;
	/* a number has a digit (Roman numerals come with Arabic ones) */
	for (num = i; num < k && !isdigit((unsigned char)s[num]); num++)
		;
	if (num == k)
		return 0;
	num = k;
	act->number = arena_strndup(a, s + i, num - i);
	i = spaces(s, n, num);
	if (!date_intro(s + i, n - i, &dl)) {
		is = i;
		isn = issuer_span(s + i, n - i);
		i = spaces(s, n, i + isn);
		if (!date_intro(s + i, n - i, &dl))
			return 0;
	}
	i += dl;
	if (!(k = legal_date_parse(s + i, n - i, date)))
		return 0;
	i = year_word(s, n, i + k);
	act->date = arena_strdup(a, date);
	if (!isn) { /* "Uchwała nr 12 z dnia ... Rady Gminy X w sprawie" */
		size_t j = spaces(s, n, i);
		if ((isn = issuer_span(s + j, n - j))) {
			is = j;
			i = j + isn;
		}
	}
	act->issuer = isn ? issuer_nominative(a, s + is, isn) : NULL;
	act->title = arena_printf(a, "%s%.*s", kind,
				  (int)(i - word_len(s, n)), s + word_len(s, n));
	*used = i;
	return act->number && act->date && act->title ? 1 : -1;
}

/* "Odlok o ... (Uradni list RS, št. 12/2020)": the act's name is the
 * sentence part before the parenthesis, from its capitalised kind. */
static int slovene_act(struct arena *a, const char *text, const char *s,
		       size_t n, struct legal_act *act, size_t *used)
{
	static const char *const kinds[] = {"Odlok", "Pravilnik", "Sklep",
					    "Statut", "Odredba", NULL};
	const char *start = NULL, *p, *num;
	size_t k = 0;

	if (!starts(s, n, "(Uradni list RS, "))
		return 0;
	p = s + 17;
	if (!strncmp(p, "\xc5\xa1t. ", 5)) /* št. */
		p += 5;
	else
		return 0;
	num = p;
	while ((size_t)(p - s) < n && (isdigit((unsigned char)*p) || *p == '/'))
		p++;
	if (p == num || *p != ')' || !memchr(num, '/', (size_t)(p - num)))
		return 0;
	for (const char *q = s; q > text && s - q < 300 && *q != '.'; q--)
		for (int i = 0; kinds[i]; i++)
			if (!strncmp(q, kinds[i], strlen(kinds[i])) &&
			    (q == text || q[-1] == ' ' || q[-1] == '\n'))
				start = q;
	if (!start)
		return 0;
	act->number = arena_strndup(a, num, (size_t)(p - num));
	act->title = arena_strndup(a, start, (size_t)(p + 1 - start));
	act->issuer = NULL;
	/* "12/2020": the year it was published in */
	k = strlen(act->number ? act->number : "");
	act->date = k >= 6 && act->number[k - 5] == '/' &&
			    digits(act->number + k - 4, 4, 4) == 4 &&
			    day_valid(number(act->number + k - 4, 4), 1, 1)
		? arena_strdup(a, act->number + k - 4) : NULL;
	*used = (size_t)(p + 1 - s);
	return act->number && act->title ? 1 : -1;
}

int legal_act_find(struct arena *a, const char *text, size_t max,
		   struct legal_act **out, size_t *n)
{
	size_t len = strlen(text), cap = 0, i = 0;
	struct legal_act *acts = NULL;

	*out = NULL;
	*n = 0;
	while (i < len && *n < max) {
		struct legal_act act = {0};
		size_t used = 0, w;
		char plain[16];
		int rc = 0;

		if (text[i] == '(') {
			rc = slovene_act(a, text, text + i, len - i, &act, &used);
		} else if ((w = word_len(text + i, len - i)) &&
			   (i == 0 || !word_len(text + i - 1, 1))) {
			fold_plain(text + i, w < 15 ? w : 15, plain, sizeof plain);
			if (!strncmp(plain, "uchwal", 6))
				rc = polish_act(a, text + i, len - i, "Uchwała",
						&act, &used);
			else if (!strncmp(plain, "zarzadzen", 9))
				rc = polish_act(a, text + i, len - i,
						"Zarządzenie", &act, &used);
			if (!rc)
				used = w;
		}
		if (rc < 0)
			return -1;
		if (rc > 0) {
			bool seen = false;
			for (size_t j = 0; j < *n; j++)
				seen |= !strcmp(acts[j].number, act.number);
			if (!seen) {
				if (!(acts = arena_grow(a, acts, *n, &cap, sizeof *acts)))
					return -1;
				acts[(*n)++] = act;
			}
		}
		i += used ? used : 1;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
	}
	*out = acts;
	return 0;
}
