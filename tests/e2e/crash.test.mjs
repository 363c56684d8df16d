// The crash test: the server is killed with SIGKILL while submissions are
// being posted. After a restart every submission that was acknowledged
// with a tracking link is there, whole, and no half-written one is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { Browser, addUser, submission, PDF, sleep } from './browser.mjs';

const CONFIG = 'form_min_seconds = 0\nsubmissions_per_hour = 100000\nthreads = 4\n' +
  'logins_per_15min = 1000\n';
const PASSWORD = 'crash test password';

test('SIGKILL during submissions loses no acknowledged one and keeps no partial one', async (t) => {
  let srv = await startServer({ extraConfig: CONFIG });
  const acknowledged = [];
  let stop = false;
  // four senders, each with its own form cookie and token, posting until
  // the server dies under them
  const sender = async (n) => {
    const b = new Browser(srv.base);
    await b.get('/submit');
    for (let i = 0; !stop; i++) {
      const title = `Crash ${n}-${i}`;
      try {
        const r = await b.post('/submit', [...Object.entries(submission({ title })), ['attachments', PDF]],
          { multipart: true });
        if (r.status === 303) acknowledged.push({ title, track: r.location.replace(/^https?:\/\/[^/]+/, '') });
      } catch {
        return; // the connection died with the server
      }
    }
  };
  const senders = [0, 1, 2, 3].map(sender);
  await sleep(1500);
  await srv.kill();
  stop = true;
  await Promise.all(senders);
  assert.ok(acknowledged.length >= 4, `only ${acknowledged.length} acknowledged before the kill`);

  srv = await startServer({ extraConfig: CONFIG, reuse: srv });
  try {
    const anon = new Browser(srv.base);
    for (const a of acknowledged) {
      const t = await anon.get(a.track.replace('?new=1', ''));
      assert.equal(t.status, 200, `${a.title} acknowledged but gone`);
      assert.ok(t.text.includes(a.title), a.title);
    }
    // every submission stored is whole: in the queue, with its submitter,
    // its file and its first revision
    addUser(srv.db, { email: 'ed@example.org', role: 'editor', password: PASSWORD });
    const ed = new Browser(srv.base);
    await ed.signIn('ed@example.org', PASSWORD);
    const ids = [];
    for (let page = 1; ; page++) {
      const q = await ed.get(`/editor/queue?status=submitted&page=${page}`);
      const found = [...q.text.matchAll(/href="\/editor\/practices\/(\d+)">Crash /g)].map((m) => m[1]);
      if (!found.length) break;
      ids.push(...found);
    }
    assert.ok(ids.length >= acknowledged.length, 'the queue holds every acknowledged one');
    assert.ok(ids.length <= acknowledged.length + 4, 'at most the ones in flight were stored unacknowledged');
    t.diagnostic(`${acknowledged.length} acknowledged before SIGKILL, ${ids.length} stored, all whole`);
    for (const id of ids) {
      const rev = await ed.get(`/editor/practices/${id}`);
      assert.match(rev.text, /Jan Nowak/, `submission ${id} has its submitter`);
      const att = rev.text.match(/href="(\/editor\/attachments\/\d+)"/);
      assert.ok(att, `submission ${id} has its file`);
      const file = await ed.get(att[1]);
      assert.equal(file.status, 200);
      assert.deepEqual(file.body, PDF.bytes, `submission ${id}: the file is whole`);
      const hist = await ed.get(`/editor/practices/${id}/revisions`);
      assert.match(hist.text, /revisions\/1"/, `submission ${id} has its first revision`);
    }
  } finally {
    await srv.stop();
  }
});
