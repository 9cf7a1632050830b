/**
 * Forecast on a real filesystem (issue 11): a 16 MB ext4 image loop-mounted (the sampler skips
 * tmpfs by design, see test/fixtures/loop-disk.ts), a file on it growing at a steady real rate
 * (written and fsynced every 200 ms), and the real agent sampling that mount every second. The
 * agent's snapshots are stamped 300× faster (the HOSTWATCH_SAMPLE_TIME_SCALE test seam), so its
 * 6 h trend window fills in about a minute. The true time to full is the free space (statfs,
 * read by the test) over the write rate, times the scale; the forecast in `/api/status` and
 * `hostwatch_forecast_seconds_to_full{mountpoint}` on `/metrics` must be within 10 % of it.
 */
import { closeSync, fsyncSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status, StatusForecast } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { forecastWords } from '../../main/core/forecast-words';
import { canLoopMount, mountLoopDisk, type LoopDisk } from '../fixtures/loop-disk';
import { eventually, getJson, startAgent, tempDataDir, type AgentProcess } from './agent-process';

/** Agent seconds per real second. */
const SCALE = 300;
/** Real bytes per second: a 16 MB disk fills in about three and a half minutes of real time. */
const RATE = 64 * 1024;

let disk: LoopDisk | undefined;
let agent: AgentProcess | undefined;
let dataDir: string | undefined;
let writer: ReturnType<typeof setInterval> | undefined;
let fd: number | undefined;

beforeAll(() => {
  if (canLoopMount) disk = mountLoopDisk(16);
});

afterAll(async () => {
  if (writer) clearInterval(writer);
  if (fd !== undefined) closeSync(fd);
  await agent?.stop('SIGKILL');
  disk?.remove();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Grows `path` by RATE bytes per real second from now on, catching up after a late timer. */
function growSteadily(path: string): void {
  fd = openSync(path, 'w');
  const t0 = Date.now();
  let written = 0;
  const chunk = Buffer.alloc(RATE, 0x5a);
  writer = setInterval(() => {
    const due = Math.floor(((Date.now() - t0) / 1_000) * RATE);
    while (written < due) {
      const n = Math.min(chunk.length, due - written);
      writeSync(fd!, chunk, 0, n);
      written += n;
    }
    fsyncSync(fd!); // so statfs (the agent's and the test's) counts the blocks now
  }, 200);
}

const within = (value: number, truth: number, share: number) =>
  Math.abs(value - truth) <= share * truth;

describe.runIf(canLoopMount)('disk forecast on a real filesystem', () => {
  it('says when a steadily growing mount will be full, in /api/status and /metrics', async () => {
    const mount = disk!.dir;
    // The file grows from before the agent starts, so its whole history is one steady trend.
    growSteadily(join(mount, 'growing.bin'));
    dataDir = tempDataDir();
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      sampling: { ...DEFAULT_SETTINGS.sampling, intervalSeconds: 1, diskSeconds: 1 },
    };
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
    agent = await startAgent({
      dataDir,
      args: ['--host', '127.0.0.6'],
      env: { HOSTWATCH_SAMPLE_TIME_SCALE: String(SCALE) },
    });
    const url = agent.url;

    const forecastOf = (s: Status): StatusForecast | undefined =>
      s.forecasts?.find((f) => f.metric === 'disk.used_pct' && f.target === mount);
    const first = await eventually(
      async () => forecastOf((await getJson<Status>(`${url}/api/status`)).body),
      `a forecast for ${mount}`,
      100_000,
    );
    expect(first.window).toBe('6h');

    // Compared at the same moment: the forecast now, and the free space over the write rate.
    const status = (await getJson<Status>(`${url}/api/status`)).body;
    const truth = (disk!.availableBytes() / RATE) * SCALE;
    const shown = forecastOf(status)!;
    // The forecast was fitted at `at` (agent time, at most a minute old); count it down to the
    // newest snapshot, as the fed series does.
    const ageS = ((status.snapshot?.time ?? shown.at) - shown.at) / 1_000;
    const now = shown.secondsToFull - ageS;
    const words = forecastWords(shown, 'en');
    expect(
      within(now, truth, 0.1),
      `forecast ${Math.round(now)} s ("${words}") vs true ${Math.round(truth)} s`,
    ).toBe(true);
    expect(words).toMatch(/full in ~\d+ h/);

    const metrics = await (await fetch(`${url}/metrics`)).text();
    const escaped = mount.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const line = new RegExp(
      `^hostwatch_forecast_seconds_to_full\\{mountpoint="${escaped}"\\} (\\S+)$`,
      'm',
    ).exec(metrics);
    expect(
      line,
      metrics
        .split('\n')
        .filter((l) => l.includes('forecast'))
        .join('\n'),
    ).not.toBe(null);
    const metric = Number(line![1]);
    const truthThen = (disk!.availableBytes() / RATE) * SCALE;
    expect(
      within(metric, truthThen, 0.1),
      `/metrics ${Math.round(metric)} s vs true ${Math.round(truthThen)} s`,
    ).toBe(true);
  }, 150_000);
});
