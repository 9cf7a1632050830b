/**
 * The sampler against the real machine: the Linux readers and the systeminformation path, each
 * compared with an independent reading.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { cpus, uptime } from 'node:os';
import { resolve } from 'node:path';
import si from 'systeminformation';
import { afterEach, describe, expect, it } from 'vitest';
import { createSampler, type Sampler, type SamplerSource } from '../../main/adapters/sampler/index';
import { METRICS, parseSeriesKey, isSaneValue, type Snapshot } from '../../main/shared/metrics';

const workerPath = resolve('dist/sampler-worker.js');
const linux = process.platform === 'linux';
let sampler: Sampler | undefined;

afterEach(async () => {
  await sampler?.close();
  sampler = undefined;
});

/** Rates need time to pass: this is the measurement interval, not a wait for an event. */
const interval = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function open(
  source: SamplerSource,
  processesMs = 60_000,
  isolation?: 'inline' | 'worker',
): Sampler {
  sampler = createSampler({
    workerPath,
    source,
    isolation,
    diskMs: 60_000,
    processesMs,
    temperatureMs: 60_000,
    deadlineMs: 10_000,
  });
  return sampler;
}

/** MemTotal from /proc/meminfo, in bytes. */
function memTotal(): number {
  const kb = /MemTotal:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** Size and used bytes of `/` as df reports them (an independent tool). */
function dfRoot(): { size: number; used: number; avail: number } {
  const line = execFileSync('df', ['-B1', '--output=size,used,avail', '/'], { encoding: 'utf8' })
    .trim()
    .split('\n')[1]!;
  const [size, used, avail] = line.trim().split(/\s+/).map(Number);
  return { size: size!, used: used!, avail: avail! };
}

/** Interfaces of /proc/net/dev other than loopback. */
function realInterfaces(): string[] {
  return readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]!.trim())
    .filter((n) => n !== '' && n !== 'lo' && !/^(veth|docker|br-|ifb)/.test(n));
}

function expectAllSane(snap: Snapshot): void {
  for (const [key, value] of Object.entries(snap.values)) {
    const parsed = parseSeriesKey(key);
    expect(parsed, key).toBeDefined();
    expect(isSaneValue(METRICS[parsed!.metric].unit, value), `${key}=${value}`).toBe(true);
  }
}

/** The checks both paths must pass. */
async function checkRealSnapshots(
  source: SamplerSource,
  isolation?: 'inline' | 'worker',
): Promise<Sampler> {
  const s = open(source, 60_000, isolation);
  const first = await s.sample();
  for (const f of ['cpu', 'diskio', 'network'] as const)
    expect(first.families[f].status).toBe('pending');
  expect(first.values['cpu.total']).toBeUndefined();
  expect(first.families.memory.status).toBe('ok');

  await interval(1100);
  const second = await s.sample();
  expectAllSane(second);
  for (const f of ['cpu', 'load', 'memory', 'disk', 'diskio', 'network', 'uptime'] as const) {
    expect(second.families[f], f).toMatchObject({ status: 'ok' });
    expect(second.families[f].updatedAt).toBeGreaterThan(0);
  }
  const v = second.values;
  expect(v['cpu.total']).toBeGreaterThanOrEqual(0);
  expect(v['cpu.total']).toBeLessThanOrEqual(100);
  for (let i = 0; i < cpus().length; i++)
    expect(v[`cpu.core{${i}}`], `core ${i}`).toBeTypeOf('number');
  expect(v['load.per_core']).toBeCloseTo(v['load.1']! / cpus().length, 6);
  expect(v['load.15']).toBeTypeOf('number');
  expect(v['uptime.seconds']).toBeGreaterThan(uptime() - 5);
  expect(v['uptime.seconds']).toBeLessThan(uptime() + 5);
  expect(v['diskio.read_bps']).toBeGreaterThanOrEqual(0);
  expect(v['diskio.write_bps']).toBeGreaterThanOrEqual(0);

  // Memory: total exactly as the kernel says; available close to what systeminformation reads.
  expect(v['mem.total_bytes']).toBe(memTotal());
  const mem = await si.mem();
  expect(Math.abs(v['mem.available_bytes']! - mem.available)).toBeLessThan(0.05 * mem.total);
  expect(v['mem.used_bytes']! + v['mem.available_bytes']!).toBe(v['mem.total_bytes']);
  expect(v['swap.total_bytes']).toBe(mem.swaptotal);

  // Disk: the root filesystem, matching df; pseudo filesystems never appear.
  const df = dfRoot();
  expect(v['disk.size_bytes{/}']).toBe(df.size);
  expect(Math.abs(v['disk.used_bytes{/}']! - df.used)).toBeLessThan(0.01 * df.size);
  expect(v['disk.used_pct{/}']).toBeGreaterThan(0);
  expect(Math.abs(v['disk.avail_bytes{/}']! - df.avail)).toBeLessThan(0.01 * df.size);
  // The ratio is df's Use%: used / (used + avail), from the same reading.
  const { 'disk.used_bytes{/}': used, 'disk.avail_bytes{/}': avail } = v;
  expect(v['disk.used_pct{/}']).toBeCloseTo((used! / (used! + avail!)) * 100, 6);
  const mounts = Object.keys(v)
    .filter((k) => k.startsWith('disk.size_bytes{'))
    .map((k) => parseSeriesKey(k)!.target!);
  expect(
    mounts.some((m) => m.startsWith('/proc') || m.startsWith('/sys') || m.startsWith('/dev')),
  ).toBe(false);

  // Network: every real interface, never loopback.
  for (const name of realInterfaces())
    expect(v[`net.rx_bps{${name}}`], name).toBeGreaterThanOrEqual(0);
  expect(v['net.rx_bps{lo}']).toBeUndefined();

  // Temperature: a number or an honest "unavailable", never a made-up value.
  const temp = second.families.temperature;
  if (temp.status === 'ok') expect(v['temp.cpu']).toBeGreaterThan(0);
  else {
    expect(temp.status).toBe('unavailable');
    expect(temp.reason).toBeTruthy();
    expect(v['temp.cpu']).toBeUndefined();
  }
  return s;
}

describe.runIf(linux)('sampler on the real machine', () => {
  it('Linux readers: pending first rate reading, then sane values matching independent readings', async () => {
    // libuv starts its thread pool on the first asynchronous file call: start it first, so the
    // count below compares like with like.
    await statfs('/');
    const threads = readdirSync('/proc/self/task').length;
    const s = await checkRealSnapshots('linux');
    // They run on the sampler's own thread: no worker thread (and its ~16 MB) was started.
    expect(s.stats().workersStarted).toBe(0);
    expect(readdirSync('/proc/self/task').length).toBe(threads);
  });

  it('Linux readers in a worker lane (isolation: worker) give the same checks', async () => {
    const s = await checkRealSnapshots('linux', 'worker');
    expect(s.stats().workersStarted).toBe(1);
  });

  it('refuses to run systeminformation inline: its calls block their thread', () => {
    expect(() => createSampler({ workerPath, source: 'si', isolation: 'inline' })).toThrow(
      /block their thread/,
    );
  });

  it('systeminformation path (forced) gives the same kinds of values', async () => {
    await checkRealSnapshots('si');
  });

  for (const source of ['linux', 'si'] as const) {
    it(`host info (${source}) matches systeminformation's osInfo()`, async () => {
      const info = await open(source).hostInfo();
      const os = await si.osInfo();
      expect(info).toMatchObject({
        hostname: os.hostname,
        arch: os.arch,
        platform: os.distro,
        release: os.release,
      });
      expect(info.cores).toBe(cpus().length);
      expect(info.cpuModel).not.toBe('');
    });
  }

  for (const source of ['linux', 'si'] as const) {
    it(`top processes (${source}) are sorted, bounded to 5, and kept with their time between cadences`, async () => {
      const s = open(source, 1000);
      const first = await s.sample();
      expect(first.families.processes.status).toBe('pending');
      expect(first.processes).toBeNull();
      // Burn a little CPU so that something has a non-zero share.
      const until = performance.now() + 300;
      while (performance.now() < until);
      await interval(500);
      // The scan may take longer than a tick waits for slow families; it then joins a later one.
      let second = await s.sample();
      for (let i = 0; i < 20 && second.families.processes.status !== 'ok'; i++) {
        await interval(100);
        second = await s.sample();
      }
      expect(second.families.processes.status).toBe('ok');
      const top = second.processes!;
      expect(top.at).toBe(second.families.processes.updatedAt);
      for (const [list, field] of [
        [top.byCpu, 'cpu'],
        [top.byMemory, 'memBytes'],
      ] as const) {
        expect(list.length).toBeGreaterThan(0);
        expect(list.length).toBeLessThanOrEqual(5);
        const keys = list.map((p) => p[field]);
        expect(keys).toEqual([...keys].sort((a, b) => b - a));
        for (const p of list) {
          expect(p.pid).toBeGreaterThan(0);
          expect(p.name).not.toBe('');
          expect(p.memPct).toBeLessThanOrEqual(100);
        }
      }
      expect(top.byCpu[0]!.cpu).toBeGreaterThan(0);
      // The biggest process by memory is at least as big as this test process's own RSS share.
      expect(top.byMemory[0]!.memBytes).toBeGreaterThan(0);

      // Not due yet (cadence 1 s): the same list, same time.
      const third = await s.sample();
      expect(third.processes?.at).toBe(top.at);
    });
  }
});
