/**
 * "Test connection" on an Alertmanager row of Settings → Servers in a real Chromium at 360 px,
 * against a real Alertmanager serving TLS with a bcrypt basic-auth login and one active alert:
 * a wrong pin is a mismatch showing both fingerprints; "Pin this fingerprint", then a wrong
 * password says wrong credentials; the right one says the version and the active alerts. In
 * Korean, a saved entry tests with its saved password. No horizontal scroll.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../main/shared/settings';
import {
  postSecureAlerts,
  startSecureAlertmanager,
  type SecureAlertmanager,
} from '../fixtures/alertmanager';
import {
  getSettingsView,
  launchBrowser,
  startAgent,
  tempDataDir,
  type Agent,
  type Browser,
} from './harness';

const WRONG_PIN = `SHA256:${Array.from({ length: 32 }, () => '0A').join(':')}`;

let am: SecureAlertmanager;
let hub: Agent;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  am = await startSecureAlertmanager();
  await postSecureAlerts(am, [
    { labels: { alertname: 'DiskFull', instance: 'db01:9100', severity: 'critical' } },
  ]);
  hub = await startAgent(tempDataDir());
  browser = await launchBrowser({ width: 360, height: 780 });
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await am?.stop();
});

async function openSettings(tab: string): Promise<void> {
  await page.goto(hub.url);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByTestId('alertmanagers-section').waitFor();
}

const overflow = () =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function resultAfterTest(row: ReturnType<Page['getByTestId']>, button: string) {
  // Only called when the row shows no answer yet (a new row, or just pinned).
  await row.getByRole('button', { name: button }).click();
  const result = row.getByTestId('connection-result');
  await result.waitFor({ timeout: 20_000 });
  return result;
}

describe('Settings → Servers, Alertmanager rows', () => {
  it('tests a wrong pin, a wrong password and the right one in words (English, 360 px)', async () => {
    await openSettings('Settings');
    await page.getByRole('button', { name: '+ Add Alertmanager' }).click();
    const row = page.getByTestId('am-row-0');
    await row.getByLabel('Address').fill(am.url);
    await row.getByLabel('Certificate fingerprint').fill(WRONG_PIN);
    await row.getByLabel('Login').selectOption({ label: 'User name and password' });
    await row.getByLabel('User name').fill(am.user);
    await row.getByLabel('New password or token').fill('not-the-password');

    let result = await resultAfterTest(row, 'Test connection');
    expect(await result.getAttribute('data-code')).toBe('fingerprint-mismatch');
    const words = (await result.textContent()) ?? '';
    expect(words).toContain(`pinned ${WRONG_PIN}`);
    expect(words).toContain(`presents ${am.cert.fingerprint}`);
    expect(words).toContain('Nothing was sent');
    expect(await overflow()).toBeLessThanOrEqual(0);

    await row.getByRole('button', { name: 'Pin this fingerprint' }).click();
    expect(await row.getByLabel('Certificate fingerprint').inputValue()).toBe(am.cert.fingerprint);
    result = await resultAfterTest(row, 'Test connection');
    await expect
      .poll(() => result.getAttribute('data-code'), { timeout: 20_000 })
      .toBe('wrong-credentials');
    expect(await result.textContent()).toContain('Wrong credentials');

    await row.getByLabel('New password or token').fill(am.password);
    await row.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => row.getByTestId('connection-result').getAttribute('data-code'), {
        timeout: 20_000,
      })
      .toBe('ok');
    expect(await row.getByTestId('connection-result').textContent()).toMatch(
      /Connected: Alertmanager \d+\.\d+\.\d+, 1 active alerts, certificate SHA256:/,
    );
    expect(await overflow()).toBeLessThanOrEqual(0);
  }, 90_000);

  it('speaks Korean and tests a saved entry with its saved password', async () => {
    const { settings } = await getSettingsView(hub);
    const ko: Settings = {
      ...settings,
      general: { ...settings.general, language: 'ko' },
      fleet: {
        ...settings.fleet,
        alertmanagers: [
          {
            id: 'am-ko',
            name: 'AM ko',
            url: am.url,
            fingerprint: am.cert.fingerprint,
            trustSystemCa: false,
            auth: 'basic',
            username: am.user,
            enabled: true,
          },
        ],
      },
    };
    const put = await fetch(`${hub.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        settings: ko,
        secrets: { alertmanagerSecrets: { 'am-ko': am.password } },
      }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    await openSettings('설정');
    const row = page.getByTestId('am-row-0');
    expect(await row.getByTestId('am-secret-state').textContent()).toBe('저장됨');
    await row.getByRole('button', { name: '연결 테스트' }).click();
    await expect
      .poll(() => row.getByTestId('connection-result').textContent(), { timeout: 20_000 })
      .toMatch(/연결됨: Alertmanager \d+\.\d+\.\d+, 활성 알림 1개/);
    expect(await overflow()).toBeLessThanOrEqual(0);
  }, 60_000);
});
