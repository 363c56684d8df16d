// OAI-PMH 2.0 at /oai: every verb over GET and POST, every error the
// repository can give, every response well-formed (xmllint) and shaped
// as the protocol's schema says (checked here, the XSD being online
// only); a full harvest three records a page returns every published
// practice exactly once; a practice an editor withdraws comes back as
// deleted in an incremental harvest from its change; sets and from/until
// select as the API's filters do; never-published practices and
// contact persons never appear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, HOSTILE } from './harness.mjs';
import { Browser, addUser, sleep } from './browser.mjs';
import { assertWellFormed, parseXml, kids, kid, textOf } from './xml.mjs';

const NS = 'http://www.openarchives.org/OAI/2.0/';
const HOST = 'praxis.example.org';
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const EDITOR = { email: 'oai-editor@example.org', password: 'oai editor password', role: 'editor' };
let srv;

before(async () => {
  srv = await startServer({ extraConfig: `oai_page_size = 3\nbase_url = https://${HOST}\n` +
    'oai_admin_email = oai-admin@example.org\nlogins_per_15min = 1000\n' });
  addUser(srv.db, EDITOR);
});
after(async () => { await srv.stop(); });

// One request, GET (query) or POST (form); the parsed response checked
// for the envelope every response has.
async function oai(args, { post = false } = {}) {
  const q = new URLSearchParams(args).toString();
  const r = post
    ? await fetch(`${srv.base}/oai`, { method: 'POST', body: q,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    : await fetch(`${srv.base}/oai?${q}`);
  const xml = await r.text();
  assert.equal(r.status, 200, xml.slice(0, 300));
  assert.equal(r.headers.get('content-type'), 'text/xml; charset=utf-8');
  assertWellFormed(xml, `/oai?${q}`);
  const doc = parseXml(xml);
  assert.equal(doc.name, 'OAI-PMH');
  assert.equal(doc.attrs.xmlns, NS);
  assert.equal(doc.children[0].name, 'responseDate');
  assert.match(doc.children[0].text, STAMP);
  assert.ok(Math.abs(Date.parse(doc.children[0].text) - Date.now()) < 60000);
  assert.equal(doc.children[1].name, 'request');
  assert.equal(doc.children[1].text, `https://${HOST}/oai`);
  assert.equal(doc.children.length, 3, 'responseDate, request, then one verb element or errors');
  return { xml, doc, request: doc.children[1], body: doc.children[2] };
}

async function error(args, code) {
  const r = await oai(args);
  assert.equal(r.body.name, 'error', `${JSON.stringify(args)}: an error`);
  assert.equal(r.body.attrs.code, code, `${JSON.stringify(args)}: ${r.body.text}`);
  assert.ok(r.body.text.length > 5, 'a message says why');
  // badVerb and badArgument: the request element carries no attributes
  if (code === 'badVerb' || code === 'badArgument') assert.deepEqual(r.request.attrs, {});
  else assert.deepEqual(r.request.attrs, Object.fromEntries(Array.isArray(args) ? args : Object.entries(args)));
  return r;
}

function checkHeader(h) {
  assert.equal(h.name, 'header');
  assert.match(textOf(h, 'identifier'), new RegExp(`^oai:${HOST.replaceAll('.', '\\.')}:practice/[1-9]\\d*$`));
  assert.match(textOf(h, 'datestamp'), STAMP);
  assert.equal(h.children[0].name, 'identifier');
  assert.equal(h.children[1].name, 'datestamp');
  for (const c of h.children.slice(2)) assert.equal(c.name, 'setSpec');
  if (h.attrs.status) assert.equal(h.attrs.status, 'deleted');
  return { id: Number(textOf(h, 'identifier').split('/').pop()), stamp: textOf(h, 'datestamp'),
    deleted: h.attrs.status === 'deleted', sets: kids(h, 'setSpec').map((s) => s.text) };
}

const DC = ['dc:title', 'dc:creator', 'dc:subject', 'dc:description', 'dc:publisher', 'dc:contributor',
  'dc:date', 'dc:type', 'dc:format', 'dc:identifier', 'dc:source', 'dc:language', 'dc:relation',
  'dc:coverage', 'dc:rights'];

function checkRecord(r) {
  assert.equal(r.name, 'record');
  const h = checkHeader(kid(r, 'header'));
  const md = kid(r, 'metadata');
  if (h.deleted) {
    assert.equal(md, undefined, 'a deleted record has no metadata');
    return { ...h };
  }
  const dc = kid(md, 'oai_dc:dc');
  assert.equal(md.children.length, 1);
  assert.equal(dc.attrs['xmlns:oai_dc'], `${NS}oai_dc/`);
  assert.equal(dc.attrs['xmlns:dc'], 'http://purl.org/dc/elements/1.1/');
  for (const c of dc.children) assert.ok(DC.includes(c.name), `${c.name} is a Dublin Core element`);
  const one = (n) => { assert.equal(kids(dc, n).length, 1, n); return textOf(dc, n); };
  // title and description: the original's in its language, then one in
  // each language the practice is translated into
  const byLang = (n) => {
    const out = {};
    for (const e of kids(dc, n)) {
      assert.match(e.attrs['xml:lang'] ?? '', /^[a-z]{2}$/, `${n} has xml:lang`);
      assert.equal(out[e.attrs['xml:lang']], undefined, `one ${n} a language`);
      out[e.attrs['xml:lang']] = e.text;
    }
    return out;
  };
  const titles = byLang('dc:title'), descriptions = byLang('dc:description');
  const language = one('dc:language');
  assert.deepEqual(Object.keys(titles).sort(), Object.keys(descriptions).sort());
  const dcv = { title: titles[language], creator: one('dc:creator'), description: descriptions[language],
    titles, descriptions,
    date: one('dc:date'), type: one('dc:type'), identifier: one('dc:identifier'), language,
    publisher: one('dc:publisher'), subjects: kids(dc, 'dc:subject').map((s) => s.text),
    coverage: kids(dc, 'dc:coverage').map((s) => s.text) };
  assert.match(dcv.date, /^\d{4}-\d\d-\d\d$/);
  assert.match(dcv.identifier, new RegExp(`^https://${HOST.replaceAll('.', '\\.')}/practices/${h.id}-`));
  return { ...h, dc: dcv };
}

// Follows resumption tokens to the end; checks cursor and size.
async function harvest(verb, args, opts = {}) {
  const out = [];
  let r = await oai({ verb, ...args }, opts);
  if (r.body.name === 'error') return { error: r.body.attrs.code, items: out };
  let size = null, pages = 0;
  for (;;) {
    assert.equal(r.body.name, verb);
    pages++;
    const items = verb === 'ListRecords' ? kids(r.body, 'record').map(checkRecord)
      : kids(r.body, 'header').map(checkHeader);
    assert.ok(items.length >= 1 && items.length <= 3, 'oai_page_size = 3');
    const tok = kid(r.body, 'resumptionToken');
    if (tok) {
      assert.equal(r.body.children[r.body.children.length - 1], tok, 'the token comes last');
      assert.equal(Number(tok.attrs.cursor), out.length, 'cursor: records before this page');
      size ??= Number(tok.attrs.completeListSize);
      assert.equal(Number(tok.attrs.completeListSize), size);
    } else {
      assert.equal(pages, 1, 'only a list that fits one page has no token');
    }
    out.push(...items);
    if (!tok || !tok.text) {
      if (tok) assert.equal(out.length, size, 'completeListSize');
      return { items: out, pages };
    }
    assert.equal(items.length, 3);
    r = await oai({ verb, resumptionToken: tok.text }, opts);
    assert.deepEqual(r.request.attrs, { verb, resumptionToken: tok.text });
  }
}

async function published(query = '') {
  const ids = [];
  let cursor = '';
  for (;;) {
    const j = await (await fetch(`${srv.base}/api/v1/practices?limit=100${query}${cursor}`)).json();
    ids.push(...j.items.map((i) => i.id));
    if (!j.next_cursor) return ids.sort((a, b) => a - b);
    cursor = `&cursor=${encodeURIComponent(j.next_cursor)}`;
  }
}
const sorted = (a) => [...a].sort((x, y) => x - y);

test('Identify', async () => {
  for (const post of [false, true]) {
    const { body, request } = await oai({ verb: 'Identify' }, { post });
    assert.deepEqual(request.attrs, { verb: 'Identify' });
    assert.equal(body.name, 'Identify');
    assert.deepEqual(body.children.map((c) => c.name).slice(0, 8), ['repositoryName', 'baseURL',
      'protocolVersion', 'adminEmail', 'earliestDatestamp', 'deletedRecord', 'granularity', 'description']);
    assert.equal(textOf(body, 'repositoryName'), 'praxis');
    assert.equal(textOf(body, 'baseURL'), `https://${HOST}/oai`);
    assert.equal(textOf(body, 'protocolVersion'), '2.0');
    assert.equal(textOf(body, 'adminEmail'), 'oai-admin@example.org');
    assert.match(textOf(body, 'earliestDatestamp'), STAMP);
    assert.equal(textOf(body, 'deletedRecord'), 'transient');
    assert.equal(textOf(body, 'granularity'), 'YYYY-MM-DDThh:mm:ssZ');
    const id = kid(kid(body, 'description'), 'oai-identifier');
    assert.equal(textOf(id, 'repositoryIdentifier'), HOST);
    assert.equal(textOf(id, 'sampleIdentifier'), `oai:${HOST}:practice/1`);
  }
});

test('ListMetadataFormats, with and without an identifier', async () => {
  for (const args of [{}, { identifier: `oai:${HOST}:practice/1` }]) {
    const { body, request } = await oai({ verb: 'ListMetadataFormats', ...args });
    assert.deepEqual(request.attrs, { verb: 'ListMetadataFormats', ...args });
    const f = kids(body, 'metadataFormat');
    assert.equal(f.length, 1);
    assert.equal(textOf(f[0], 'metadataPrefix'), 'oai_dc');
    assert.equal(textOf(f[0], 'schema'), `${NS}oai_dc.xsd`);
    assert.equal(textOf(f[0], 'metadataNamespace'), `${NS}oai_dc/`);
  }
  await error({ verb: 'ListMetadataFormats', identifier: `oai:${HOST}:practice/999999` }, 'idDoesNotExist');
  await error({ verb: 'ListMetadataFormats', identifier: 'oai:elsewhere.org:practice/1' }, 'idDoesNotExist');
});

test('ListSets: the vocabularies and every category, nested', async () => {
  const { body } = await oai({ verb: 'ListSets' });
  const sets = kids(body, 'set').map((s) => ({ spec: textOf(s, 'setSpec'), name: textOf(s, 'setName') }));
  const vocab = await (await fetch(`${srv.base}/api/v1/vocabularies`)).json();
  const slugs = vocab.vocabularies.flatMap((v) => v.categories.map((c) => c.slug));
  assert.ok(slugs.length > 10);
  for (const slug of slugs) assert.equal(sets.filter((s) => s.spec.split(':').pop() === slug).length, 1, slug);
  for (const s of sets) {
    assert.match(s.spec, /^[a-z0-9-]+(:[a-z0-9-]+)*$/);
    assert.ok(s.name);
    const parent = s.spec.split(':').slice(0, -1).join(':');
    if (parent) assert.ok(sets.some((p) => p.spec === parent), `${s.spec}: its parent set is listed`);
  }
  await error({ verb: 'ListSets', resumptionToken: 'anything' }, 'badResumptionToken');
});

test('a full harvest, three a page, returns every published practice exactly once', async () => {
  const want = await published();
  assert.ok(want.length > 20);
  for (const verb of ['ListRecords', 'ListIdentifiers']) {
    for (const post of [false, true]) {
      const { items, pages } = await harvest(verb, { metadataPrefix: 'oai_dc' }, { post });
      assert.equal(pages, Math.ceil(want.length / 3));
      assert.deepEqual(sorted(items.map((i) => i.id)), want, `${verb}: each published one, once`);
      assert.ok(items.every((i) => !i.deleted));
      // oldest change first
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].stamp <= items[i].stamp);
    }
  }
});

test('GetRecord: Dublin Core of the practice, never its contact persons', async () => {
  const r = await fetch(`${srv.base}/api/v1/practices?initiator=informal_group&year=2025&limit=100`);
  const hostile = (await r.json()).items.find((i) => i.title.includes('Hostile'));
  const full = await (await fetch(`${srv.base}/api/v1/practices/${hostile.id}`)).json();
  const { body, xml, request } = await oai({ verb: 'GetRecord', identifier: `oai:${HOST}:practice/${hostile.id}`, metadataPrefix: 'oai_dc' });
  assert.equal(request.attrs.identifier, `oai:${HOST}:practice/${hostile.id}`);
  const rec = checkRecord(kid(body, 'record'));
  assert.equal(rec.id, hostile.id);
  assert.equal(rec.dc.title, `Hostile ${HOSTILE} title`);
  assert.equal(rec.dc.description, `Summary with ${HOSTILE} & "quotes" 'apos'`);
  assert.equal(rec.dc.creator, `Gmina ${HOSTILE}`);
  assert.equal(rec.dc.language, 'pl');
  assert.equal(rec.dc.date, '2025-01-20');
  assert.equal(rec.dc.type, 'Text');
  assert.equal(rec.dc.publisher, 'praxis');
  assert.deepEqual(rec.dc.subjects, full.categories.map((c) => c.label));
  assert.ok(rec.dc.coverage.includes(`reg'ion<b>`));
  assert.ok(rec.sets.every((s) => s.endsWith(':crisis-other')));
  assert.deepEqual(Object.keys(rec.dc.titles), ['pl'], 'no translations: the original alone');
  assert.ok(!xml.includes('<script'));
  assert.doesNotMatch(xml, /evil@example\.org|Contact &lt;|r&lt;ole/);
  // no record anywhere carries an e-mail address or a phone number
  const all = await harvest('ListRecords', { metadataPrefix: 'oai_dc' });
  // a translated practice is harvested in both languages
  const kornik = all.items.find((i) => i.dc?.titles.en === 'Thermal modernisation of five schools in the municipality of Kórnik');
  assert.ok(kornik, 'the English title of a translated practice');
  assert.equal(kornik.dc.language, 'pl');
  assert.match(kornik.dc.descriptions.en, /^In 2011–2013 the municipality of Kórnik/);
  assert.ok(kornik.dc.titles.pl && kornik.dc.titles.pl !== kornik.dc.titles.en);
  for (const i of all.items) {
    const text = JSON.stringify(i.dc);
    assert.doesNotMatch(text, /[\w.-]+@[\w-]+\.[a-z]{2,}/, `${i.id}: no e-mail address`);
  }
  await error({ verb: 'GetRecord', identifier: `oai:${HOST}:practice/0`, metadataPrefix: 'oai_dc' }, 'idDoesNotExist');
  await error({ verb: 'GetRecord', identifier: `oai:${HOST}:practice/01`, metadataPrefix: 'oai_dc' }, 'idDoesNotExist');
  await error({ verb: 'GetRecord', identifier: 'practice/1', metadataPrefix: 'oai_dc' }, 'idDoesNotExist');
  await error({ verb: 'GetRecord', identifier: `oai:${HOST}:practice/1`, metadataPrefix: 'mods' }, 'cannotDisseminateFormat');
});

test('never-published practices are not records', async () => {
  const want = new Set(await published());
  const max = Math.max(...want);
  let absent = 0;
  for (let id = 1; id <= max + 2; id++) {
    if (want.has(id)) continue;
    absent++;
    await error({ verb: 'GetRecord', identifier: `oai:${HOST}:practice/${id}`, metadataPrefix: 'oai_dc' }, 'idDoesNotExist');
  }
  assert.ok(absent >= 3, 'the demo has practices in review');
});

test('sets select as the category filter does', async () => {
  for (const slug of ['culture', 'social-services', 'crisis-other', 'energy-efficiency']) {
    const { body } = await oai({ verb: 'ListSets' });
    const spec = kids(body, 'set').map((s) => textOf(s, 'setSpec')).find((s) => s.split(':').pop() === slug);
    assert.ok(spec, slug);
    const want = await published(`&category=${slug}`);
    const { items } = await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', set: spec });
    assert.deepEqual(sorted(items.map((i) => i.id)), want, spec);
    for (const i of items) assert.ok(i.sets.some((s) => s === spec || s.startsWith(`${spec}:`)), `${i.id} in ${spec}`);
  }
  // a vocabulary: every practice with a category in it (the API ORs
  // up to 8 categories a request)
  const vocab = (await (await fetch(`${srv.base}/api/v1/vocabularies`)).json()).vocabularies[0];
  const tops = vocab.categories.filter((c) => !c.parent).map((c) => c.slug);
  const want = new Set();
  for (let i = 0; i < tops.length; i += 8)
    for (const id of await published(tops.slice(i, i + 8).map((t) => `&category=${t}`).join(''))) want.add(id);
  const { items } = await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', set: vocab.slug });
  assert.deepEqual(sorted(items.map((i) => i.id)), sorted(want));
  assert.ok(want.size < (await published()).length, 'not every practice is in this vocabulary');
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'themes:no-such-set' }, 'noRecordsMatch');
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'Bad Set' }, 'badArgument');
});

test('from and until', async () => {
  const all = (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc' })).items;
  const stamps = [...new Set(all.map((i) => i.stamp))].sort();
  const first = stamps[0];
  const day = first.slice(0, 10);
  let r = await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', from: first, until: stamps[stamps.length - 1] });
  assert.equal(r.items.length, all.length);
  r = await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', from: day, until: day });
  assert.equal(r.items.length, all.filter((i) => i.stamp.startsWith(day)).length);
  await error({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', until: '2000-01-01' }, 'noRecordsMatch');
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2999-01-01T00:00:00Z' }, 'noRecordsMatch');
  const later = new Date(Date.parse(first) + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  r = await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', from: later });
  assert.equal(r.items.length, all.filter((i) => i.stamp >= later).length);
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2020-01-02', until: '2020-01-01' }, 'badArgument');
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2020-01-01', until: '2021-01-01T00:00:00Z' }, 'badArgument');
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2020-02-30' }, 'badArgument');
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', until: '2020-01-01T10:00:00' }, 'badArgument');
});

test('a practice withdrawn by an editor is deleted in the next incremental harvest', async () => {
  const ids = await published();
  const id = ids[Math.floor(ids.length / 2)];
  // datestamps are whole seconds: start the harvest at the second after now
  await sleep(1100);
  const since = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  await error({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: since }, 'noRecordsMatch');
  const ed = new Browser(srv.base);
  assert.equal((await ed.signIn(EDITOR.email, EDITOR.password)).status, 303);
  await ed.get(`/editor/practices/${id}`);
  const d = await ed.post(`/editor/practices/${id}/decision`, { decision: 'withdraw', message: 'Nieaktualne.' });
  assert.equal(d.status, 303, d.text.slice(0, 300));
  assert.equal((await fetch(`${srv.base}/api/v1/practices/${id}`)).status, 404);

  const inc = await harvest('ListRecords', { metadataPrefix: 'oai_dc', from: since });
  assert.equal(inc.items.length, 1);
  assert.equal(inc.items[0].id, id);
  assert.ok(inc.items[0].deleted, 'status="deleted"');
  assert.ok(inc.items[0].stamp >= since);
  const g = await oai({ verb: 'GetRecord', identifier: `oai:${HOST}:practice/${id}`, metadataPrefix: 'oai_dc' });
  assert.ok(checkRecord(kid(g.body, 'record')).deleted);
  // still once in a full harvest, as deleted, and in its sets
  const full = (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc' })).items;
  assert.deepEqual(sorted(full.map((i) => i.id)), ids);
  assert.deepEqual(full.filter((i) => i.deleted).map((i) => i.id), [id]);
  assert.equal(full[full.length - 1].id, id, 'the latest change comes last');
  // until the second before: not there; from and until around it: alone
  const before = new Date(Date.parse(since) - 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const upto = (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', until: before })).items;
  assert.ok(!upto.some((i) => i.id === id));
  assert.equal(upto.length, ids.length - 1);
  const now = new Date(Date.now() + 2000).toISOString().replace(/\.\d+Z$/, 'Z');
  const around = (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', from: since, until: now })).items;
  assert.deepEqual(around.map((i) => i.id), [id]);
  // published again: a record again
  await ed.get(`/editor/practices/${id}`);
  assert.equal((await ed.post(`/editor/practices/${id}/decision`, { decision: 'publish' })).status, 303);
  const again = await harvest('ListRecords', { metadataPrefix: 'oai_dc', from: since });
  assert.deepEqual(again.items.map((i) => [i.id, i.deleted]), [[id, false]]);
});

test('resumption tokens: exclusive, for their own verb, refused when altered', async () => {
  const r = await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'themes' });
  const tok = kid(r.body, 'resumptionToken').text;
  assert.ok(tok);
  const next = await oai({ verb: 'ListIdentifiers', resumptionToken: tok });
  assert.equal(next.body.name, 'ListIdentifiers');
  await error({ verb: 'ListRecords', resumptionToken: tok }, 'badResumptionToken');
  await error({ verb: 'ListIdentifiers', resumptionToken: `${tok}0` }, 'badResumptionToken');
  await error({ verb: 'ListIdentifiers', resumptionToken: 'x' }, 'badResumptionToken');
  // every field changed, the MAC kept: refused
  const parts = tok.split('.');
  for (let i = 1; i < parts.length - 1; i++) {
    const changed = [...parts];
    changed[i] = i === 1 ? (changed[i] === 'I' ? 'R' : 'I') : `${changed[i]}1`;
    await error({ verb: 'ListIdentifiers', resumptionToken: changed.join('.') }, 'badResumptionToken');
  }
  await error([['verb', 'ListIdentifiers'], ['resumptionToken', tok], ['metadataPrefix', 'oai_dc']], 'badArgument');
});

test('badVerb and badArgument', async () => {
  await error({}, 'badVerb');
  await error({ verb: 'Frobnicate' }, 'badVerb');
  await error({ verb: 'identify' }, 'badVerb');
  await error([['verb', 'Identify'], ['verb', 'Identify']], 'badVerb');
  await error({ verb: 'Identify', metadataPrefix: 'oai_dc' }, 'badArgument');
  await error({ verb: 'ListRecords' }, 'badArgument');
  await error({ verb: 'ListRecords', metadataPrefix: 'oai_dc', frm: '2020-01-01' }, 'badArgument');
  await error([['verb', 'ListRecords'], ['metadataPrefix', 'oai_dc'], ['metadataPrefix', 'oai_dc']], 'badArgument');
  await error({ verb: 'GetRecord', metadataPrefix: 'oai_dc' }, 'badArgument');
  await error({ verb: 'GetRecord', identifier: `oai:${HOST}:practice/1` }, 'badArgument');
  await error({ verb: 'ListRecords', metadataPrefix: 'marc21' }, 'cannotDisseminateFormat');
  await error({ verb: 'ListIdentifiers', metadataPrefix: `<x>&"'` }, 'cannotDisseminateFormat');
  // a POST that is not a form
  const p = await fetch(`${srv.base}/oai`, { method: 'POST', body: '{"verb":"Identify"}', headers: { 'content-type': 'application/json' } });
  const xml = await p.text();
  assertWellFormed(xml);
  assert.equal(kid(parseXml(xml), 'error').attrs.code, 'badArgument');
  // POST answers as GET does
  const a = await oai({ verb: 'ListSets' }, { post: true });
  const b = await oai({ verb: 'ListSets' });
  assert.equal(a.xml.replace(/<responseDate>[^<]*/, ''), b.xml.replace(/<responseDate>[^<]*/, ''));
  // hostile bytes in arguments are answered, escaped
  const h = await error({ verb: `${HOSTILE}\u00ff` }, 'badVerb');
  assert.ok(!h.xml.includes('<script'));
});

test('a record changed during a harvest moves to its end: none is skipped', async () => {
  const ids = await published();
  let r = await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
  const seen = kids(r.body, 'header').map(checkHeader);
  const tok = kid(r.body, 'resumptionToken').text;
  // change one the harvest has not reached yet
  const pending = ids.filter((id) => !seen.some((s) => s.id === id));
  const id = pending[0];
  await sleep(1100);
  const ed = new Browser(srv.base);
  await ed.signIn(EDITOR.email, EDITOR.password);
  await ed.get(`/editor/practices/${id}`);
  assert.equal((await ed.post(`/editor/practices/${id}/decision`, { decision: 'withdraw', message: 'Stare.' })).status, 303);
  let next = tok;
  while (next) {
    r = await oai({ verb: 'ListIdentifiers', resumptionToken: next });
    seen.push(...kids(r.body, 'header').map(checkHeader));
    next = kid(r.body, 'resumptionToken').text;
  }
  assert.deepEqual(sorted(seen.map((s) => s.id)), ids, 'every record once');
  assert.equal(seen[seen.length - 1].id, id);
  assert.ok(seen[seen.length - 1].deleted);
});
