// Every page type, in both interface languages, validated as HTML5 by the
// Nu Html Checker (npm vnu-jar, run on Java).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { startServer, hostileId } from './harness.mjs';

const require = createRequire(import.meta.url);

test('every page is valid HTML5', async () => {
  const vnu = require('vnu-jar');
  const srv = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'praxis-vnu-'));
  try {
    const id = await hostileId(srv.base);
    const paths = ['/', '/practices', '/practices?category=social-services&lang=pl&page=1',
      '/practices?lang=sl&unit=region', '/practices/3', '/practices/3/full',
      `/practices/${id}`, `/practices/${id}/full`, '/categories', '/categories/social-services',
      '/organisations/17', '/no-such-page', '/practices?page=0', '/search',
      '/search?q=pomoc+spo%C5%82eczna&lang=pl', '/search?q=prostovoljci&unit=county'];
    const files = [];
    for (const lang of ['', '/en']) {
      for (const p of paths) {
        const r = await fetch(srv.base + lang + p);
        const file = join(dir, `${files.length}.html`);
        writeFileSync(file, await r.text());
        files.push(file);
      }
    }
    // A broken page proves the checker runs and reports.
    const canary = join(dir, 'canary.html');
    writeFileSync(canary, '<!DOCTYPE html><html lang="en"><title>x</title><p><div></p>');
    const res = spawnSync('java', ['-jar', vnu, '--format', 'json', canary, ...files],
      { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(res.error, undefined, String(res.error));
    const messages = JSON.parse(res.stderr).messages;
    assert.ok(messages.some((m) => m.url.endsWith('/canary.html')), 'the checker reported nothing on a broken page');
    const problems = messages.filter((m) => !m.url.endsWith('/canary.html'))
      .filter((m) => m.type === 'error' || m.subType === 'warning')
      .map((m) => `${m.url.split('/').pop()}:${m.lastLine}: ${m.message}`);
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await srv.stop();
  }
});
