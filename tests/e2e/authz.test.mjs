// The authorization matrix: every route of the route table (from
// `praxis routes`, the table the server dispatches from) requested by
// every role. A route a role may not use answers 303 to the sign-in page
// (anonymous, HTML GET), 401 (anonymous, otherwise) or 403 (signed in);
// a route it may use never answers 401, 403 or 5xx. A route added to the
// table is in this test without anyone remembering to add it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer } from './harness.mjs';
import { Browser, addUser } from './browser.mjs';

const ROLES = ['anonymous', 'contributor', 'editor', 'admin'];
const PASSWORD = 'matrix test password';
let srv;
const browsers = {};

before(async () => {
  srv = await startServer({ extraConfig: 'logins_per_15min = 1000\n' });
  // the contributor speaks for the organisation of practice 1, the one
  // every {id} stands for, so ownership does not get in the way
  const practice = await (await fetch(`${srv.base}/api/v1/practices/1`)).json();
  const org = practice.organisation.id;
  for (const role of ROLES.slice(1)) {
    addUser(srv.db, { email: `${role}@example.org`, role, org: role === 'contributor' ? org : undefined, password: PASSWORD });
    const b = new Browser(srv.base);
    const r = await b.signIn(`${role}@example.org`, PASSWORD);
    assert.equal(r.status, 303, `${role} signs in`);
    browsers[role] = b;
  }
  browsers.anonymous = new Browser(srv.base);
  await browsers.anonymous.get('/login'); // a form cookie and token
});
after(async () => { await srv.stop(); });

function concretePath(pattern) {
  return pattern.replaceAll('{id}', '1').replace('{slug}', 'culture').replace('{file}', 'style.css');
}

test('every route × every role', async () => {
  const routes = JSON.parse(run(['routes']));
  assert.ok(routes.length >= 20);
  // sign-out ends the session the other requests need: last
  routes.sort((a, b) => (a.name === 'logout') - (b.name === 'logout'));
  const seen = [];
  for (const route of routes) {
    for (const role of ROLES) {
      const b = browsers[role];
      const path = concretePath(route.pattern);
      if (route.method === 'GET') await b.get('/'); // a fresh CSRF token
      const r = route.method === 'GET' ? await b.get(path) : await b.post(path, {});
      const allowed = route.roles.includes(role);
      const what = `${route.method} ${path} as ${role}: ${r.status}`;
      if (allowed) {
        assert.ok(![401, 403].includes(r.status) && r.status < 500, what);
      } else if (role === 'anonymous') {
        if (route.method === 'GET' && !path.startsWith('/api/') && route.name !== 'attachment') {
          assert.equal(r.status, 303, what);
          assert.match(r.location, /\/login\?next=/, what);
        } else {
          assert.equal(r.status, 401, what);
        }
      } else {
        assert.equal(r.status, 403, what);
      }
      seen.push(`${route.name}:${role}`);
    }
  }
  assert.equal(seen.length, routes.length * ROLES.length);
});

test('localized routes answer under /en/ with the same roles', async () => {
  const r = await browsers.anonymous.get('/en/editor/queue');
  assert.equal(r.status, 303);
  assert.match(r.location, /\/en\/login\?next=%2Feditor%2Fqueue$/);
  const contributor = new Browser(srv.base); // the matrix signed everyone out
  await contributor.signIn('contributor@example.org', PASSWORD);
  assert.equal((await contributor.get('/en/admin/audit')).status, 403);
});
