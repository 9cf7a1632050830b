// Cost of one save of the raw hour (`npm run bench:rawsave`, after the build).
//
// A history of 40 host series at 1 Hz for an hour, plus --checks N (default 250) endpoint
// checks writing up, response time and certificate days once a minute, as the engine does.
// Times --runs N (default 30) saves through the real history store (exportRaw with sparse check
// series, encode, atomic write in a temp directory) after the minutes are written, and the
// export alone in both shapes (all columns, as files before HWR2 were written, and sparse).
// Prints medians and the file size. Figures only: no target is asserted here.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (name) => import(pathToFileURL(join(root, 'dist/bench', `${name}.js`)).href);
const { createHistoryStore } = await lib('history-store');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  const v = i < 0 ? NaN : Number(argv[i + 1]);
  return Number.isFinite(v) ? v : dflt;
};
const checks = opt('checks', 250);
const runs = opt('runs', 30);

const dir = mkdtempSync(join(tmpdir(), 'hostwatch-rawsave-'));
const logger = { info() {}, warn: console.warn, error: console.error };
const T0 = Date.UTC(2025, 0, 10, 12);
let now = T0;
const store = createHistoryStore({ dir, logger, now: () => now });
const h = await store.load();
for (let i = 0; i < 3_600; i++) {
  now = T0 + i * 1_000;
  const values = {};
  for (let s = 0; s < 40; s++) values[`cpu.core{${s}}`] = (s + i) % 100;
  if (i % 60 === 0)
    for (let c = 0; c < checks; c++) {
      values[`check.up{c${c}}`] = 1;
      values[`check.response_ms{c${c}}`] = 20 + (i % 7);
      values[`check.cert_days{c${c}}`] = 40;
    }
  h.append({ time: now, values });
}
await store.flush(h); // the closed minutes, so the timed saves write the raw hour alone

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const out = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
};
const save = await time(() => store.flush(h));
const dense = await time(() => h.exportRaw());
const sparse = await time(() => h.exportRaw({ sparseChecks: true }));
const size = statSync(join(dir, 'raw-hour.bin')).size;
console.log(`raw-hour save, 40 host series + ${checks} checks, 1 h at 1 Hz (median of ${runs}):`);
console.log(
  `  save (export + encode + atomic write): ${save.toFixed(1)} ms, file ${(size / 1024).toFixed(0)} KiB`,
);
console.log(
  `  exportRaw all columns: ${dense.toFixed(1)} ms; with sparse checks: ${sparse.toFixed(1)} ms`,
);
await store.close(h);
rmSync(dir, { recursive: true, force: true });
