// The review loop end to end: an anonymous submission with a file, its
// tracking link, an editor signing in, the queue, publishing (then the
// practice is in the catalogue and in search), rejecting with a message
// seen on the tracking page, and every kind of bad input refused with a
// clear answer and nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { startServer } from './harness.mjs';
import { Browser, addUser, submission, PDF, ELF, sleep } from './browser.mjs';

let srv;
const EDITOR = { email: 'editor@example.org', password: 'long enough editor pass', role: 'editor' };
// Tokens carry whole seconds: with 2 s to wait, a form sent at once is
// always too fast, and one sent after 2.1 s never is.
const CONFIG = 'form_min_seconds = 2\nlogins_per_15min = 3\nsubmissions_per_hour = 1000\n' +
  'max_upload = 3000000\nattachment_max_mb = 1\n';

before(async () => {
  srv = await startServer({ extraConfig: CONFIG });
  addUser(srv.db, EDITOR);
});
after(async () => { await srv.stop(); });

const files = () => readdirSync(`${srv.db}.files`).filter((f) => !f.startsWith('.'));

// Opens the form, waits as a person would, and sends it.
async function submit(b, fields, opts = {}) {
  await b.get('/submit');
  await sleep(opts.wait ?? 2100);
  return b.post('/submit', Object.entries(fields), { multipart: true, csrf: opts.csrf ?? true });
}

async function editor() {
  const b = new Browser(srv.base);
  const r = await b.signIn(EDITOR.email, EDITOR.password);
  assert.equal(r.status, 303);
  return b;
}

async function queueCount(ed) {
  const q = await ed.get('/editor/queue?status=submitted&status=in_review&status=rejected&status=published&status=withdrawn');
  return Number(q.text.match(/role="status">[^:]*: (\d+)/)[1]);
}

test('submission → tracking link → editor → publish → catalogue and search', async () => {
  const anon = new Browser(srv.base);
  const fields = { ...submission({ title: 'Rada seniorów w Kórniku',
    // a local legal act that is not online: its title and number suffice
    link2_kind: 'legal_act', link2_title: 'Uchwała nr LIII/375/2014 Rady Miejskiej w Lwówku',
    link2_act_number: 'LIII/375/2014', link2_act_date: '2014-10-23' }), attachments: PDF };
  const r = await submit(anon, fields);
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const track = r.location.replace(srv.base, '');
  assert.match(track, /^\/track\/[0-9a-f]{64}\?new=1$/);
  const t = await anon.get(track);
  assert.equal(t.status, 200);
  assert.match(t.text, /Zgłoszona/);
  assert.equal(t.headers.get('referrer-policy'), 'no-referrer');
  assert.match(t.headers.get('cache-control'), /no-store/);

  // not public yet: neither the page nor search shows it
  const search = async () => (await (await fetch(`${srv.base}/api/v1/search?q=rada+senior%C3%B3w`)).json()).items;
  assert.ok(!(await search()).some((i) => i.title === 'Rada seniorów w Kórniku'));

  const ed = await editor();
  const q = await ed.get('/editor/queue');
  assert.equal(q.status, 200);
  const id = Number(q.text.match(/href="\/editor\/practices\/(\d+)">Rada seniorów w Kórniku/)[1]);
  assert.equal((await fetch(`${srv.base}/practices/${id}`)).status, 404);
  const rev = await ed.get(`/editor/practices/${id}`);
  assert.match(rev.text, /Jan Nowak/);
  assert.match(rev.text, /jan@example\.org/);
  const att = rev.text.match(/href="(\/editor\/attachments\/\d+)"/)[1];
  const file = await ed.get(att);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.match(file.headers.get('content-disposition'), /^attachment; filename="Sprawozdanie __d_.pdf"; filename\*=UTF-8''Sprawozdanie%20%C5%82%C3%B3d%C5%BA\.pdf$/);
  assert.deepEqual(file.body, PDF.bytes);
  assert.equal((await new Browser(srv.base).get(att)).status, 401, 'files are for editors only');
  const publicAtt = att.replace('/editor', '');
  assert.equal((await fetch(srv.base + publicAtt)).status, 404, 'not public before publishing');

  const d = await ed.post(`/editor/practices/${id}/decision`, { decision: 'publish', message: 'Dziękujemy!' });
  assert.equal(d.status, 303);
  const pub = await fetch(`${srv.base}/practices/${id}`);
  assert.equal(pub.status, 200);
  const pubHtml = await pub.text();
  assert.match(pubHtml, /Rada seniorów w Kórniku/);
  assert.ok(pubHtml.includes(`href="${publicAtt}"`), 'the public page lists the file');
  assert.match(pubHtml, /Uchwała nr LIII\/375\/2014 Rady Miejskiej w Lwówku/);
  assert.match(pubHtml, /2014-10-23/);
  const pubFile = await fetch(srv.base + publicAtt);
  assert.equal(pubFile.status, 200);
  assert.match(pubFile.headers.get('content-disposition'), /^attachment;/);
  assert.deepEqual(Buffer.from(await pubFile.arrayBuffer()), PDF.bytes);
  assert.ok((await search()).some((i) => i.id === id), 'published practice is found');
  const t2 = await anon.get(track.replace('?new=1', ''));
  assert.match(t2.text, /Opublikowana/);
  assert.match(t2.text, /Dziękujemy!/);

  const audit = await ed.get('/admin/audit');
  assert.equal(audit.status, 403, 'the audit log is for admins');
});

test('rejection with a message is seen on the tracking page', async () => {
  const anon = new Browser(srv.base);
  const r = await submit(anon, submission({ title: 'Do odrzucenia' }));
  assert.equal(r.status, 303);
  const track = r.location.replace(srv.base, '').replace('?new=1', '');
  const ed = await editor();
  const q = await ed.get('/editor/queue');
  const id = q.text.match(/href="\/editor\/practices\/(\d+)">Do odrzucenia/)[1];
  await ed.get(`/editor/practices/${id}`);
  const noMsg = await ed.post(`/editor/practices/${id}/decision`, { decision: 'reject', message: '' });
  assert.equal(noMsg.status, 422, 'rejecting needs a message');
  assert.match(noMsg.text, /id="e-message"/);
  const d = await ed.post(`/editor/practices/${id}/decision`, { decision: 'reject', message: 'Brakuje opisu kosztów <b>i</b> rezultatów.' });
  assert.equal(d.status, 303);
  const t = await anon.get(track);
  assert.match(t.text, /Odrzucona/);
  assert.match(t.text, /Brakuje opisu kosztów &lt;b&gt;i&lt;\/b&gt; rezultatów\./);
  assert.equal((await fetch(`${srv.base}/practices/${id}`)).status, 404);
});

test('a form with problems comes back with every value kept and each problem at its field', async () => {
  const ed = await editor();
  const before = await queueCount(ed);
  const stored = files().length;
  const anon = new Browser(srv.base);
  const bad = submission({ title: '', summary: 'x'.repeat(2001), submitter_email: 'not-an-address',
    link1_url: 'javascript:alert(1)', population: '-5', consent: undefined, category: 'no-such-category' });
  delete bad.consent;
  const r = await submit(anon, bad);
  assert.equal(r.status, 422);
  for (const f of ['title', 'summary', 'submitter_email', 'link1_url', 'population', 'consent', 'category'])
    assert.match(r.text, new RegExp(`id="e-${f}"`), `error shown at ${f}`);
  assert.match(r.text, /aria-invalid="true"/);
  assert.match(r.text, /class="form-errors" role="alert"/);
  assert.match(r.text, /value="Gmina Kórnik"/, 'entered values are kept');
  assert.match(r.text, /Seniorzy doradzają|x{100}/);
  assert.equal(await queueCount(ed), before, 'nothing stored');
  assert.equal(files().length, stored, 'no file left on disk');
});

test('files: wrong type, too many, too large — refused, none left on disk', async () => {
  const ed = await editor();
  const before = await queueCount(ed);
  const stored = files().length;
  const cases = [
    [['attachments', ELF]],
    Array.from({ length: 6 }, () => ['attachments', PDF]),
    [['attachments', { name: 'big.pdf', bytes: Buffer.concat([PDF.bytes, Buffer.alloc(1024 * 1024 + 1)]) }]],
  ];
  for (const extra of cases) {
    const anon = new Browser(srv.base);
    await anon.get('/submit');
    await sleep(2100);
    const r = await anon.post('/submit', [...Object.entries(submission()), ...extra], { multipart: true });
    assert.equal(r.status, 422);
    assert.match(r.text, /id="e-attachments"/);
  }
  // a body over max_upload is refused from its Content-Length, before it is read
  const res = await new Promise((resolve, reject) => {
    const req = request(`${srv.base}/submit`, { method: 'POST', headers: {
      'content-type': 'multipart/form-data; boundary=x', 'content-length': String(4_000_000) } });
    req.on('response', resolve);
    req.on('error', reject);
    req.flushHeaders();
  });
  assert.equal(res.statusCode, 413);
  res.resume();
  assert.equal(await queueCount(ed), before);
  assert.equal(files().length, stored);
});

test('CSRF token missing or wrong, robots and invalid UTF-8 are refused', async () => {
  const ed = await editor();
  const before = await queueCount(ed);
  const anon = new Browser(srv.base);
  let r = await submit(anon, submission(), { csrf: false });
  assert.equal(r.status, 403);
  r = await submit(anon, { ...submission(), csrf: `${'0'.repeat(16)}.${'a'.repeat(64)}` }, { csrf: false });
  assert.equal(r.status, 403);
  r = await submit(new Browser(srv.base), submission(), { wait: 0 });
  assert.equal(r.status, 429, 'filled faster than a person can');
  assert.match(r.text, /value="Rada seniorów w Kórniku"/, 'values kept for a person who was fast');
  r = await submit(new Browser(srv.base), submission({ homepage: 'http://spam.example' }));
  assert.equal(r.status, 400, 'honeypot');
  // a token from another browser's form cookie does not fit this one
  const other = new Browser(srv.base);
  await other.get('/submit');
  const thief = new Browser(srv.base);
  await thief.get('/submit');
  await sleep(2100);
  r = await thief.post('/submit', { ...submission(), csrf: other.csrf }, { multipart: true, csrf: false });
  assert.equal(r.status, 403);
  // invalid UTF-8 in a field, sent as raw bytes
  const raw = new Browser(srv.base);
  await raw.get('/submit');
  await sleep(2100);
  const body = Buffer.concat([Buffer.from(`csrf=${raw.csrf}&title=`), Buffer.from([0xc5, 0x28]), Buffer.from('&consent=yes')]);
  const res = await raw.request('/submit', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 400);
  assert.equal(await queueCount(ed), before);
});

test('sign-in: wrong password, limited attempts, sessions that end', async () => {
  const b = new Browser(srv.base);
  let r = await b.signIn(EDITOR.email, 'not the password at all');
  assert.equal(r.status, 401);
  r = await new Browser(srv.base).signIn('nobody@example.org', 'whatever password');
  assert.equal(r.status, 401);
  // a bogus or expired session cookie is nobody
  const fake = new Browser(srv.base);
  fake.cookies.set('__Host-praxis-session', 'f'.repeat(64));
  r = await fake.get('/editor/queue');
  assert.equal(r.status, 303);
  assert.match(r.location, /\/login\?next=%2Feditor%2Fqueue$/);
  // signing in again replaces the session; signing out ends it
  const ed = await editor();
  const old = ed.cookies.get('__Host-praxis-session');
  await ed.get('/login');
  await ed.post('/login', { email: EDITOR.email, password: EDITOR.password });
  assert.notEqual(ed.cookies.get('__Host-praxis-session'), old, 'new token at sign-in');
  const stale = new Browser(srv.base);
  stale.cookies.set('__Host-praxis-session', old);
  assert.equal((await stale.get('/editor/queue')).status, 303, 'the old session is gone');
  await ed.get('/editor/queue');
  r = await ed.post('/logout', {});
  assert.equal(r.status, 303);
  assert.equal((await ed.get('/editor/queue')).status, 303);
  // a session cookie with no CSRF token cannot sign out or decide
  const ed2 = await editor();
  r = await ed2.post('/editor/practices/1/decision', { decision: 'publish' }, { csrf: false });
  assert.equal(r.status, 403);
  // per-account limit: 3 failures in 15 minutes, then refused even with the right password
  const victim = { email: 'victim@example.org', password: 'victim long password', role: 'editor' };
  addUser(srv.db, victim);
  for (let i = 0; i < 3; i++) await new Browser(srv.base).signIn(victim.email, 'wrong password ' + i);
  r = await new Browser(srv.base).signIn(victim.email, victim.password);
  assert.equal(r.status, 429);
});

test('praxis user refuses short and common passwords', () => {
  assert.throws(() => addUser(srv.db, { email: 'a@example.org', role: 'admin', password: 'short' }), /at least 12/);
  assert.throws(() => addUser(srv.db, { email: 'a@example.org', role: 'admin', password: 'Password1234' }), /too common/);
  assert.throws(() => addUser(srv.db, { email: EDITOR.email, role: 'admin', password: 'another long password' }), /exists/);
});

test('bulk: one decision for several practices ticked in the queue', async () => {
  const titles = ['Spam one', 'Spam two'];
  const tracks = [];
  for (const title of titles) {
    const r = await submit(new Browser(srv.base), submission({ title }));
    assert.equal(r.status, 303);
    tracks.push(r.location.replace(srv.base, '').replace('?new=1', ''));
  }
  const ed = await editor();
  const q = await ed.get('/editor/queue');
  const ids = titles.map((t) => q.text.match(new RegExp(`name="id" id="q-\\d+" value="(\\d+)"><label for="q-\\d+" class="visually-hidden">${t}<`))[1]);
  let r = await ed.post('/editor/queue/decision', [['decision', 'reject'], ['message', 'Spam.']]);
  assert.equal(r.status, 422, 'nothing ticked');
  assert.match(r.text, /id="f-id"/);
  await ed.get('/editor/queue');
  r = await ed.post('/editor/queue/decision', [...ids.map((id) => ['id', id]), ['decision', 'reject'], ['message', '']]);
  assert.equal(r.status, 422, 'rejecting needs a message');
  await ed.get('/editor/queue');
  r = await ed.post('/editor/queue/decision', [...ids.map((id) => ['id', id]), ['decision', 'reject'], ['message', 'Spam.']]);
  assert.equal(r.status, 303);
  for (const t of tracks) assert.match((await new Browser(srv.base).get(t)).text, /Odrzucona/);
  const after = await ed.get('/editor/queue');
  for (const t of titles) assert.ok(!after.text.includes(`>${t}<`), `${t} left the queue`);
});
