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
