// Sends mail through mail_send (tests/mail/mail_send_check.c) to a real
// SMTP server (sink.mjs, nodemailer's smtp-server) and checks what it got:
// the envelope, the headers, the decoded subject and body, and lines that
// start with '.' - which arrive intact only if libcurl dot-stuffs them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSink } from './start-sink.mjs';

const BIN = process.env.MAIL_SEND_CHECK_BIN ??
  new URL('../../build/tests/mail_send_check', import.meta.url).pathname;
const FROM = 'praxis <noreply@praxis.example>';
const SUBJECT = 'Zgłoszenie przyjęte — śledź status';
const LINK = 'https://praxis.example/track/' + 'k'.repeat(2000);
const BODY = [
  'Dzień dobry,',
  '',
  'dziękujemy za zgłoszenie. Status: ' + LINK,
  '.',
  '.leading dot',
  '..two dots',
  'koniec',
  '',
].join('\n');

let sink, dir, url, sent = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'praxis-mail-'));
  let port;
  ({ port, child: sink } = await startSink(dir));
  url = `smtp://127.0.0.1:${port}`;
});

after(async () => {
  if (sink && sink.exitCode === null) {
    const done = new Promise((r) => sink.on('exit', r));
    sink.kill('SIGTERM');
    await done;
  }
  rmSync(dir, { recursive: true, force: true });
});

function send(to, subject, body, env = {}) {
  return spawnSync(BIN, [url, FROM, to, subject], {
    input: body, encoding: 'utf8', timeout: 30000,
    env: { ...process.env, ...env },
  });
}

// The message the sink stored as number n, with its envelope.
async function received(n) {
  const json = join(dir, `${n}.json`);
  for (let i = 0; i < 100 && !existsSync(json); i++) await new Promise((r) => setTimeout(r, 50));
  return { envelope: JSON.parse(readFileSync(json, 'utf8')), raw: readFileSync(join(dir, `${n}.eml`), 'latin1') };
}

function headerOf(raw, name) {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
  return line?.slice(name.length + 1).trim();
}

// RFC 2047: adjacent encoded-words join with the space between them dropped.
function decodeWords(v) {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?B\?([^?]*)\?=/gi,
    (_, b64) => Buffer.from(b64, 'base64').toString('latin1'));
}

// RFC 2045 6.7, over latin1 "bytes", then read as UTF-8.
function decodeQP(s) {
  const bytes = s.replace(/=\r\n/g, '').replace(/\r\n/g, '\n')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

test('a message reaches a real SMTP server whole', async () => {
  const r = send('anna.nowak@gmina.example', SUBJECT, BODY);
  assert.equal(r.status, 0, r.stderr);
  const { envelope, raw } = await received(++sent);
  assert.deepEqual(envelope, { mailFrom: 'noreply@praxis.example', rcptTo: ['anna.nowak@gmina.example'] });

  assert.doesNotMatch(raw, /[^\r]\n|\r[^\n]/, 'CRLF line ends only');
  for (const line of raw.split('\r\n')) assert.ok(line.length <= 78, `line too long: ${line.slice(0, 40)}`);
  assert.equal(headerOf(raw, 'From'), FROM);
  assert.equal(headerOf(raw, 'To'), 'anna.nowak@gmina.example');
  assert.match(headerOf(raw, 'Message-ID'), /^<[0-9a-f]{32}@praxis\.example>$/);
  assert.match(headerOf(raw, 'Date'), /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/);
  assert.equal(headerOf(raw, 'Content-Type'), 'text/plain; charset=utf-8');
  assert.equal(Buffer.from(decodeWords(headerOf(raw, 'Subject')), 'latin1').toString('utf8'), SUBJECT);

  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  // Unstuffed, "." would end DATA early and "..two" would lose a dot.
  assert.match(body, /\r\n\.\r\n\.leading dot\r\n\.\.two dots\r\nkoniec\r\n$/);
  assert.equal(decodeQP(body), BODY);
});

test('a refused recipient is an error with the server\'s word', async () => {
  const r = send('nobody@reject.invalid', 'x', 'y\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /mail_send_check: smtp: .*550/);
});

test('a message refused after DATA is an error with the reply code', async () => {
  const r = send('anna@reject-data.invalid', 'x', 'y\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /mail_send_check: smtp: .*554/);
});

test('a password is never sent without TLS', async () => {
  const r = send('anna@gmina.example', 'x', 'y\n', { MAIL_USER: 'u', MAIL_PASSWORD: 'secret' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /mail_send_check: smtp: /);
});

test('header injection never reaches the server', async () => {
  const r = send('anna@gmina.example\r\nBcc: victim@evil.example', 'x', 'y\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not allowed in an e-mail address/);
  const ok = send('anna@gmina.example', 'after', 'z\n');
  assert.equal(ok.status, 0, ok.stderr);
  const { envelope } = await received(++sent);
  assert.deepEqual(envelope.rcptTo, ['anna@gmina.example']);
});
