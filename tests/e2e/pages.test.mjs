// End-to-end tests of the HTML pages: status, type, key content, escaping,
// and the clear answers to bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, hostileId, assertNoInjection } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

async function page(path, status = 200) {
  const r = await fetch(srv.base + path);
  const body = await r.text();
  assert.equal(r.status, status, `${path}: status ${r.status}\n${body.slice(0, 500)}`);
  assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/, path);
  assert.match(body, /^<!DOCTYPE html>/);
  return { r, body };
}

// Sends raw bytes (the string's characters as Latin-1 bytes), for
// requests fetch() would refuse to make; reads until the server closes.
function raw(request) {
  return new Promise((resolve, reject) => {
    const s = net.connect(srv.port, '127.0.0.1', () => s.write(Buffer.from(request, 'latin1')));
    let data = '';
    s.setEncoding('latin1');
    s.setTimeout(5000, () => s.destroy());
    s.on('data', (d) => { data += d; });
    s.on('close', () => resolve(data));
    s.on('error', (e) => (data ? resolve(data) : reject(e)));
  });
}

test('home shows newest practices, categories with counts and totals', async () => {
  const { body, r } = await page('/');
  assert.match(body, /<html lang="pl" dir="ltr">/);
  assert.match(body, /Najnowsze praktyki/);
  assert.match(body, /<ul class="totals"><li><strong>45<\/strong> praktyk/);
  assert.match(body, /href="\/categories\/social-assistance">Pomoc społeczna<\/a> <span class="count">\(\d+\)/);
  assert.match(body, /Reagowanie kryzysowe/);
  assert.equal((body.match(/class="practice-card"/g) || []).length, 6);
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assertNoInjection(body);
});

test('English interface under /en/ with hreflang alternates', async () => {
  const { body } = await page('/en/');
  assert.match(body, /<html lang="en"/);
  assert.match(body, /Newest practices/);
  assert.match(body, /href="\/en\/practices"/);
  assert.match(body, /<link rel="alternate" hreflang="pl" href="\/pl">/);
  const list = await page('/en/practices?lang=sl');
  assert.match(list.body, /Practices found/);
});

test('practice list pages through all published practices', async () => {
  const { body } = await page('/practices');
  assert.match(body, /Znalezione praktyki: 45/);
  assert.equal((body.match(/class="practice-card"/g) || []).length, 20);
  assert.match(body, /rel="next" href="\/practices\?page=2"/);
  const p3 = await page('/practices?page=3');
  assert.equal((p3.body.match(/class="practice-card"/g) || []).length, 5);
  assert.match(p3.body, /rel="prev" href="\/practices\?page=2"/);
  assert.doesNotMatch(p3.body, /rel="next"/);
  assertNoInjection(body);
});

test('list filters combine and their state stays in the URL', async () => {
  const { body } = await page('/practices?category=social-services&lang=pl');
  const n = Number(body.match(/Znalezione praktyki: (\d+)/)[1]);
  assert.ok(n > 0 && n < 45, `filtered count ${n}`);
  assert.match(body, /<option value="social-services" selected>/);
  assert.match(body, /<option value="pl" selected>/);
  const sl = await page('/practices?lang=sl&unit=region');
  assert.match(sl.body, /Znalezione praktyki: 0/);
  assert.match(sl.body, /Żadna praktyka nie spełnia/);
  const region = await page('/practices?region=ma%C5%82opolskie&year=');
  assert.match(region.body, /<option value="małopolskie" selected>/);
  // empty values mean "any", unknown parameters are ignored
  const any = await page('/practices?category=&utm_source=x');
  assert.match(any.body, /Znalezione praktyki: 45/);
  // paging keeps the filters
  const many = await page('/practices?lang=pl');
  assert.match(many.body, /href="\/practices\?lang=pl&amp;page=2"/);
});

test('practice page: summary with key facts, and full presentation', async () => {
  const { body } = await page('/practices/3');
  assert.match(body, /<h1 lang="pl">Wieloletni program współpracy Tarnowa/);
  assert.match(body, /Metryka praktyki/);
  assert.match(body, /<dt>Liczba mieszkańców<\/dt><dd>105\u202f000<\/dd>/);
  assert.match(body, /Osoby do kontaktu/);
  assert.match(body, /href="mailto:[^"]+@example\.org"/);
  assert.match(body, /aria-current="page">Skrót i metryka/);
  assert.match(body, /<link rel="canonical" href="\/practices\/3-wieloletni-program/);
  const full = await page('/practices/3-anything/full');
  assert.match(full.body, /<div class="presentation" lang="pl">\n<h2>/);
  assert.match(full.body, /aria-current="page">Pełna prezentacja/);
  assert.match(full.body, /Akt prawa miejscowego/);
});

test('hostile strings are escaped on every page that shows them', async () => {
  const id = await hostileId(srv.base);
  for (const path of [`/practices/${id}`, `/practices/${id}/full`, '/', '/practices',
    '/categories/crisis-other', '/practices?initiator=informal_group']) {
    const { body } = await page(path);
    assertNoInjection(body);
  }
  const { body } = await page(`/practices/${id}`);
  assert.match(body, /Hostile &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; title/);
  assert.match(body, /href="https:\/\/example\.org\/a\?x=1&amp;y=&#39;z&#39;"/);
  const full = await page(`/practices/${id}/full`);
  assert.doesNotMatch(full.body, /javascript:/);
  const org = body.match(/href="(\/organisations\/\d+-[a-z0-9-]+)"/)[1];
  const orgPage = await page(org);
  assertNoInjection(orgPage.body);
  assert.match(orgPage.body, /Gmina &lt;script&gt;/);
});

test('categories index and category page with subcategories', async () => {
  const idx = await page('/categories');
  assert.match(idx.body, /Obszary tematyczne/);
  const cat = await page('/categories/social-services');
  assert.match(cat.body, /<h1>Usługi społeczne<\/h1>/);
  assert.match(cat.body, /Podkategorie/);
  assert.match(cat.body, /href="\/practices\?category=social-services"/);
  const leaf = await page('/en/categories/health');
  assert.match(leaf.body, /<h1>Health<\/h1>/);
  assert.match(leaf.body, /href="\/en\/categories\/social-services">Social services/);
});

test('organisation page lists its practices', async () => {
  const { body } = await page('/organisations/17');
  assert.match(body, /<h1>Gmina Miasta Tarnowa<\/h1>/);
  assert.match(body, /Praktyki tej jednostki \(2\)/);
});

test('unknown ids and addresses get a 404 page', async () => {
  for (const path of ['/practices/999999', '/practices/999999/full', '/organisations/999999',
    '/categories/no-such-category', '/no/such/page', '/practices/abc']) {
    const { body } = await page(path, 404);
    assert.match(body, /<h1>Nie znaleziono strony<\/h1>|<h1>Page not found<\/h1>/, path);
  }
  // a language prefix does not apply to the API: JSON 404
  const api = await fetch(`${srv.base}/en/api/v1/practices`);
  assert.equal(api.status, 404);
  assert.equal((await api.json()).error.code, 'not_found');
  // practices in review are not public
  const r = await fetch(`${srv.base}/api/v1/practices?limit=100`);
  const ids = new Set((await r.json()).items.map((i) => i.id));
  for (let id = 1; id <= 46; id++) {
    if (!ids.has(id)) await page(`/practices/${id}`, 404);
  }
});

test('malformed parameters get a 400 naming the parameter', async () => {
  for (const [q, name] of [['page=0', 'page'], ['page=x', 'page'], ['page=99999999999', 'page'],
    ['unit=village', 'unit'], ['year=20', 'year'], ['category=Bad%20Slug', 'category'],
    ['lang=xx', 'lang'], ['initiator=martian', 'initiator']]) {
    const { body } = await page(`/practices?${q}`, 400);
    assert.match(body, new RegExp(`class="error-message">${name}:`), q);
  }
});

test('invalid UTF-8 anywhere is refused with 400', async () => {
  await page('/practices?region=%FF', 400);
  await page('/practices?%C3=1', 400);
  await page('/practices/%C3%28', 400);
  await page('/practices?region=a%00b', 400);
  const res = await raw('GET / HTTP/1.1\r\nHost: x\r\nX-Note: \xff\xfe\r\nConnection: close\r\n\r\n');
  assert.match(res, /^HTTP\/1\.1 400/);
});

test('wrong method gets 405 with Allow; oversize body gets 413', async () => {
  const r = await fetch(`${srv.base}/practices`, { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /GET/);
  const big = await raw(`POST /practices HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n`);
  assert.match(big, /^HTTP\/1\.1 413/);
  const chunked = await raw('POST /practices HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n'
    + '10000\r\n' + 'a'.repeat(0x10000) + '\r\n10000\r\n' + 'a'.repeat(0x10000) + '\r\n0\r\n\r\n');
  assert.match(chunked, /^HTTP\/1\.1 413/);
  // the server still answers afterwards
  await page('/');
});

test('print stylesheet and screen stylesheet are served', async () => {
  const { body } = await page('/');
  assert.match(body, /<link rel="stylesheet" href="\/static\/print.css" media="print">/);
  for (const f of ['style.css', 'print.css']) {
    const r = await fetch(`${srv.base}/static/${f}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/css/);
    assert.match(r.headers.get('cache-control'), /max-age=\d+/);
  }
  assert.equal((await fetch(`${srv.base}/static/nope.css`)).status, 404);
});
