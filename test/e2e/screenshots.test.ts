/**
 * The README screenshots (docs/*.png), taken against a real agent whose data dir holds a seeded,
 * realistic week of history and events (see seed-history.ts, seed-events.ts), with default
 * settings: Status after a few seconds of live sampling, History over 24 h (min/max bands) and
 * 1 h, Events and Settings, in English and Korean, plus Status in the dark theme. First checks
 * that the agent serves the seeded history as its own.
 */
import { rmSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryResponse, SettingsView, Status } from '../../main/shared/contract';
import { launchBrowser, startAgent, tempDataDir, type Agent, type Browser } from './harness';
import { createEventReplay } from './seed-events';
import { seedHistory, type SeedResult } from './seed-history';

/** Families whose first reading the seed needs (rates need two samples). */
const NEEDED = ['cpu', 'load', 'memory', 'disk', 'diskio', 'network', 'uptime'] as const;
/** Time the seed takes on a slow shared machine; the seeded history ends this far ahead. */
const SEED_LEAD_MS = 20_000;
/** Live sampling before status screenshots: a sparkline's 60 points and a little more. */
const SPARK_WAIT_MS = 63_000;
/** Extra series on the History screenshots: the disk filling up and the web traffic. */
const EXTRA_SERIES = ['disk.used_pct{/}', 'net.tx_bps{eth0}'];

let dataDir: string;
let agent: Agent;
let seed: SeedResult;
let light: Browser;
let dark: Browser;

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${agent.url}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Waits until every needed family has a fresh reading (rates need a second sample). */
function allFresh(url: string): Promise<Status> {
  // vi.waitFor, not expect.poll: this runs in beforeAll.
  return vi.waitFor(
    async () => {
      const s = (await (await fetch(`${url}/api/status`)).json()) as Status;
      const fam = s.snapshot?.families;
      if (!NEEDED.every((f) => fam?.[f].status === 'ok')) throw new Error('families not fresh yet');
      return s;
    },
    { timeout: 30_000, interval: 250 },
  );
}

/** Reads this host's current values from a short-lived agent on an empty data dir. */
async function probeLiveValues(): Promise<{ status: Status; at: number }> {
  const dir = tempDataDir();
  const probe = await startAgent(dir);
  try {
    const status = await allFresh(probe.url);
    return { status, at: status.snapshot!.time };
  } finally {
    await probe.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until the agent has sampled for `ms` since it started. The sparklines keep 60 points;
 * the agent's first sample has no CPU or rates (they need two readings), which draws a break,
 * so status screenshots wait until it has left them.
 */
async function sampledFor(ms: number): Promise<void> {
  const { startedAt } = await getJson<Status>('/api/status');
  await expect
    .poll(async () => (await getJson<Status>('/api/status')).snapshot?.time ?? 0, {
      timeout: 90_000,
      interval: 1_000,
    })
    .toBeGreaterThanOrEqual(startedAt + ms);
}

async function setLanguage(language: 'en' | 'ko'): Promise<void> {
  const { settings } = await getJson<SettingsView>('/api/settings');
  const res = await fetch(`${agent.url}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ settings: { ...settings, general: { ...settings.general, language } } }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Two animation frames: whatever the last update scheduled is painted. */
function painted(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

/**
 * Status, once the sparklines hold a minute of live samples. The pages were loaded long before,
 * so the CPU that a page load costs is not what the cards show.
 */
async function shootStatus(page: Page, tab: string, path: string): Promise<void> {
  await openTab(page, tab);
  await page.getByTestId('value-uptime.seconds').waitFor();
  await sampledFor(SPARK_WAIT_MS);
  // The CPU sparkline is backfilled from history: a full line, not two points.
  await expect
    .poll(() => page.locator('.sparkline polyline').first().getAttribute('points'), {
      timeout: 10_000,
    })
    .toMatch(/^(\S+ ){50,}/);
  await painted(page);
  await page.screenshot({ path, fullPage: true });
}

/** History over a range, with the default series plus the extra ones. */
async function shootHistory(page: Page, tab: string, range: string, path: string): Promise<void> {
  await openTab(page, tab);
  const picker = page.locator('details.series-picker');
  await picker.locator('summary').click();
  for (const key of EXTRA_SERIES) {
    const box = picker.locator(`input[data-series="${key}"]`);
    if ((await box.count()) > 0 && !(await box.isChecked())) await box.check();
  }
  await picker.locator('summary').click();
  await page.getByRole('radio', { name: range }).check();
  // Minute rollups draw min/max bands and list them in the legend; raw samples do not.
  const bands = /min.*max|최소.*최대/;
  const legend = () => page.locator('.chart-panel').first().locator('.u-legend').textContent();
  if (range === '1 hour' || range === '1시간') await expect.poll(legend).not.toMatch(bands);
  else await expect.poll(legend).toMatch(bands);
  await page.locator('.chart canvas').first().waitFor();
  await painted(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
}

beforeAll(async () => {
  const probe = await probeLiveValues();
  const snapshot = probe.status.snapshot!;
  dataDir = tempDataDir();
  const replay = createEventReplay({ hostname: probe.status.host.displayName });
  seed = await seedHistory({
    dataDir,
    live: snapshot.values,
    liveAt: probe.at,
    now: Date.now() + SEED_LEAD_MS,
    onSample: (s, incidents) => replay.sample(s, incidents),
  });
  replay.write(dataDir);
  agent = await startAgent(dataDir);
  // The dashboard backfills sparklines only for series in the first status it gets, and the
  // first sample has no CPU or rates yet (they need two readings): load pages after that.
  await allFresh(agent.url);
  light = await launchBrowser({ width: 1280, height: 900 });
  dark = await launchBrowser({ width: 1280, height: 900, colorScheme: 'dark' });
  await light.page.goto(agent.url);
  await dark.page.goto(agent.url);
});

afterAll(async () => {
  await light?.close();
  await dark?.close();
  await agent?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('README screenshots on a seeded agent', () => {
  it('serves the seeded history as its own', async () => {
    expect(agent.output()).not.toMatch(/History write failed|invalid|unreadable/);
    const week = await getJson<HistoryResponse>('/api/history?metric=cpu.total&range=7d');
    expect(week.resolution).toBe('minute');
    const w = week.series[0]!;
    // A full week of minutes (the reboot gap aside), ending at the seeded end.
    expect(w.t.length).toBeGreaterThanOrEqual(7 * 1440 - 5);
    expect(w.t[0]!).toBeLessThanOrEqual(seed.now - 7 * 86_400_000 + 120_000);
    expect(w.avg.filter((v) => v !== null).length).toBeGreaterThan(7 * 1440 - 10);
    // The CPU spike of yesterday is in the rollups, with its min/max band around it.
    const at = w.t.findIndex((t) => t >= seed.incidents.cpuSpikeAt + 5 * 60_000);
    expect(w.avg[at]!).toBeGreaterThan(94);
    expect(w.max![at]!).toBeGreaterThanOrEqual(w.avg[at]!);
    const quiet = w.avg.filter((v): v is number => v !== null).sort((a, b) => a - b)[100]!;
    expect(quiet).toBeLessThan(30);

    const hour = await getJson<HistoryResponse>('/api/history?metric=cpu.total&range=1h');
    expect(hour.resolution).toBe('raw');
    const h = hour.series[0]!;
    expect(h.t.length).toBeGreaterThan(3_300);
    expect(h.t.at(-1)! - h.t[0]!).toBeGreaterThan(59 * 60_000);
    // 1 s samples up to the seeded end, and the first live sample within the 5 s after it, so
    // the chart draws no gap (a step over 5 s would be one).
    const end = h.t.findIndex((t) => t > seed.now);
    expect(end).toBeGreaterThan(5);
    expect(h.avg.slice(end - 5, end)).not.toContain(null);
    expect(h.t[end - 1]).toBe(seed.now);
    expect(h.t[end]! - seed.now).toBeLessThan(5_000);

    const events = await getJson<{ kind: string }[]>('/api/events?limit=500');
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['firing', 'resolved', 'delivered', 'suppressed', 'system'])
      expect(kinds).toContain(k);
  });

  it('writes the English screenshots', async () => {
    const { page } = light;
    await shootHistory(page, 'History', '24 hours', 'docs/history-en.png');
    await shootHistory(page, 'History', '1 hour', 'docs/history-1h-en.png');
    await shootHistory(page, 'History', '7 days', 'docs/history-7d-en.png');
    await openTab(page, 'Events');
    await page.locator('.event[data-kind="resolved"]').first().waitFor();
    await page.screenshot({ path: 'docs/events-en.png', fullPage: true });
    await openTab(page, 'Settings');
    await page.getByLabel('CPU: Warning').waitFor();
    expect(await page.getByLabel('CPU: Warning').inputValue()).toBe('85');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/settings-en.png' });
    await shootStatus(page, 'Status', 'docs/status-en.png');
    expect(light.errors).toEqual([]);
  });

  it('writes the dark-theme status screenshot', async () => {
    await shootStatus(dark.page, 'Status', 'docs/status-dark.png');
    expect(await dark.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      true,
    );
    expect(dark.errors).toEqual([]);
  });

  it('writes the Korean screenshots', async () => {
    const { page } = light;
    // The open page follows the saved language, as a user's would.
    await setLanguage('ko');
    await page.getByRole('tab', { name: '상태' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await shootStatus(page, '상태', 'docs/status-ko.png');
    await shootHistory(page, '기록', '24시간', 'docs/history-ko.png');
    await openTab(page, '이벤트');
    await page.locator('.event[data-kind="resolved"]').first().waitFor();
    await page.screenshot({ path: 'docs/events-ko.png', fullPage: true });
    await openTab(page, '설정');
    await page.getByLabel('CPU: 경고').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/settings-ko.png' });
    expect(light.errors).toEqual([]);
  });

  it('keeps the screenshots small', () => {
    const names = [
      'status-en',
      'status-ko',
      'status-dark',
      'history-en',
      'history-1h-en',
      'history-7d-en',
      'history-ko',
      'events-en',
      'events-ko',
      'settings-en',
      'settings-ko',
    ];
    const total = names.reduce((sum, n) => sum + statSync(`docs/${n}.png`).size, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });
});
