// The submitter's e-mail: with SMTP configured, a submission sends the
// private tracking link through a real SMTP server (npm smtp-server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './harness.mjs';
import { Browser, submission, sleep } from './browser.mjs';
import { startSink } from '../mail/start-sink.mjs';

let sink, sinkDir, srv;

before(async () => {
  sinkDir = mkdtempSync(join(tmpdir(), 'praxis-sink-'));
  let port;
  ({ port, child: sink } = await startSink(sinkDir));
  srv = await startServer({ extraConfig: `form_min_seconds = 1\nsmtp_url = smtp://127.0.0.1:${port}\n` +
    'mail_from = praxis <noreply@praxis.example>\nbase_url = https://praxis.example\n' });
});
after(async () => {
  await srv.stop();
  sink.kill('SIGTERM');
  rmSync(sinkDir, { recursive: true, force: true });
});

// Quoted-printable soft breaks undone, =XX decoded.
const unqp = (s) => Buffer.from(s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g,
  (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

test('a submission e-mails its tracking link to the submitter', async () => {
  const b = new Browser(srv.base);
  await b.get('/submit');
  await sleep(1100);
  const r = await b.post('/submit', Object.entries(submission({ submitter_email: 'jan.nowak@example.org' })),
    { multipart: true });
  assert.equal(r.status, 303);
  const token = r.location.match(/\/track\/([0-9a-f]{64})/)[1];
  let files = [];
  for (let i = 0; i < 50 && !files.length; i++) {
    files = readdirSync(sinkDir).filter((f) => f.endsWith('.eml'));
    if (!files.length) await sleep(100);
  }
  assert.equal(files.length, 1, 'one message');
  const envelope = JSON.parse(readFileSync(join(sinkDir, files[0].replace('.eml', '.json')), 'utf8'));
  assert.deepEqual(envelope.rcptTo.map((a) => a.address ?? a), ['jan.nowak@example.org']);
  const text = unqp(readFileSync(join(sinkDir, files[0]), 'utf8'));
  assert.match(text, new RegExp(`https://praxis\\.example/track/${token}`));
  assert.match(text, /Jan Nowak/);
  assert.match(text, /Rada seniorów w Kórniku/);
});
