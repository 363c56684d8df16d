// Starts sink.mjs (a real SMTP server) as a child process for a test:
// resolves to { port, child } once it listens; messages land in dir.
import { spawn } from 'node:child_process';

const SINK = new URL('./sink.mjs', import.meta.url).pathname;

export function startSink(dir) {
  const child = spawn(process.execPath, [SINK, dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`sink exited ${code}`)));
  });
}
