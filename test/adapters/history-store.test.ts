import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHistoryStore,
  DAY_FILES_BUDGET_BYTES,
  DIR_BUDGET_BYTES,
  RAW_MAX_BYTES,
  type HistoryStore,
} from '../../main/adapters/history-store';
import {
  MAX_KEY_LENGTH,
  MAX_CHECK_SERIES,
  MAX_SERIES,
  MINUTE_MS,
  RAW_CAPACITY,
  type History,
} from '../../main/core/history';
import type { Logger } from '../../main/core/ports';
import { CHECK_HISTORY_METRICS } from '../../main/shared/metrics';

const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);
const DAY = 86_400_000;

let dir: string;
let now: number;
let warnings: string[];

const logger: Logger = {
  info: () => undefined,
  warn: (message: string) => void warnings.push(message),
  error: (message: string) => void warnings.push(message),
};

function store(extra: { dayFilesBudgetBytes?: number } = {}): HistoryStore {
  return createHistoryStore({ dir, logger, now: () => now, ...extra });
}

/** Appends 1 Hz samples in [from, to) like the engine does: append, then afterAppend. */
function run(
  s: HistoryStore,
  h: History,
  from: number,
  to: number,
  values: (t: number) => Record<string, number>,
  step = 1_000,
): void {
  for (let t = from; t < to; t += step) {
    now = t;
    h.append({ time: t, values: values(t) });
    s.afterAppend(h);
  }
}

const cpu = (t: number): Record<string, number> => ({
  'cpu.total': ((t - T0) / 1000) % 100,
  'disk.used_pct{/}': 42.5,
});

async function dayFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith('minutes-')).sort();
}

async function dayBytes(): Promise<number> {
  let total = 0;
  for (const name of await dayFiles()) total += (await stat(join(dir, name))).size;
  return total;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostwatch-history-'));
  now = T0;
  warnings = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('history store', () => {
  it('keeps minutes and the raw hour across a restart, continuing the open minute', async () => {
    const s1 = store();
    const h1 = await s1.load();
    run(s1, h1, T0, T0 + 630_000, cpu);
    await s1.close(h1);
    expect((await readdir(dir)).sort()).toEqual(['minutes-2025-01-10.jsonl', 'raw-hour.bin']);

    const s2 = store();
    const h2 = await s2.load();
    const at = T0 + 629_000;
    expect(h2.query(['cpu.total', 'disk.used_pct{/}'], '1h', at)).toEqual(
      h1.query(['cpu.total', 'disk.used_pct{/}'], '1h', at),
    );
    const before = h1.query(['cpu.total'], '24h', at).series[0]!;
    const after = h2.query(['cpu.total'], '24h', at).series[0]!;
    expect(after.t).toEqual(before.t);
    expect(after.t).toHaveLength(11);
    after.avg.forEach((v, i) => expect(v).toBeCloseTo(before.avg[i]!, 1));
    expect(after.max).toEqual(before.max);
    // Minute 10 was open at shutdown: it continues from the raw hour and closes complete.
    h2.append({ time: T0 + 660_000, values: {} });
    expect(h2.drainClosed()).toEqual([
      {
        start: T0 + 10 * MINUTE_MS,
        values: { 'cpu.total': [0, 14.5, 29], 'disk.used_pct{/}': [42.5, 42.5, 42.5] },
      },
    ]);
    await s2.close(h2);
  });

  it('keeps the closed minutes after a crash (no close)', async () => {
    const s1 = store();
    const h1 = await s1.load();
    run(s1, h1, T0, T0 + 7 * MINUTE_MS, cpu);
    await s1.settled();
    const h2 = await store().load();
    const minutes = h2.query(['cpu.total'], '24h', T0 + 7 * MINUTE_MS).series[0]!;
    expect(minutes.t.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5].map((m) => T0 + m * MINUTE_MS));
    expect(minutes.avg.slice(0, 6).every((v) => v !== null)).toBe(true);
    expect(h2.stats().rawSamples).toBeGreaterThan(0); // the raw hour was due after 5 minutes
  });

  it('tolerates a torn last line and terminates it before appending', async () => {
    const s1 = store();
    const h1 = await s1.load();
    run(s1, h1, T0, T0 + 3 * MINUTE_MS, cpu);
    await s1.close(h1);
    const file = join(dir, 'minutes-2025-01-10.jsonl');
    await appendFile(file, '{"m":29000000,"v":[[1,2');

    const s2 = store();
    const h2 = await s2.load();
    expect(warnings.some((w) => w.includes('unreadable line'))).toBe(true);
    // Minutes 0 and 1 from the file, minute 2 (open at shutdown) from the raw hour.
    expect(
      h2
        .query(['cpu.total'], '24h', T0 + 3 * MINUTE_MS - 1_000)
        .series[0]!.avg.every((v) => v !== null),
    ).toBe(true);
    run(s2, h2, T0 + 3 * MINUTE_MS, T0 + 6 * MINUTE_MS, cpu);
    await s2.close(h2);

    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    const bad = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toEqual(['{"m":29000000,"v":[[1,2']);
    const h3 = await store().load();
    const s = h3.query(['cpu.total'], '24h', T0 + 6 * MINUTE_MS - 1_000).series[0]!;
    expect(s.t).toEqual([0, 1, 2, 3, 4, 5].map((m) => T0 + m * MINUTE_MS));
    expect(s.avg.every((v) => v !== null)).toBe(true);
  });

  it('prunes day files older than 8 days and leftover temp files, keeps the rest', async () => {
    const day = (offset: number): string => new Date(T0 + offset * DAY).toISOString().slice(0, 10);
    const minute = Math.floor((T0 - 7 * DAY + 10 * MINUTE_MS) / MINUTE_MS);
    const content = `{"k":["cpu.total"]}\n{"m":${minute},"v":[[1,2,3]]}\n`;
    for (const offset of [-10, -8, -7])
      await writeFile(join(dir, `minutes-${day(offset)}.jsonl`), content);
    await writeFile(join(dir, 'raw-hour.bin.1234abcd'), 'partial');
    await writeFile(join(dir, 'notes.txt'), 'not ours');

    const s = store();
    const h = await s.load();
    expect((await readdir(dir)).sort()).toEqual([`minutes-${day(-7)}.jsonl`, 'notes.txt']);
    const week = h.query(['cpu.total'], '7d', T0).series[0]!;
    expect(week.t[0]).toBe(minute * MINUTE_MS);
    expect(week.avg[0]).toBeCloseTo(2, 2);

    // Crossing midnight into a new day prunes what is now too old.
    const midnight = Date.UTC(2025, 0, 11);
    run(s, h, midnight - 2 * MINUTE_MS, midnight + 2 * MINUTE_MS, cpu, 10_000);
    await s.close(h);
    expect(await dayFiles()).toEqual(['minutes-2025-01-10.jsonl', 'minutes-2025-01-11.jsonl']);
  });

  it('stays within its disk budget, deleting the oldest day first', async () => {
    const budget = 60_000;
    const s = store({ dayFilesBudgetBytes: budget });
    const h = await s.load();
    const many = (t: number): Record<string, number> => {
      const v: Record<string, number> = {};
      for (let i = 0; i < 16; i++) v[`cpu.core{${i}}`] = ((t / 1000) * (i + 1)) % 97;
      return v;
    };
    for (let d = 0; d < 3; d++) {
      run(s, h, T0 + d * DAY, T0 + d * DAY + 100 * MINUTE_MS, many, 30_000);
      await s.settled();
      expect(await dayBytes()).toBeLessThanOrEqual(budget);
    }
    expect(await dayFiles()).toEqual(['minutes-2025-01-11.jsonl', 'minutes-2025-01-12.jsonl']);
    // One day alone past the budget: further minutes stay in memory only, with one warning.
    run(s, h, T0 + 2 * DAY + 100 * MINUTE_MS, T0 + 2 * DAY + 400 * MINUTE_MS, many, 30_000);
    await s.close(h);
    expect(await dayBytes()).toBeLessThanOrEqual(budget);
    expect(await dayFiles()).toEqual(['minutes-2025-01-12.jsonl']);
    expect(warnings.filter((w) => w.includes('budget'))).toHaveLength(1);
    expect(
      h.query(['cpu.core{0}'], '24h', T0 + 2 * DAY + 400 * MINUTE_MS).series[0]!.avg.at(-2),
    ).not.toBeNull();
  });

  it('bounds the raw file at the documented size with every series of both pools at the cap', async () => {
    expect(DAY_FILES_BUDGET_BYTES + 2 * RAW_MAX_BYTES).toBeLessThanOrEqual(DIR_BUDGET_BYTES);
    const s = store();
    const h = await s.load();
    const values: Record<string, number> = {};
    for (let i = 0; i < MAX_SERIES; i++) {
      const key = `net.rx_bps{${String(i).padStart(MAX_KEY_LENGTH - 12, '"')}}`;
      values[key] = 123_456_789 + i;
    }
    // The endpoint checks' own pool: the kept metrics of each check.
    const kept = [...CHECK_HISTORY_METRICS];
    for (let i = 0; i < MAX_CHECK_SERIES; i++) {
      const metric = kept[i % kept.length]!;
      const id = String(i).padStart(MAX_KEY_LENGTH - metric.length - 2, '"');
      values[`${metric}{${id}}`] = i;
    }
    expect(Object.keys(values).every((k) => k.length === MAX_KEY_LENGTH)).toBe(true);
    for (let i = 0; i < RAW_CAPACITY; i++) h.append({ time: T0 + i * 900, values });
    const all = MAX_SERIES + MAX_CHECK_SERIES;
    expect(h.stats()).toMatchObject({ series: all, rawSamples: RAW_CAPACITY });
    await s.close(h);
    const size = (await stat(join(dir, 'raw-hour.bin'))).size;
    expect(size).toBeGreaterThan(RAW_MAX_BYTES * 0.9);
    expect(size).toBeLessThanOrEqual(RAW_MAX_BYTES);
    const again = await store().load();
    expect(again.stats()).toMatchObject({ series: all, rawSamples: RAW_CAPACITY });
  });

  it('writes about 1.1 MB per day for a typical 40-series host', async () => {
    const s = store();
    const h = await s.load();
    const typical = (t: number): Record<string, number> => {
      const v: Record<string, number> = {};
      const x = t / 1000;
      for (let i = 0; i < 16; i++) v[`cpu.core{${i}}`] = (x * 7.3 * (i + 1)) % 100;
      for (const m of [
        'cpu.total',
        'load.1',
        'load.5',
        'load.15',
        'load.per_core',
        'mem.used_pct',
        'swap.used_pct',
        'temp.cpu',
      ]) {
        v[m] = (x * 3.1) % 90;
      }
      for (const m of [
        'mem.used_bytes',
        'mem.available_bytes',
        'mem.total_bytes',
        'diskio.read_bps',
        'diskio.write_bps',
      ]) {
        v[m] = 1e9 + ((x * 7_919_113) % 1e10);
      }
      for (const mount of ['/', '/home', '/var']) {
        v[`disk.used_pct{${mount}}`] = 42.17;
        v[`disk.used_bytes{${mount}}`] = 2.2e11;
      }
      for (const nic of ['eth0', 'eth1']) {
        v[`net.rx_bps{${nic}}`] = (x * 99_991) % 1e8;
        v[`net.tx_bps{${nic}}`] = (x * 77_773) % 1e8;
      }
      return v;
    };
    expect(Object.keys(typical(0))).toHaveLength(39);
    run(s, h, T0, T0 + 60 * MINUTE_MS, typical);
    await s.close(h);
    const perDay = ((await dayBytes()) / 59) * 1_440;
    expect(perDay).toBeLessThan(1.5e6);
    expect(perDay).toBeGreaterThan(0.8e6);
  });

  it('starts with an empty raw hour when the raw file is corrupt', async () => {
    const s1 = store();
    const h1 = await s1.load();
    run(s1, h1, T0, T0 + 2 * MINUTE_MS + 5_000, cpu);
    await s1.close(h1);
    await writeFile(join(dir, 'raw-hour.bin'), Buffer.from('HWR1garbage'));
    const h2 = await store().load();
    expect(warnings.some((w) => w.includes('raw-hour.bin'))).toBe(true);
    expect(h2.stats().rawSamples).toBe(0);
    // Minutes 0 and 1 come from the day file; the 5 s of minute 2 were only in the raw file.
    const s = h2.query(['cpu.total'], '24h', T0 + 2 * MINUTE_MS + 4_000).series[0]!;
    expect(s.t).toHaveLength(3);
    expect(s.avg.map((v) => v !== null)).toEqual([true, true, false]);
  });
});
