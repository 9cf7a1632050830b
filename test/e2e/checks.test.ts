/**
 * Endpoint checks in Chromium at 390 px against a real agent and real local servers: an HTTPS
 * server on 127.0.0.2 with a certificate from the test CA (trusted through NODE_EXTRA_CA_CERTS),
 * a closed port and an expired certificate. A check is added in the form (a bad interval gets
 * its error in words and loses nothing), Run now says the result in words, Save stores it, and
 * the Status card shows each check up or down; then the same in Korean. Under each check its own
 * rules are edited in place (an error in words, the backtest, saved) at 360 px; a name the agent
 * resolves to 169.254.169.254 (`--resolve`, nothing system-wide) gets the warning and is kept
 * only with "I mean this address" ticked, in English and Korean.
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
/** Resolves, for the agent's checks, to the cloud metadata address 169.254.169.254. */
const METADATA_NAME = 'metadata.shop.test';
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
    // A name pinned to the metadata address for the agent's checks only (nothing system-wide).
    args: ['--host', '127.0.0.3', '--resolve', `${METADATA_NAME}:169.254.169.254`],
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

  it('lists the rules of each check underneath it, edited in place with errors and backtest (360 px)', async () => {
    await setLanguage(agent, 'en');
    await page.setViewportSize({ width: 360, height: 844 });
    await page.goto(agent.url);
    await page.getByRole('tab', { name: 'Settings', exact: true }).click();
    const block = page.locator('[data-testid="check-rules"][data-check-id="old-cert"]');
    await block.getByText('Rules of Old certificate').waitFor();
    const rows = await block
      .locator('tr[data-rule]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(rows).toEqual(['old-cert.down', 'old-cert.cert', 'old-cert.slow']);
    await block
      .getByText('Down after 3 failed runs in a row; up again after 2 successful runs in a row.')
      .waitFor();
    await block.getByText('Response time: alerts once held for 120 s, about 12 run(s)').waitFor();
    // The tcp check has only its down rule.
    const shut = page.locator('[data-testid="check-rules"][data-check-id="shut-port"]');
    expect(
      await shut.locator('tr[data-rule]').evaluateAll((els) => els.map((e) => e.dataset.rule)),
    ).toEqual(['shut-port.down']);

    // A bad level gets the rules table's own error in words, here and in the rules table.
    const critical = block.getByLabel('Failures in a row: Critical', { exact: true });
    await critical.fill('abc');
    const index = (await settingsOf()).rules.findIndex((r) => r.id === 'old-cert.down');
    await expect
      .poll(() =>
        block.locator(`[data-error-for="check-old-cert.rules.${index}.critical"]`).textContent(),
      )
      .toMatch(/number/i);
    await page.locator(`[data-error-for="rules.${index}.critical"]`).waitFor();
    await expectNoSideScroll(page, 'check rules with an error at 360 px');
    // Focusing a rule shows its backtest under the check.
    await critical.fill('5');
    const backtest = block.getByTestId('rule-backtest');
    await expect.poll(() => backtest.getAttribute('data-rule')).toBe('old-cert.down');
    await expect
      .poll(() => backtest.getByTestId('backtest-sentence').textContent(), { timeout: 20_000 })
      .toMatch(/in the last 7 days/);
    await block.getByText('Down after 5 failed runs in a row').waitFor();
    // The same draft as the global rules table.
    expect(await page.locator(`#f-rules_${index}_critical`).inputValue()).toBe('5');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await settingsOf()).rules.find((r) => r.id === 'old-cert.down')).toMatchObject({
      critical: 5,
      clear: -1,
    });
    await expectNoSideScroll(page, 'check rules at 360 px');
    expect(browser.errors).toEqual([]);

    // Korean: the same rules, their words in runs.
    await setLanguage(agent, 'ko');
    await page.goto(agent.url);
    await page.getByRole('tab', { name: '설정', exact: true }).click();
    await block.getByText('Old certificate의 규칙').waitFor();
    await block.getByText('연속 5회 실패하면 중단, 연속 2회 성공하면 다시 정상입니다.').waitFor();
    await block
      .getByText('120초(이 검사 약 12회 실행) 동안 지속되면 경보합니다', { exact: false })
      .waitFor();
    await expectNoSideScroll(page, 'Korean check rules at 360 px');
    await setLanguage(agent, 'en');
  }, 120_000);

  it('warns when a name resolves to a metadata address and keeps it only when confirmed (EN, KO, 360 px)', async () => {
    await setLanguage(agent, 'en');
    await page.setViewportSize({ width: 360, height: 844 });
    await page.goto(agent.url);
    await page.getByRole('tab', { name: 'Settings', exact: true }).click();
    const section = page.getByTestId('checks-section');
    await section.getByRole('button', { name: '+ Add check' }).click();
    const form = page.getByTestId('check-form');
    const warning = form.getByTestId('check-private-warning');
    const url = form.getByLabel('URL', { exact: true });
    // A name that resolves to loopback: the engine answers, and no warning.
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/checks/resolve'));
    await url.fill('http://localhost:9/');
    expect(((await (await answered).json()) as { linkLocal: string[] }).linkLocal).toEqual([]);
    expect(await warning.count()).toBe(0);

    await form.getByLabel('Name', { exact: true }).fill('Metadata');
    await form.getByLabel('Id (used in rules and series)').fill('meta');
    await url.fill(`http://${METADATA_NAME}/latest/`);
    await expect
      .poll(() => warning.textContent(), { timeout: 10_000 })
      .toContain(`${METADATA_NAME} resolves to 169.254.169.254, a link-local or cloud metadata`);
    await expectNoSideScroll(page, 'the metadata warning at 360 px');
    // Never run against it here: the check is kept disabled.
    await form.getByLabel('Enabled', { exact: true }).uncheck();
    await form.getByRole('button', { name: 'Keep this check' }).click();
    await expect
      .poll(() => form.locator('[data-error-for="checkForm.allowPrivateTarget"]').textContent())
      .toContain('Tick “I mean this address” to keep a check');
    expect(await section.locator('tr[data-check-id="meta"]').count()).toBe(0);
    await form
      .getByLabel('I mean this address: let this check reach 169.254.169.254', { exact: true })
      .check();
    await form.getByRole('button', { name: 'Keep this check' }).click();
    await section.locator('tr[data-check-id="meta"]').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await settingsOf()).checks.find((c) => c.id === 'meta')).toMatchObject({
      url: `http://${METADATA_NAME}/latest/`,
      allowPrivateTarget: true,
      enabled: false,
    });

    // Korean: the same warning and refusal, for a name and for an address typed as an IP.
    await setLanguage(agent, 'ko');
    await page.goto(agent.url);
    await page.getByRole('tab', { name: '설정', exact: true }).click();
    await section.getByRole('button', { name: '+ 검사 추가' }).click();
    await form.getByLabel('URL', { exact: true }).fill(`https://${METADATA_NAME}/`);
    await expect
      .poll(() => warning.textContent(), { timeout: 10_000 })
      .toContain(
        `${METADATA_NAME}은(는) 링크 로컬 또는 클라우드 메타데이터 주소인 169.254.169.254(으)로 확인됩니다`,
      );
    await form.getByRole('button', { name: '이 검사 유지' }).click();
    await expect
      .poll(() => form.locator('[data-error-for="checkForm.allowPrivateTarget"]').textContent())
      .toContain('“이 주소가 맞습니다”를 선택하세요');
    await form.getByLabel('URL', { exact: true }).fill('http://[fe80::1]/');
    await expect
      .poll(() => warning.textContent())
      .toContain('fe80::1은(는) 링크 로컬 또는 클라우드 메타데이터 주소입니다');
    await form.getByLabel('이 주소가 맞습니다: 이 검사가 fe80::1에 접속하도록 허용').waitFor();
    await expectNoSideScroll(page, 'the Korean warning at 360 px');
    await setLanguage(agent, 'en');
  }, 120_000);
});
