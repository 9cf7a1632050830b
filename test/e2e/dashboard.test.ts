/**
 * The dashboard in a real Chromium against the real agent process: live values, settings
 * validation and persistence, a forced breach reaching the banner and the event list, the
 * Korean UI, no console errors. The docs/ screenshots come from screenshots.test.ts, on an agent
 * with a seeded history and default settings.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, Status } from '../../main/shared/contract';
import { leakedEnglish } from '../renderer/leaked-english';
import {
  getSettingsView,
  launchBrowser,
  putSettings,
  startAgent,
  tempDataDir,
  type Agent,
  type Browser,
} from './harness';

let dataDir: string;
let agent: Agent;
let browser: Browser;
let page: Page;

async function getStatus(): Promise<Status> {
  const res = await fetch(`${agent.url}/api/status`);
  expect(res.status).toBe(200);
  return (await res.json()) as Status;
}

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** Visible UI text of the main area, without data (process names, paths, server messages). */
function uiText(): Promise<string> {
  return page.evaluate(() => {
    const clone = document.querySelector('.app')!.cloneNode(true) as HTMLElement;
    clone
      .querySelectorAll('[data-dynamic], .u-legend, .visually-hidden')
      .forEach((n) => n.remove());
    const controls = [...clone.querySelectorAll('input, select, textarea')];
    controls.forEach((n) => n.remove());
    return clone.innerText;
  });
}

beforeAll(async () => {
  dataDir = tempDataDir();
  agent = await startAgent(dataDir);
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dashboard against the real agent', () => {
  it('loads and shows values that update live', async () => {
    await page.goto(agent.url);
    const uptime = page.getByTestId('value-uptime.seconds');
    await expect.poll(() => uptime.textContent(), { timeout: 20_000 }).toMatch(/\d/);
    // Every tick brings a new sample: a newer sample time on the page proves the SSE stream
    // reaches it (the uptime text itself changes only once a minute past the first hour).
    const view = page.locator('.status-view');
    const first = Number(await view.getAttribute('data-sample-time'));
    await expect
      .poll(async () => Number(await view.getAttribute('data-sample-time')), { timeout: 15_000 })
      .toBeGreaterThan(first);
    expect(await page.title()).toMatch(/— Hostwatch$/);
    await expect.poll(() => page.getByTestId('value-cpu.total').textContent()).toMatch(/%$/);
  });

  it('switches the history between minute rollups and raw samples', async () => {
    await openTab('History');
    // Minute rollups (24 h) draw min/avg/max bands: the legend lists min and max.
    await page.getByRole('radio', { name: '24 hours' }).check();
    await expect
      .poll(() => page.locator('.chart-panel').first().locator('.u-legend').textContent())
      .toMatch(/min.*max/);
    await page.getByRole('radio', { name: '5 min' }).check();
    await expect
      .poll(() => page.locator('.chart-panel').first().locator('.u-legend').textContent())
      .not.toMatch(/min/);
    await page.locator('.chart canvas').first().waitFor();
    // Without the cursor on a chart its legend shows the latest sample, not dashes.
    await expect
      .poll(() => page.locator('.chart-panel').first().locator('.u-legend').textContent())
      .toMatch(/\d%/);
    expect(
      await page.locator('.chart-panel').first().locator('.u-legend').textContent(),
    ).not.toContain('—');
  });

  it('shows a field error for an invalid threshold and saves nothing', async () => {
    await openTab('Settings');
    const before = await getSettingsView(agent);
    const fileBefore = readFileOrNull(before.path);
    const warning = page.getByLabel('CPU: Warning');
    await warning.fill('150');
    await expect
      .poll(() => page.locator('[data-error-for="rules.0.warning"]').textContent())
      .toContain('A percentage is at most 100');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/Nothing was saved/);
    expect((await getSettingsView(agent)).settings).toEqual(before.settings);
    expect(readFileOrNull(before.path)).toBe(fileBefore);
    await page.getByRole('button', { name: 'Revert' }).click();
    expect(await warning.inputValue()).toBe(String(before.settings.rules[0]!.warning));
  });

  it('persists a valid change across an agent restart', async () => {
    const warning = page.getByLabel('CPU: Warning');
    await warning.fill('80');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await getSettingsView(agent)).settings.rules.find((r) => r.id === 'cpu')!.warning).toBe(
      80,
    );

    // Leave the page first, so the stopped agent does not show up as console errors.
    await page.goto('about:blank');
    await agent.stop();
    agent = await startAgent(dataDir);
    expect((await getSettingsView(agent)).settings.rules.find((r) => r.id === 'cpu')!.warning).toBe(
      80,
    );
    await page.goto(agent.url);
    await openTab('Settings');
    expect(await page.getByLabel('CPU: Warning').inputValue()).toBe('80');
  });

  it('shows a forced breach in the banner and the event list within seconds', async () => {
    const { settings } = await getSettingsView(agent);
    const rules = settings.rules.map((r) =>
      r.id === 'cpu'
        ? { ...r, warning: 0.0001, critical: null, clear: 0, forSeconds: 0, repeatMinutes: 0 }
        : r,
    );
    await putSettings(agent, { ...settings, rules });
    await openTab('Status');
    const banner = page.locator('.banner');
    await expect
      .poll(() => banner.getAttribute('data-health'), { timeout: 20_000 })
      .toBe('warning');
    expect(await banner.locator('[role="status"]').textContent()).toMatch(/WARNING:CPU \d/);
    expect(await page.title()).toMatch(/^▲ WARNING — /);
    await openTab('Events');
    await expect
      .poll(() => page.locator('.event[data-kind="firing"]').first().textContent(), {
        timeout: 10_000,
      })
      .toMatch(/CPU is Warning: .*threshold/);
  });

  it('opens the event a notification points at (#/events?focus=)', async () => {
    const res = await fetch(`${agent.url}/api/events?limit=500`);
    const events = (await res.json()) as EventRecord[];
    const fired = events.find((e) => e.kind === 'firing' && e.ruleId === 'cpu')!;
    expect(fired).toBeTruthy();
    await openTab('Status');
    // What the tray app does on an open window: only the hash changes.
    await page.evaluate((t) => (window.location.hash = `#/events?focus=${t}`), fired.time);
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Events');
    const current = page.locator('.event[aria-current="true"]');
    await expect.poll(() => current.count()).toBe(1);
    expect(await current.getAttribute('data-kind')).toBe('firing');
    expect(await current.evaluate((el) => el === document.activeElement)).toBe(true);
    // Switching tabs rewrites the hash without adding history entries.
    const length = await page.evaluate(() => history.length);
    await openTab('Status');
    expect(await page.evaluate(() => location.hash)).toBe('#/status');
    expect(await page.evaluate(() => history.length)).toBe(length);
  });

  it('snoozes and resumes one rule from the banner', async () => {
    await openTab('Status');
    const group = page.getByRole('group', { name: 'Snooze notifications for CPU' });
    await group.getByRole('button', { name: '1 hour', exact: true }).click();
    const row = page.locator('.banner [data-rule="cpu"]');
    await expect.poll(() => row.textContent()).toMatch(/snoozed until/);
    const snoozed = await getStatus();
    expect(typeof snoozed.snooze.rules.cpu).toBe('number');
    expect(snoozed.snooze.all).toBeNull();
    const resume = page.getByRole('button', { name: 'Resume notifications for CPU' });
    expect(await resume.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await group.waitFor();
    expect((await getStatus()).snooze.rules).toEqual({});
  });

  it('switches every label to Korean', async () => {
    await openTab('Settings');
    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('tab', { name: '설정' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(leakedEnglish(await uiText())).toEqual([]);
    await page.getByLabel('CPU: 경고').waitFor();

    await openTab('상태');
    await page.getByTestId('value-uptime.seconds').waitFor();
    expect(leakedEnglish(await uiText())).toEqual([]);

    await openTab('이벤트');
    await page.locator('.event').first().waitFor();
    expect(leakedEnglish(await uiText())).toEqual([]);
    // System events (started, settings saved, snoozed, resumed) and the policy's and email
    // channel's reasons are translated now, so none is skipped as raw engine text...
    expect(await page.locator('.event[data-kind="system"]').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.event-list [data-dynamic]').count()).toBe(0);
    // ...and no English word is left in any event line (CPU is the metric's name in Korean too;
    // rule ids and the SMTP acronym are data).
    const lines = await page.locator('.event-list .event').allInnerTexts();
    const latin = lines.flatMap(
      (l) => l.replace(/\b(CPU|SMTP|cpu)\b/g, '').match(/[A-Za-z]+/g) ?? [],
    );
    expect(latin, lines.join('\n')).toEqual([]);

    await openTab('기록');
    await page.getByRole('radio', { name: '5분' }).check();
    await page.locator('.chart canvas').first().waitFor();
    expect(leakedEnglish(await uiText())).toEqual([]);
    expect(await page.title()).toMatch(/^▲ 경고 — /);
  });

  it('logged no console errors', () => {
    expect(browser.errors).toEqual([]);
  });
});

function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
