// Export -> import -> export: the demo catalogue plus awkward records
// (formula-like and escaped list cells, legal-act links, an own place,
// published to the second, translations, relations, a relation to a
// practice that is not published) exported as JSON, CSV and Excel CSV,
// each imported with --publish into its own empty database and exported
// again: every published record comes back field by field. What is
// normalised, and why:
// - JSON: practice and organisation keys ("{id}-{slug}") are new ids, so
//   a practice's key is left out (the records are compared in order: the
//   import keeps the file's order and the export is in id order), and
//   "organisation", "adapted_from" and "related" are replaced by the
//   content of what they name (the unit's fields, the practices' titles).
//   The organisations are compared as a set: the import creates a unit
//   when its first practice comes, not in the order of the file's list.
// - CSV: the identity columns id, url and slug are left out; slugs are
//   derived anew and may differ. Everything else, row order included, is
//   compared as it is.
// Importing the same export again creates nothing; no contact person is
// in any export or in any database made from one; /api/v1/export of a
// database made from an export is what `praxis export` writes for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, HOSTILE, run, startServer } from './harness.mjs';

const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));

// Contact persons of the awkward set: must never leave the first database.
const AWKWARD_CONTACTS = [
  { name: 'Zofia Ukryta-Kontakt', role: 'sekretarz', phone: '+48 600 111 222', email: 'zofia.ukryta@example.org' },
];

const awkwardSet = {
  organisations: [
    { key: 'semi', name: 'Gmina "Średnik; Przecinek, Kreska|Ukośnik\\"', unit_type: 'urban_rural_municipality',
      town: '=Miasto', county: '+powiat', region: '-region', country: 'PL', postal_code: '00-950',
      post_office: '@Poczta', street: 'ul. Długa 1\tlok. 2', website: 'https://example.org/?q=a,b;c|d',
      population: 0, lat: 52.229676, lon: 21.012229 },
    { key: 'bare', name: 'Stowarzyszenie bez współrzędnych', unit_type: 'ngo', country: 'SI' },
  ],
  practices: [
    {
      key: 'a1', organisation: 'semi', lang: 'pl', status: 'published',
      title: '=SUM(A1:A9) tytuł, z "cudzysłowem"; i średnikiem',
      summary: "-Podsumowanie\nw dwóch liniach, z 'apostrofem' | kreską i \\ ukośnikiem",
      body: '## Nagłówek\r\n\r\nTreść z CRLF, tabulatorem\ti emoji 🌍, z łączącym znakiem: e\u0301.\n\n- lista',
      implementing_office: '@Wydział Spraw Obywatelskich', initiator_type: 'company',
      date_entered: '2024-02-29', period_start: '2023-11', period_end: '2024',
      published_at: '2024-02-29T23:59:59Z',
      lat: 50.061947, lon: 19.936856, // its own place, not its unit's
      categories: ['crisis-ngo', 'crisis-local-law'],
      keywords: ['słowo|z kreską', 'back\\slash', '=formuła', 'zwykłe'],
      links: [
        { kind: 'legal_act', url: 'https://example.org/uchwala?a=1&b=2', title: 'Uchwała | z kreską\nw dwóch liniach',
          act_number: 'LIII/375/2014', act_date: '2014-10-23', issuer: 'Rada Miejska w Lwówku; "sesja"' },
        { kind: 'video', url: 'https://example.org/v' },
        { kind: 'document', url: 'https://example.org/doc.pdf#p=1', title: 'Dokument z ukośnikiem na końcu\\' },
      ],
      contacts: AWKWARD_CONTACTS,
      translations: {
        en: { title: 'English title, "quoted"; semicolon', summary: 'English summary | bar', body: '# Body\n\ntext' },
        ar: { title: 'عنوان عربي', summary: 'ملخص عربي' },
      },
      related: ['a2', 'hidden'],
    },
    {
      key: 'a2', organisation: 'bare', lang: 'sl', status: 'published',
      title: 'Občina brez koordinat', summary: 'Povzetek.', published_at: '2019-03-20',
      keywords: [], categories: [], links: [],
    },
    {
      key: 'a3', organisation: 'semi', lang: 'pl', status: 'published',
      title: 'Adaptacja praktyki z tytułem ze znakami', summary: 'Skrót.', initiator_type: 'ngo',
      published_at: '2025-06-01T08:15:30Z', adapted_from: 'a1', related: ['a1'],
      translations: { sl: { title: 'Prilagoditev', summary: 'Povzetek prilagoditve.', body: '' } },
    },
    {
      key: 'hidden', organisation: 'bare', lang: 'pl', status: 'in_review',
      title: 'Jeszcze nieopublikowana', summary: 'Nie trafia do eksportu.',
    },
  ],
};

const SECRETS = [
  ...DEMO.practices.flatMap((p) => (p.contacts ?? []).flatMap((c) => [c.name, c.phone, c.email])),
  ...AWKWARD_CONTACTS.flatMap((c) => [c.name, c.phone, c.email]),
  'evil@example.org', `Contact ${HOSTILE}`,
].filter(Boolean);

function assertNoContacts(bytes, what) {
  const text = Buffer.from(bytes).toString('utf8');
  for (const s of SECRETS) assert.ok(!text.includes(s), `contact data in ${what}: ${s}`);
}

// Every file of a database (the main file and, when there, its WAL).
function assertDbNoContacts(db) {
  for (const f of [db, `${db}-wal`])
    if (existsSync(f)) assertNoContacts(readFileSync(f), f);
}

let srv;
const first = {}; // format -> bytes of the first export
const cleanup = [];

const FORMATS = {
  json: ['--format', 'json'],
  csv: ['--format', 'csv'],
  'csv-excel': ['--format', 'csv', '--excel'],
};

function exportOf(db, format) {
  return execFileSync(BIN, ['export', '--db', db, ...FORMATS[format]], { maxBuffer: 64 << 20 });
}

function importRun(db, file) {
  const r = spawnSync(BIN, ['import', '--db', db, '--publish', file], { encoding: 'utf8' });
  assert.doesNotMatch(r.stderr, /AddressSanitizer|LeakSanitizer|runtime error:/);
  return r;
}

function freshDir() {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-roundtrip-'));
  cleanup.push(dir);
  return { dir, db: join(dir, 'test.db') };
}

before(async () => {
  srv = await startServer();
  const set = join(srv.dir, 'awkward.json');
  writeFileSync(set, JSON.stringify(awkwardSet));
  run(['demo', '--db', srv.db, '--file', set]);
  for (const f of Object.keys(FORMATS)) {
    const r = await fetch(`${srv.base}/api/v1/export?format=${f}`);
    assert.equal(r.status, 200);
    first[f] = Buffer.from(await r.arrayBuffer());
    assert.deepEqual(exportOf(srv.db, f), first[f], `${f}: the API and the CLI agree`);
    assertNoContacts(first[f], `the ${f} export`);
  }
});
after(async () => {
  await srv.stop();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

// RFC 4180 as the export writes it (CRLF or LF row ends; quoted cells).
function parseCsv(text, delim) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delim) { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i++;
    } else cell += c;
  }
  assert.equal(cell, '');
  assert.equal(row.length, 0);
  return rows;
}

// Rows as objects without the identity columns.
function csvRecords(bytes, format) {
  let text = bytes.toString('utf8');
  if (format === 'csv-excel') {
    assert.equal(text.charCodeAt(0), 0xFEFF);
    text = text.slice(1);
  }
  const [header, ...rows] = parseCsv(text, format === 'csv-excel' ? ';' : ',');
  return rows.map((r) => {
    assert.equal(r.length, header.length);
    const o = Object.fromEntries(header.map((h, i) => [h, r[i]]));
    delete o.id; delete o.url; delete o.slug;
    return o;
  });
}

// A data set with its keys replaced by what they name (see the top).
function dataSetRecords(bytes) {
  const set = JSON.parse(bytes.toString('utf8'));
  const orgs = new Map(set.organisations.map((o) => {
    const { key, ...rest } = o;
    return [key, rest];
  }));
  const titles = new Map(set.practices.map((p) => [p.key, p.title]));
  const name = (k) => {
    assert.ok(titles.has(k), `a relation to ${k}, not in the export`);
    return titles.get(k);
  };
  const practices = set.practices.map((p) => {
    const { key, ...q } = p;
    assert.ok(orgs.has(q.organisation), q.organisation);
    q.organisation = orgs.get(q.organisation);
    if (q.adapted_from) q.adapted_from = name(q.adapted_from);
    if (q.related) q.related = q.related.map(name);
    return q;
  });
  const organisations = [...orgs.values()].map((o) => JSON.stringify(o)).sort();
  return { practices, organisations };
}

test('the first export holds the awkward records as loaded', () => {
  const { practices } = dataSetRecords(first.json);
  const a1 = practices.find((p) => p.title === awkwardSet.practices[0].title);
  assert.equal(a1.published_at, '2024-02-29T23:59:59Z');
  assert.equal(a1.lat, 50.061947);
  assert.equal(a1.lon, 19.936856);
  assert.deepEqual(a1.links, awkwardSet.practices[0].links);
  assert.deepEqual(a1.keywords, awkwardSet.practices[0].keywords);
  assert.deepEqual(Object.keys(a1.translations).sort(), ['ar', 'en']);
  assert.deepEqual(a1.related, ['Občina brez koordinat', 'Adaptacja praktyki z tytułem ze znakami'],
    'the unpublished practice is not named');
  const a3 = practices.find((p) => p.title.startsWith('Adaptacja'));
  assert.equal(a3.adapted_from, a1.title);
  assert.equal(a3.lat, undefined, 'a practice in its unit\'s place has no place of its own');
  assert.ok(!practices.some((p) => p.title === 'Jeszcze nieopublikowana'));
  const demoPublished = DEMO.practices.filter((p) => p.status === 'published').length;
  assert.equal(practices.length, demoPublished + 1 + 3); // the hostile one and a1..a3
});

for (const format of Object.keys(FORMATS)) {
  test(`${format}: export, import --publish into an empty database, export again: the same`, async () => {
    const { dir, db } = freshDir();
    const file = join(dir, `export.${format === 'json' ? 'json' : 'csv'}`);
    writeFileSync(file, first[format]);
    const n = (format === 'json' ? JSON.parse(first.json).practices.length : csvRecords(first[format], format).length);

    const r = importRun(db, file);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`1 files: ${n} practices imported, 0 already imported, 0 files failed`));
    assert.equal(r.stderr.includes('not in the file'), false, r.stderr);

    const second = exportOf(db, format);
    if (format === 'json') {
      const a = dataSetRecords(first.json), b = dataSetRecords(second);
      assert.equal(b.practices.length, a.practices.length);
      for (let i = 0; i < a.practices.length; i++)
        assert.deepEqual(b.practices[i], a.practices[i], `practice ${i}: ${a.practices[i].title}`);
      assert.deepEqual(b.organisations, a.organisations);
    } else {
      const a = csvRecords(first[format], format), b = csvRecords(second, format);
      assert.equal(b.length, a.length);
      for (let i = 0; i < a.length; i++) assert.deepEqual(b[i], a[i], `row ${i + 1}: ${a[i].title}`);
      // and what is stored is what was exported, not its CSV spelling:
      // the JSON export of this database has the same practices as the
      // first one, but for what CSV does not carry
      const strip = (p) => ({ ...p, translations: undefined, related: undefined, adapted_from: undefined });
      const ja = dataSetRecords(first.json), jb = dataSetRecords(exportOf(db, 'json'));
      assert.deepEqual(jb.practices.map(strip), ja.practices.map(strip));
    }
    assertNoContacts(second, `the second ${format} export`);
    assertDbNoContacts(db);

    // the same export again: nothing new, nothing changed
    const again = importRun(db, file);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.match(again.stdout, new RegExp(`1 files: 0 practices imported, ${n} already imported, 0 files failed`));
    assert.match(again.stdout, /already imported\n/);
    assert.deepEqual(exportOf(db, format), second);
  });
}

test('JSON after CSV: the practices are known, their translations and relations are added', () => {
  const { dir, db } = freshDir();
  const csv = join(dir, 'export.csv'), json = join(dir, 'export.json');
  writeFileSync(csv, first.csv);
  writeFileSync(json, first.json);
  assert.equal(importRun(db, csv).status, 0);
  const r = importRun(db, json);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const n = JSON.parse(first.json).practices.length;
  const translated = JSON.parse(first.json).practices.reduce((k, p) => k + Object.keys(p.translations ?? {}).length, 0);
  assert.match(r.stdout, new RegExp(`already imported; ${translated} translations added`));
  assert.match(r.stdout, new RegExp(`0 practices imported, ${n} already imported`));
  assert.deepEqual(dataSetRecords(exportOf(db, 'json')).practices, dataSetRecords(first.json).practices);
});

test('a relation to a key not in the file is reported, the rest imports', () => {
  const { dir, db } = freshDir();
  const set = JSON.parse(first.json);
  const a1 = set.practices.find((p) => p.title === awkwardSet.practices[0].title);
  a1.related = [...a1.related, 'no-such-key'];
  const file = join(dir, 'partial.json');
  writeFileSync(file, JSON.stringify(set));
  const r = importRun(db, file);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /practice '[^']+': related: not in the file 'no-such-key'/);
  assert.match(r.stdout, new RegExp(`imported ${set.practices.length}; 1 relations not found`));
  const b = dataSetRecords(exportOf(db, 'json'));
  const back = b.practices.find((p) => p.title === a1.title);
  assert.equal(back.related.length, a1.related.length - 1);
});

test('the API of a database made from the export serves that export', async () => {
  const { dir, db } = freshDir();
  const file = join(dir, 'export.json');
  writeFileSync(file, first.json);
  assert.equal(importRun(db, file).status, 0);
  const copy = await startServer({ reuse: { dir, db } });
  try {
    for (const f of Object.keys(FORMATS)) {
      const r = await fetch(`${copy.base}/api/v1/export?format=${f}`);
      assert.equal(r.status, 200);
      const bytes = Buffer.from(await r.arrayBuffer());
      assert.deepEqual(bytes, exportOf(db, f), `${f}: API and CLI`);
      assertNoContacts(bytes, `the copy's ${f} export`);
    }
    const again = Buffer.from(await (await fetch(`${copy.base}/api/v1/export?format=json`)).arrayBuffer());
    const a = dataSetRecords(first.json), b = dataSetRecords(again);
    assert.deepEqual(b.practices, a.practices);
    assert.deepEqual(b.organisations, a.organisations);
  } finally {
    await copy.stop(); // removes dir
  }
});
