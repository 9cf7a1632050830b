/**
 * Hostwatch's own cost in Chromium at 360 px against a real agent (issue 11): the Status footer
 * shows the memory /proc/<pid>/stat gives for the agent, says in words that the expensive
 * collectors are slowed once the CPU budget is exceeded (the notice too), in English and Korean;
 * the budget fields in Settings refuse a bad value in words. The budget's period runs 20× faster
 * through the test seam HOSTWATCH_CPU_BUDGET_SCALE, with a tiny budget the agent must exceed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { getJson, startAgent, tempDataDir, type AgentProcess } from '../agent/agent-process';
import { launchBrowser, type Browser } from './harness';

let agent: AgentProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dataDir = tempDataDir();
  const config = join(dataDir, 'custom-settings.json');
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    selfCost: { cpuBudgetPercent: 0.1, budgetMinutes: 1 },
  };
  writeFileSync(config, JSON.stringify(settings));
  agent = await startAgent({
    dataDir,
    args: ['--config', config],
    env: { HOSTWATCH_CPU_BUDGET_SCALE: '20' },
  });
  browser = await launchBrowser({ width: 360, height: 780 });
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop('SIGTERM');
});

/** Resident bytes of the agent process, read from the kernel here. */
function agentRss(): number {
  const text = readFileSync(`/proc/${agent.proc.pid}/stat`, 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[21]) * 4096;
}

async function setLanguage(language: 'en' | 'ko'): Promise<void> {
  const { body } = await getJson<{ settings: Settings }>(`${agent.url}/api/settings`);
  const res = await fetch(`${agent.url}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      settings: { ...body.settings, general: { ...body.settings.general, language } },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function expectNoSideScroll(): Promise<void> {
  const o = await page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(o.scroll).toBeLessThanOrEqual(o.inner);
}

describe('own cost in the browser', () => {
  it('shows the agent’s own CPU and memory under the Status cards at 360 px', async () => {
    await page.goto(agent.url);
    const footer = page.getByTestId('self-cost');
    await footer.waitFor({ timeout: 20_000 });
    const text = (await footer.locator('span').first().textContent()) ?? '';
    const m = /^Hostwatch uses ([\d.]+)% CPU · ([\d.]+) MiB \(1 process\)$/.exec(text);
    expect(m, text).not.toBeNull();
    const shownMiB = Number(m![2]);
    // Memory moves a little between the agent's reading and ours.
    expect(Math.abs(shownMiB - agentRss() / 2 ** 20)).toBeLessThan(12);
    // Over the first seconds (start-up, the dashboard served) it may pass one core, never all.
    expect(Number(m![1])).toBeLessThan(100 * cpus().length);
    await footer.scrollIntoViewIfNeeded();
    const box = (await footer.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await expectNoSideScroll();
  });

  it('says the collectors are slowed once over the budget, in the footer and a notice', async () => {
    await page.goto(agent.url);
    const slowed = page.getByTestId('self-cost-throttled');
    await slowed.waitFor({ timeout: 30_000 });
    expect(await slowed.textContent()).toBe(
      ' Processes and temperatures are read 4× less often to stay within its CPU budget.',
    );
    await expect
      .poll(() => page.getByText(/above its budget of 0\.1%: processes and temperatures/).count())
      .toBeGreaterThan(0);
    await expectNoSideScroll();
  });

  it('says all of it in Korean', async () => {
    await setLanguage('ko');
    await page.goto(agent.url);
    const footer = page.getByTestId('self-cost');
    await expect
      .poll(async () => (await footer.textContent()) ?? '', { timeout: 20_000 })
      .toMatch(
        /^Hostwatch 사용량: CPU [\d.]+% · [\d.]+ MiB \(프로세스 1개\) CPU 예산을 지키기 위해/,
      );
    await expect.poll(() => page.getByText(/예산 0\.1%를 넘었습니다/).count()).toBeGreaterThan(0);
    await expectNoSideScroll();
    await setLanguage('en');
  });

  it('refuses a budget out of range in words in Settings, keeping what was typed', async () => {
    await page.goto(agent.url);
    await page.getByRole('tab', { name: 'Settings', exact: true }).click();
    const field = page.getByLabel('CPU budget (% of one core, 0.1–100)');
    await field.fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const described = await field.getAttribute('aria-describedby');
    const error = page.locator(`[id="${described!.split(' ')[0]}"]`);
    await expect
      .poll(() => error.textContent())
      .toContain(
        'Write the CPU budget as a number from 0.1 to 100 (% of one core), e.g. 1 for 1 %',
      );
    expect(await field.inputValue()).toBe('0');
    const { body } = await getJson<{ settings: Settings }>(`${agent.url}/api/settings`);
    expect(body.settings.selfCost.cpuBudgetPercent).toBe(0.1);
    await expectNoSideScroll();
  });
});
