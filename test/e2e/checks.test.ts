/**
 * Endpoint checks in Chromium at 390 px against a real agent and real local servers: an HTTPS
 * server on 127.0.0.2 with a certificate from the test CA (trusted through NODE_EXTRA_CA_CERTS),
 * a closed port and an expired certificate. A check is added in the form (a bad interval gets
 * its error in words and loses nothing), Run now says the result in words, Save stores it, and
 * the Status card shows each check up or down; then the same in Korean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Status } from '../../main/shared/contract';
import { addChecks } from '../../main/shared/check-rules';
import { checkSchema } from '../../main/shared/checks';
import type { Settings } from '../../main/shared/settings';
import { getJson, startAgent, type AgentProcess } from '../agent/agent-process';
import { checkCerts, leaf } from '../fixtures/checks/certs';
import { closeAll, closedPort, httpsServer } from '../fixtures/checks/servers';
import {
  expectNoSideScroll,
  getSettingsView,
  launchBrowser,
  PHONE,
  putSettings,
  setLanguage,
  type Browser,
} from './harness';

const DAY = 86_400_000;
let agent: AgentProcess;
let browser: Browser;
let page: Page;
let goodPort: number;
let shutPort: number;
let expiredPort: number;

const settingsOf = async (): Promise<Settings> => (await getSettingsView(agent)).settings;
const noSideScroll = (what: string) => expectNoSideScroll(page, what);

beforeAll(async () => {
  const certs = await checkCerts();
  const now = Date.now();
  const onTwo = await leaf(
    certs.ca,
    '127.0.0.2',
    [{ type: 7, ip: '127.0.0.2' }],
    new Date(now - DAY),
    new Date(now + 40 * DAY),
  );
  goodPort = await httpsServer(onTwo, (_req, res) => res.end('<h1>Shop is open</h1>'), '127.0.0.2');
  expiredPort = await httpsServer(certs.expired, (_req, res) => res.end('old'));
  shutPort = await closedPort();
  agent = await startAgent({
    args: ['--host', '127.0.0.3'],
    env: { NODE_EXTRA_CA_CERTS: certs.caFile },
  });
  // Two checks that fail, saved through the API; the one that works is added in the form.
  const base = await settingsOf();
  await putSettings(
    agent,
    addChecks(base, [
      checkSchema.parse({
        id: 'old-cert',
        name: 'Old certificate',
        kind: 'http',
        url: `https://localhost:${expiredPort}/`,
        intervalSeconds: 10,
      }),
      checkSchema.parse({
        id: 'shut-port',
        name: 'Shut port',
        kind: 'tcp',
        address: `127.0.0.1:${shutPort}`,
        intervalSeconds: 10,
      }),
    ]),
  );
  browser = await launchBrowser(PHONE);
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop('SIGTERM');
  await closeAll();
});

describe('endpoint checks in the browser', () => {
  it('adds a check in the form at 390 px, runs it, saves it and shows it on Status (English)', async () => {
    await page.goto(agent.url);
    await page.getByRole('tab', { name: 'Settings', exact: true }).click();
    const section = page.getByTestId('checks-section');
    await section.getByRole('button', { name: '+ Add check' }).click();
    const form = page.getByTestId('check-form');
    await form.getByLabel('Name', { exact: true }).fill('Shop');
    await form.getByLabel('Id (used in rules and series)').fill('shop');
    await form.getByLabel('URL', { exact: true }).fill(`https://127.0.0.2:${goodPort}/`);
    await form.getByLabel('Keyword', { exact: true }).fill('Shop is open');
    const interval = form.getByLabel('Interval (seconds, at least 10)');
    await interval.fill('5');
    await expect
      .poll(() => form.locator('[data-error-for="checkForm.intervalSeconds"]').textContent())
      .toContain('Run a check at most every 10 seconds');
    // Run now refuses while a field is wrong, and keeps what was typed.
    await form.getByRole('button', { name: '▶ Run now' }).click();
    await form.getByText('Fix the marked fields first.').waitFor();
    expect(await form.getByLabel('URL', { exact: true }).inputValue()).toBe(
      `https://127.0.0.2:${goodPort}/`,
    );
    await interval.fill('10');
    await noSideScroll('settings with the check form');

    await form.getByRole('button', { name: '▶ Run now' }).click();
    const result = form.getByTestId('check-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-up')).toBe('true');
    const words = await result.textContent();
    expect(words).toMatch(/● Up in \d+ ms/);
    expect(words).toMatch(/Phases: connect \d+ ms, TLS \d+ ms, first byte \d+ ms/);
    expect(words).toContain('HTTP status: 200');
    expect(words).toContain('CN=Hostwatch Test CA');
    expect(words).toMatch(/\(39 day\(s\) left\)/);

    await form.getByRole('button', { name: 'Keep this check' }).click();
    await section.locator('tr[data-check-id="shop"]').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    const saved = await settingsOf();
    expect(saved.checks.find((c) => c.id === 'shop')).toMatchObject({
      kind: 'http',
      url: `https://127.0.0.2:${goodPort}/`,
      keyword: 'Shop is open',
      intervalSeconds: 10,
    });
    expect(saved.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['shop.down', 'shop.cert', 'shop.slow']),
    );
    await noSideScroll('settings with the checks table');

    await page.getByRole('tab', { name: 'Status', exact: true }).click();
    const card = page.locator('.checks-card');
    const stateOf = (id: string) =>
      card.locator(`[data-check-id="${id}"]`).getAttribute('data-state', { timeout: 1_000 });
    await expect.poll(() => stateOf('shop'), { timeout: 40_000 }).toBe('up');
    await expect.poll(() => stateOf('old-cert'), { timeout: 40_000 }).toBe('down');
    await expect.poll(() => stateOf('shut-port'), { timeout: 40_000 }).toBe('down');
    // Failing ones first, each in words.
    const order = await card
      .locator('[data-check-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-check-id')));
    expect(order.indexOf('shop')).toBe(2);
    await card.getByText('TLS: the certificate expired on').waitFor();
    await card.getByText(`Connection refused by 127.0.0.1 port ${shutPort}`).waitFor();
    await card.getByText('2 of 3 checks failing').waitFor();
    expect(await card.locator('[data-check-id="shop"]').textContent()).toMatch(
      /Response time\d+ ms.*Certificate39 day\(s\) left/,
    );
    await noSideScroll('status with the checks card');
  }, 120_000);

  it('says it in Korean: the card, the table and Run now', async () => {
    await setLanguage(agent, 'ko');
    await page.goto(agent.url);
    await page.getByRole('tab', { name: '상태', exact: true }).waitFor();
    const card = page.locator('.checks-card');
    await card.getByText('엔드포인트 검사').waitFor({ timeout: 20_000 });
    await card.getByText(`127.0.0.1 포트 ${shutPort}에서 연결을 거부했습니다`).waitFor({
      timeout: 40_000,
    });
    await card.getByText('TLS: 인증서가', { exact: false }).first().waitFor();
    await noSideScroll('status in Korean');

    await page.getByRole('tab', { name: '설정', exact: true }).click();
    const section = page.getByTestId('checks-section');
    await section.getByRole('columnheader', { name: '마지막 결과' }).waitFor();
    await section.getByRole('button', { name: 'Shut port 편집' }).click();
    const form = page.getByTestId('check-form');
    await form.getByRole('button', { name: '▶ 지금 실행' }).click();
    const result = form.getByTestId('check-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toContain(
      `▲ 중단 127.0.0.1 포트 ${shutPort}에서 연결을 거부했습니다`,
    );
    await form.getByLabel('주기 (초, 최소 10)').fill('abc');
    await expect
      .poll(() => form.locator('[data-error-for="checkForm.intervalSeconds"]').textContent())
      .toContain('숫자');
    await noSideScroll('settings in Korean');

    const status = (await getJson<Status>(`${agent.url}/api/status`)).body;
    expect(status.language).toBe('ko');
  }, 120_000);
});
