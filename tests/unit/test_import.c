/* Unit tests of the import readers on the fixtures in tests/data/import:
 * every field each page and text yields, the chrome that must not
 * survive, tolerant labels, legal acts, dates, languages, formats, and
 * the store functions the pipeline uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/assets.h"
#include "domain/import_format.h"
#include "domain/import_page.h"
#include "domain/taxonomy.h"
#include "store/store.h"
#include "text/fuzzy.h"
#include "text/langdetect.h"
#include "text/legal_act.h"

#ifndef IMPORT_DATA_DIR
#error "IMPORT_DATA_DIR: the fixtures' directory, set by tests/CMakeLists.txt"
#endif

struct fixture {
	struct store *st;
	struct arena a;
	struct import_file f;
	struct import_record *r;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	const struct asset *vocab = asset_find("vocabularies.json");
	struct error err = ERROR_INIT;

	assert_non_null(fx);
	assert_int_equal(store_library_init(), 0);
	fx->st = store_open(":memory:", STORE_NO_MIGRATE_CHECK, &err);
	assert_non_null(fx->st);
	assert_int_equal(store_migrate(fx->st, NULL, NULL, &err), 0);
	assert_int_equal(taxonomy_seed_json(fx->st, (const char *)vocab->data,
					    vocab->size, &err), 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	arena_free(&fx->a);
	store_close(fx->st);
	free(fx);
	return 0;
}

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *data = malloc(1 << 20);

	snprintf(path, sizeof path, "%s/%s", IMPORT_DATA_DIR, name);
	assert_non_null(f = fopen(path, "rb"));
	*len = fread(data, 1, (1 << 20) - 1, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

/* Reads a fixture through the format table, as the pipeline does. */
static int read_fixture(struct fixture *fx, const char *name,
			struct error *err)
{
	size_t len;
	char *data = slurp(name, &len);
	int rc = import_file_read(fx->st, &fx->a, name, data, len, &fx->f, err);

	free(data);
	fx->r = rc == 0 ? fx->f.records : NULL;
	return rc;
}

static void read_ok(struct fixture *fx, const char *name)
{
	struct error err = ERROR_INIT;

	if (read_fixture(fx, name, &err) < 0)
		fail_msg("%s: %s", name, err.msg);
	assert_int_equal(fx->f.nrecords, 1);
	assert_non_null(fx->r->content);
}

static bool has_category(struct fixture *fx, const char *slug)
{
	int64_t id = store_category_id(fx->st, slug);

	for (size_t i = 0; i < fx->r->practice.ncategories; i++)
		if (fx->r->practice.category_ids[i] == id)
			return true;
	return false;
}

static const struct link *link_to(struct fixture *fx, const char *url)
{
	for (size_t i = 0; i < fx->r->practice.nlinks; i++)
		if (fx->r->practice.links[i].url &&
		    !strcmp(fx->r->practice.links[i].url, url))
			return &fx->r->practice.links[i];
	return NULL;
}

static const struct link *act(struct fixture *fx, const char *number)
{
	for (size_t i = 0; i < fx->r->practice.nlinks; i++)
		if (fx->r->practice.links[i].kind == LINK_LEGAL_ACT &&
		    !strcmp(fx->r->practice.links[i].act_number, number))
			return &fx->r->practice.links[i];
	return NULL;
}

/* None of the page's chrome in anything the record holds. */
static void no_chrome(struct fixture *fx, const char *const *bits)
{
	const struct practice_input *p = &fx->r->practice;

	for (int i = 0; bits[i]; i++) {
		if (strstr(p->body, bits[i]) || strstr(p->summary, bits[i]) ||
		    strstr(p->title, bits[i]))
			fail_msg("chrome '%s' survived in:\n%s", bits[i], p->body);
		for (size_t k = 0; k < p->nlinks; k++)
			if (p->links[k].title && strstr(p->links[k].title, bits[i]))
				fail_msg("chrome '%s' survived as a link", bits[i]);
	}
}

static const char *const metryka_chrome[] = {
	"Wybierz", "skórk", "Zmień układ", "Liczba odwiedzin", "12345", "12346",
	"Ładowanie", "Link do źródła", "Komentarz", "Marek", "Gratulacje",
	"Partnerzy", "Unii Europejskiej", "Strona główna", "Baza praktyk",
	"Szukaj", "Przejdź do treści", "©", "Metryka", "Miejscowo",
	"anna.nowak", "61 44 23 100", NULL,
};

static const char stages[] =
	"Etapy realizacji:\n\n"
	"1. Diagnoza potrzeb seniorów przeprowadzona przez Ośrodek Pomocy Społecznej.\n"
	"2. Adaptacja sali w budynku dawnej szkoły i zakup wyposażenia.\n"
	"3. Uruchomienie zajęć: gimnastyki, kursów komputerowych i wyjazdów integracyjnych.\n\n";

/* The same practice, whether saved as a page or as text. */
static void check_lwowek(struct fixture *fx)
{
	const struct organisation *o = &fx->r->org;
	const struct practice_input *p = &fx->r->practice;
	const struct link *l;

	assert_string_equal(p->title,
			    "Lwówecki Klub Seniora – aktywizacja osób starszych");
	assert_string_equal(fx->f.lang, "pl");
	assert_string_equal(p->lang, "pl");
	assert_int_equal(p->ncategories, 1);
	assert_true(has_category(fx, "social-assistance"));
	assert_int_equal(o->unit_type, UNIT_URBAN_RURAL_MUNICIPALITY);
	assert_string_equal(o->name, "Gmina Lwówek");
	assert_string_equal(o->town, "Lwówek");
	assert_string_equal(o->county, "nowotomyski");
	assert_string_equal(o->region, "wielkopolskie");
	assert_string_equal(o->country, "PL");
	assert_string_equal(o->postal_code, "64-310");
	assert_string_equal(o->post_office, "Lwówek");
	assert_string_equal(o->street, "ul. Ratuszowa 2");
	assert_string_equal(o->website, "http://www.lwowek.pl");
	assert_int_equal(o->population, 9403);
	assert_string_equal(p->implementing_office,
			    "Ośrodek Pomocy Społecznej w Lwówku");
	assert_string_equal(p->date_entered, "2014-11-05");
	assert_int_equal(p->initiator, INITIATOR_LOCAL_GOVERNMENT);
	assert_int_equal(p->ncontacts, 2);
	assert_string_equal(p->contacts[0].name, "Anna Nowak");
	assert_string_equal(p->contacts[0].role, "kierownik Ośrodka Pomocy Społecznej");
	assert_string_equal(p->contacts[0].phone, "61 44 23 100");
	assert_string_equal(p->contacts[0].email, "anna.nowak@lwowek.pl");
	assert_string_equal(p->contacts[1].name, "Jan Kowalski");
	assert_string_equal(p->contacts[1].role, "koordynator Klubu Seniora");
	assert_string_equal(p->contacts[1].phone, "600 123 456");
	assert_string_equal(p->contacts[1].email, "jan.kowalski@lwowek.pl");
	/* the description as Markdown: paragraphs and the numbered stages */
	assert_non_null(strstr(p->body, "Gmina Lwówek od kilku lat obserwowała "
				"rosnącą liczbę samotnych osób starszych, które po "
				"przejściu na emeryturę"));
	assert_non_null(strstr(p->body, stages));
	assert_non_null(strstr(p->body, "\n\nZ klubu korzysta dziś ponad 120 osób"));
	assert_ptr_equal(strstr(p->body, "Lwówecki Klub Seniora"), NULL);
	assert_ptr_equal(strstr(p->body, "Usługi społeczne"), NULL);
	assert_true(!strncmp(p->summary, "Gmina Lwówek od kilku lat", 25));
	assert_true(strlen(p->summary) <= 320);
	assert_non_null(l = act(fx, "LIII/375/2014"));
	assert_string_equal(l->issuer, "Rada Miejska w Lwówku");
	assert_string_equal(l->act_date, "2014-10-23");
	assert_non_null(strstr(l->title, "Uchwała nr LIII/375/2014"));
	assert_null(link_to(fx, "http://www.lwowek.pl")); /* the website */
	assert_int_equal(p->nlinks, 1);
	no_chrome(fx, metryka_chrome);
	assert_true(fx->r->nfields >= 16);
}

static void metryka_page(void **state)
{
	struct fixture *fx = *state;

	read_ok(fx, "metryka-lwowek.html");
	assert_string_equal(fx->f.format, "metryka-html");
	check_lwowek(fx);
}

static void metryka_text(void **state)
{
	struct fixture *fx = *state;
	const char *html_content;

	read_ok(fx, "metryka-lwowek.html");
	html_content = fx->r->content;
	read_ok(fx, "metryka-lwowek.txt");
	assert_string_equal(fx->f.format, "metryka-text");
	check_lwowek(fx);
	/* the same practice: one content hash, imported once */
	assert_string_equal(fx->r->content, html_content);
}

static void polish_article(void **state)
{
	static const char *const chrome[] = {"Start", "BIP", "Harmonogram",
		"Liczba odwiedzin", "87 213", "Udostępnij", "Facebook",
		"Komentarze", "Brak komentarzy", "Drukuj", "Napisz do nas",
		"Ogrodowa", "Partnerzy", "Herb", "12.03.2020", "oficjalny", NULL};
	struct fixture *fx = *state;
	const struct practice_input *p;
	const struct link *l;

	read_ok(fx, "aktualnosci-kwilcz.html");
	p = &fx->r->practice;
	assert_string_equal(fx->f.format, "article-html");
	assert_string_equal(fx->f.lang, "pl");
	assert_string_equal(p->title, "Budżet obywatelski 2020: mieszkańcy wybrali projekty");
	assert_true(!strncmp(p->body, "W tegorocznej edycji budżetu obywatelskiego", 43));
	assert_non_null(strstr(p->body, "\n\nWójt gminy dziękuje wszystkim"));
	assert_string_equal(p->summary, "W tegorocznej edycji budżetu obywatelskiego "
			    "mieszkańcy gminy Kwilcz oddali ponad 1400 głosów. Do "
			    "realizacji wybrano siedem projektów, między innymi plac "
			    "zabaw w Mościejewie i siłownię plenerową w Kwilczu.");
	/* the placeholder unit, named after the site */
	assert_string_equal(fx->r->org.name, "Gmina Kwilcz");
	assert_int_equal(fx->r->org.unit_type, UNIT_OTHER);
	assert_string_equal(fx->r->org.country, "PL");
	assert_null(fx->r->org.town);
	assert_int_equal(p->initiator, INITIATOR_OTHER);
	assert_int_equal(p->ncontacts, 0);
	assert_int_equal(p->ncategories, 0);
	assert_non_null(l = act(fx, "12/2020"));
	assert_string_equal(l->issuer, "Wójt Gminy Kwilcz");
	assert_string_equal(l->act_date, "2020-03-05");
	/* relative to <base>; mail and script links are not links */
	assert_non_null(l = link_to(fx, "https://www.kwilcz.example.pl/aktualnosci/2020/wyniki-bo-2020.pdf"));
	assert_int_equal(l->kind, LINK_DOCUMENT);
	assert_string_equal(l->title, "protokole komisji");
	assert_non_null(l = link_to(fx, "https://bo.kwilcz.example.pl/projekty"));
	assert_int_equal(l->kind, LINK_ARTICLE);
	assert_string_equal(l->title, "stronie budżetu obywatelskiego");
	assert_int_equal(p->nlinks, 3);
	no_chrome(fx, chrome);
}

static void slovene_article(void **state)
{
	static const char *const chrome[] = {"Domov", "E-uprava", "Nalaganje",
		"Vir:", "Števec", "4521", "Slovenski trg", NULL};
	struct fixture *fx = *state;
	const struct practice_input *p;
	const struct link *l;

	read_ok(fx, "novice-kranj.html");
	p = &fx->r->practice;
	assert_string_equal(fx->f.format, "article-html");
	assert_string_equal(fx->f.lang, "sl");
	assert_string_equal(p->lang, "sl");
	assert_string_equal(p->title, "Občina odprla medgeneracijski center v starem mestnem jedru");
	assert_string_equal(fx->r->org.name, "Mestna občina Kranj");
	assert_string_equal(fx->r->org.country, "SI");
	assert_true(!strncmp(p->summary, "Mestna občina Kranj je v prenovljeni hiši", 40));
	assert_non_null(strstr(p->body, "\n\nV prvem mesecu je center obiskalo"));
	assert_non_null(l = act(fx, "12/2020"));
	assert_string_equal(l->title, "Odlok o ustanovitvi javnega zavoda "
			    "Medgeneracijski center Kranj (Uradni list RS, št. 12/2020)");
	assert_string_equal(l->act_date, "2020");
	/* relative to the canonical address */
	assert_non_null(l = link_to(fx, "https://www.kranj.example.si/dokumenti/program-2020.pdf"));
	assert_int_equal(l->kind, LINK_DOCUMENT);
	assert_int_equal(p->nlinks, 2);
	no_chrome(fx, chrome);
}

static void english_article(void **state)
{
	static const char *const chrome[] = {"Home", "Events", "cookies",
		"Accept", "Loading", "Leave a comment", "moderated", "Quartet",
		"Community News", NULL};
	struct fixture *fx = *state;
	const struct practice_input *p;
	const struct link *l;

	read_ok(fx, "news-bristol.html");
	p = &fx->r->practice;
	assert_string_equal(fx->f.lang, "en");
	assert_string_equal(p->title, "Residents decide how to spend the neighbourhood fund");
	assert_string_equal(fx->r->org.name, "Bristol Community News");
	assert_null(fx->r->org.country);
	assert_non_null(strstr(p->body, "a weekly lunch club for older people living alone"));
	assert_non_null(l = link_to(fx, "https://www.bristol.example.gov.uk/neighbourhood-fund/results"));
	assert_int_equal(l->kind, LINK_ARTICLE);
	assert_string_equal(l->title, "council website");
	assert_int_equal(p->nlinks, 1);
	no_chrome(fx, chrome);
}

static void minutes_text(void **state)
{
	struct fixture *fx = *state;
	const struct practice_input *p;
	const struct link *l;

	read_ok(fx, "protokol-sesji.txt");
	p = &fx->r->practice;
	assert_string_equal(fx->f.format, "article-text");
	assert_string_equal(fx->f.lang, "pl");
	assert_string_equal(p->title, "Protokół nr XII/2019 z sesji Rady Gminy "
			    "Miedzichowo odbytej w dniu 30 maja 2019 r.");
	assert_string_equal(fx->r->org.name, "Nieznana jednostka (import)");
	assert_int_equal(fx->r->org.unit_type, UNIT_OTHER);
	assert_non_null(strstr(p->body, "Porządek obrad:\n\n1. Otwarcie sesji i "
				"stwierdzenie prawomocności obrad.\n2. Informacja wójta"));
	assert_non_null(strstr(p->body, "\n4. Wolne wnioski i zamknięcie sesji.\n\n"));
	/* the summary: sentences of paragraphs, not a list's lead */
	assert_string_equal(p->summary, "Sesję otworzył Przewodniczący Rady Gminy, "
			    "stwierdzając quorum: w sesji udział wzięło 14 radnych "
			    "na 15 ustawowego składu rady. Wójt przedstawił "
			    "sprawozdanie z realizacji programu współpracy.");
	assert_non_null(l = act(fx, "XII/90/19"));
	assert_string_equal(l->issuer, "Rada Gminy Miedzichowo");
	assert_string_equal(l->act_date, "2019-05-30");
	assert_null(l->url);
	assert_int_equal(p->nlinks, 1);
}

static void broken_files(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;

	assert_true(read_fixture(fx, "pusty.txt", &err) < 0);
	assert_string_equal(err.msg, "empty file");
	assert_true(read_fixture(fx, "uszkodzony.html", &err) < 0);
	assert_non_null(strstr(err.msg, "binary"));
	assert_true(import_file_read(fx->st, &fx->a, "x.html", "<p>  </p>", 9,
				     &fx->f, &err) < 0);
	assert_non_null(strstr(err.msg, "no text"));
	assert_true(import_file_read(fx->st, &fx->a, "x.txt", "Tylko tytuł\n\n", 14,
				     &fx->f, &err) < 0);
	assert_non_null(strstr(err.msg, "a title and no text"));
	assert_true(import_file_read(fx->st, &fx->a, "dane.csv", "a;b\n1;2\n", 8,
				     &fx->f, &err) < 0);
	assert_non_null(strstr(err.msg, "unknown column 'a'"));
	assert_true(import_file_read(fx->st, &fx->a, "x.bin", "\x81\x83\x90\x98", 4,
				     &fx->f, &err) < 0);
}

static void formats_are_sniffed(void **state)
{
	const struct import_format *f;

	(void)state;
	assert_non_null(f = import_format_pick("a.txt", "<!DOCTYPE html><p>x", 19));
	assert_string_equal(f->name, "html"); /* content over a wrong name */
	assert_non_null(f = import_format_pick("a.html", "just words", 10));
	assert_string_equal(f->name, "text");
	assert_non_null(f = import_format_pick("a.txt", "Use <title> and <p>", 19));
	assert_string_equal(f->name, "text");
	assert_non_null(f = import_format_pick("README", "just words", 10));
	assert_string_equal(f->name, "text");
	assert_non_null(f = import_format_pick("a.json", " {\"a\": 1}", 9));
	assert_string_equal(f->name, "json");
	assert_non_null(f = import_format_pick("a.csv", "a;b", 3));
	assert_string_equal(f->name, "csv");
	assert_null(import_format_pick("a.png", "\x89PNG\0\0", 6));
}

/* Windows-1250, the old Polish sites' encoding, declared or not. */
static void legacy_encoding(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	static const char page[] =
		"<html><head><meta charset=\"windows-1250\"><title>Zak\xb3" "ad</title>"
		"</head><body><h1>\xa3\xf3" "d\x9f i \x8c" "l\xb9" "sk</h1><p>Gmina wspiera "
		"organizacje pozarz\xb9" "dowe w prowadzeniu \x9cwietlic wiejskich.</p>"
		"</body></html>";

	if (import_file_read(fx->st, &fx->a, "stara.htm", page, sizeof page - 1,
			     &fx->f, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(fx->f.records[0].practice.title, "Łódź i Śląsk");
	assert_non_null(strstr(fx->f.records[0].practice.body, "pozarządowe"));
}

static void labels_tolerate_misspellings(void **state)
{
	(void)state;
	assert_true(fuzzy_label_match("Miejscowość", "Miejscowość"));
	assert_true(fuzzy_label_match("MIEJSCOWOSC", "Miejscowość"));
	assert_true(fuzzy_label_match("  Kod   pocztowy ", "Kod pocztowy"));
	assert_true(fuzzy_label_match("Kod pocztwy", "Kod pocztowy"));
	assert_true(fuzzy_label_match("Licba mieszkancuw", "Liczba mieszkańców"));
	assert_true(fuzzy_label_match("Jednostka realizujca", "Jednostka realizująca"));
	assert_true(fuzzy_label_match("Wojewodztwo", "Województwo"));
	assert_true(fuzzy_label_match("Powiat", "Powiat"));
	assert_true(fuzzy_label_match("Powiatt", "Powiat"));
	/* short labels must be exact; others not too far */
	assert_true(fuzzy_label_match("Ulic", "Ulica"));
	assert_false(fuzzy_label_match("Ul", "Ulica"));
	assert_false(fuzzy_label_match("Adr", "Adres"));
	assert_false(fuzzy_label_match("Poczta", "Powiat"));
	assert_false(fuzzy_label_match("Data", "Poczta"));
	assert_false(fuzzy_label_match("Liczba odwiedzin", "Liczba mieszkańców"));
	assert_false(fuzzy_label_match("", "Ulica"));
	assert_false(fuzzy_label_match("\xff\xfe", "Ulica"));
	assert_int_equal(fuzzy_label_distance("Kod pocztowy", "Kod pocztowy"), 0);
	assert_int_equal(fuzzy_label_distance("Kod poctowy", "Kod pocztowy"), 1);
	/* the nearest wins: not "gmina miejska" for "gmina wiejska" */
	assert_int_equal(import_unit_type_parse("gmina wiejska"), UNIT_RURAL_MUNICIPALITY);
	assert_int_equal(import_unit_type_parse("Gmina Miejska"), UNIT_URBAN_MUNICIPALITY);
	assert_int_equal(import_unit_type_parse("gmina miejsko-wiejska"), UNIT_URBAN_RURAL_MUNICIPALITY);
	assert_int_equal(import_unit_type_parse("gmina miejsko wiejsak"), UNIT_URBAN_RURAL_MUNICIPALITY);
	assert_int_equal(import_unit_type_parse("miasto na prawach powiatu"), UNIT_CITY_COUNTY);
	assert_int_equal(import_unit_type_parse("powiat"), UNIT_COUNTY);
	assert_int_equal(import_unit_type_parse("Województwo"), UNIT_REGION);
	assert_int_equal(import_unit_type_parse("stowarzyszenie"), UNIT_NGO);
	assert_int_equal(import_unit_type_parse("kosmodrom"), -1);
}

static void populations(void **state)
{
	(void)state;
	assert_int_equal(import_population_parse("12.345"), 12345);
	assert_int_equal(import_population_parse("1.234.567"), 1234567);
	assert_int_equal(import_population_parse("12 345 osób"), 12345);
	assert_int_equal(import_population_parse("980"), 980);
	assert_int_equal(import_population_parse("brak danych"), -1);
	assert_int_equal(import_population_parse("99999999999"), -1);
}

static void metryka_contacts_and_typos(void **state)
{
	struct fixture *fx = *state;
	char *lines[] = {
		"Data wprowadzenia:  23.10.2014", "Typ jednostki:  powiat",
		"Powiat:  nowotomyski", "Liczba mieszkancow:  74.000",
		"Strona  WWW:  https://www.powiat.example.pl/",
		"Osoby do kontaktu:  Ewa Lis, starosta",
		"tel.: +48 61 442 67 00", "ewa.lis@powiat.example.pl",
		"Piotr Zając", "sekretarz", "piotr@powiat.example.pl",
		/* a footer the saved text kept: no person, and the end */
		"Projekt współfinansowany ze środków Unii Europejskiej",
		"Łukasz Żak", "tel. 600 000 000",
	};
	struct import_record r = {.org = {.population = -1}};
	int n = import_metryka_read(&fx->a, lines, sizeof lines / sizeof *lines, &r);

	assert_int_equal(n, 6);
	assert_string_equal(r.practice.date_entered, "2014-10-23");
	assert_int_equal(r.org.unit_type, UNIT_COUNTY);
	assert_int_equal(r.org.population, 74000);
	assert_string_equal(r.org.website, "https://www.powiat.example.pl/");
	assert_int_equal(r.practice.ncontacts, 2);
	assert_string_equal(r.practice.contacts[0].name, "Ewa Lis");
	assert_string_equal(r.practice.contacts[0].role, "starosta");
	assert_string_equal(r.practice.contacts[0].phone, "+48 61 442 67 00");
	assert_string_equal(r.practice.contacts[0].email, "ewa.lis@powiat.example.pl");
	assert_string_equal(r.practice.contacts[1].name, "Piotr Zając");
	assert_string_equal(r.practice.contacts[1].role, "sekretarz");
	assert_null(r.practice.contacts[1].phone);
	assert_string_equal(r.practice.contacts[1].email, "piotr@powiat.example.pl");
}

static void trails(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct category_label *labels;
	size_t n, ncats = 0;
	int64_t cats[PRACTICE_CATEGORIES_MAX];

	assert_int_equal(store_category_labels(fx->st, &fx->a, &labels, &n, &err), 0);
	assert_true(import_trail_read("Kategoria: Usługi społeczne > Kultura",
				      labels, n, cats, &ncats));
	assert_int_equal(ncats, 1);
	assert_int_equal(cats[0], store_category_id(fx->st, "culture"));
	assert_true(import_trail_read("Dialog spoleczny; SPORT I REKREACJA",
				      labels, n, cats, &ncats));
	assert_int_equal(ncats, 3);
	assert_int_equal(cats[1], store_category_id(fx->st, "social-dialogue"));
	assert_int_equal(cats[2], store_category_id(fx->st, "sport"));
	assert_true(import_trail_read("Social services : Social assistance",
				      labels, n, cats, &ncats));
	assert_int_equal(cats[3], store_category_id(fx->st, "social-assistance"));
	ncats = 0;
	/* sentences are not trails, even when they start with a label */
	assert_false(import_trail_read("Kultura: nowy program w domu kultury",
				       labels, n, cats, &ncats));
	assert_false(import_trail_read("Godziny: 10:00 - 12:00", labels, n,
				       cats, &ncats));
	assert_int_equal(ncats, 0);
}

static void acts_and_dates(void **state)
{
	struct fixture *fx = *state;
	struct legal_act *acts;
	size_t n;
	char day[11];

	assert_int_equal(legal_act_find(&fx->a,
		"Na mocy uchwały nr XX/112/2016 Rady Powiatu w Nowym Tomyślu "
		"z dnia 1 lutego 2016 r. oraz Zarządzenia Nr 7.2021 Burmistrza "
		"Miasta Lwówek z dn. 02.01.2021 r., a także uchwały nr budżetowej "
		"z dnia 3 maja 2020 i Uchwały nr XX/112/2016 (powtórzonej).",
		10, &acts, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(acts[0].number, "XX/112/2016");
	assert_string_equal(acts[0].issuer, "Rada Powiatu w Nowym Tomyślu");
	assert_string_equal(acts[0].date, "2016-02-01");
	assert_true(!strncmp(acts[0].title, "Uchwała nr XX/112/2016", 22));
	assert_string_equal(acts[1].number, "7.2021");
	assert_string_equal(acts[1].issuer, "Burmistrz Miasta Lwówek");
	assert_string_equal(acts[1].date, "2021-01-02");
	assert_true(!strncmp(acts[1].title, "Zarządzenie Nr 7.2021", 21));

	/* the bytes read: up to the year ("roku" is the act finder's) */
	assert_int_equal(legal_date_parse("23 października 2014 roku", 26, day),
			 strlen("23 października 2014"));
	assert_string_equal(day, "2014-10-23");
	assert_true(legal_date_parse("1 grudnia 1999", 15, day) > 0);
	assert_string_equal(day, "1999-12-01");
	assert_true(legal_date_parse("23. oktobra 2014", 17, day) > 0);
	assert_string_equal(day, "2014-10-23");
	assert_true(legal_date_parse("4 July 2019", 11, day) > 0);
	assert_string_equal(day, "2019-07-04");
	assert_true(legal_date_parse("2014-10-23", 10, day) > 0);
	assert_int_equal(legal_date_parse("31 lutego 2014", 15, day), 0);
	assert_int_equal(legal_date_parse("31.13.2014", 10, day), 0);
	assert_int_equal(legal_date_parse("wczoraj", 7, day), 0);
}

static void languages(void **state)
{
	(void)state;
	assert_string_equal(langdetect_guess("Rada gminy przyjęła program "
		"współpracy z organizacjami pozarządowymi na przyszły rok.", 86), "pl");
	assert_string_equal(langdetect_guess("Občinski svet je sprejel odlok o "
		"programu sodelovanja z nevladnimi organizacijami.", 82), "sl");
	assert_string_equal(langdetect_guess("The town council adopted a "
		"programme of cooperation with local charities.", 74), "en");
	assert_null(langdetect_guess("ok", 2));
}

static void store_functions(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct organisation o = {.name = "Gmina Łódka", .town = "Łódka",
				 .unit_type = UNIT_RURAL_MUNICIPALITY,
				 .population = -1};
	struct category_label *labels;
	size_t n;
	int64_t id, found;
	bool seen;

	assert_int_equal(store_organisation_insert(fx->st, &o, &id, &err), 0);
	assert_int_equal(store_organisation_find(fx->st, "GMINA ŁÓDKA", "łódka",
						 &found, &err), 0);
	assert_int_equal(found, id);
	assert_int_equal(store_organisation_find(fx->st, "Gmina Łódka", NULL,
						 &found, &err), ERR_NOT_FOUND);
	assert_int_equal(store_organisation_find(fx->st, "Gmina Lodka", "Łódka",
						 &found, &err), ERR_NOT_FOUND);
	assert_int_equal(store_category_labels(fx->st, &fx->a, &labels, &n, &err), 0);
	assert_true(n >= 4 * 20);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(labels[i].slug, "social-assistance") &&
		    !strcmp(labels[i].lang, "pl")) {
			assert_string_equal(labels[i].label, "Pomoc społeczna");
			assert_int_equal(labels[i].parent_id,
					 store_category_id(fx->st, "social-services"));
		}
	assert_int_equal(store_import_seen(fx->st, "abc", &seen, &err), 0);
	assert_false(seen);
	{
		struct practice_input in = {.lang = "pl", .title = "T",
			.summary = "S", .org_id = id, .status = STATUS_IN_REVIEW};
		int64_t pid;
		assert_int_equal(store_practice_insert(fx->st, &in, &pid, &err), 0);
		assert_int_equal(store_import_put(fx->st, pid, "a.html", "article-html",
						  "abc", &err), 0);
		assert_int_equal(store_import_seen(fx->st, "abc", &seen, &err), 0);
		assert_true(seen);
		assert_int_equal(store_import_put(fx->st, pid, "b.html", "article-html",
						  "abc", &err), ERR_CONFLICT);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(metryka_page, setup, teardown),
		cmocka_unit_test_setup_teardown(metryka_text, setup, teardown),
		cmocka_unit_test_setup_teardown(polish_article, setup, teardown),
		cmocka_unit_test_setup_teardown(slovene_article, setup, teardown),
		cmocka_unit_test_setup_teardown(english_article, setup, teardown),
		cmocka_unit_test_setup_teardown(minutes_text, setup, teardown),
		cmocka_unit_test_setup_teardown(broken_files, setup, teardown),
		cmocka_unit_test(formats_are_sniffed),
		cmocka_unit_test_setup_teardown(legacy_encoding, setup, teardown),
		cmocka_unit_test(labels_tolerate_misspellings),
		cmocka_unit_test(populations),
		cmocka_unit_test_setup_teardown(metryka_contacts_and_typos, setup, teardown),
		cmocka_unit_test_setup_teardown(acts_and_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(trails, setup, teardown),
		cmocka_unit_test(languages),
		cmocka_unit_test_setup_teardown(store_functions, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
