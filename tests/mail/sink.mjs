// A real SMTP server (nodemailer's smtp-server) that keeps what it gets:
// each message as <n>.eml beside <n>.json holding its envelope.
// Usage: node sink.mjs DIR [PORT]   (PORT 0 or absent: any free port)
// Prints "listening PORT" once ready; exits on SIGTERM or SIGINT.
// Recipients at reject.invalid get 550 to RCPT, those at reject-data.invalid
// 554 after DATA, to test how a refusal surfaces.
import { SMTPServer } from 'smtp-server';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, port = '0'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node sink.mjs DIR [PORT]');
  process.exit(2);
}

let count = 0;
const server = new SMTPServer({
  // Plain SMTP on loopback: no certificate to trust, so no STARTTLS to
  // offer; with no AUTH offered either, mail_send refuses to send a
  // password here, which the test checks.
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, session, callback) {
    if (address.address.endsWith('@reject.invalid')) {
      const err = new Error('no such mailbox');
      err.responseCode = 550;
      return callback(err);
    }
    callback();
  },
  onData(stream, session, callback) {
    if (session.envelope.rcptTo.some((r) => r.address.endsWith('@reject-data.invalid'))) {
      stream.resume();
      stream.on('end', () => {
        const err = new Error('message refused');
        err.responseCode = 554;
        callback(err);
      });
      return;
    }
    const n = ++count;
    const out = createWriteStream(join(dir, `${n}.eml`));
    stream.pipe(out);
    out.on('finish', () => {
      // The envelope is written last: its presence means the .eml is whole.
      writeFileSync(join(dir, `${n}.json`), JSON.stringify({
        mailFrom: session.envelope.mailFrom.address,
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
      }));
      callback();
    });
  },
});

server.on('error', (err) => console.error(`sink: ${err.message}`));
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`listening ${server.server.address().port}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => server.close(() => process.exit(0)));
}
