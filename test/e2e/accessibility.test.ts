/**
 * Accessibility of the dashboard in a real Chromium against the real agent: axe-core's WCAG 2.0
 * and 2.1 A/AA rules on every tab, in the light and dark colour schemes, in English (all rules
 * fine) and Korean (a warning and a critical rule firing, and the settings form showing its
 * error summary); plus keyboard use: Tab reaches the tabs, arrow keys switch them, focus is
 * visible, and Save is reachable and works.
 */
import type { AxeResults, RunOptions } from 'axe-core';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../main/shared/settings';
import { en } from '../../renderer/i18n/en';
import { ko } from '../../renderer/i18n/ko';
import {
  getSettingsView,
  launchChromium,
  putSettings,
  startAgent,
  tempDataDir,
  type Agent,
} from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
/** WCAG 2.0 and 2.1, levels A and AA: what the issue asks for. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TABS = ['status', 'history', 'events', 'settings'] as const;
type Tab = (typeof TABS)[number];
const DICTS = { en, ko } as const;

/** One axe violation, flattened for a readable failure message. */
interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly summary: string }[];
}

/** The part of axe-core's global this test calls. */
interface AxeApi {
  run(context: Document, options: RunOptions): Promise<AxeResults>;
}

let dataDir: string;
let agent: Agent;
let browser: Browser;

const getSettings = async (): Promise<Settings> => (await getSettingsView(agent)).settings;

/**
 * A page in a fresh context. `bypassCSP` only here: the dashboard's CSP (`script-src 'self'`,
 * as a header and a meta tag) rightly refuses the inline axe-core script this test injects.
 */
async function openPage(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({
    colorScheme,
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(agent.url);
  await page.getByTestId('value-uptime.seconds').filter({ hasText: /\d/ }).waitFor();
  return page;
}

/** Runs axe on the whole document and returns its violations. */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: AxeApi }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: n.failureSummary ?? '',
      })),
    }));
  }, WCAG_TAGS);
}

/** Fails with each violation's id, help and target nodes. */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
  expect(report, `axe violations on ${where}`).toEqual([]);
}

/** Opens a tab and waits until its content (with live data) is drawn. */
async function openTab(page: Page, lang: 'en' | 'ko', tab: Tab): Promise<void> {
  await page.getByRole('tab', { name: DICTS[lang][`nav.${tab}`], exact: true }).click();
  if (tab === 'status') await page.locator('.sparkline').first().waitFor();
  if (tab === 'history') {
    await page.locator('.chart-panel').nth(2).locator('canvas').waitFor();
    // Each canvas is an image named by what it draws (axe cannot see into a canvas).
    const summary =
      lang === 'en'
        ? /^CPU chart, last 1 hour: lowest \d.*%, highest \d.*%, latest \d.*%$/
        : /^CPU 차트, 최근 1시간: 최저 \d.*%, 최고 \d.*%, 최신 \d.*%$/;
    const cpu = page.locator('.chart-panel[data-series="cpu.total"] canvas');
    await expect.poll(() => cpu.getAttribute('aria-label')).toMatch(summary);
    const canvases = await page
      .locator('.chart canvas')
      .evaluateAll((all) => all.map((c) => [c.getAttribute('role'), c.getAttribute('aria-label')]));
    expect(canvases.length).toBeGreaterThanOrEqual(3);
    for (const [role, label] of canvases) {
      expect(role).toBe('img');
      expect(label).toMatch(lang === 'en' ? /latest \d/ : /최신 \d/);
    }
  }
  if (tab === 'events') await page.locator('.event').first().waitFor();
  if (tab === 'settings') await page.locator('.settings-form').waitFor();
}

beforeAll(async () => {
  dataDir = tempDataDir();
  agent = await startAgent(dataDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each([
  { lang: 'en' as const, state: 'all rules fine' },
  { lang: 'ko' as const, state: 'a warning and a critical rule firing' },
])('axe WCAG 2.1 AA, $lang, $state', ({ lang }) => {
  beforeAll(async () => {
    if (lang !== 'ko') return;
    const settings = await getSettings();
    const rules = settings.rules.map((r) =>
      r.id === 'cpu'
        ? { ...r, warning: 0.0001, critical: null, clear: 0, forSeconds: 0 }
        : r.id === 'memory'
          ? { ...r, warning: 0.0001, critical: 0.0002, clear: 0, forSeconds: 0 }
          : r,
    );
    await putSettings(agent, {
      ...settings,
      general: { ...settings.general, language: 'ko' },
      rules,
    });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no violations on any tab in the ${scheme} scheme`, async () => {
      const page = await openPage(scheme);
      try {
        if (lang === 'ko') {
          await page.locator('.banner[data-health="critical"]').waitFor({ timeout: 20_000 });
          expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
        }
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
          scheme === 'dark',
        );
        for (const tab of TABS) {
          await openTab(page, lang, tab);
          await expectNoViolations(page, `${tab} (${lang}, ${scheme})`);
        }
        if (lang === 'ko') {
          // The error colours: a field error and the summary that Save shows.
          await page.getByLabel(`CPU: ${ko['settings.warning']}`).fill('150');
          // The pointer stays on Save after the click, so its hover colours are checked too.
          await page.getByRole('button', { name: ko['settings.save'], exact: true }).click();
          await page.getByRole('alert').first().waitFor();
          await expectNoViolations(page, `settings with errors (${lang}, ${scheme})`);
        }
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('keyboard', () => {
  it('reaches the tabs, switches them with arrow keys, shows focus and saves settings', async () => {
    const settings = await getSettings();
    await putSettings(agent, { ...settings, general: { ...settings.general, language: 'en' } });
    const page = await openPage('light');
    try {
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          return {
            role: el.getAttribute('role'),
            text: el.textContent?.trim() ?? '',
            selected: el.getAttribute('aria-selected'),
            focusVisible: el.matches(':focus-visible'),
            // A visible focus indicator: an outline or a box-shadow ring.
            indicator: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
          };
        });

      // Tab from the top of the page: the selected tab is the first stop (roving tabindex).
      await page.keyboard.press('Tab');
      expect(await focused()).toEqual({
        role: 'tab',
        text: 'Status',
        selected: 'true',
        focusVisible: true,
        indicator: true,
      });

      await page.keyboard.press('ArrowRight');
      expect(await focused()).toMatchObject({ role: 'tab', text: 'History', selected: 'true' });
      await page.locator('.chart canvas').first().waitFor();
      await page.keyboard.press('End');
      expect(await focused()).toMatchObject({ role: 'tab', text: 'Settings', selected: 'true' });
      await page.keyboard.press('ArrowLeft');
      expect(await focused()).toMatchObject({ role: 'tab', text: 'Events', selected: 'true' });
      await page.keyboard.press('ArrowRight');
      await page.locator('.settings-form').waitFor();
      expect(await focused()).toMatchObject({ role: 'tab', text: 'Settings', selected: 'true' });

      // Into the form: the first text field gets a visible focus ring; typing makes it dirty.
      const name = page.getByLabel(en['settings.displayName'], { exact: true });
      for (let i = 0; i < 40 && !(await name.evaluate((el) => el === document.activeElement)); i++)
        await page.keyboard.press('Tab');
      expect(await focused()).toMatchObject({ focusVisible: true, indicator: true });
      await page.keyboard.type('keyboard-host');

      // Save, enabled by the edit, is reachable with Tab alone and submits with Enter.
      const save = page.getByRole('button', { name: en['settings.save'], exact: true });
      let stops = 0;
      while (!(await save.evaluate((el) => el === document.activeElement))) {
        expect(stops++, 'Tab stops before Save').toBeLessThan(200);
        await page.keyboard.press('Tab');
        const f = await focused();
        expect(f?.indicator, `focus indicator on ${JSON.stringify(f)}`).toBe(true);
      }
      await page.keyboard.press('Enter');
      await page.getByText(en['settings.saved']).waitFor();
      expect((await getSettings()).general.displayName).toBe('keyboard-host');
    } finally {
      await page.context().close();
    }
  });
});
