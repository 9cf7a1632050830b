/**
 * Hostwatch's own cost on the real agent (issue 11): the figures in its status and on /metrics
 * agree with the kernel's /proc/<pid>/stat of the agent process under a steady load, and the CPU
 * budget slows the processes collector ×4 and restores it. The budget's period runs 20× faster
 * through the test seam HOSTWATCH_CPU_BUDGET_SCALE (a minute in 3 s); the agent samples in real
 * time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { eventually, getJson, startAgent, tempDataDir, type AgentProcess } from './agent-process';

let agent: AgentProcess | undefined;
afterEach(async () => {
  await agent?.stop('SIGKILL');
  agent = undefined;
});

const TICK_MS = 10; // getconf CLK_TCK is 100 on Linux
const PAGE = 4096;

/** utime + stime (ticks) and rss (pages) of a pid, parsed here independently of the agent. */
function procStat(pid: number): { cpuMs: number; rssBytes: number; at: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS,
    rssBytes: Number(f[21]) * PAGE,
    at: performance.now(),
  };
}

const status = async (): Promise<Status> =>
  (await getJson<Status>(`${agent!.url}/api/status`)).body;

function writeSettings(dataDir: string, extra: Partial<Settings>): string {
  const path = join(dataDir, 'custom-settings.json');
  writeFileSync(path, JSON.stringify({ ...DEFAULT_SETTINGS, ...extra }));
  return path;
}

/** One number of the /metrics text, e.g. `process_cpu_seconds_total`. */
function metric(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!m) throw new Error(`${name} missing from /metrics:\n${text.slice(0, 2_000)}`);
  return Number(m[1]);
}

describe('own cost on the real agent', () => {
  it('shows the CPU and memory /proc/<pid>/stat gives for the agent under a steady load', async () => {
    agent = await startAgent();
    const pid = agent.proc.pid!;
    await eventually(async () => (await status()).selfCost?.cpuRatio != null, 'a first figure');
    // A steady load inside the agent: two clients asking for status and history back to back.
    let loading = true;
    const load = async () => {
      while (loading) {
        await fetch(`${agent!.url}/api/history?metric=cpu.total&range=1h`).then((r) => r.text());
        await fetch(`${agent!.url}/api/status`).then((r) => r.text());
      }
    };
    const clients = [load(), load()];
    try {
      // Each figure covers the last 10 s: let the load fill that window first.
      await new Promise((r) => setTimeout(r, 11_000));
      const before = procStat(pid);
      const ratios: number[] = [];
      const rss: { shown: number; proc: number }[] = [];
      for (let i = 0; i < 8; i++) {
        await new Promise((r) => setTimeout(r, 1_000));
        const s = await status();
        rss.push({ shown: s.selfCost!.rssBytes!, proc: procStat(pid).rssBytes });
        ratios.push(s.selfCost!.cpuRatio!);
        expect(s.selfCost!.processes).toBe(1); // the sampler worker is a thread of the agent
        expect(s.selfCost!.throttled).toBe(false);
      }
      const after = procStat(pid);
      const expected = (after.cpuMs - before.cpuMs) / (after.at - before.at);
      const shown = ratios.reduce((a, b) => a + b, 0) / ratios.length;
      expect(expected).toBeGreaterThan(0.05); // the load is real
      // Eight figures (each over the 10 s before it) against the kernel's count over 8 s.
      expect(Math.abs(shown - expected), `shown ${shown}, /proc ${expected}`).toBeLessThan(
        0.05 + 0.2 * expected,
      );
      for (const r of rss) expect(Math.abs(r.shown - r.proc)).toBeLessThan(16 * 1024 * 1024);

      // /metrics: prom-client's process metrics count the same process. The first scrape loads
      // prom-client (lazily); the bracketed one below measures only a scrape.
      await (await fetch(`${agent.url}/metrics`)).text();
      const t0 = procStat(pid);
      const text = await (await fetch(`${agent.url}/metrics`)).text();
      const t1 = procStat(pid);
      const cpuSeconds = metric(text, 'process_cpu_seconds_total');
      expect(cpuSeconds * 1000).toBeGreaterThanOrEqual(t0.cpuMs - TICK_MS);
      // /proc counts utime and stime in whole ticks, each rounded down: up to two ticks short.
      expect(cpuSeconds * 1000).toBeLessThanOrEqual(t1.cpuMs + 2 * TICK_MS);
      const resident = metric(text, 'process_resident_memory_bytes');
      expect(Math.abs(resident - t1.rssBytes)).toBeLessThan(16 * 1024 * 1024);
      expect(metric(text, 'hostwatch_self_resident_memory_bytes')).toBeGreaterThan(0);
      const start = metric(text, 'process_start_time_seconds');
      expect(Math.abs(start * 1000 - Date.now())).toBeLessThan(120_000);
    } finally {
      loading = false;
      await Promise.all(clients);
    }
  });

  it('slows the processes collector ×4 above a tiny budget and restores it once raised', async () => {
    const dataDir = tempDataDir();
    const config = writeSettings(dataDir, {
      sampling: { ...DEFAULT_SETTINGS.sampling, processesSeconds: 2 },
      selfCost: { cpuBudgetPercent: 0.1, budgetMinutes: 1 },
    });
    agent = await startAgent({
      dataDir,
      args: ['--config', config],
      env: { HOSTWATCH_CPU_BUDGET_SCALE: '20' },
    });
    const slowed = await eventually(async () => {
      const s = await status();
      return s.selfCost?.throttled && s.notices.find((n) => n.code === 'cpu-budget') ? s : null;
    }, 'the budget to slow the collectors');
    const notice = slowed.notices.find((n) => n.code === 'cpu-budget')!;
    expect(notice.params).toMatchObject({ budgetPercent: 0.1, minutes: 1 });
    expect(Number(notice.params!.meanPercent)).toBeGreaterThan(0.1);
    expect(notice.message).toMatch(/above its budget of 0\.1%/);

    /** Distinct times the processes family was read over `ms`. */
    const readTimes = async (ms: number): Promise<number[]> => {
      const times = new Set<number>();
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const at = (await status()).snapshot?.families.processes.updatedAt;
        if (at) times.add(at);
        await new Promise((r) => setTimeout(r, 250));
      }
      return [...times].sort((a, b) => a - b);
    };
    const gaps = (t: number[]) => t.slice(1).map((x, i) => x - t[i]!);
    const slowGaps = gaps(await readTimes(20_000));
    expect(slowGaps.length).toBeGreaterThanOrEqual(1);
    for (const g of slowGaps) expect(g).toBeGreaterThanOrEqual(7_000); // 2 s × 4, less one tick

    // Raise the budget: the next judgement restores the set cadence.
    const { body: view } = await getJson<{ settings: Settings }>(`${agent.url}/api/settings`);
    view.settings.selfCost.cpuBudgetPercent = 100;
    const put = await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: view.settings }),
    });
    expect(put.status).toBe(200);
    await eventually(async () => {
      const s = await status();
      return !s.selfCost?.throttled && !s.notices.some((n) => n.code === 'cpu-budget');
    }, 'the collectors restored');
    const fastGaps = gaps(await readTimes(10_000));
    expect(fastGaps.length).toBeGreaterThanOrEqual(3);
    for (const g of fastGaps) expect(g).toBeLessThan(4_500);

    const events = (await getJson<EventRecord[]>(`${agent.url}/api/events?limit=500`)).body;
    const codes = events.filter((e) => e.code?.startsWith('cpu-')).map((e) => e.code);
    expect(codes).toContain('cpu-throttled');
    expect(codes).toContain('cpu-restored');
  });
});
