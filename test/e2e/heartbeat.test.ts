/**
 * Settings → Heartbeat in a real Chromium at 360 px against the real agent: bad values (an hour
 * written as 8:30 or 24, an ftp:// URL, an interval of 0 minutes, a ping without a URL) each get
 * their own words next to their field, in English and in Korean, without sideways scrolling;
 * Save then stores nothing. Good values save, and the agent's API returns them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HEARTBEAT, type HeartbeatSettings } from '../../main/shared/settings';
import { DICTIONARIES } from '../../renderer/i18n';
import {
  getSettingsView,
  launchBrowser,
  putSettings,
  startAgent,
  tempDataDir,
  type Agent,
  type Browser,
} from './harness';

let agent: Agent;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  agent = await startAgent(tempDataDir());
  browser = await launchBrowser({ width: 360, height: 800 });
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

type Lang = 'en' | 'ko';
const words = (lang: Lang) => DICTIONARIES[lang];

/** Sets the UI language and a heartbeat with both parts off through the API; opens Settings. */
async function openSettings(lang: Lang): Promise<void> {
  const { settings } = await getSettingsView(agent);
  await putSettings(agent, {
    ...settings,
    general: { ...settings.general, language: lang },
    heartbeat: DEFAULT_HEARTBEAT,
  });
  await page.goto(agent.url);
  await page.getByRole('tab', { name: words(lang)['nav.settings'], exact: true }).click();
  await page.getByLabel(words(lang)['heartbeat.urlEnabled']).waitFor();
}

const field = (lang: Lang, key: keyof (typeof DICTIONARIES)['en']) =>
  page.getByLabel(words(lang)[key], { exact: true });

/** The error shown for the field labelled `key` (its first aria-describedby element). */
const errorOf = (lang: Lang, key: keyof (typeof DICTIONARIES)['en']) =>
  field(lang, key).evaluate((el) => {
    const id = el.getAttribute('aria-invalid') ? el.getAttribute('aria-describedby') : null;
    return id ? (document.getElementById(id.split(' ')[0]!)?.textContent ?? '') : '';
  });

/** How far the page or any shown field error reaches past the 360 px viewport. */
const overflow = () =>
  page.evaluate(() => {
    const errors = [...document.querySelectorAll('[aria-invalid="true"]')].map((el) => {
      const id = el.getAttribute('aria-describedby')?.split(' ')[0];
      return id ? (document.getElementById(id)?.getBoundingClientRect().right ?? 0) : 0;
    });
    return Math.max(document.documentElement.scrollWidth, ...errors) - window.innerWidth;
  });

const stored = async (): Promise<HeartbeatSettings> =>
  (await getSettingsView(agent)).settings.heartbeat;

/** Fills every heartbeat field with a bad value and checks each one's own words. */
async function badValues(lang: Lang): Promise<void> {
  const w = words(lang);
  const before = await stored();
  await field(lang, 'heartbeat.urlEnabled').check();
  expect(await errorOf(lang, 'heartbeat.url')).toContain(w['error.heartbeatUrlRequired']);
  await field(lang, 'heartbeat.url').fill('ftp://hc.example/ping');
  expect(await errorOf(lang, 'heartbeat.url')).toContain(w['error.heartbeatUrl']);
  await field(lang, 'heartbeat.intervalMinutes').fill('0');
  expect(await errorOf(lang, 'heartbeat.intervalMinutes')).toContain(w['error.heartbeatInterval']);
  await field(lang, 'heartbeat.intervalMinutes').fill('1441');
  expect(await errorOf(lang, 'heartbeat.intervalMinutes')).toContain(w['error.heartbeatInterval']);
  await field(lang, 'heartbeat.emailEnabled').check();
  await field(lang, 'heartbeat.hour').fill('8:30');
  expect(await errorOf(lang, 'heartbeat.hour')).toContain(w['error.heartbeatHour']);
  await field(lang, 'heartbeat.hour').fill('24');
  expect(await errorOf(lang, 'heartbeat.hour')).toContain(w['error.heartbeatHour']);
  // The words are the field's own, not the generic bounds.
  expect(await errorOf(lang, 'heartbeat.hour')).not.toContain(
    w['error.max'].replace('{max}', '23'),
  );
  expect(await overflow()).toBeLessThanOrEqual(0);

  await page.getByRole('button', { name: w['settings.save'], exact: true }).click();
  await page.getByText(w['settings.summary'].split('{')[0]!.trim()).first().waitFor();
  expect(await stored()).toEqual(before);
  // What was typed stays in the form.
  expect(await field(lang, 'heartbeat.url').inputValue()).toBe('ftp://hc.example/ping');
}

/** Fills good values, saves, and returns what the agent then holds. */
async function goodValues(lang: Lang, hour: number, minutes: number): Promise<HeartbeatSettings> {
  const w = words(lang);
  // The ping goes to the agent itself: loopback only.
  await field(lang, 'heartbeat.url').fill(`${agent.url}/api/status`);
  await field(lang, 'heartbeat.intervalMinutes').fill(String(minutes));
  await field(lang, 'heartbeat.hour').fill(String(hour));
  for (const key of ['heartbeat.url', 'heartbeat.intervalMinutes', 'heartbeat.hour'] as const) {
    expect(await errorOf(lang, key)).toBe('');
  }
  await page.getByRole('button', { name: w['settings.save'], exact: true }).click();
  await page.getByText(w['settings.saved']).first().waitFor();
  return stored();
}

describe('Settings → Heartbeat at 360 px', () => {
  it('says what is wrong with each field in English, then saves good values', async () => {
    await openSettings('en');
    await badValues('en');
    expect(await goodValues('en', 7, 10)).toEqual({
      email: { enabled: true, hour: 7 },
      url: { enabled: true, url: `${agent.url}/api/status`, intervalMinutes: 10 },
    });
  }, 120_000);

  it('says the same in Korean, then saves good values', async () => {
    await openSettings('ko');
    await badValues('ko');
    expect(await goodValues('ko', 21, 30)).toEqual({
      email: { enabled: true, hour: 21 },
      url: { enabled: true, url: `${agent.url}/api/status`, intervalMinutes: 30 },
    });
  }, 120_000);
});
