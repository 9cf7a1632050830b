/**
 * Own cost against the kernel's own figures: a real busy child process and this process, read by
 * the meter and independently from /proc/<pid>/stat around it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSelfCostMeter, parseAuxv } from '../../main/adapters/self-cost-proc';
import { selfCost } from '../../main/core/self-cost';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** utime + stime in ticks and rss in pages, parsed here independently of the adapter. */
function stat(pid: number): { ticks: number; rssPages: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ticks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
}

const TICK_MS = 10; // getconf CLK_TCK is 100 on Linux
const PAGE = 4096;

describe('own cost', () => {
  it('agrees with /proc/<pid>/stat for this process and a busy child', async () => {
    const child = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    children.push(child);
    const pid = child.pid!;
    await new Promise((r) => setTimeout(r, 200));
    const meter = createSelfCostMeter({
      monotonic: () => performance.now(),
      otherPids: () => [pid],
      minIntervalMs: 0,
    });
    const t0 = performance.now();
    const before = [stat(process.pid), stat(pid)];
    meter();
    await new Promise((r) => setTimeout(r, 1_000));
    const cost = meter();
    const after = [stat(process.pid), stat(pid)];
    const t1 = performance.now();
    expect(cost).not.toBeNull();
    expect(cost!.processes).toBe(2);

    const spentTicks = after[0]!.ticks + after[1]!.ticks - before[0]!.ticks - before[1]!.ticks;
    const expected = (spentTicks * TICK_MS) / (t1 - t0);
    // The meter's window lies inside ours: it may miss at most the ticks spent in our extra reads.
    expect(Math.abs(cost!.cpuRatio! - expected)).toBeLessThan(0.05);
    expect(cost!.cpuRatio!).toBeGreaterThan(0.05); // the child spins (on a shared, loaded machine)

    const rss = (after[0]!.rssPages + after[1]!.rssPages) * PAGE;
    expect(Math.abs(cost!.rssBytes! - rss)).toBeLessThan(4 * 1024 * 1024);
  });

  it('counts a process only between two readings it was in (a renderer that came or went)', () => {
    const a = { mono: 0, cpuMsByPid: new Map([[1, 100]]), rssBytes: 10 };
    const b = {
      mono: 1_000,
      cpuMsByPid: new Map([
        [1, 110],
        [2, 5_000],
      ]),
      rssBytes: 30,
    };
    expect(selfCost(a, b, false)).toEqual({
      cpuRatio: 0.01,
      rssBytes: 30,
      processes: 2,
      throttled: false,
    });
    expect(selfCost(null, a, false).cpuRatio).toBeNull();
  });
});

describe('own cost window', () => {
  it('reports CPU over the last 10 s of one-second readings, not over the last second', () => {
    let mono = 0;
    let cpuMs = 0;
    const otherPid = 90_000_003; // no such process: the shell's figures count
    const meter = createSelfCostMeter({
      monotonic: () => mono,
      otherProcesses: () => [{ pid: otherPid, cpuMs, rssBytes: 0 }],
    });
    meter();
    const ratios: number[] = [];
    for (let s = 1; s <= 30; s++) {
      mono = s * 1_000;
      if (s === 5) cpuMs += 100; // one 100 ms burst
      ratios.push(meter()!.cpuRatio!);
    }
    // This process adds its own little; the burst is spread over the 10 s after it.
    expect(ratios[4]! - ratios[3]!).toBeGreaterThan(0.009); // 100 ms / 10 s at least, not /1 s…
    expect(ratios[4]!).toBeLessThan(0.1 + 0.05); // …at most 100 ms over the first 4-5 s
    expect(ratios[12]!).toBeGreaterThan(0.009); // still in the window 8 s later
    expect(ratios[20]!).toBeLessThan(ratios[12]! - 0.009); // out of it after 10 s
  });
});

describe('clock ticks and page size from the aux vector', () => {
  it('match what getconf reports on this machine', () => {
    const getconf = (name: string) => Number(execFileSync('getconf', [name], { encoding: 'utf8' }));
    expect(parseAuxv(readFileSync('/proc/self/auxv'), 8)).toEqual({
      tck: getconf('CLK_TCK'),
      page: getconf('PAGESIZE'),
    });
  });

  it('reads 32-bit vectors, stops at AT_NULL and falls back on what is missing or zero', () => {
    const words = (list: number[]) => Buffer.from(new Uint32Array(list).buffer);
    expect(parseAuxv(words([6, 16384, 17, 250, 0, 0, 6, 1]), 4)).toEqual({ tck: 250, page: 16384 });
    expect(parseAuxv(words([17, 0, 0, 0]), 4)).toEqual({ tck: 100, page: 4096 });
    expect(parseAuxv(Buffer.alloc(0), 8)).toEqual({ tck: 100, page: 4096 });
  });
});
