// /catalog.jsonld: the catalogue as a DCAT-AP dcat:Catalog in JSON-LD,
// with the properties DCAT-AP 3 makes mandatory or recommends, dates from
// the catalogue, the configured licence, publisher and contact point, and
// distributions whose addresses answer (those whose routes exist yet).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, run } from './harness.mjs';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const EU = 'http://publications.europa.eu/resource/authority/';

let srv;
let cat;
let dataset;
before(async () => {
  srv = await startServer({
    extraConfig: `operator_name = Związek Gmin <Test> & "Co"\ndata_licence = ${CC0}\n`
      + 'a11y_contact_name = Anna Dostępna\na11y_contact_email = dostepnosc@gmina.example\n'
      + 'a11y_contact_phone = +48 61 000 00 00\n',
  });
  const r = await fetch(`${srv.base}/catalog.jsonld`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/ld+json');
  assert.match(r.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
  cat = await r.json();
  [dataset] = cat['dcat:dataset'];
});
after(async () => { await srv.stop(); });

const ids = (v) => [].concat(v ?? []).map((x) => x['@id']);
const langs = (v) => [].concat(v ?? []).map((x) => x['@language']).sort();

test('a dcat:Catalog with its mandatory and recommended properties', () => {
  assert.equal(cat['@type'], 'dcat:Catalog');
  for (const p of ['dcat', 'dct', 'foaf', 'vcard', 'xsd']) assert.ok(cat['@context'][p], `prefix ${p}`);
  assert.equal(cat['@id'], `${srv.base}/catalog.jsonld`);
  // every prefixed name used anywhere is declared in the context
  const used = new Set(JSON.stringify(cat).match(/"([a-z]+):[A-Za-z]+"/g).map((s) => s.slice(1).split(':')[0]));
  for (const p of used) {
    if (!['http', 'https', 'mailto', 'tel'].includes(p)) assert.ok(cat['@context'][p], `undeclared prefix ${p}`);
  }
  assert.deepEqual(langs(cat['dct:title']), ['ar', 'en', 'pl', 'sl']);
  assert.deepEqual(langs(cat['dct:description']), ['ar', 'en', 'pl', 'sl']);
  assert.equal(cat['dct:publisher']['@type'], 'foaf:Agent');
  assert.equal(cat['dct:publisher']['foaf:name'], 'Związek Gmin <Test> & "Co"');
  assert.deepEqual(ids(cat['foaf:homepage']), [`${srv.base}/`]);
  assert.deepEqual(ids(cat['dct:license']), [CC0]);
  assert.ok(ids(cat['dct:language']).includes(`${EU}language/POL`));
  assert.match(cat['dct:modified']['@value'], /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(cat['dcat:dataset'].length, 1);
});

test('the dataset: multilingual, keywords are the top-level categories, dates from the catalogue', async () => {
  assert.equal(dataset['@type'], 'dcat:Dataset');
  const en = dataset['dct:title'].find((t) => t['@language'] === 'en')['@value'];
  assert.equal(en, 'Good practices of local governments');
  assert.deepEqual(langs(dataset['dct:description']), ['ar', 'en', 'pl', 'sl']);
  const vocab = await (await fetch(`${srv.base}/api/v1/vocabularies?hl=en`)).json();
  const top = vocab.vocabularies.flatMap((v) => v.categories.filter((c) => c.depth === 0).map((c) => c.label));
  const kwEn = dataset['dcat:keyword'].filter((k) => k['@language'] === 'en').map((k) => k['@value']);
  assert.deepEqual(kwEn.sort(), top.sort());
  assert.ok(dataset['dcat:keyword'].some((k) => k['@language'] === 'pl'));
  assert.deepEqual(ids(dataset['dct:spatial']).sort(), [`${EU}country/POL`, `${EU}country/SVN`]);
  assert.deepEqual(ids(dataset['dct:publisher']), [cat['dct:publisher']['@id']]);
  assert.deepEqual(ids(dataset['dcat:landingPage']), [`${srv.base}/practices`]);
  assert.ok(ids(dataset['dcat:theme']).every((t) => t.startsWith(`${EU}data-theme/`)));
  assert.deepEqual(ids(dataset['dct:accessRights']), [`${EU}access-right/PUBLIC`]);

  // issued: the oldest published practice; modified: not before the newest
  const days = [];
  let cursor = null;
  do {
    const page = await (await fetch(`${srv.base}/api/v1/practices?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
    days.push(...page.items.map((i) => i.published_at.slice(0, 10)));
    cursor = page.next_cursor;
  } while (cursor);
  days.sort();
  assert.equal(dataset['dct:issued']['@value'], days[0]);
  assert.equal(dataset['dct:issued']['@type'], 'xsd:date');
  assert.ok(dataset['dct:modified']['@value'] >= days.at(-1));
});

test('the contact point is the configured one; no contact person of any practice', () => {
  const cp = dataset['dcat:contactPoint'];
  assert.equal(cp['vcard:fn'], 'Anna Dostępna');
  assert.deepEqual(ids(cp['vcard:hasEmail']), ['mailto:dostepnosc@gmina.example']);
  assert.deepEqual(ids(cp['vcard:hasTelephone']), ['tel:+48 61 000 00 00']);
  const text = JSON.stringify(cat);
  assert.doesNotMatch(text, /@example\.(org|com|net)|Contact </);
});

test('distributions and services: formats, licence, and addresses that answer', async () => {
  const dists = dataset['dcat:distribution'];
  const byType = Object.fromEntries(dists.map((d) => [ids(d['dcat:mediaType'])[0].replace(/^.*media-types\//, ''), d]));
  for (const t of ['application/json', 'text/csv', 'application/geo+json', 'application/atom+xml']) assert.ok(byType[t], t);
  assert.equal(dists.filter((d) => /format=csv/.test(ids(d['dcat:accessURL'])[0])).length, 2, 'CSV and CSV for spreadsheets');
  for (const d of dists) {
    assert.equal(d['@type'], 'dcat:Distribution');
    assert.equal(ids(d['dcat:accessURL']).length, 1);
    assert.match(ids(d['dct:format'])[0], /^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/[A-Z]+$/);
    assert.match(ids(d['dcat:mediaType'])[0], /^https:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[a-z+.-]+$/);
    assert.deepEqual(ids(d['dct:license']), [CC0]);
  }
  const services = cat['dcat:service'];
  assert.equal(services.length, 2);
  for (const s of services) {
    assert.equal(s['@type'], 'dcat:DataService');
    assert.ok(s['dct:title']);
    assert.equal(ids(s['dcat:endpointURL']).length, 1);
    assert.deepEqual(ids(s['dcat:servesDataset']), [dataset['@id']]);
  }
  assert.deepEqual(ids(services[0]['dcat:endpointDescription']), [`${srv.base}/api/v1/openapi.json`]);

  // every address on this server answers 200, when its route exists in
  // this build (the export, the feed and OAI-PMH come from other work)
  const routes = JSON.parse(run(['routes'])).filter((r) => r.method === 'GET').map((r) => new RegExp(
    `^${r.pattern.replace(/[.]/g, '\\.').replace(/\{id\}/g, '[0-9]+').replace(/\{[a-z]+\}/g, '[a-z0-9.-]+')}$`));
  const urls = new Set(JSON.stringify(cat).match(/"https?:\/\/[^"]+"/g).map((s) => s.slice(1, -1))
    .filter((u) => u.startsWith(srv.base) && !u.includes('#')));
  let checked = 0;
  for (const u of urls) {
    if (!routes.some((re) => re.test(new URL(u).pathname))) continue;
    const r = await fetch(u);
    assert.equal(r.status, 200, u);
    await r.arrayBuffer();
    checked++;
  }
  assert.ok(checked >= 4, `only ${checked} addresses could be checked`);
});

test('the footer links the catalogue description', async () => {
  const html = await (await fetch(`${srv.base}/en/`)).text();
  assert.match(html, /<a href="\/catalog\.jsonld" type="application\/ld\+json">Open data catalogue/);
});
