// End-to-end tests of the server itself: health, metrics, access log,
// HEAD, the view counter and graceful shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, run } from './harness.mjs';

test('healthz, metrics, access log, HEAD and views, then a clean SIGTERM', async () => {
  const srv = await startServer();
  try {
    const h = await fetch(`${srv.base}/healthz`);
    assert.equal(h.status, 200);
    // the schema this binary migrates to, as `praxis init` reports it
    const schema = Number(run(['init', '--db', srv.db]).match(/schema version (\d+)/)[1]);
    assert.deepEqual(await h.json(), { status: 'ok', schema, practices: 45 });

    const head = await fetch(`${srv.base}/practices/3`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');

    // views: robots are not counted, people are, and counts reach the store
    const ua = { headers: { 'User-Agent': 'Mozilla/5.0 (e2e)' } };
    const views = async () => Number((await (await fetch(`${srv.base}/api/v1/practices/3`)).json()).views);
    const before = await views();
    await fetch(`${srv.base}/practices/3`, { headers: { 'User-Agent': 'Googlebot/2.1' } });
    for (let i = 0; i < 3; i++) await fetch(`${srv.base}/practices/3`, ua);
    assert.equal(await views(), before + 3);
    await new Promise((r) => setTimeout(r, 1500)); // one flush interval
    assert.equal(await views(), before + 3);

    await fetch(`${srv.base}/nope`);
    const m = await (await fetch(`${srv.base}/metrics`)).text();
    assert.match(m, /# TYPE praxis_http_requests_total counter/);
    assert.match(m, /praxis_http_requests_total\{route="practice",status="200"\} [4-9]/);
    assert.match(m, /praxis_http_requests_total\{route="none",status="404"\} 1/);
    assert.match(m, /praxis_http_request_duration_seconds_bucket\{route="healthz",le="\+Inf"\} 1/);
    assert.match(srv.stderr(), /access 127\.0\.0\.1 GET \/practices\/3 200 \d+ [\d.]+ms/);
  } finally {
    const log = await srv.stop();
    assert.match(log, /finishing requests in flight/);
    assert.match(log, /stopped/);
  }
});

test('every subcommand has --help; bad usage exits 2', () => {
  for (const cmd of ['serve', 'init', 'demo']) assert.match(run([cmd, '--help']), /usage: praxis/);
  assert.match(run(['--help']), /commands:/);
  assert.throws(() => run(['bogus']), (e) => e.status === 2);
  assert.throws(() => run(['serve', '--listen', 'nowhere']), (e) => e.status === 2);
  assert.throws(() => run(['demo', '--generate', '-5']), (e) => e.status === 2);
});

test('serve refuses a database that needs migrating', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'praxis-e2e-'));
  try {
    assert.throws(() => run(['serve', '--db', join(dir, 'empty.db'), '--listen', '127.0.0.1:0']),
      (e) => e.status === 1 && /praxis init/.test(e.stderr));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cached page changes as soon as the catalogue does, even from another process', async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const srv = await startServer();
  try {
    const first = await (await fetch(`${srv.base}/practices?lang=en`)).text();
    const again = await (await fetch(`${srv.base}/practices?lang=en`)).text();
    assert.equal(first, again);
    assert.doesNotMatch(first, /Freshly added practice/);
    const extra = join(srv.dir, 'extra.json');
    writeFileSync(extra, JSON.stringify({
      organisations: [{ key: 'o', name: 'Občina Test', unit_type: 'urban_rural_municipality', country: 'SI' }],
      practices: [{ key: 'p', organisation: 'o', lang: 'en', title: 'Freshly added practice', summary: 'New.' }],
    }));
    run(['demo', '--db', srv.db, '--file', extra]);
    const after = await (await fetch(`${srv.base}/practices?lang=en`)).text();
    assert.match(after, /Freshly added practice/);
  } finally {
    await srv.stop();
  }
});
