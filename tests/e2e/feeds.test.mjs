// Atom feeds (RFC 4287): every feed well-formed (xmllint) and keeping
// the RFC's rules for feeds and entries; all, per category, per region
// and per search they hold exactly the newest 50 of what the API gives
// for the same selection; titles in the interface language; the pages
// point to their feeds (autodiscovery and a visible link); no contact
// persons, and hostile text comes out as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, startServer, HOSTILE } from './harness.mjs';
import { assertWellFormed, parseXml, kids, kid, textOf } from './xml.mjs';

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"]+$/i;
let srv;

before(async () => {
  srv = await startServer();
  // a dozen more practices, so that "the newest 50" cuts something
  const more = {
    organisations: [{ key: 'feedtown', name: 'Gmina Feedtown', unit_type: 'urban_municipality',
      town: 'Feedtown', region: 'feedland', country: 'PL' }],
    practices: Array.from({ length: 12 }, (_, i) => ({
      key: `feed-${i}`, organisation: 'feedtown', lang: 'pl', status: 'published',
      title: `Kanał praktyka numer ${i}`, summary: `Streszczenie praktyki numer ${i} o kanałach.`,
      body: 'Treść.', initiator_type: 'local_government', date_entered: '2026-01-10',
      published_at: `2026-02-${String(10 + i).padStart(2, '0')}`, categories: ['culture'],
      contacts: [{ name: `Kontakt Feed ${i}`, role: 'sekretarz', email: `feed${i}@example.org`, phone: '+48 600 000 000' }],
    })),
  };
  const file = join(srv.dir, 'more.json');
  writeFileSync(file, JSON.stringify(more));
  run(['demo', '--db', srv.db, '--file', file]);
});
after(async () => { await srv.stop(); });

async function feed(path) {
  const r = await fetch(srv.base + path);
  const xml = await r.text();
  assert.equal(r.status, 200, `${path}: ${xml.slice(0, 300)}`);
  assert.equal(r.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  assertWellFormed(xml, path);
  const doc = parseXml(xml);
  checkAtom(doc, path);
  return { xml, doc, entries: kids(doc, 'entry') };
}

function one(el, name, what) {
  assert.equal(kids(el, name).length, 1, `${what}: exactly one atom:${name}`);
  return kid(el, name);
}

function date(el, name, what) {
  const d = textOf(el, name);
  assert.match(d, RFC3339, `${what}: ${name} is an RFC 3339 date-time`);
  assert.ok(!Number.isNaN(Date.parse(d)), `${what}: ${name} is a real date`);
  return Date.parse(d);
}

// RFC 4287 section 4.1: what a feed and its entries must have.
function checkAtom(doc, what) {
  assert.equal(doc.name, 'feed');
  assert.equal(doc.attrs.xmlns, ATOM);
  assert.match(one(doc, 'id', what).text, IRI, `${what}: feed id is an absolute IRI`);
  assert.ok(one(doc, 'title', what).text.trim(), `${what}: feed title`);
  const updated = date(doc, 'updated', what);
  one(doc, 'updated', what);
  assert.ok(kids(doc, 'author').length >= 1 && textOf(kid(doc, 'author'), 'name'), `${what}: feed author`);
  const links = kids(doc, 'link');
  assert.equal(links.filter((l) => l.attrs.rel === 'self').length, 1, `${what}: one self link`);
  const alt = links.filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
  const pairs = alt.map((l) => `${l.attrs.type}|${l.attrs.hreflang ?? ''}`);
  assert.equal(new Set(pairs).size, pairs.length, `${what}: one alternate link per type and hreflang`);
  for (const l of links) assert.match(l.attrs.href, /^https?:\/\//, `${what}: absolute link`);
  const ids = new Set();
  let newest = 0, prev = Infinity;
  for (const e of kids(doc, 'entry')) {
    const w = `${what} entry`;
    const id = one(e, 'id', w).text;
    assert.match(id, IRI, `${w}: id is an absolute IRI`);
    assert.ok(!ids.has(id), `${w}: ids are unique`);
    ids.add(id);
    assert.ok(one(e, 'title', w).text.trim(), `${w}: title`);
    const up = date(e, 'updated', w);
    one(e, 'updated', w);
    const pub = date(e, 'published', w);
    assert.ok(kids(e, 'published').length <= 1);
    assert.ok(up >= pub, `${w}: updated not before published`);
    newest = Math.max(newest, up);
    assert.ok(pub <= prev, `${what}: newest first by published date`);
    prev = pub;
    const elinks = kids(e, 'link').filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
    assert.equal(elinks.length, 1, `${w}: one alternate link (no content element)`);
    assert.equal(kids(e, 'content').length, 0);
    assert.match(elinks[0].attrs.href, /^https?:\/\/[^/]+(\/[a-z]{2})?\/practices\/\d+-/);
    assert.equal(one(e, 'summary', w).attrs.type, 'text');
    assert.ok(textOf(kid(e, 'author'), 'name'), `${w}: author (the implementing unit)`);
    for (const c of kids(e, 'category')) {
      assert.match(c.attrs.term, /^[a-z0-9-]+$/);
      assert.ok(c.attrs.label);
    }
  }
  if (ids.size) assert.equal(updated, newest, `${what}: feed updated = newest entry`);
}

const entryIds = (entries) => entries.map((e) => Number(textOf(e, 'id').match(/\/practices\/(\d+)$/)[1]));

// Every published practice the API lists for a query, newest first.
async function apiIds(query) {
  const ids = [];
  let cursor = '';
  for (;;) {
    const j = await (await fetch(`${srv.base}/api/v1/practices?limit=100${query ? `&${query}` : ''}${cursor}`)).json();
    ids.push(...j.items.map((i) => i.id));
    if (!j.next_cursor) return ids;
    cursor = `&cursor=${encodeURIComponent(j.next_cursor)}`;
  }
}

// A search's every result, as the API gives them, newest first.
async function searchIds(query) {
  const items = [];
  for (let page = 1; ; page++) {
    const j = await (await fetch(`${srv.base}/api/v1/search?${query}&limit=100&page=${page}`)).json();
    items.push(...j.items);
    if (items.length >= j.total || !j.items.length) break;
  }
  items.sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at) || b.id - a.id);
  return items.map((i) => i.id);
}

test('the whole catalogue: the newest 50, as the API lists them', async () => {
  const all = await apiIds('');
  assert.ok(all.length > 50, `more than 50 published (${all.length})`);
  const { doc, entries } = await feed('/feed.atom');
  assert.equal(entries.length, 50);
  assert.deepEqual(entryIds(entries), all.slice(0, 50));
  assert.equal(kid(doc, 'link').attrs.rel, 'self');
  const self = kids(doc, 'link').find((l) => l.attrs.rel === 'self').attrs.href;
  assert.equal(textOf(doc, 'id'), self);
  assert.match(self, /^http:\/\/127\.0\.0\.1:\d+\/feed\.atom$/);
  const alt = kids(doc, 'link').find((l) => l.attrs.rel === 'alternate');
  assert.equal(alt.attrs.type, 'text/html');
  assert.match(alt.attrs.href, /\/practices$/);
});

test('per category, per region, per filter: exactly what the API gives', async () => {
  for (const q of ['category=culture', 'category=social-services', 'region=feedland',
    'region=mazowieckie', 'category=culture&region=feedland', 'lang=sl', 'year=2025&initiator=informal_group',
    'category=no-such-category']) {
    const { doc, entries } = await feed(`/feed.atom?${q}`);
    const want = (await apiIds(q)).slice(0, 50);
    assert.deepEqual(entryIds(entries), want, q);
    const alt = kids(doc, 'link').find((l) => l.attrs.rel === 'alternate').attrs.href;
    const u = new URL(alt);
    assert.equal(u.pathname, '/practices', q);
    assert.deepEqual([...u.searchParams].sort(), [...new URLSearchParams(q)].sort(),
      `${q}: alternate is the list with the same filters (${alt})`);
  }
  const { entries } = await feed('/feed.atom?category=culture');
  assert.ok(entries.length > 12);
  for (const e of entries) {
    const terms = kids(e, 'category').map((c) => c.attrs.term);
    assert.ok(terms.includes('culture'), `${textOf(e, 'title')}: category culture (${terms})`);
    for (const c of kids(e, 'category')) assert.match(c.attrs.scheme, /^http:\/\/127\.0\.0\.1:\d+\/categories\/$/);
  }
});

test('per search (and search with filters): the search results, newest first', async () => {
  for (const q of ['q=gmina', 'q=kana%C5%82', 'q=energia&region=wielkopolskie', 'q=xyzzyqwerty',
    'q=szko%C5%82a&category=education']) {
    const { doc, entries } = await feed(`/feed.atom?${q}`);
    const want = (await searchIds(q)).slice(0, 50);
    assert.deepEqual(entryIds(entries), want, q);
    const alt = kids(doc, 'link').find((l) => l.attrs.rel === 'alternate').attrs.href;
    assert.match(alt, /\/search\?q=/);
  }
  const { doc } = await feed('/en/feed.atom?q=gmina');
  assert.match(textOf(doc, 'title'), /^praxis — Newest practices: Search: gmina$/);
});

test('titles say what the feed is, in the interface language', async () => {
  let { doc } = await feed('/en/feed.atom?category=culture');
  assert.equal(textOf(doc, 'title'), 'praxis — Newest practices: Category: Culture');
  assert.equal(doc.attrs['xml:lang'], 'en');
  assert.match(kids(doc, 'link').find((l) => l.attrs.rel === 'self').attrs.href, /\/en\/feed\.atom\?category=culture$/);
  ({ doc } = await feed('/pl/feed.atom?category=culture&region=feedland'));
  assert.equal(textOf(doc, 'title'), 'praxis — Najnowsze praktyki: Kategoria: Kultura, Region: feedland');
  assert.equal(doc.attrs['xml:lang'], 'pl');
  for (const e of kids(doc, 'entry'))
    assert.match(kid(e, 'link').attrs.href, /\/pl\/practices\//);
  ({ doc } = await feed('/sl/feed.atom'));
  assert.equal(textOf(doc, 'title'), 'praxis — Najnovejše prakse');
  ({ doc } = await feed('/ar/feed.atom'));
  assert.equal(doc.attrs['xml:lang'], 'ar');
});

test('hostile text is text; contact persons are never in a feed', async () => {
  const { xml, entries } = await feed('/feed.atom?initiator=informal_group');
  const e = entries.find((x) => textOf(x, 'title').includes('Hostile'));
  assert.ok(e, 'hostile practice in its feed');
  assert.equal(textOf(e, 'title'), `Hostile ${HOSTILE} title`);
  assert.equal(textOf(e, 'summary'), `Summary with ${HOSTILE} & "quotes" 'apos'`);
  assert.equal(textOf(kid(e, 'author'), 'name'), `Gmina ${HOSTILE}`);
  assert.ok(!xml.includes('<script'));
  for (const path of ['/feed.atom', '/feed.atom?initiator=informal_group', '/feed.atom?region=feedland']) {
    const { xml: x } = await feed(path);
    assert.doesNotMatch(x, /evil@example\.org|Contact &lt;script|r&lt;ole|feed\d+@example\.org|Kontakt Feed|\+48 600/, path);
    assert.doesNotMatch(x, /[\w.-]+@[\w-]+\.[a-z]{2,}/, `${path}: no e-mail address at all`);
  }
});

test('bad filters are refused, nothing else is served', async () => {
  for (const q of ['unit=castle', 'year=abc', 'lang=xx-yy', 'q=%22unbalanced']) {
    const r = await fetch(`${srv.base}/feed.atom?${q}`);
    assert.ok([200, 400].includes(r.status), q);
    if (r.status === 200) assertWellFormed(await r.text(), q);
  }
  assert.equal((await fetch(`${srv.base}/feed.atom?unit=castle`)).status, 400);
  assert.equal((await fetch(`${srv.base}/feed.atom`, { method: 'POST' })).status, 405);
});

// The <link rel="alternate" type="application/atom+xml"> of a page, and
// its visible link, both to the feed of the page's selection.
async function discovered(path, expect) {
  const html = await (await fetch(srv.base + path)).text();
  const tags = [...html.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]+)" href="([^"]+)">/g)];
  assert.equal(tags.length, 1, `${path}: one feed link in the head`);
  assert.ok(html.indexOf(tags[0][0]) < html.indexOf('</head>'), `${path}: in the head`);
  const href = tags[0][2].replaceAll('&amp;', '&');
  assert.equal(href, expect, path);
  const visible = html.match(/<p class="feed-link"><a href="([^"]+)" type="application\/atom\+xml">([^<]+)<\/a><\/p>/);
  assert.ok(visible, `${path}: a visible feed link`);
  assert.equal(visible[1].replaceAll('&amp;', '&'), expect);
  const { doc } = await feed(href);
  assert.equal(textOf(doc, 'title'), tags[0][1].replaceAll('&amp;', '&'), `${path}: same title`);
  return visible[2];
}

test('pages point to their feeds: in the head and visibly', async () => {
  assert.equal(await discovered('/en/', '/en/feed.atom'), 'Subscribe to these practices (Atom feed)');
  assert.equal(await discovered('/pl/', '/pl/feed.atom'), 'Subskrybuj te praktyki (kanał Atom)');
  await discovered('/practices', '/feed.atom');
  await discovered('/en/practices?region=feedland&category=culture&page=1',
    '/en/feed.atom?category=culture&region=feedland');
  await discovered('/categories/culture', '/feed.atom?category=culture');
  await discovered('/sl/categories/education', '/sl/feed.atom?category=education');
  await discovered('/search?q=gmina&region=mazowieckie&page=2', '/feed.atom?q=gmina&region=mazowieckie');
  await discovered('/ar/search?q=rada', '/ar/feed.atom?q=rada');
  // pages of one practice have none
  const html = await (await fetch(`${srv.base}/practices/1`)).text();
  assert.doesNotMatch(html, /application\/atom\+xml/);
});

test('conditional GET: an unchanged catalogue answers 304 to the ETag', async () => {
  const r = await fetch(`${srv.base}/en/feed.atom?category=culture`);
  const tag = r.headers.get('etag');
  assert.match(tag, /^W\/"\d+-en"$/);
  await r.text();
  const again = await fetch(`${srv.base}/en/feed.atom?category=culture`, { headers: { 'if-none-match': tag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  assert.equal((await fetch(`${srv.base}/pl/feed.atom?category=culture`, { headers: { 'if-none-match': tag } })).status, 200);
  // a new practice changes the catalogue: the feed again, with a new tag
  const file = join(srv.dir, 'one-more.json');
  writeFileSync(file, JSON.stringify({ organisations: [{ key: 'etagtown', name: 'Gmina Etag',
    unit_type: 'rural_municipality', town: 'Etag', region: 'feedland', country: 'PL' }], practices: [{
    key: 'etag-1', organisation: 'etagtown', lang: 'pl', status: 'published', title: 'Praktyka po zmianie',
    summary: 'Nowa praktyka zmienia katalog.', body: 'Treść.', initiator_type: 'local_government',
    date_entered: '2026-03-01', published_at: '2026-03-02', categories: ['culture'] }] }));
  run(['demo', '--db', srv.db, '--file', file]);
  const changed = await fetch(`${srv.base}/en/feed.atom?category=culture`, { headers: { 'if-none-match': tag } });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.get('etag'), tag);
  const doc = parseXml(await changed.text());
  assert.equal(textOf(kids(doc, 'entry')[0], 'title'), 'Praktyka po zmianie');
  // errors carry no tag
  assert.equal((await fetch(`${srv.base}/feed.atom?unit=castle`)).headers.get('etag'), null);
});
