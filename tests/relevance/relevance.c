/* The relevance test: each query of queries.tsv must find its expected
 * practices (by title) in the top 10 over the demo data. Prints recall@10
 * and MRR for praxis's search and for a plain FTS5 unicode61 index of the
 * same text (remove_diacritics 2, the same column weights, no stemming and
 * no synonyms), and fails when praxis misses its bar or does no better. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/assets.h"
#include "domain/dataset.h"
#include "search/search.h"
#include "store/sqlite_fts.h"
#include "store/sqlite_impl.h"

enum { TOP = 10, EXPECT_MAX = 8 };

struct scores {
	double recall, rr;
};

static int setup(struct store **out, const char *path)
{
	const struct asset *vocab = asset_find("vocabularies.json");
	const struct asset *demo = asset_find("demo.json");
	struct error err = ERROR_INIT;
	struct dataset_stats stats;
	struct store *st = store_open(path, STORE_NO_MIGRATE_CHECK, &err);

	if (!st || store_migrate(st, NULL, NULL, &err) < 0 ||
	    store_begin(st, &err) < 0 ||
	    taxonomy_seed_json(st, (const char *)vocab->data, vocab->size, &err) < 0 ||
	    store_commit(st, &err) < 0 ||
	    dataset_load_json(st, (const char *)demo->data, demo->size, &stats, &err) < 0 ||
	    store_reindex(st, &(int64_t){0}, &err) < 0) {
		fprintf(stderr, "relevance: setup: %s\n", err.msg);
		return -1;
	}
	/* The baseline holds exactly what praxis indexes, in one table; a
	 * practice with translations is in several of praxis's, one row here. */
	struct buf sql;
	buf_init(&sql, 1024);
	buf_puts(&sql, "CREATE TEMP TABLE base_text AS ");
	for (int i = 0; sq_fts_langs[i]; i++)
		buf_printf(&sql, "%sSELECT rowid AS id, title, summary, body, facts"
			   " FROM practice_fts_%s", i ? " UNION ALL " : "",
			   sq_fts_langs[i]);
	buf_puts(&sql, "; CREATE VIRTUAL TABLE temp.base USING fts5(title, summary,"
		       " body, facts, tokenize = 'unicode61 remove_diacritics 2');"
		       " INSERT INTO base(rowid, title, summary, body, facts)"
		       " SELECT id, group_concat(title, ' '), group_concat(summary, ' '),"
		       " group_concat(body, ' '), group_concat(facts, ' ')"
		       " FROM base_text GROUP BY id;");
	if (sqlite3_exec(st->db, sql.data, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "relevance: baseline: %s\n", sqlite3_errmsg(st->db));
		buf_release(&sql);
		return -1;
	}
	buf_release(&sql);
	*out = st;
	return 0;
}

/* The plain expression: the typed terms quoted, ANDed, no synonyms. */
static void baseline_match(const struct search_query *q, struct buf *b)
{
	bool first = true;

	for (size_t i = 0; i < q->nterms; i++) {
		const struct query_term *t = &q->terms[i];
		if (t->excluded)
			continue;
		buf_puts(b, first ? "\"" : " AND \"");
		first = false;
		for (const char *p = t->text; *p; p++) {
			if (*p == '"')
				buf_putc(b, '"');
			buf_putc(b, *p);
		}
		buf_puts(b, t->prefix ? "\" *" : "\"");
	}
	for (size_t i = 0; i < q->nterms; i++)
		if (q->terms[i].excluded)
			buf_printf(b, " NOT \"%s\"", q->terms[i].text);
}

static int baseline_top(struct store *st, const char *match, char titles[TOP][320])
{
	sqlite3_stmt *s;
	int n = 0;

	if (sqlite3_prepare_v2(st->db,
		"SELECT t.title FROM base b JOIN practice p ON p.id = b.rowid"
		" AND p.status = 'published'"
		" JOIN practice_text t ON t.practice_id = p.id AND t.lang = p.lang"
		" WHERE base MATCH ?1 ORDER BY bm25(base, 10.0, 5.0, 2.0, 1.0)"
		" LIMIT 10", -1, &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	while (n < TOP && sqlite3_step(s) == SQLITE_ROW)
		snprintf(titles[n++], 320, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return n;
}

static struct scores score(char got[TOP][320], int n, char *const *want,
			   int nwant)
{
	struct scores sc = {0, 0};
	int found = 0;

	for (int w = 0; w < nwant; w++)
		for (int i = 0; i < n; i++)
			if (!strcmp(got[i], want[w])) {
				found++;
				break;
			}
	for (int i = 0; i < n; i++)
		if (!strcmp(got[i], want[0])) {
			sc.rr = 1.0 / (i + 1);
			break;
		}
	sc.recall = (double)found / nwant;
	return sc;
}

int main(int argc, char **argv)
{
	char path[] = "/tmp/praxis-relevance-XXXXXX", line[4096];
	struct store *st;
	struct scores px = {0, 0}, base = {0, 0};
	int nq = 0, fd;
	FILE *f;

	if (argc != 2 || !(f = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: relevance queries.tsv\n");
		return 2;
	}
	store_library_init();
	if ((fd = mkstemp(path)) < 0 || (close(fd), setup(&st, path)) < 0)
		return 1;
	while (fgets(line, sizeof line, f)) {
		char *want[EXPECT_MAX], *save = NULL, *query;
		char got[TOP][320];
		int nwant = 0, n = 0;
		struct arena a = ARENA_INIT;
		struct error err = ERROR_INIT;
		struct practice_filter flt = {0};
		struct page_req pr = {.limit = TOP};
		struct search_result r;
		struct scores s1, s2;
		struct buf bm;

		line[strcspn(line, "\r\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		query = strtok_r(line, "\t", &save);
		while (nwant < EXPECT_MAX && (want[nwant] = strtok_r(NULL, "\t", &save)))
			nwant++;
		if (!query || !nwant) {
			fprintf(stderr, "relevance: bad line: %s\n", line);
			return 1;
		}
		if (search_run(st, &a, "pl", query, &flt, &pr, false, &r, &err) < 0) {
			fprintf(stderr, "relevance: '%s': %s\n", query, err.msg);
			return 1;
		}
		for (size_t i = 0; i < r.page.n; i++)
			snprintf(got[n++], 320, "%s", r.page.items[i].title);
		s1 = score(got, n, want, nwant);
		buf_init(&bm, 256);
		baseline_match(&r.query, &bm);
		n = baseline_top(st, bm.data, got);
		s2 = score(got, n, want, nwant);
		buf_release(&bm);
		if (s1.recall < 1)
			printf("miss: %-40s praxis recall %.2f rr %.2f (unicode61 %.2f)\n",
			       query, s1.recall, s1.rr, s2.recall);
		px.recall += s1.recall;
		px.rr += s1.rr;
		base.recall += s2.recall;
		base.rr += s2.rr;
		nq++;
		arena_free(&a);
	}
	fclose(f);
	store_close(st);
	unlink(path);
	if (!nq)
		return 1;
	printf("\nrelevance over %d queries (top %d, demo data)\n", nq, TOP);
	printf("  %-26s recall@10 %.3f   MRR %.3f\n", "praxis", px.recall / nq, px.rr / nq);
	printf("  %-26s recall@10 %.3f   MRR %.3f\n", "FTS5 unicode61 baseline",
	       base.recall / nq, base.rr / nq);
	/* The bar: praxis finds nearly everything, and clearly more than the
	 * baseline; a regression in stemming or folding fails here. */
	if (px.recall / nq < 0.9 || px.recall <= base.recall) {
		printf("FAIL: praxis recall@10 must be at least 0.9 and above the baseline\n");
		return 1;
	}
	return 0;
}
