// The OpenAPI document at /api/v1/openapi.json: it describes exactly the
// API routes of the route table (`praxis routes`), passes redocly's
// recommended rules, and its schemas are strict enough that a wrong body
// fails (the harness checks every API answer of every e2e test with it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServer, run } from './harness.mjs';
import { openapiValidator, assertResponse } from './openapi.mjs';

const REDOCLY = new URL('../node_modules/.bin/redocly', import.meta.url).pathname;
const REDOCLY_CONFIG = new URL('../redocly.yaml', import.meta.url).pathname;

let srv;
let doc;
before(async () => {
  srv = await startServer({ extraConfig: 'operator_name = Gmina Testowa "<&>"\n' });
  const r = await fetch(`${srv.base}/api/v1/openapi.json`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  doc = await r.json();
});
after(async () => { await srv.stop(); });

// The route table's placeholders as OpenAPI names: {id}, then {id2}, ...
function template(pattern) {
  const seen = {};
  return pattern.replace(/\{([a-z]+)\}/g, (_, n) => {
    seen[n] = (seen[n] ?? 0) + 1;
    return `{${n}${seen[n] > 1 ? seen[n] : ''}}`;
  });
}

test('every /api/v1/ route of the table is described with its method and parameters, and nothing else', () => {
  const routes = JSON.parse(run(['routes'])).filter((r) => r.pattern.startsWith('/api/v1/'));
  assert.ok(routes.length >= 7, 'the API routes, this document among them');
  const expected = new Map(routes.map((r) => [`${r.method.toLowerCase()} ${template(r.pattern)}`, r]));
  const described = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) described.push(`${method} ${path}`);
  }
  assert.deepEqual(described.sort(), [...expected.keys()].sort());
  for (const [key, r] of expected) {
    const [method, path] = key.split(' ');
    const op = doc.paths[path][method];
    assert.equal(op.operationId, r.name, key);
    const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    assert.deepEqual(query, r.params.split(' ').filter(Boolean), `${key}: query parameters`);
    const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => `{${p.name}}`);
    assert.deepEqual(inPath, path.match(/\{[a-z0-9]+\}/g) ?? [], `${key}: path parameters`);
  }
});

test('every operation and parameter is described by data/openapi.json, not by the placeholder', () => {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method} ${path}`;
      assert.notEqual(op.summary, op.operationId, `${where}: no entry in data/openapi.json operations`);
      assert.ok(op.tags?.length, `${where}: tags`);
      assert.ok(op.responses['200']?.content, `${where}: 200 with a body`);
      assert.ok(!op.responses.default, `${where}: responses by status, not a default`);
      for (const p of op.parameters ?? []) {
        assert.ok(p.schema && p.description && !p.description.includes('not described'),
          `${where}: parameter ${p.name} undescribed`);
      }
    }
  }
});

test('info: version, the data licence, the operator as contact; servers relative', () => {
  assert.equal(doc.openapi, '3.1.0');
  assert.match(doc.info.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(doc.info.license, { name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
  assert.equal(doc.info.contact.name, 'Gmina Testowa "<&>"');
  assert.deepEqual(doc.servers, [{ url: '/' }]);
});

test('redocly lint (recommended rules, warnings as errors) passes on the served document', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const { stdout, stderr } = await promisify(execFile)(REDOCLY,
      ['lint', '--config', REDOCLY_CONFIG, '--format', 'stylish', file],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, timeout: 120000 })
      .catch((e) => assert.fail(`redocly lint failed:\n${e.stdout}\n${e.stderr}`));
    // exit 0 means no error; warnings must be absent too
    assert.match(stdout + stderr, /Your API description is valid/, stdout + stderr);
    assert.doesNotMatch(stdout + stderr, /You have \d+ warning|\[\d+\] /, stdout + stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a deliberately wrong answer fails validation, a right one passes', async () => {
  const v = openapiValidator(doc);
  const r = await fetch(`${srv.base}/api/v1/practices?limit=2`);
  const good = await r.json();
  const ok = (body, status = 200, type = 'application/json', url = '/api/v1/practices') =>
    v.problems('GET', url, { status, contentType: type, body: JSON.stringify(body) });
  assert.deepEqual(ok(good), []);

  const contacts = structuredClone(good);
  contacts.items[0].contacts = [{ name: 'X', email: 'x@example.org' }];
  assert.match(ok(contacts).join('\n'), /additional|unevaluated/i, 'contact persons in a list');
  const noTotal = structuredClone(good);
  delete noTotal.total;
  assert.match(ok(noTotal).join('\n'), /total/);
  const wrongType = structuredClone(good);
  wrongType.items[0].id = String(wrongType.items[0].id);
  assert.match(ok(wrongType).join('\n'), /integer/);
  const badEnum = structuredClone(good);
  badEnum.items[0].organisation.unit_type = 'castle';
  assert.match(ok(badEnum).join('\n'), /allowed values/);
  assert.match(ok(good, 418).join('\n'), /418 is not documented/);
  assert.match(ok(good, 200, 'text/html').join('\n'), /Content-Type text\/html/);
  assert.match(ok({ error: { code: 'nope' } }, 400).join('\n'), /message|allowed values/);
  assert.match(ok(good, 200, 'application/json', '/api/v1/nothing-here').join('\n'), /expected 404/);

  const geo = await (await fetch(`${srv.base}/api/v1/practices.geojson?limit=1`)).json();
  geo.features[0].geometry.coordinates = [geo.features[0].geometry.coordinates[0]];
  assert.notDeepEqual(v.problems('GET', '/api/v1/practices.geojson',
    { status: 200, contentType: 'application/geo+json', body: JSON.stringify(geo) }), []);

  // the harness's check throws with the path, the status and ajv's words
  await assert.rejects(assertResponse(v, 'GET', `${srv.base}/api/v1/practices`,
    new Response(JSON.stringify(noTotal), { status: 200, headers: { 'content-type': 'application/json' } })),
  /GET \/api\/v1\/practices -> 200 does not match[\s\S]*total/);
});

test('ETag and If-None-Match: 304 without a body, as documented', async () => {
  for (const path of ['/api/v1/openapi.json', '/api/v1/practices?limit=3', '/api/v1/vocabularies?hl=en']) {
    const r = await fetch(srv.base + path);
    const tag = r.headers.get('etag');
    assert.match(tag ?? '', /^"[0-9a-f]{32}"$/, path);
    await r.arrayBuffer();
    const again = await fetch(srv.base + path, { headers: { 'If-None-Match': `"x", W/${tag}` } });
    assert.equal(again.status, 304, path);
    assert.equal(await again.text(), '');
    const other = await fetch(srv.base + path, { headers: { 'If-None-Match': '"0123"' } });
    assert.equal(other.status, 200, path);
    await other.arrayBuffer();
  }
});

test('errors and wrong methods answer as the document says (checked by the harness)', async () => {
  for (const [method, path, status] of [
    ['GET', '/api/v1/practices?limit=0', 400],
    ['GET', '/api/v1/practices/999999', 404],
    ['GET', '/api/v1/organisations/999999-x', 404],
    ['GET', '/api/v1/nothing', 404],
    ['POST', '/api/v1/openapi.json', 405],
    ['DELETE', '/api/v1/practices/1', 405],
    ['HEAD', '/api/v1/search?q=gmina', 200],
  ]) {
    const r = await fetch(srv.base + path, { method });
    assert.equal(r.status, status, `${method} ${path}`);
    await r.arrayBuffer();
  }
});
