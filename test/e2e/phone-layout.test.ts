/**
 * Every view at phone widths (360, 390, 400 px) in English and Korean, in a real Chromium
 * against the real agent: no horizontal page scroll (wide tables scroll inside their card), and
 * on Settings the Save button is on screen and saves for real (read back through the API).
 * Screenshots at 390 px go to $HOSTWATCH_PHONE_SHOTS when set, for looking at.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import {
  getSettingsView,
  launchBrowser,
  setLanguage,
  sideOverflow,
  startAgent,
  tempDataDir,
  type Agent,
  type Browser,
} from './harness';

const WIDTHS = [360, 390, 400] as const;
const HEIGHT = 844;
const TABS = {
  en: {
    status: 'Status',
    history: 'History',
    events: 'Events',
    settings: 'Settings',
    save: 'Save',
    saved: 'Settings saved.',
    group: 'Group alerts within (s)',
  },
  ko: {
    status: '상태',
    history: '기록',
    events: '이벤트',
    settings: '설정',
    save: '저장',
    saved: '설정을 저장했습니다.',
    group: '경보 묶음 시간 (초)',
  },
} as const;
type Lang = keyof typeof TABS;
const VIEWS = ['status', 'history', 'events', 'settings'] as const;
const SHOTS = process.env.HOSTWATCH_PHONE_SHOTS;

let dataDir: string;
let agent: Agent;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = tempDataDir();
  agent = await startAgent(dataDir);
  browser = await launchBrowser({ width: 390, height: HEIGHT });
  page = browser.page;
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function useLanguage(lang: Lang): Promise<void> {
  await setLanguage(agent, lang);
  await page.goto(agent.url);
  await page.getByRole('tab', { name: TABS[lang].status, exact: true }).waitFor();
}

describe('the process tables at 360 px', () => {
  it('stay inside their card whatever the names and numbers (kernel workers, big PIDs)', async () => {
    await page.setViewportSize({ width: 360, height: HEIGHT });
    await useLanguage('en');
    await page.locator('table.proc-table td:nth-child(2)').first().waitFor();
    // The worst real rows: a kernel worker's name has no break opportunity.
    await page.evaluate(() => {
      const set = (col: number, text: string) => {
        for (const td of document.querySelectorAll(`table.proc-table td:nth-child(${col})`))
          td.textContent = text;
      };
      set(1, '4194304');
      set(2, 'kworker/u8:6-writeback-events_unbound');
      set(3, '100%');
      set(4, '1023.9 MB');
    });
    const o = await sideOverflow(page);
    expect(o.scroll, o.culprit).toBeLessThanOrEqual(o.inner);
  });
});

describe.each(['en', 'ko'] as const)('phone layout (%s)', (lang) => {
  it('no view scrolls sideways at 360, 390 and 400 px', { timeout: 120_000 }, async () => {
    await page.setViewportSize({ width: 390, height: HEIGHT });
    await useLanguage(lang);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT });
      for (const view of VIEWS) {
        await page.getByRole('tab', { name: TABS[lang][view], exact: true }).click();
        await page.locator(`.${view}-view`).first().waitFor();
        // Let layout settle after the tab switch (charts size themselves to their box).
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        const o = await sideOverflow(page);
        expect(o.scroll, `${lang} ${view} at ${width} px: ${o.culprit}`).toBeLessThanOrEqual(
          o.inner,
        );
        if (SHOTS && width === 390) {
          await page.screenshot({ path: join(SHOTS, `${view}-${lang}.png`), fullPage: true });
          await page.screenshot({ path: join(SHOTS, `${view}-${lang}-top.png`) });
        }
      }
    }
  });

  it('at 390 px the Save button is on screen and saves', { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 390, height: HEIGHT });
    await useLanguage(lang);
    await page.getByRole('tab', { name: TABS[lang].settings, exact: true }).click();
    const field = page.getByLabel(TABS[lang].group, { exact: true });
    const value = lang === 'en' ? '41' : '42';
    await field.fill(value);
    const save = page.getByRole('button', { name: TABS[lang].save, exact: true });
    const box = await save.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(HEIGHT);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await save.click();
    await page.getByText(TABS[lang].saved).waitFor();
    const { settings } = await getSettingsView(agent);
    expect(settings.notifications.groupWindowSeconds).toBe(Number(value));
    expect(settings.general.language).toBe(lang);
    // Nothing else changed.
    expect(settings.rules).toEqual(DEFAULT_SETTINGS.rules);
  });
});
