// Wire cost of following a remote agent (`npm run bench:wire`, after the build).
//
// Starts the real agent over TLS on 127.0.0.2 (`--tls --new-token`, port 0) and opens its event
// stream four ways at once for --seconds N (default 60): summary and full view, each with and
// without `Accept-Encoding: gzip`. Counts the bytes each TLS socket receives (TLS records
// included, headers and heartbeats included) and prints bytes/s and MB/day.
//
// Target: a watched host whose dashboard is closed (summary view, gzip) costs <= 20 MB a day
// (~230 B/s). Exits 1 if it does not.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const i = argv.indexOf('--seconds');
const seconds = i >= 0 ? Number(argv[i + 1]) : 60;
const dataDir = mkdtempSync(join(tmpdir(), 'hostwatch-wire-'));

const agent = spawn(
  process.execPath,
  [
    join(root, 'dist/agent.js'),
    '--data-dir',
    dataDir,
    '--host',
    '127.0.0.2',
    '--port',
    '0',
    '--tls',
    '--new-token',
    '--quiet',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let out = '';
const ready = new Promise((resolve, reject) => {
  agent.stdout.on('data', (d) => {
    out += d.toString();
    const url = /listening on (https:\/\/\S+)/.exec(out)?.[1];
    const token = /New API token \(stored in [^\n]*\):\n(\S+)/.exec(out)?.[1];
    if (url && token) resolve({ port: Number(new URL(url).port), token });
  });
  agent.on('exit', (code) => reject(new Error(`agent exited with ${code}:\n${out}`)));
});
const { port, token } = await ready;

function open(view, gzip) {
  const socket = connect({ host: '127.0.0.2', port, rejectUnauthorized: false });
  let bytes = 0;
  socket.on('secureConnect', () => {
    // Count from the request on: only the stream is measured, not the handshake.
    const start = socket.bytesRead;
    socket.on('data', () => (bytes = socket.bytesRead - start));
    socket.write(
      `GET /api/stream?view=${view} HTTP/1.1\r\nHost: 127.0.0.2:${port}\r\n` +
        `Authorization: Bearer ${token}\r\nAccept: text/event-stream\r\n` +
        (gzip ? 'Accept-Encoding: gzip\r\n' : '') +
        '\r\n',
    );
  });
  return { view, gzip, bytes: () => bytes, close: () => socket.destroy() };
}

const streams = [
  open('summary', true),
  open('summary', false),
  open('full', true),
  open('full', false),
];
console.log(`measuring for ${seconds} s…`);
await new Promise((r) => setTimeout(r, seconds * 1000));
let failed = false;
console.log('view     gzip  bytes/s   MB/day');
for (const s of streams) {
  const bps = s.bytes() / seconds;
  const mbDay = (bps * 86_400) / 1e6;
  console.log(
    `${s.view.padEnd(8)} ${s.gzip ? 'yes ' : 'no  '}  ${bps.toFixed(0).padStart(7)}  ${mbDay.toFixed(1).padStart(7)}`,
  );
  if (s.view === 'summary' && s.gzip && mbDay > 20) failed = true;
  s.close();
}
agent.kill('SIGTERM');
await new Promise((r) => agent.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
console.log(
  failed
    ? 'FAIL: summary view with gzip above 20 MB/day'
    : 'target met: summary view with gzip <= 20 MB/day',
);
process.exit(failed ? 1 : 0);
