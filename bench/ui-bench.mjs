// UI benchmark (`npm run bench:ui`): the dashboard in headless Chromium against the real agent.
//   1. time to first live value: navigation start → first metric value rendered (the app sets
//      the performance mark `hostwatch:first-value` when it commits one), median of 5 loads;
//   2. p95 frame time while 8 series of 1 hour at 1 s stream: the History tab with 8 charts fed
//      a synthetic hour through the page hook `window.__hostwatchBench` (only installed with
//      `?bench`), then one new point per series per second; a frame's time is the main-thread
//      time of its chart flush (setData + synchronous uPlot redraw). A stress pass pushing a point
//      every animation frame and the rAF intervals are printed for context;
//   3. gzipped JS bundle size (zlib over dist/renderer/assets/*.js).
// Targets: first value < 500 ms, p95 frame < 8 ms, bundle < 300 KB gz.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'dist/renderer/assets');
const TARGET = { firstValueMs: 500, p95FrameMs: 8, bundleKB: 300 };
const STREAM_MS = 20_000;

function jsFiles() {
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(assets, f));
}

// A bundle built under a test runner (NODE_ENV=test) carries React's development build, which
// is neither what ships nor what we should measure: rebuild for production in that case.
if (!jsFiles().some((f) => readFileSync(f, 'utf8').includes('Minified React error'))) {
  console.log('dist/renderer is not a production build; rebuilding with NODE_ENV=production…');
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

const bundleBytes = jsFiles().reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);

function startAgent(dataDir) {
  const proc = spawn(
    process.execPath,
    ['dist/agent.js', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /Hostwatch agent listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1].replace(/\/$/, ''), proc });
    });
    proc.stderr.on('data', (c) => (out += c));
    proc.once('exit', (code) => reject(new Error(`agent exited with ${code}\n${out}`)));
  });
}

const pct = (list, p) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const median = (list) => pct(list, 50);

const dataDir = mkdtempSync(join(tmpdir(), 'hostwatch-bench-'));
const profile = mkdtempSync(join(tmpdir(), 'hostwatch-bench-chromium-'));
const agent = await startAgent(dataDir);
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());

  // Wait until the agent has a snapshot with values, so we time the UI, not the first sample.
  for (let i = 0; i < 100; i++) {
    const s = await (await fetch(`${agent.url}/api/status`)).json();
    if (s.snapshot && Object.keys(s.snapshot.values).length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  // 1. Time to first live value.
  const firsts = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${agent.url}/?bench=1&run=${i}`);
    await page.waitForFunction(
      () => performance.getEntriesByName('hostwatch:first-value').length > 0,
      null,
      { timeout: 15_000 },
    );
    firsts.push(
      await page.evaluate(() => performance.getEntriesByName('hostwatch:first-value')[0].startTime),
    );
  }

  // 2. Eight charts of one hour, streaming.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('radio', { name: '1 hour' }).check();
  await page.locator('.series-picker summary').click();
  const boxes = page.locator('.series-picker input[type=checkbox]:not(:checked)');
  while ((await page.locator('.series-picker input[type=checkbox]:checked').count()) < 8)
    await boxes.first().check();
  await page.waitForFunction(
    () =>
      window.__hostwatchBench.charts() === 8 &&
      document.querySelectorAll('.chart canvas').length === 8,
  );
  await page.locator('.series-picker summary').click();

  const run = (mode) =>
    page.evaluate(
      async ({ mode, ms }) => {
        const hook = window.__hostwatchBench;
        hook.fill(3600);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        hook.flushTimes.length = 0;
        const intervals = [];
        let last = performance.now();
        let running = true;
        const loop = (t) => {
          intervals.push(t - last);
          last = t;
          if (mode === 'stress') hook.push();
          if (running) requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
        const timer = mode === 'realtime' ? setInterval(() => hook.push(), 1000) : undefined;
        await new Promise((r) => setTimeout(r, ms));
        running = false;
        clearInterval(timer);
        return { flush: [...hook.flushTimes], intervals: intervals.slice(1) };
      },
      { mode, ms: mode === 'realtime' ? STREAM_MS : 5_000 },
    );
  const realtime = await run('realtime');
  const stress = await run('stress');

  const firstMs = median(firsts);
  const p95Frame = pct(realtime.flush, 95);
  const bundleKB = bundleBytes / 1024;
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const rows = [
    [
      `time to first live value (median of ${firsts.length})`,
      `${firstMs.toFixed(0)} ms`,
      `< ${TARGET.firstValueMs} ms`,
      verdict(firstMs < TARGET.firstValueMs),
    ],
    [
      `p95 frame time, 8 × 1 h @ 1 s streaming (${realtime.flush.length} frames)`,
      `${p95Frame.toFixed(2)} ms`,
      `< ${TARGET.p95FrameMs} ms`,
      verdict(p95Frame < TARGET.p95FrameMs),
    ],
    [
      'gzipped JS bundle',
      `${bundleKB.toFixed(1)} KB`,
      `< ${TARGET.bundleKB} KB`,
      verdict(bundleKB < TARGET.bundleKB),
    ],
  ];
  console.log('\nHostwatch UI benchmark (headless Chromium, real agent)');
  for (const [name, value, target, v] of rows)
    console.log(`  ${v}  ${name.padEnd(58)} ${value.padStart(10)}  (target ${target})`);
  console.log('\n  context:');
  console.log(`    first live value, all runs: ${firsts.map((v) => v.toFixed(0)).join(', ')} ms`);
  console.log(
    `    realtime: flush max ${Math.max(...realtime.flush).toFixed(2)} ms; rAF interval p95 ${pct(realtime.intervals, 95).toFixed(1)} ms, max ${Math.max(...realtime.intervals).toFixed(1)} ms`,
  );
  console.log(
    `    stress (a point every frame, ${stress.flush.length} frames): flush p50 ${pct(stress.flush, 50).toFixed(2)} ms, p95 ${pct(stress.flush, 95).toFixed(2)} ms; rAF interval p95 ${pct(stress.intervals, 95).toFixed(1)} ms`,
  );
  const allPass = rows.every((r) => r[3] === 'PASS');
  console.log(`\n${allPass ? 'PASS' : 'FAIL'}`);
  process.exitCode = allPass ? 0 : 1;
} finally {
  await context?.close();
  agent.proc.kill('SIGTERM');
  await new Promise((r) => (agent.proc.exitCode !== null ? r() : agent.proc.once('exit', r)));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
