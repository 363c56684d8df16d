// End-to-end tests of the JSON API under /api/v1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, hostileId, HOSTILE } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

async function api(path, status = 200) {
  const r = await fetch(srv.base + path);
  assert.equal(r.status, status, path);
  assert.match(r.headers.get('content-type'), /^application\/json/, path);
  return r.json();
}

test('list practices with cursor paging visits each published practice once', async () => {
  const seen = new Set();
  let cursor = null;
  let total = 0;
  let pages = 0;
  do {
    const j = await api(`/api/v1/practices?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    total = j.total;
    assert.ok(j.items.length <= 7);
    for (const it of j.items) {
      assert.ok(!seen.has(it.id), `id ${it.id} twice`);
      seen.add(it.id);
      assert.ok(!('contacts' in it), 'contacts in a list');
      assert.deepEqual(Object.keys(it.organisation).sort(),
        ['country', 'id', 'name', 'region', 'town', 'unit_type']);
    }
    cursor = j.next_cursor;
    pages++;
  } while (cursor);
  assert.equal(seen.size, total);
  assert.equal(total, 45);
  assert.equal(pages, 7);
});

test('list filters are the same as the pages\' filters', async () => {
  const sl = await api('/api/v1/practices?lang=sl&limit=100');
  assert.ok(sl.total >= 5);
  assert.ok(sl.items.every((i) => i.lang === 'sl'));
  const both = await api('/api/v1/practices?lang=sl&lang=en&limit=100');
  assert.ok(both.total > sl.total);
  const cat = await api('/api/v1/practices?category=crisis-health-safety&limit=100');
  assert.ok(cat.total > 0 && cat.total < 45);
  const y = await api('/api/v1/practices?year=2020&limit=100');
  assert.ok(y.items.every((i) => i.date_entered.startsWith('2020')));
  const unit = await api('/api/v1/practices?unit=ngo&limit=100');
  assert.ok(unit.items.every((i) => i.organisation.unit_type === 'ngo'));
});

test('no contact details anywhere in list responses', async () => {
  const r = await fetch(`${srv.base}/api/v1/practices?limit=100`);
  const text = await r.text();
  assert.doesNotMatch(text, /@example\.(org|com|net)/);
  assert.doesNotMatch(text, /555/);
});

test('one practice carries the whole record, escaped as JSON', async () => {
  const id = await hostileId(srv.base);
  const p = await api(`/api/v1/practices/${id}`);
  assert.equal(p.title, `Hostile ${HOSTILE} title`);
  assert.equal(p.status, 'published');
  assert.equal(p.organisation.population, 1234);
  assert.equal(p.contacts[0].email, 'evil@example.org');
  assert.deepEqual(p.categories.map((c) => c.slug), ['crisis-other']);
  assert.deepEqual(p.keywords, [HOSTILE]);
  const t = await api('/api/v1/practices/3');
  assert.ok(t.links.some((l) => l.kind === 'legal_act' && l.act_number));
  assert.ok(Array.isArray(t.related));
  const en = await api('/api/v1/practices/3?hl=en');
  assert.ok(en.categories.some((c) => c.label === 'Institutional development'));
});

test('vocabularies with category trees and counts', async () => {
  const j = await api('/api/v1/vocabularies?hl=en');
  assert.deepEqual(j.vocabularies.map((v) => v.slug), ['themes', 'crisis']);
  const themes = j.vocabularies[0];
  const health = themes.categories.find((c) => c.slug === 'health');
  assert.equal(health.parent, 'social-services');
  assert.equal(health.label, 'Health');
  assert.equal(j.vocabularies[1].categories.length, 8);
  assert.ok(themes.categories.every((c) => Number.isInteger(c.practices)));
});

test('one organisation with its practices', async () => {
  const o = await api('/api/v1/organisations/17');
  assert.equal(o.name, 'Gmina Miasta Tarnowa');
  assert.equal(o.practices.length, 2);
  assert.ok(!JSON.stringify(o.practices).includes('@example'));
});

test('errors are JSON with a stable code and a message', async () => {
  let e = await api('/api/v1/practices/999999', 404);
  assert.equal(e.error.code, 'not_found');
  e = await api('/api/v1/organisations/999999', 404);
  assert.equal(e.error.code, 'not_found');
  e = await api('/api/v1/nothing', 404);
  assert.equal(e.error.code, 'not_found');
  e = await api('/api/v1/practices?limit=0', 400);
  assert.equal(e.error.code, 'bad_request');
  assert.match(e.error.message, /^limit:/);
  e = await api('/api/v1/practices?limit=101', 400);
  e = await api('/api/v1/practices?cursor=garbage', 400);
  assert.match(e.error.message, /^cursor:/);
  e = await api('/api/v1/practices?unit=x', 400);
  assert.match(e.error.message, /^unit:/);
  e = await api('/api/v1/practices?region=%FF', 400);
  assert.equal(e.error.code, 'bad_request');
  const r = await fetch(`${srv.base}/api/v1/practices`, { method: 'PUT', body: 'x' });
  assert.equal(r.status, 405);
  assert.equal((await r.json()).error.code, 'method_not_allowed');
});

test('GeoJSON of published practices with the list filters', async () => {
  const get = async (q) => {
    const r = await fetch(`${srv.base}/api/v1/practices.geojson${q}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/geo+json');
    return r.json();
  };
  const all = await get('');
  assert.equal(all.type, 'FeatureCollection');
  assert.equal(all.truncated, false);
  assert.ok(all.features.length >= 30, `${all.features.length} placed practices`);
  for (const f of all.features) {
    const [lon, lat] = f.geometry.coordinates;
    assert.equal(f.geometry.type, 'Point');
    assert.ok(lon > 13 && lon < 25 && lat > 45 && lat < 55, `${f.properties.title}: ${lon},${lat} in Poland or Slovenia`);
    assert.match(f.properties.url, new RegExp(`^/practices/${f.properties.id}-`));
    assert.equal(f.properties.contacts, undefined, 'no contact persons in lists');
  }
  // the same filter gives the same practices as the list API, less any without a place
  const region = await get('?region=wielkopolskie');
  const listed = (await (await fetch(`${srv.base}/api/v1/practices?region=wielkopolskie&limit=100`)).json())
    .items.map((i) => i.id);
  assert.ok(region.features.length > 0);
  for (const f of region.features) assert.ok(listed.includes(f.properties.id));
  const some = await get('?limit=2');
  assert.equal(some.features.length, 2);
  assert.equal(some.truncated, true);
  const bad = await fetch(`${srv.base}/api/v1/practices.geojson?year=abc`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, 'bad_request');
});

test('the map page lists what the GeoJSON holds, and allows only its tiles', async () => {
  const r = await fetch(`${srv.base}/map?region=wielkopolskie`);
  assert.equal(r.status, 200);
  const html = await r.text();
  const geo = await (await fetch(`${srv.base}/api/v1/practices.geojson?region=wielkopolskie`)).json();
  const listed = [...html.matchAll(/<li><a href="\/practices\/(\d+)-/g)].map((m) => Number(m[1]));
  assert.deepEqual(listed, geo.features.map((f) => f.properties.id), 'the list under the map is the map');
  assert.match(html, /data-geojson="\/api\/v1\/practices\.geojson\?region=wielkopolskie"/);
  assert.match(html, /<script src="\/static\/leaflet\.js"><\/script>/);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /img-src 'self' data: https:\/\/tile\.openstreetmap\.org;/, 'the configured tiles, and nothing else');
  assert.doesNotMatch(csp, /script-src|unsafe-inline/);
  for (const file of ['leaflet.js', 'markercluster.js', 'map.js']) {
    const js = await fetch(`${srv.base}/static/${file}`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type'), /^text\/javascript/);
    await js.arrayBuffer();
  }
});

test('schema.org JSON-LD on practice pages, without contacts and unbreakable', async () => {
  const id = await hostileId(srv.base);
  for (const path of ['/practices/4', `/practices/${id}`]) {
    const html = await (await fetch(srv.base + path)).text();
    const m = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
    assert.ok(m, `${path}: JSON-LD present`);
    const ld = JSON.parse(m[1]);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'CreativeWork');
    assert.ok(ld.name && ld.description && ld.creator.name, path);
    assert.equal(JSON.stringify(ld).includes('@example.org"'), false, 'no contact e-mail');
    assert.doesNotMatch(m[1], /[<>&]/, 'no markup characters inside the script element');
    if (path !== '/practices/4') assert.match(ld.name, /<script>/, 'the title itself is kept whole');
  }
});

test('sitemap.xml lists the main pages and every published practice', async () => {
  const r = await fetch(`${srv.base}/sitemap.xml`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/xml/);
  const xml = await r.text();
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.every((l) => l.startsWith('http://127.0.0.1:')), 'absolute addresses');
  const practices = locs.filter((l) => /\/practices\/\d+-/.test(l));
  const total = (await (await fetch(`${srv.base}/api/v1/practices?limit=1`)).json()).total;
  assert.equal(practices.length, total);
  assert.equal(new Set(practices).size, practices.length, 'each once');
  assert.doesNotMatch(xml, /<script|&(?!amp;|lt;|gt;|quot;|#39;)/, 'well escaped');
});
