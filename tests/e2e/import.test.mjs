// `praxis import` end to end: the fixture pages and texts into a fresh
// database; the summary table names every file with its format, language
// and result, the broken ones as errors while the others import; the
// practices wait in the editors' queue (not in the public API) unless
// --publish is given; importing again creates nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer } from './harness.mjs';
import { Browser, addUser } from './browser.mjs';

const FIXTURES = new URL('../data/import', import.meta.url).pathname;
const EDITOR = { email: 'editor@example.org', password: 'long enough editor pass', role: 'editor' };

const TITLES = [
  'Lwówecki Klub Seniora – aktywizacja osób starszych',
  'Budżet obywatelski 2020: mieszkańcy wybrali projekty',
  'Občina odprla medgeneracijski center v starem mestnem jedru',
  'Residents decide how to spend the neighbourhood fund',
  'Protokół nr XII/2019 z sesji Rady Gminy Miedzichowo odbytej w dniu 30 maja 2019 r.',
];

function importRun(args) {
  const r = spawnSync(BIN, ['import', ...args], { encoding: 'utf8' });
  assert.doesNotMatch(r.stderr, /AddressSanitizer|LeakSanitizer|runtime error:/);
  return r;
}

// The summary table's rows by file name (the path's last part).
function rows(stdout) {
  const out = {};
  for (const line of stdout.split('\n')) {
    const m = line.match(/^(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(.+)$/);
    if (m && m[1] !== 'FILE') out[m[1].split('/').pop()] = { format: m[2], lang: m[3], fields: Number(m[4]), result: m[5] };
  }
  return out;
}

function freshDir() {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-import-'));
  return { dir, db: join(dir, 'test.db') };
}

async function apiTitles(base) {
  const r = await fetch(`${base}/api/v1/practices?limit=100`);
  assert.equal(r.status, 200);
  return (await r.json()).items.map((i) => i.title);
}

test('import for review: summary, queue, nothing public, nothing twice', async () => {
  const { dir, db } = freshDir();
  const r = importRun(['--db', db, FIXTURES]);
  assert.equal(r.status, 1, 'a failed file makes the exit status 1');
  const t = rows(r.stdout);
  assert.deepEqual(Object.keys(t).sort(), ['aktualnosci-kwilcz.html', 'metryka-lwowek.html',
    'metryka-lwowek.txt', 'news-bristol.html', 'novice-kranj.html', 'protokol-sesji.txt',
    'pusty.txt', 'uszkodzony.html'], 'every file but the hidden one');
  assert.deepEqual(t['metryka-lwowek.html'], { format: 'metryka-html', lang: 'pl', fields: t['metryka-lwowek.html'].fields, result: 'imported 1' });
  assert.ok(t['metryka-lwowek.html'].fields >= 16);
  // the same practice saved as text has the same content: not again
  assert.equal(t['metryka-lwowek.txt'].format, 'metryka-text');
  assert.equal(t['metryka-lwowek.txt'].result, 'already imported');
  assert.deepEqual([t['aktualnosci-kwilcz.html'].format, t['aktualnosci-kwilcz.html'].lang, t['aktualnosci-kwilcz.html'].result], ['article-html', 'pl', 'imported 1']);
  assert.deepEqual([t['novice-kranj.html'].lang, t['novice-kranj.html'].result], ['sl', 'imported 1']);
  assert.deepEqual([t['news-bristol.html'].lang, t['news-bristol.html'].result], ['en', 'imported 1']);
  assert.deepEqual([t['protokol-sesji.txt'].format, t['protokol-sesji.txt'].result], ['article-text', 'imported 1']);
  assert.equal(t['pusty.txt'].result, 'error: empty file');
  assert.match(t['uszkodzony.html'].result, /^error: binary data/);
  assert.match(r.stdout, /8 files: 5 practices imported, 1 already imported, 2 files failed/);

  // again: nothing new
  const again = importRun(['--db', db, FIXTURES]);
  assert.match(again.stdout, /8 files: 0 practices imported, 6 already imported, 2 files failed/);
  // a good file alone exits 0
  const one = importRun(['--db', db, join(FIXTURES, 'news-bristol.html')]);
  assert.equal(one.status, 0);
  assert.match(one.stdout, /news-bristol\.html\s+article-html\s+en\s+\d+\s+already imported/);

  const srv = await startServer({ reuse: { dir, db } });
  try {
    addUser(db, EDITOR);
    assert.deepEqual((await apiTitles(srv.base)).filter((x) => TITLES.includes(x)), [], 'in review: not public');
    const ed = new Browser(srv.base);
    assert.equal((await ed.signIn(EDITOR.email, EDITOR.password)).status, 303);
    const q = await ed.get('/editor/queue?status=in_review');
    for (const title of TITLES)
      assert.ok(q.text.includes(`>${title}</a>`), `${title} in the queue`);
    const id = q.text.match(/href="\/editor\/practices\/(\d+)">Lwówecki Klub Seniora/)[1];
    const page = await ed.get(`/editor/practices/${id}`);
    assert.equal(page.status, 200);
    for (const s of ['Gmina Lwówek', 'nowotomyski', 'wielkopolskie', '64-310', 'Anna Nowak', 'LIII/375/2014'])
      assert.ok(page.text.includes(s), `${s} on the review page`);
    assert.ok(!page.text.includes('Liczba odwiedzin'), 'no chrome');
    assert.match(page.text, /<dt>[^<]+<\/dt><dd>[^<]*metryka-lwowek\.html<\/dd>/,
      'the editor sees the file it came from');
  } finally {
    await srv.stop();
  }
});

test('import --publish: in the public API, hostile pages escaped', async () => {
  const { dir, db } = freshDir();
  const extra = join(dir, 'pages');
  mkdirSync(extra);
  writeFileSync(join(extra, 'zla.html'), '<html><head><title>x</title></head><body><main>' +
    '<h1>Zła &lt;script&gt;alert(1)&lt;/script&gt; strona</h1>' +
    '<p>Gmina ogłosiła konkurs na projekty lokalne dla organizacji pozarządowych i grup nieformalnych.</p>' +
    '<p><a href="javascript:alert(1)">kliknij</a> <a href="https://example.org/a&quot;b">b</a></p>' +
    '<script>alert(2)</script></main></body></html>');
  const r = importRun(['--db', db, '--publish', FIXTURES, extra]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /zla\.html\s+article-html\s+pl\s+\d+\s+imported 1/);
  const srv = await startServer({ reuse: { dir, db } });
  try {
    const titles = await apiTitles(srv.base);
    for (const title of TITLES) assert.ok(titles.includes(title), `${title} published`);
    const list = await (await fetch(`${srv.base}/api/v1/practices?limit=100`)).json();
    const item = list.items.find((i) => i.title.startsWith('Lwówecki'));
    const one = await (await fetch(`${srv.base}/api/v1/practices/${item.id}`)).json();
    const act = one.links.find((l) => l.kind === 'legal_act');
    assert.equal(act.act_number, 'LIII/375/2014');
    assert.equal(act.act_date, '2014-10-23');
    const evil = list.items.find((i) => i.title.startsWith('Zła'));
    const html = await (await fetch(`${srv.base}/practices/${evil.id}`)).text();
    assert.ok(!html.includes('<script>alert(1)'), 'the title is escaped');
    assert.ok(!html.includes('alert(2)'), 'page scripts are not content');
    assert.ok(!html.includes('javascript:'), 'script links are not links');
  } finally {
    await srv.stop();
  }
});
