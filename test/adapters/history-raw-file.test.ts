/**
 * The raw-hour file's layout: host series as columns, endpoint check series as the samples they
 * wrote (no mostly empty check columns), and files of the older all-columns layout still load.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHistoryStore, type HistoryStore } from '../../main/adapters/history-store';
import type { History } from '../../main/core/history';
import type { Logger } from '../../main/core/ports';
import { checkSeriesKey } from '../../main/shared/metrics';

const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);
const UP = checkSeriesKey('check.up', 'c0');
const MS = checkSeriesKey('check.response_ms', 'c0');

let dir: string;
let now: number;
let warnings: string[];

const logger: Logger = {
  info: () => undefined,
  warn: (message: string) => void warnings.push(message),
  error: (message: string) => void warnings.push(message),
};

function store(): HistoryStore {
  return createHistoryStore({ dir, logger, now: () => now });
}

/** `samples` at 1 Hz of CPU and disk; with `checks`, check c0 writes every 60th sample. */
function feed(s: HistoryStore, h: History, samples: number, checks: boolean): void {
  for (let i = 0; i < samples; i++) {
    now = T0 + i * 1_000;
    const check = checks && i % 60 === 0 ? { [UP]: 1, [MS]: 100 + i } : {};
    h.append({ time: now, values: { 'cpu.total': i % 100, 'disk.used_pct{/}': 42.5, ...check } });
    s.afterAppend(h);
  }
}

interface Header {
  n: number;
  keys: string[];
  points?: [string, number][];
}

async function readRaw(): Promise<{ magic: string; header: Header; size: number }> {
  const buf = await readFile(join(dir, 'raw-hour.bin'));
  const h = buf.readUInt32LE(4);
  return {
    magic: buf.subarray(0, 4).toString('latin1'),
    header: JSON.parse(buf.subarray(8, 8 + h).toString('utf8')) as Header,
    size: buf.length - 8 - h,
  };
}

/** The older layout, written by hand: `HWR1`, header {n, keys}, times, a column per key. */
function oldFile(keys: string[], times: number[], columns: number[][]): Buffer {
  const header = Buffer.from(JSON.stringify({ n: times.length, keys }));
  const buf = Buffer.alloc(8 + header.length + times.length * 8 + keys.length * times.length * 4);
  buf.write('HWR1', 0, 'latin1');
  buf.writeUInt32LE(header.length, 4);
  header.copy(buf, 8);
  let off = 8 + header.length;
  for (const t of times) off = buf.writeDoubleLE(t, off);
  for (const col of columns) for (const v of col) off = buf.writeFloatLE(v, off);
  return buf;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostwatch-raw-'));
  now = T0;
  warnings = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('raw-hour file', () => {
  it('a save with no checks writes no check columns and no points', async () => {
    const s = store();
    const h = await s.load();
    feed(s, h, 600, false);
    await s.close(h);
    const { magic, header, size } = await readRaw();
    expect(magic).toBe('HWR2');
    expect(header).toEqual({ n: 600, keys: ['cpu.total', 'disk.used_pct{/}'], points: [] });
    expect(size).toBe(600 * 8 + 2 * 600 * 4); // times and the two host columns, nothing else
  });

  it('stores a check series as the samples it wrote, and loads them back', async () => {
    const s = store();
    const h = await s.load();
    feed(s, h, 600, true);
    await s.close(h);
    const { header, size } = await readRaw();
    expect(header.keys).toEqual(['cpu.total', 'disk.used_pct{/}']);
    expect(header.points).toEqual([
      [UP, 10],
      [MS, 10],
    ]);
    // Each check series costs 10 × (2 + 4) bytes, not a 600 × 4-byte column.
    expect(size).toBe(600 * 8 + 2 * 600 * 4 + 2 * 10 * 6);
    const at = T0 + 599_000;
    const again = await store().load();
    const keys = ['cpu.total', UP, MS];
    expect(again.query(keys, '1h', at)).toEqual(h.query(keys, '1h', at));
    expect(again.query([MS], '1h', at).series[0]!.avg.filter((v) => v !== null)).toEqual([
      100, 160, 220, 280, 340, 400, 460, 520, 580, 640,
    ]);
  });

  it('loads a file of the older all-columns layout, check columns included', async () => {
    const times = [T0, T0 + 1_000, T0 + 2_000, T0 + 3_000];
    const columns = [
      [5, 6, 7, 8],
      [1, NaN, NaN, 1],
      [120, NaN, NaN, 130],
    ];
    await writeFile(join(dir, 'raw-hour.bin'), oldFile(['cpu.total', UP, MS], times, columns));
    const s = store();
    const h = await s.load();
    expect(warnings).toEqual([]);
    const r = h.query(['cpu.total', MS], '5m', T0 + 3_000).series;
    expect(r[0]!.avg).toEqual([5, 6, 7, 8]);
    expect(r[1]!.avg).toEqual([120, null, null, 130]);
    // The next save is in the new layout and keeps the same values.
    await s.close(h);
    const { magic, header } = await readRaw();
    expect(magic).toBe('HWR2');
    expect(header.points).toEqual([
      [UP, 2],
      [MS, 2],
    ]);
    expect((await store().load()).query([MS], '5m', T0 + 3_000).series[0]!.avg).toEqual([
      120,
      null,
      null,
      130,
    ]);
  });

  it('refuses a file whose point lies outside the raw hour', async () => {
    const header = Buffer.from(JSON.stringify({ n: 1, keys: [], points: [[MS, 1]] }));
    const buf = Buffer.alloc(8 + header.length + 8 + 6);
    buf.write('HWR2', 0, 'latin1');
    buf.writeUInt32LE(header.length, 4);
    header.copy(buf, 8);
    let off = buf.writeDoubleLE(T0, 8 + header.length);
    off = buf.writeUInt16LE(1, off); // sample 1 of a 1-sample hour
    buf.writeFloatLE(120, off);
    await writeFile(join(dir, 'raw-hour.bin'), buf);
    const h = await store().load();
    expect(warnings.some((w) => w.includes('raw-hour.bin is invalid'))).toBe(true);
    expect(h.stats().rawSamples).toBe(0);
  });
});
