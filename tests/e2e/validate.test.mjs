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
import { Browser, addUser, submission, PDF, sleep } from './browser.mjs';

const require = createRequire(import.meta.url);

test('every page is valid HTML5', async () => {
  const vnu = require('vnu-jar');
  const srv = await startServer({ extraConfig: 'form_min_seconds = 1\n' });
  const dir = mkdtempSync(join(tmpdir(), 'praxis-vnu-'));
  try {
    const id = await hostileId(srv.base);
    const paths = ['/', '/practices', '/practices?category=social-services&lang=pl&page=1',
      '/practices?lang=sl&unit=region', '/practices/3', '/practices/3/full',
      `/practices/${id}`, `/practices/${id}/full`, '/categories', '/categories/social-services',
      '/organisations/17', '/no-such-page', '/practices?page=0', '/search',
      '/search?q=pomoc+spo%C5%82eczna&lang=pl', '/search?q=prostovoljci&unit=county'];
    const files = [];
    for (const lang of ['', '/en', '/sl', '/ar']) {
      for (const p of [...paths, '/accessibility', '/privacy', '/map', '/map?region=wielkopolskie&unit=county', '/map?near=Nowhere&km=10']) {
        const r = await fetch(srv.base + lang + p);
        const file = join(dir, `${files.length}.html`);
        writeFileSync(file, await r.text());
        files.push(file);
      }
    }
    for (const html of await reviewPages(srv)) {
      const file = join(dir, `${files.length}.html`);
      writeFileSync(file, html);
      files.push(file);
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

// The pages of the review loop, as the people who use them see them:
// the submission form empty and with errors, the tracking page, sign-in,
// and the editors', admins' and contributors' pages.
async function reviewPages(srv) {
  const pages = [];
  const password = 'validation password';
  for (const [email, role] of [['ed@example.org', 'editor'], ['admin@example.org', 'admin']])
    addUser(srv.db, { email, role, password });
  for (const lang of ['', '/en']) {
    const anon = new Browser(srv.base + lang);
    pages.push((await anon.get('/submit')).text, (await anon.get('/login')).text);
    await sleep(1100);
    pages.push((await anon.post('/submit', Object.entries(submission({ title: '', consent: '' })),
      { multipart: true })).text);
    const ok = await anon.post('/submit', [...Object.entries(submission()), ['attachments', PDF]], { multipart: true });
    pages.push((await anon.get(ok.location.replace(/^https?:\/\/[^/]+/, ''))).text);
  }
  const ed = new Browser(srv.base);
  await ed.signIn('ed@example.org', password);
  const queue = await ed.get('/editor/queue');
  const id = queue.text.match(/href="\/editor\/practices\/(\d+)"/)[1];
  pages.push(queue.text, (await ed.get(`/editor/practices/${id}`)).text);
  const edit = await ed.get(`/editor/practices/${id}/edit`);
  pages.push(edit.text);
  pages.push((await ed.post(`/editor/practices/${id}/edit`, [['title', 'T'], ['summary', 'S'],
    ['body', '# B'], ['initiator', 'ngo'], ['category', 'culture'], ['action', 'preview']])).text);
  pages.push((await ed.post(`/editor/practices/${id}/edit`, [['title', ''], ['action', 'save']])).text);
  await ed.post(`/editor/practices/${id}/edit`, [['title', 'Nowy'], ['summary', 'S'], ['body', 'B'],
    ['initiator', 'ngo'], ['category', 'culture'], ['action', 'save']]);
  pages.push((await ed.get(`/editor/practices/${id}/revisions`)).text);
  pages.push((await ed.get(`/editor/practices/${id}/revisions/2`)).text);
  const admin = new Browser(srv.base + '/en');
  await admin.signIn('admin@example.org', password);
  pages.push((await admin.get('/admin/audit')).text, (await admin.get('/admin/users')).text,
    (await admin.get('/admin/vocabularies')).text);
  pages.push((await admin.post('/admin/users', { email: 'x', name: '', role: 'contributor', password: 'x' })).text);
  const page = await fetch(`${srv.base}/practices/1`).then((r) => r.text());
  const org = page.match(/href="\/organisations\/(\d+)-/)[1];
  addUser(srv.db, { email: 'co@example.org', role: 'contributor', org, password });
  const co = new Browser(srv.base);
  await co.signIn('co@example.org', password);
  pages.push((await co.get('/my/practices')).text, (await co.get('/my/practices/1/edit')).text);
  return pages;
}
