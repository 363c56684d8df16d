// Bulk exports: /api/v1/export as a data set, CSV and Excel CSV holds
// every published practice exactly once and no contact person anywhere in
// its bytes; `praxis export` writes the same bytes; a bad format is a 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { BIN, run, startServer } from './harness.mjs';

const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));
let srv;
let published; // ids of every published practice, from the list API

before(async () => {
  srv = await startServer();
  published = [];
  let cursor = '';
  for (;;) {
    const j = await (await fetch(`${srv.base}/api/v1/practices?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
    published.push(...j.items.map((i) => i.id));
    if (!j.next_cursor) break;
    cursor = encodeURIComponent(j.next_cursor);
  }
  published.sort((a, b) => a - b);
  assert.equal(published.length, 45); // the demo's 44 and the hostile one
});
after(async () => { await srv.stop(); });

// RFC 4180, enough for the test: quoted cells with "" and line breaks.
function parseCsv(text, delim) {
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === delim) { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue;
    }
    assert.notEqual(c, '\n', `bare LF at ${i}: rows end with CRLF`);
    cell += c; i++;
  }
  assert.equal(cell, '', 'last row ends with CRLF');
  return rows;
}

// Every name, phone and e-mail of a contact person in the loaded data.
const secrets = [
  ...DEMO.practices.flatMap((p) => (p.contacts ?? []).flatMap((c) => [c.name, c.phone, c.email])),
  'evil@example.org', 'Contact <script>',
].filter(Boolean);

function assertNoContacts(bytes) {
  const text = bytes.toString('utf8');
  assert.ok(secrets.length > 100);
  for (const s of secrets) assert.ok(!text.includes(s), `contact data exported: ${s}`);
}

async function get(format, headers = {}) {
  const r = await fetch(`${srv.base}/api/v1/export?format=${format}`, { headers });
  return { r, bytes: Buffer.from(await r.arrayBuffer()) };
}

function cli(args) {
  return execFileSync(BIN, ['export', '--db', srv.db, ...args], { maxBuffer: 64 << 20 });
}

function checkRows(rows) {
  const header = rows[0];
  for (const col of ['id', 'url', 'title', 'summary', 'body', 'categories', 'links', 'organisation', 'postal_code'])
    assert.ok(header.includes(col), col);
  for (const col of ['contact', 'contacts', 'email', 'phone']) assert.ok(!header.includes(col));
  const data = rows.slice(1);
  for (const r of data) assert.equal(r.length, header.length);
  const ids = data.map((r) => Number(r[header.indexOf('id')]));
  assert.deepEqual(ids, published); // each once, in id order
  const hostile = data.find((r) => r[header.indexOf('title')].startsWith('Hostile'));
  assert.equal(hostile[header.indexOf('keywords')], '<script>alert("x")</script>');
  return { header, data };
}

test('CSV export: every published practice once, RFC 4180, no contacts', async () => {
  const { r, bytes } = await get('csv');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="praxis-practices-\d{4}-\d{2}-\d{2}\.csv"$/);
  assert.notEqual(bytes[0], 0xEF);
  assertNoContacts(bytes);
  const { header, data } = checkRows(parseCsv(bytes.toString('utf8'), ','));
  const first = DEMO.practices.find((p) => p.status === 'published');
  const row = data.find((d) => d[header.indexOf('title')] === first.title);
  assert.equal(row[header.indexOf('body')], first.body);
  assert.equal(row[header.indexOf('categories')], first.categories.join('|'));
  assert.deepEqual(cli(['--format', 'csv']), bytes, 'praxis export writes the same bytes');
});

test('Excel CSV: BOM, semicolons, CRLF, the same rows', async () => {
  const { r, bytes } = await get('csv-excel');
  assert.equal(r.status, 200);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('id;url;slug;lang;status;title;'));
  assertNoContacts(bytes);
  checkRows(parseCsv(text, ';'));
  assert.deepEqual(cli(['--format', 'csv', '--excel']), bytes);
});

test('JSON export: the data set shape, loadable again, no contacts', async () => {
  const { r, bytes } = await get('json');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.match(r.headers.get('content-disposition'), /filename="praxis-practices-[\d-]+\.json"/);
  assertNoContacts(bytes);
  const set = JSON.parse(bytes.toString('utf8'));
  const ids = set.practices.map((p) => Number(p.key.split('-')[0]));
  assert.deepEqual(ids, published);
  const orgs = new Set(set.organisations.map((o) => o.key));
  for (const p of set.practices) {
    assert.ok(orgs.has(p.organisation), p.organisation);
    assert.equal(p.contacts, undefined);
    assert.equal(p.status, 'published');
  }
  assert.deepEqual(cli(['--format', 'json']), bytes);
});

test('ETag: an unchanged catalogue answers 304', async () => {
  const { r } = await get('csv');
  const etag = r.headers.get('etag');
  assert.match(etag, /^"export-csv-\d+"$/);
  const again = await get('csv', { 'If-None-Match': etag });
  assert.equal(again.r.status, 304);
  assert.equal(again.bytes.length, 0);
  assert.notEqual((await get('json')).r.headers.get('etag'), etag);
});

test('a bad format is a 400 in JSON', async () => {
  for (const f of ['xml', 'CSV', 'csv%00', '%3Cscript%3E']) {
    const { r, bytes } = await get(f);
    assert.equal(r.status, 400, f);
    const e = JSON.parse(bytes.toString('utf8'));
    assert.equal(e.error.code, 'bad_request');
    if (f !== 'csv%00') assert.match(e.error.message, /format/); // NUL: refused before routing
  }
  assert.throws(() => cli(['--format', 'xml']), /usage/);
});

test('a changed catalogue is exported anew, not from the cached file', async () => {
  const before = await get('csv');
  const set = join(srv.dir, 'one-more.json');
  writeFileSync(set, JSON.stringify({
    organisations: [{ key: 'n', name: 'Gmina Nowa', unit_type: 'rural_municipality', country: 'PL' }],
    practices: [{ key: 'n1', organisation: 'n', lang: 'pl', status: 'published', title: '=Nowa praktyka',
      summary: 'Skrót', contacts: [{ name: 'Jan Tajny', email: 'jan.tajny@example.org' }] }],
  }));
  run(['demo', '--db', srv.db, '--file', set]);
  const after = await get('csv');
  assert.notEqual(after.r.headers.get('etag'), before.r.headers.get('etag'));
  const rows = parseCsv(after.bytes.toString('utf8'), ',');
  assert.equal(rows.length, published.length + 2);
  assert.equal(rows.at(-1)[rows[0].indexOf('title')], "'=Nowa praktyka"); // neutralised
  assert.ok(!after.bytes.toString('utf8').includes('jan.tajny'));
  assert.deepEqual(cli(['--format', 'csv']), after.bytes);
});

test('the data set export loads into a new database as the same catalogue', async () => {
  const { bytes } = await get('json');
  const set = join(srv.dir, 'exported.json');
  const db = join(srv.dir, 'copy.db');
  writeFileSync(set, bytes);
  run(['init', '--db', db]);
  run(['demo', '--db', db, '--file', set]);
  // ids are new, and the data set keeps the day of publication only;
  // everything else in every row is the same
  const strip = (buf) => {
    const rows = parseCsv(buf.toString('utf8'), ',');
    const at = rows[0].indexOf('published_at');
    return rows.map((r, i) => r.map((v, k) => (i && k === at ? v.slice(0, 10) : v)).slice(2));
  };
  const copy = execFileSync(BIN, ['export', '--db', db, '--format', 'csv'], { maxBuffer: 64 << 20 });
  assert.deepEqual(strip(copy), strip((await get('csv')).bytes));
  const again = JSON.parse(execFileSync(BIN, ['export', '--db', db, '--format', 'json'], { maxBuffer: 64 << 20 }));
  const original = JSON.parse(bytes.toString('utf8'));
  const content = (p) => ({ ...p, key: undefined, organisation: undefined, related: undefined, adapted_from: undefined });
  assert.deepEqual(again.practices.map(content), original.practices.map(content));
  assert.equal(again.practices.filter((p) => p.translations).length, 1);
});
