/**
 * Backtest and the Prometheus rules download, in a real Chromium against the real agent whose
 * data dir holds a seeded week of history (seed-history.ts: a CPU spike to ~97 % about 20 h ago,
 * an 18-minute batch job at ~89 % three days ago): the API answers `POST /api/backtest`, the
 * rules form says the same numbers in English and Korean at 390 px, says how older minutes were
 * read, marks a short "for" as approximate, updates as the numbers change, and Settings
 * downloads the rules file the agent makes.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestAnswer } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Rule, type Settings } from '../../main/shared/settings';
import {
  getSettingsView,
  launchBrowser,
  putSettings,
  startAgent,
  tempDataDir,
  type Agent,
  type Browser,
} from './harness';
import { createHistoryStore } from '../../main/adapters/history-store';
import { backtest } from '../../main/core/backtest';
import { seedHistory } from './seed-history';

let dataDir: string;
let agent: Agent;
let browser: Browser;
let page: Page;

const cpuRule = DEFAULT_SETTINGS.rules.find((r) => r.id === 'cpu')!;

beforeAll(async () => {
  dataDir = tempDataDir();
  const seeded = await seedHistory({
    dataDir,
    live: { 'cpu.total': 20, 'mem.used_pct': 40, 'load.per_core': 0.3 },
    now: Date.now() + 2_000,
  });
  // The precondition, read back from disk the way the agent will: the seeded week holds the
  // spike and the batch job. (A failure here is the seeding's, not the agent's.)
  const quiet = { info: () => {}, warn: console.warn, error: console.error };
  const store = createHistoryStore({ dir: join(dataDir, 'history'), logger: quiet });
  const onDisk = backtest(cpuRule, await store.load(), {
    range: '7d',
    now: Date.now(),
    gapMs: 5_000,
  });
  expect(
    onDisk.fired,
    JSON.stringify({ seeded, onDisk: { ...onDisk, episodes: [] } }),
  ).toBeGreaterThanOrEqual(2);
  agent = await startAgent(dataDir);
  browser = await launchBrowser({ width: 390, height: 844 });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function postBacktest(body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${agent.url}/api/backtest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function useLanguage(lang: 'en' | 'ko'): Promise<void> {
  const { settings } = await getSettingsView(agent);
  const next: Settings = { ...settings, general: { ...settings.general, language: lang } };
  await putSettings(agent, next);
  await page.goto(`${agent.url}/#/settings`);
  // Same URL but the hash: reload, so the form starts from the saved settings.
  await page.reload();
}

/** The CPU row's backtest sentence once it says something other than "checking". */
async function sentence(waitFor: RegExp): Promise<string> {
  const el = page.getByTestId('backtest-sentence');
  await expect.poll(async () => el.textContent(), { timeout: 20_000 }).toMatch(waitFor);
  return (await el.textContent()) ?? '';
}

describe('POST /api/backtest', () => {
  it('finds the seeded CPU spike and batch job over 7 days, with the minute note fields', async () => {
    const { status, json } = await postBacktest({ rule: cpuRule, range: '7d' });
    expect(status).toBe(200);
    const a = json as BacktestAnswer;
    // On failure, say what the agent had loaded (its log says "History loaded: …").
    const why = JSON.stringify({ ...a, episodes: a.episodes.length }) + '\n' + agent.output();
    expect(a.fired, why).toBeGreaterThanOrEqual(2);
    expect(a.critical).toBeGreaterThanOrEqual(1);
    expect(a.warning + a.critical).toBe(a.fired);
    expect(a.episodes).toHaveLength(a.fired);
    for (const e of a.episodes) {
      expect(e.series).toBe('cpu.total');
      expect(e.start).toBeGreaterThan(a.from);
      expect(['warning', 'critical']).toContain(e.severity);
    }
    expect(a.minuteValue).toBe('max');
    expect(a.resolution).toBe('mixed');
    expect(a.coverage).toBeGreaterThan(0.9);
    expect(a.approximate).toBe(false);
  });

  it('refuses a bad range and an invalid rule in words', async () => {
    const range = await postBacktest({ rule: cpuRule, range: '1h' });
    expect(range.status).toBe(400);
    expect(JSON.stringify(range.json)).toContain('The range is \\"24h\\" or \\"7d\\"');
    const rule = await postBacktest({ rule: { ...cpuRule, critical: 50 }, range: '7d' });
    expect(rule.status).toBe(400);
    expect(JSON.stringify(rule.json)).toContain('Critical must be at or above warning');
  });
});

describe('the rules form in Chromium (390 px)', () => {
  it('says what the API says, with the episodes on the timeline, and follows edits', async () => {
    await useLanguage('en');
    const api = (await postBacktest({ rule: cpuRule, range: '7d' })).json as BacktestAnswer;
    const text = await sentence(/Would have fired/);
    expect(text).toContain(`Would have fired ${api.fired} times in the last 7 days`);
    expect(text).toContain(`(${api.warning} warning, ${api.critical} critical)`);
    await expect.poll(() => page.getByTestId('backtest-episode').count()).toBe(api.fired);
    expect(await page.getByTestId('backtest-minute-note').textContent()).toContain(
      'each minute counts as its highest value',
    );
    expect(await page.getByTestId('backtest-approximate').count()).toBe(0);

    // A "for" shorter than a minute is said to be approximate.
    const forField = page.getByLabel('CPU: For (s)', { exact: true });
    await forField.fill('30');
    await expect
      .poll(() => page.getByTestId('backtest-approximate').count(), { timeout: 20_000 })
      .toBe(1);

    // Levels above the spike: nothing would have fired.
    await page.getByLabel('CPU: Critical', { exact: true }).fill('100');
    await page.getByLabel('CPU: Warning', { exact: true }).fill('99.5');
    expect(await sentence(/Would not have fired/)).toBe('Would not have fired in the last 7 days.');
    expect(await page.getByTestId('backtest-episode').count()).toBe(0);

    // No horizontal page scroll at 390 px.
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(390);
  });

  it('speaks Korean', async () => {
    await useLanguage('ko');
    const text = await sentence(/발생했을 것입니다/);
    expect(text).toContain('최근 7일 동안');
    expect(await page.getByTestId('backtest-minute-note').textContent()).toContain('최댓값');
    await useLanguage('en');
  });
});

describe('Settings → Prometheus rules', () => {
  it('downloads the rules file of the saved settings', async () => {
    const { settings } = await getSettingsView(agent);
    const rules: Rule[] = settings.rules.map((r) => (r.id === 'cpu' ? { ...r, warning: 77 } : r));
    // English whatever an earlier test left (a failed Korean test must not fail this one too).
    const general = { ...settings.general, language: 'en' as const };
    await putSettings(agent, { ...settings, general, rules });
    await page.goto(`${agent.url}/#/settings`);
    await page.reload();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Prometheus rules' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('hostwatch.rules.yml');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toContain('alert: HostwatchCpuWarning');
    expect(text).toContain('hostwatch_cpu_usage_ratio >= 0.77');
  });
});
