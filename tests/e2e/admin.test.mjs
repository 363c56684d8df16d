// Accounts managed by an admin on the web: add, sign in, change role,
// disable (which ends the account's sessions), the guard against locking
// oneself out, and the audit trail of it all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { Browser, addUser } from './browser.mjs';

let srv, admin, adminId;
const PASSWORD = 'admin tests password';

before(async () => {
  srv = await startServer({ extraConfig: 'logins_per_15min = 1000\n' });
  adminId = Number(addUser(srv.db, { email: 'root@example.org', role: 'admin', password: PASSWORD })
    .match(/account (\d+)/)[1]);
  admin = new Browser(srv.base);
  assert.equal((await admin.signIn('root@example.org', PASSWORD)).status, 303);
});
after(async () => { await srv.stop(); });

test('an admin adds, re-roles and disables accounts', async () => {
  let page = await admin.get('/admin/users');
  assert.equal(page.status, 200);
  // a contributor needs an organisation; a weak password is refused
  let r = await admin.post('/admin/users', { email: 'gmina@example.org', name: 'Gmina', role: 'contributor',
    org: '', password: 'short' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="e-org"/);
  assert.match(r.text, /id="e-password"/);
  assert.match(r.text, /value="gmina@example.org"/);
  assert.doesNotMatch(r.text, /value="short"/, 'a password is never sent back');
  r = await admin.post('/admin/users', { email: 'gmina@example.org', name: 'Gmina', role: 'contributor',
    org: '1', password: 'a good long password' });
  assert.equal(r.status, 303);
  r = await admin.post('/admin/users', { email: 'GMINA@example.org', name: 'Again', role: 'editor',
    org: '', password: 'a good long password' });
  assert.equal(r.status, 422, 'e-mail addresses are unique, whatever their case');

  const user = new Browser(srv.base);
  assert.equal((await user.signIn('gmina@example.org', 'a good long password')).status, 303);
  assert.equal((await user.get('/my/practices')).status, 200);

  page = await admin.get('/admin/users');
  const userId = page.text.match(/<td>gmina@example\.org<\/td>.*?action="\/admin\/users\/(\d+)"/)[1];
  r = await admin.post(`/admin/users/${userId}`, { action: 'role', role: 'editor' });
  assert.equal(r.status, 303);
  assert.equal((await user.get('/editor/queue')).status, 303, 'a new role ends the old session');
  assert.equal((await user.signIn('gmina@example.org', 'a good long password')).status, 303);
  assert.equal((await user.get('/editor/queue')).status, 200, 'signed in again, as an editor');
  r = await admin.post(`/admin/users/${userId}`, { action: 'disable' });
  assert.equal(r.status, 303);
  assert.equal((await user.get('/editor/queue')).status, 303, 'disabling ends the session');
  assert.equal((await user.signIn('gmina@example.org', 'a good long password')).status, 401);

  r = await admin.post(`/admin/users/${adminId}`, { action: 'disable' });
  assert.equal(r.status, 409, 'no locking oneself out');
  r = await admin.post(`/admin/users/${adminId}`, { action: 'role', role: 'editor' });
  assert.equal(r.status, 409);
  r = await admin.post(`/admin/users/${userId}`, { action: 'explode' });
  assert.equal(r.status, 400);

  const log = await admin.get('/admin/audit?object_type=account');
  for (const action of ['user_add', 'user_role', 'user_disable', 'login'])
    assert.match(log.text, new RegExp(`<td>${action}</td>`), action);
  assert.doesNotMatch(log.text, /good long password/);
});

test('an admin adds a category, and changes its labels', async () => {
  let page = await admin.get('/admin/vocabularies');
  assert.equal(page.status, 200);
  const top = page.text.match(/<option value="([a-z-]+)">[^<:]+: /)[1]; // a top-level category
  let r = await admin.post('/admin/vocabularies', { vocabulary: 'themes', parent: top,
    slug: 'Bad Slug!', label_pl: 'x', label_en: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="e-slug"/);
  assert.match(r.text, /id="e-label_en"/);
  r = await admin.post('/admin/vocabularies', { vocabulary: 'themes', parent: top,
    slug: 'senior-councils', label_pl: 'Rady seniorów', label_en: 'Senior councils', label_sl: 'Sveti starejših' });
  assert.equal(r.status, 303);
  let cats = await (await fetch(`${srv.base}/api/v1/vocabularies?hl=en`)).text();
  assert.match(cats, /"senior-councils"/);
  assert.match(cats, /Senior councils/);
  r = await admin.post('/admin/vocabularies', { vocabulary: 'themes', parent: top,
    slug: 'senior-councils', label_pl: 'Rady seniorów i młodzieży', label_en: 'Senior and youth councils' });
  assert.equal(r.status, 303);
  cats = await (await fetch(`${srv.base}/api/v1/vocabularies?hl=en`)).text();
  assert.match(cats, /Senior and youth councils/);
  assert.equal((cats.match(/"senior-councils"/g) ?? []).length, 1, 'changed, not duplicated');
  const form = await new Browser(srv.base).get('/submit');
  assert.match(form.text, /value="senior-councils"/, 'submitters can choose it');
  r = await admin.post('/admin/vocabularies', { vocabulary: 'themes', parent: 'senior-councils',
    slug: 'deeper', label_pl: 'x', label_en: 'x' });
  assert.equal(r.status, 422, 'categories nest one level deep');
  const log = await admin.get('/admin/audit?action=category_put');
  assert.match(log.text, /senior-councils/);
});
