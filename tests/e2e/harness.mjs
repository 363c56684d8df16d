// Starts the real praxis binary on a free port with the demo data plus a
// data set of hostile strings, and stops it checking for a clean exit and
// for sanitizer reports.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { openapiValidator, assertResponse } from './openapi.mjs';

export const BIN = process.env.PRAXIS_BIN ?? new URL('../../build/praxis', import.meta.url).pathname;

export const HOSTILE = '<script>alert("x")</script>';

// A practice and an organisation whose every text field tries to break out.
const hostileSet = {
  organisations: [{
    key: 'evil', name: `Gmina ${HOSTILE}`, unit_type: 'rural_municipality',
    town: `Town"><img src=x onerror=alert(1)>`, region: `reg'ion<b>`, country: 'PL',
    website: "https://example.org/?a=1&b='2'", population: 1234,
  }],
  practices: [{
    key: 'evil-practice', organisation: 'evil', lang: 'pl', status: 'published',
    title: `Hostile ${HOSTILE} title`, summary: `Summary with ${HOSTILE} & "quotes" 'apos'`,
    body: `## Heading\n\n${HOSTILE}\n\n<iframe src="https://evil.example"></iframe>\n\n[click](javascript:alert(1))`,
    implementing_office: `Office ${HOSTILE}`, initiator_type: 'informal_group',
    date_entered: '2025-01-15', published_at: '2025-01-20', categories: ['crisis-other'],
    keywords: [HOSTILE], contacts: [{ name: `Contact ${HOSTILE}`, role: 'r<ole>', email: 'evil@example.org' }],
    links: [{ kind: 'article', url: "https://example.org/a?x=1&y='z'", title: `Link ${HOSTILE}` }],
  }],
};

// Every answer to an /api/v1/ URL of a server started here is checked
// against that server's own /api/v1/openapi.json, whichever test file
// asked: the global fetch is wrapped once, so tests keep calling fetch().
// A mismatch rejects the fetch, and stop() fails as well, in case a test
// swallowed the error.
const realFetch = globalThis.fetch;
const apiDocs = new Map(); // origin -> { load(): Promise<validator>, failures }

function watchApi(origin) {
  let loading = null;
  const entry = {
    failures: [],
    load() {
      loading ??= realFetch(`${origin}/api/v1/openapi.json`).then(async (r) => {
        assert.equal(r.status, 200, 'GET /api/v1/openapi.json');
        return openapiValidator(await r.json());
      });
      return loading;
    },
  };
  apiDocs.set(origin, entry);
  return entry;
}

globalThis.fetch = async function fetchCheckedAgainstOpenapi(input, init) {
  const res = await realFetch(input, init);
  const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
  const u = new URL(url);
  const watched = apiDocs.get(u.origin);
  if (watched && u.pathname.startsWith('/api/v1/')) {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    try {
      await assertResponse(await watched.load(), method, url, res);
    } catch (e) {
      watched.failures.push(e.message);
      throw e;
    }
  }
  return res;
};

export function run(args, opts = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

// reuse: { dir, db } of a server started before (after a crash, say):
// served again without loading anything.
export async function startServer({ extraConfig = '', reuse = null } = {}) {
  const dir = reuse ? reuse.dir : mkdtempSync(join(tmpdir(), 'praxis-e2e-'));
  const db = join(dir, 'test.db');
  if (!reuse) {
    run(['init', '--db', db]);
    run(['demo', '--db', db]);
    const hostile = join(dir, 'hostile.json');
    writeFileSync(hostile, JSON.stringify(hostileSet));
    run(['demo', '--db', db, '--file', hostile]);
  }
  const config = join(dir, 'praxis.conf');
  writeFileSync(config, `threads = 2\nviews_flush_seconds = 1\nmax_body = 65536\n${extraConfig}`);
  const child = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--config', config],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 15000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = stderr.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${stderr}`)); });
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const api = watchApi(`http://127.0.0.1:${port}`);
  return {
    base: `http://127.0.0.1:${port}`,
    port, db, dir,
    stderr: () => stderr,
    // Kills the server outright, as a power cut or the OOM killer would;
    // the directory is kept for a restart.
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      rmSync(dir, { recursive: true, force: true });
      apiDocs.delete(`http://127.0.0.1:${port}`);
      assert.deepEqual(api.failures, [], 'API answers that do not match the OpenAPI document');
      assert.doesNotMatch(stderr, /AddressSanitizer|LeakSanitizer|runtime error:/, 'sanitizer report');
      assert.equal(signal, null, `server died of ${signal}:\n${stderr.slice(-2000)}`);
      assert.equal(code, 0, `server exit code ${code}`);
      return stderr;
    },
  };
}

// The id of the practice with the hostile title, from the API.
export async function hostileId(base) {
  const r = await fetch(`${base}/api/v1/practices?initiator=informal_group&year=2025&limit=100`);
  const j = await r.json();
  const item = j.items.find((i) => i.title.includes('Hostile'));
  assert.ok(item, 'hostile practice listed');
  return item.id;
}

// Every tag that would execute or embed script must come out escaped.
export function assertNoInjection(html) {
  assert.ok(!html.includes(HOSTILE), 'raw <script> from data appears in the page');
  assert.doesNotMatch(html, /<img src=x/);
  assert.doesNotMatch(html, /<iframe/);
  assert.doesNotMatch(html, /href="javascript:/i);
  // the page's own scripts: its JSON-LD data and files from /static/
  assert.doesNotMatch(html, /<script(?! type="application\/ld\+json">[^<]*<\/script>| src="\/static\/[a-z.-]+"><\/script>)/i);
}
