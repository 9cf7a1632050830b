// Endpoint checks: 200 http checks through the scheduler (concurrency 8) against a server in a
// child process on 127.0.0.1, printing wall time, peak open connections at the server and the
// main thread's event-loop delay while they run (a host-metrics tick shares that loop).
// Run: node bench/checks-bench.mjs
import { build } from 'esbuild';
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dir = mkdtempSync(join(tmpdir(), 'hostwatch-checks-bench-'));
await build({
  stdin: {
    contents:
      "export { createCheckScheduler } from './main/adapters/checks/scheduler';\n" +
      "export { checkSchema } from './main/shared/checks';\n",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(dir, 'checks.mjs'),
  logLevel: 'silent',
});
const serverFile = join(dir, 'server.mjs');
writeFileSync(
  serverFile,
  `import { createServer } from 'node:http';
// serving: accept .. answer sent (what the client's slot bounds); sockets: accept .. TCP close
// as the server sees it, which lags the client's close and races the next accept.
let serving = 0, peakServing = 0, sockets = 0, peakSockets = 0;
const s = createServer((q, r) => {
  r.on('finish', () => serving--);
  setTimeout(() => r.end('ok'), 20);
});
s.on('connection', (c) => {
  serving++; sockets++;
  peakServing = Math.max(peakServing, serving); peakSockets = Math.max(peakSockets, sockets);
  c.on('close', () => sockets--);
});
s.listen(0, '127.0.0.1', () => process.send({ port: s.address().port }));
process.on('message', () => process.send({ peakServing, peakSockets }));`,
);
const { createCheckScheduler, checkSchema } = await import(join(dir, 'checks.mjs'));
const server = fork(serverFile);
const { port } = await new Promise((r) => server.once('message', r));

const N = 200;
const checks = Array.from({ length: N }, (_, i) =>
  checkSchema.parse({
    id: `c${i}`,
    name: `c${i}`,
    kind: 'http',
    url: `http://127.0.0.1:${port}/${i}`,
  }),
);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let up = 0;
await new Promise((resolve) => {
  let n = 0;
  const s = createCheckScheduler({
    random: () => 0,
    onResult: (r) => {
      if (r.up) up++;
      if (++n === N) {
        s.stop();
        resolve();
      }
    },
  });
  s.setChecks(checks);
});
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
delay.disable();
server.send('peak');
const { peakServing, peakSockets } = await new Promise((r) => server.once('message', r));
server.kill();
console.log(`checks: ${N} (${up} up), concurrency 8, server holds each answer 20 ms`);
console.log(`wall: ${wall.toFixed(0)} ms; CPU: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
console.log(
  `peak connections at the server: ${peakServing} being served, ${peakSockets} not yet seen closed`,
);
console.log(
  `event-loop delay: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
);
