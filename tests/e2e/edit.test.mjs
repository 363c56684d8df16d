// Editing after submission: an editor edits with a Markdown preview, each
// save is a revision with a field-by-field comparison, and an earlier
// revision can be restored; a contributor edits its own organisation's
// practice (which goes back to review) and cannot touch another's; a
// contact person is erased from the practice and from its history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { Browser, addUser, submission, sleep } from './browser.mjs';

let srv, ed, id;
const PASSWORD = 'edit tests password';

before(async () => {
  srv = await startServer({ extraConfig: 'form_min_seconds = 1\nlogins_per_15min = 1000\n' });
  addUser(srv.db, { email: 'ed@example.org', role: 'editor', password: PASSWORD });
  ed = new Browser(srv.base);
  assert.equal((await ed.signIn('ed@example.org', PASSWORD)).status, 303);
  // a submission, published by the editor
  const anon = new Browser(srv.base);
  await anon.get('/submit');
  await sleep(1100);
  const r = await anon.post('/submit', Object.entries(submission({ title: 'Pierwotny tytuł' })), { multipart: true });
  assert.equal(r.status, 303);
  const q = await ed.get('/editor/queue');
  id = Number(q.text.match(/href="\/editor\/practices\/(\d+)">Pierwotny tytuł/)[1]);
  await ed.get(`/editor/practices/${id}`);
  assert.equal((await ed.post(`/editor/practices/${id}/decision`, { decision: 'publish' })).status, 303);
});
after(async () => { await srv.stop(); });

// The fields of the editing form as they are on the page.
function formFields(html) {
  const pairs = [];
  for (const m of html.matchAll(/<input type="(?:text|url|email|number)"[^>]* name="([^"]+)"[^>]*?(?: value="([^"]*)")?>/g))
    pairs.push([m[1], (m[2] ?? '').replaceAll('&amp;', '&').replaceAll('&quot;', '"')]);
  for (const m of html.matchAll(/<textarea[^>]* name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    pairs.push([m[1], m[2].replace(/^\n/, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')]);
  for (const m of html.matchAll(/<option value="([^"]+)" selected>/g)) pairs.push(['initiator', m[1]]);
  for (const m of html.matchAll(/name="category"[^>]*value="([^"]+)" checked>/g)) pairs.push(['category', m[1]]);
  return pairs;
}

const set = (pairs, name, value) => pairs.map(([k, v]) => [k, k === name ? value : v]);

test('editor: preview, save as a revision, compare, restore', async () => {
  const form = await ed.get(`/editor/practices/${id}/edit`);
  assert.equal(form.status, 200);
  let fields = formFields(form.text);
  assert.ok(fields.some(([k, v]) => k === 'title' && v === 'Pierwotny tytuł'), 'form holds the current title');
  fields = set(set(fields, 'title', 'Poprawiony tytuł'), 'body', '## Nowe cele\n\n**Ważne**: więcej.\n\n<script>x</script>');
  const pv = await ed.post(`/editor/practices/${id}/edit`, [...fields, ['action', 'preview']]);
  assert.equal(pv.status, 200);
  assert.match(pv.text, /<h2>Nowe cele<\/h2>/, 'Markdown rendered in the preview');
  assert.match(pv.text, /<strong>Ważne<\/strong>/);
  assert.doesNotMatch(pv.text, /<script>x/);
  assert.match((await fetch(`${srv.base}/practices/${id}`).then((r) => r.text())), /Pierwotny tytuł/, 'preview saves nothing');
  const saved = await ed.post(`/editor/practices/${id}/edit`, [...set(fields, 'note', 'nowy tytuł'), ['action', 'save']]);
  assert.equal(saved.status, 303);
  assert.match(await fetch(`${srv.base}/practices/${id}`).then((r) => r.text()), /Poprawiony tytuł/);
  const found = await (await fetch(`${srv.base}/api/v1/search?q=poprawiony`)).json();
  assert.ok(found.items.some((i) => i.id === id), 'the index follows the edit');

  const hist = await ed.get(`/editor/practices/${id}/revisions`);
  const revs = [...hist.text.matchAll(/revisions\/(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(revs, [2, 1]);
  assert.match(hist.text, /nowy tytuł/);
  const cmp = await ed.get(`/editor/practices/${id}/revisions/2`);
  assert.match(cmp.text, /<del>Pierwotny tytuł<\/del>/);
  assert.match(cmp.text, /<ins>Poprawiony tytuł<\/ins>/);
  assert.match(cmp.text, /&lt;script&gt;x&lt;\/script&gt;/);

  const restore = await ed.post(`/editor/practices/${id}/revisions/1/restore`, {});
  assert.equal(restore.status, 303);
  assert.match(await fetch(`${srv.base}/practices/${id}`).then((r) => r.text()), /Pierwotny tytuł/);
  const hist2 = await ed.get(`/editor/practices/${id}/revisions`);
  assert.match(hist2.text, /revisions\/3"/, 'restoring saves a new revision');

  const bad = await ed.post(`/editor/practices/${id}/edit`, [...set(fields, 'title', ''), ['action', 'save']]);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="e-title"/);
});

test('contributor edits its own practice, which goes back to review, and not another', async () => {
  // the practice's organisation, from the public page
  const page = await fetch(`${srv.base}/practices/${id}`).then((r) => r.text());
  const org = Number(page.match(/href="\/organisations\/(\d+)-/)[1]);
  addUser(srv.db, { email: 'gmina@example.org', role: 'contributor', org, password: PASSWORD });
  const co = new Browser(srv.base);
  assert.equal((await co.signIn('gmina@example.org', PASSWORD)).status, 303);
  const mine = await co.get('/my/practices');
  assert.match(mine.text, new RegExp(`/my/practices/${id}/edit`));
  const form = await co.get(`/my/practices/${id}/edit`);
  assert.equal(form.status, 200);
  const fields = set(formFields(form.text), 'summary', 'Zmienione przez gminę.');
  const r = await co.post(`/my/practices/${id}/edit`, [...fields, ['action', 'save']]);
  assert.equal(r.status, 303);
  assert.equal((await fetch(`${srv.base}/practices/${id}`)).status, 404, 'back in review: not public');
  const q = await ed.get('/editor/queue');
  assert.match(q.text, new RegExp(`/editor/practices/${id}"`));
  // another organisation's practice (demo practice 1), and the editors' pages
  assert.equal((await co.get('/my/practices/1/edit')).status, 403);
  assert.equal((await co.post('/my/practices/1/edit', [...fields, ['action', 'save']])).status, 403);
  assert.equal((await co.get(`/editor/practices/${id}/edit`)).status, 403);
  await ed.get(`/editor/practices/${id}`);
  assert.equal((await ed.post(`/editor/practices/${id}/decision`, { decision: 'publish' })).status, 303);
});

test('GDPR: a contact person erased from the practice and its history, in the audit log', async () => {
  const rev = await ed.get(`/editor/practices/${id}`);
  const action = rev.text.match(/action="(\/editor\/practices\/\d+\/contacts\/\d+\/erase)"/)[1];
  assert.match(await fetch(`${srv.base}/practices/${id}`).then((r) => r.text()), /Anna Kowalska/);
  await ed.get(`/editor/practices/${id}`);
  assert.equal((await ed.post(action, { mode: 'remove' })).status, 303);
  const pub = await fetch(`${srv.base}/practices/${id}`).then((r) => r.text());
  assert.doesNotMatch(pub, /Anna Kowalska|anna@example\.org/);
  assert.match(pub, /Poprawiony|Pierwotny/, 'the rest of the practice stays');
  const hist = await ed.get(`/editor/practices/${id}/revisions`);
  for (const n of [...hist.text.matchAll(/revisions\/(\d+)"/g)].map((m) => m[1])) {
    const cmp = await ed.get(`/editor/practices/${id}/revisions/${n}`);
    assert.doesNotMatch(cmp.text, /Anna Kowalska|anna@example\.org/, `revision ${n} scrubbed`);
  }
  addUser(srv.db, { email: 'admin@example.org', role: 'admin', password: PASSWORD });
  const admin = new Browser(srv.base);
  await admin.signIn('admin@example.org', PASSWORD);
  const log = await admin.get(`/admin/audit?object_type=practice&object_id=${id}`);
  for (const action of ['submit', 'status', 'edit', 'restore', 'erase_contact'])
    assert.match(log.text, new RegExp(`<td>${action}</td>`), `audit has ${action}`);
  assert.doesNotMatch(log.text, /Anna Kowalska|jan@example\.org|PASSWORD/);
});

test('translations: readers see their language where there is one, and which is the original', async () => {
  await ed.get(`/editor/practices/${id}/edit`);
  let r = await ed.post(`/editor/practices/${id}/translation`, { lang: 'en', t_title: 'Council of senior citizens',
    t_summary: 'Older residents advise the mayor.', t_body: '' });
  assert.equal(r.status, 303);
  const en = await fetch(`${srv.base}/en/practices/${id}`).then((x) => x.text());
  assert.match(en, /<h1 lang="en">Council of senior citizens<\/h1>/);
  assert.match(en, /Translated from the original in <span lang="pl">Polski<\/span>/);
  const full = await fetch(`${srv.base}/en/practices/${id}/full`).then((x) => x.text());
  assert.match(full, /<div class="presentation" lang="pl">/, 'no translated presentation: the original, marked as Polish');
  const pl = await fetch(`${srv.base}/pl/practices/${id}`).then((x) => x.text());
  assert.doesNotMatch(pl, /senior citizens/);
  assert.doesNotMatch(pl, /language-note/);
  const found = await (await fetch(`${srv.base}/api/v1/search?q=mayor`)).json();
  assert.ok(found.items.some((i) => i.id === id), 'the translation is searchable');
  await ed.get(`/editor/practices/${id}/edit`);
  r = await ed.post(`/editor/practices/${id}/translation`, { lang: 'pl', t_title: 'x', t_summary: 'y' });
  assert.equal(r.status, 422, 'not into the original\'s language');
});
