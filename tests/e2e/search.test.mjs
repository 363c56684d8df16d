// End-to-end tests of search: the page, the API and the command line,
// over the demo data (Polish, Slovene and English inflected forms).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, run, assertNoInjection } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

async function search(params) {
  const r = await fetch(`${srv.base}/api/v1/search?${new URLSearchParams(params)}`);
  assert.equal(r.status, 200, JSON.stringify(params));
  return r.json();
}

const titles = (j) => j.items.map((i) => i.title);

test('inflected forms, with or without diacritics, find the same practices', async () => {
  const a = await search({ q: 'gminą współpraca organizacjami', limit: 100 });
  assert.ok(a.total >= 5, `total ${a.total}`);
  assert.ok(titles(a).some((t) => /Tarnowa z organizacjami/.test(t)));
  const b = await search({ q: 'wspolpraca z ngo', limit: 100 });
  assert.ok(b.total >= 1);
  const sl = await search({ q: 'prostovoljci', limit: 100 });
  assert.ok(sl.total >= 3, `prostovoljci: ${sl.total}`);
  assert.ok(sl.items.every((i) => i.lang === 'sl'));
  const en = await search({ q: 'volunteer', limit: 100 });
  assert.ok(en.total >= 1);
});

test('phrases, exclusion and prefixes', async () => {
  const phrase = await search({ q: '"współpraca z organizacjami"', limit: 100 });
  assert.ok(phrase.total >= 2);
  for (const it of phrase.items) assert.match(it.snippet_html, /<mark>/);
  const all = await search({ q: 'kulturą', limit: 100 });
  const without = await search({ q: 'kulturą -covid', limit: 100 });
  assert.ok(without.total < all.total, `${without.total} < ${all.total}`);
  // a prefix matches the surface forms: every form of "kultura" begins so
  const prefix = await search({ q: 'kultur*', limit: 100 });
  assert.ok(prefix.total >= all.total, `${prefix.total} >= ${all.total}`);
});

test('facets count within the search and combine with filters', async () => {
  const r = await search({ q: 'pomoc', limit: 5 });
  const langTotal = r.facets.lang.reduce((n, v) => n + v.count, 0);
  assert.equal(langTotal, r.total);
  const pl = r.facets.lang.find((v) => v.value === 'pl');
  const only = await search({ q: 'pomoc', lang: 'pl', limit: 100 });
  assert.equal(only.total, pl.count);
  // a facet's own counts ignore its own filter (OR within a facet)
  assert.deepEqual(only.facets.lang, r.facets.lang);
  assert.ok(r.facets.category.length > 0);
});

test('search page: box, facets, marked passages, count for screen readers', async () => {
  const r = await fetch(`${srv.base}/search?q=prostovoljcev`);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<form class="search" role="search"/);
  assert.match(html, /<input type="search" id="q" name="q" value="prostovoljcev"/);
  assert.match(html, /<div role="status" aria-atomic="true"><h2 id="result-count">Znalezione praktyki: \d+<\/h2><\/div>/);
  assert.match(html, /<mark>[^<]*<\/mark>/);
  assert.match(html, /<fieldset class="facet"><legend>Język<\/legend>/);
  assertNoInjection(html);
});

test('nothing found: help and links that drop each filter', async () => {
  const r = await fetch(`${srv.base}/en/search?q=prostovoljci&lang=pl&unit=county`);
  const html = await r.text();
  assert.match(html, /No practice matches your search/);
  assert.match(html, /href="\/en\/search\?q=prostovoljci&amp;unit=county">Remove the filter: Polski/);
  assert.match(html, /href="\/en\/search\?q=prostovoljci&amp;lang=pl">Remove the filter: County/);
});

test('hostile content is escaped in passages', async () => {
  const j = await search({ q: 'Hostile' });
  assert.equal(j.total, 1);
  const html = await (await fetch(`${srv.base}/search?q=Hostile+script`)).text();
  assertNoInjection(html);
  assert.match(html, /&lt;<mark>script<\/mark>&gt;|<mark>script<\/mark>/);
});

test('bad searches get a clear 400 and change nothing', async () => {
  let r = await fetch(`${srv.base}/api/v1/search?q=-covid`);
  assert.equal(r.status, 400);
  assert.match((await r.json()).error.message, /^q: /);
  r = await fetch(`${srv.base}/api/v1/search?q=${'a'.repeat(600)}`);
  assert.equal(r.status, 400);
  r = await fetch(`${srv.base}/search?q=%FF`);
  assert.equal(r.status, 400);
  // FTS syntax in the box is taken as words, never as an error
  r = await fetch(`${srv.base}/api/v1/search?q=${encodeURIComponent('NEAR(a b) OR "x')}`);
  assert.equal(r.status, 200);
});

test('praxis search and praxis reindex on the command line', () => {
  const out = run(['search', '--db', srv.db, '--limit', '3', 'gminą', 'współpraca']);
  const lines = out.trim().split('\n');
  assert.ok(lines.length >= 1 && lines.length <= 3);
  assert.match(lines[0], /^\d+\t[^\t]+\t.*\[.+\]/);
  const excl = run(['search', '--db', srv.db, 'seniorów', '-covid']);
  assert.ok(excl.trim().length > 0);
  assert.match(run(['reindex', '--db', srv.db]), /indexed 47 practices/);
  assert.match(run(['search', '--help']), /usage: praxis search/);
});

test('did you mean: a misspelt word gets the closest indexed one', async () => {
  const j = await search({ q: 'wolontraiusze' });
  assert.equal(j.total, 0);
  assert.equal(j.suggestion, 'wolontariusze');
  const html = await (await fetch(`${srv.base}/search?q=prostovolci`)).text();
  assert.match(html, /Czy chodziło o: <a href="\/search\?q=prostovoljci">prostovoljci<\/a>/);
  assert.equal((await search({ q: 'prostovoljci' })).suggestion, null);
});

test('no practice has every word: those with some of them, said so', async () => {
  const j = await search({ q: 'prostovoljci kwarantanna', limit: 100 });
  assert.equal(j.relaxed, true);
  assert.ok(j.total >= 3);
});

test('from municipalities like yours: same type and size first', async () => {
  const plain = await search({ q: 'pomoc', limit: 10 });
  const like = await search({ q: 'pomoc', limit: 10, my_unit: 'county', my_population: '50000' });
  assert.equal(like.total, plain.total);
  const rank = (j) => j.items.findIndex((i) => i.organisation.unit_type === 'county');
  assert.ok(rank(like) >= 0 && (rank(plain) < 0 || rank(like) <= rank(plain)));
  const browse = await search({ my_unit: 'county', limit: 3 });
  assert.equal(browse.items[0].organisation.unit_type, 'county');
  const html = await (await fetch(`${srv.base}/search?q=pomoc&my_unit=county&my_population=50000`)).text();
  assert.match(html, /<option value="county" selected>/);
  assert.match(html, /name="my_population" min="0" step="1" value="50000"/);
  const bad = await fetch(`${srv.base}/api/v1/search?q=pomoc&my_unit=castle`);
  assert.equal(bad.status, 400);
});

test('similar practices on a practice page', async () => {
  const html = await (await fetch(`${srv.base}/practices/22`)).text();
  const section = html.split('<section class="similar"')[1];
  assert.ok(section, 'no similar practices section');
  const links = section.split('</section>')[0].match(/href="\/practices\/(\d+)-/g) || [];
  assert.ok(links.length >= 1 && links.length <= 5);
  assert.ok(!links.some((l) => l.includes('/practices/22-')), 'a practice is not similar to itself');
});
