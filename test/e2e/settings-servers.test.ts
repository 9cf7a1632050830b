/**
 * Settings → Servers in a real Chromium at 390 px against a real hub agent, with a real remote
 * agent on 127.0.0.2 serving TLS (`--tls --new-token`): a server added with a wrong fingerprint
 * tests as a mismatch in words, showing the certificate's real fingerprint; "Pin this
 * fingerprint" then "Test connection" says connected; Save puts it in the hub's fleet (followed
 * without a restart); bad input gets a field error in words and nothing is lost; the Korean
 * labels and results are there; no horizontal scroll.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetSummary } from '../../main/shared/contract';
import type { Settings } from '../../main/shared/settings';
import {
  eventually,
  startAgent as startRemoteAgent,
  type AgentProcess,
} from '../agent/agent-process';
import {
  getSettingsView,
  launchBrowser,
  startAgent,
  tempDataDir,
  type Agent,
  type Browser,
} from './harness';

const WRONG_PIN = `SHA256:${Array.from({ length: 32 }, () => '0A').join(':')}`;

let remote: AgentProcess;
let remoteUrl: string;
let fingerprint: string;
let token: string;
let hub: Agent;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  remote = await startRemoteAgent({ args: ['--host', '127.0.0.2', '--tls', '--new-token'] });
  fingerprint = await eventually(
    () => Promise.resolve(/TLS fingerprint: (SHA256:[0-9A-F:]{95})/.exec(remote.output())?.[1]),
    'the fingerprint line',
  );
  token = /New API token \(stored in [^\n]*\):\n(\S+)/.exec(remote.output())?.[1] ?? '';
  expect(token, remote.output()).not.toBe('');
  remoteUrl = `https://127.0.0.2:${new URL(remote.url).port}`;
  hub = await startAgent(tempDataDir());
  browser = await launchBrowser({ width: 390, height: 844 });
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await remote?.stop('SIGKILL');
});

async function openSettings(tab: string): Promise<void> {
  await page.goto(hub.url);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByTestId('servers-section').waitFor();
}

async function horizontalOverflow(): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

const fleet = async (): Promise<FleetSummary> =>
  (await (await fetch(`${hub.url}/api/fleet`)).json()) as FleetSummary;

describe('Settings → Servers', () => {
  it('tests a wrong pin as a mismatch, pins the one seen, connects, saves into the fleet', async () => {
    await openSettings('Settings');
    const section = page.getByTestId('servers-section');
    await section.getByRole('button', { name: '+ Add server' }).click();
    const row = page.getByTestId('server-row-0');
    await row.getByLabel('Name', { exact: true }).fill('web02');
    await row.getByLabel('Address').fill(remoteUrl);
    await row.getByLabel('Certificate fingerprint').fill(WRONG_PIN);
    await row.getByLabel('New token').fill(token);
    await expect
      .poll(() => row.getByTestId('token-state').textContent())
      .toBe('will be replaced on save');

    await row.getByRole('button', { name: 'Test connection' }).click();
    const result = row.getByTestId('connection-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-code')).toBe('fingerprint-mismatch');
    const words = (await result.textContent()) ?? '';
    expect(words).toContain('not the pinned one');
    expect(words).toContain(fingerprint);
    expect(words).toContain('Nothing was sent');
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);

    await row.getByRole('button', { name: 'Pin this fingerprint' }).click();
    expect(await row.getByLabel('Certificate fingerprint').inputValue()).toBe(fingerprint);
    await row.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => row.getByTestId('connection-result').getAttribute('data-code'), {
        timeout: 20_000,
      })
      .toBe('ok');
    expect(await row.getByTestId('connection-result').textContent()).toMatch(
      /Connected to .+: Hostwatch \d+\.\d+\.\d+, certificate SHA256:/,
    );

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor({ timeout: 20_000 });
    const view = await getSettingsView(hub);
    const saved = view.settings.fleet.servers[0];
    expect(saved).toMatchObject({ name: 'web02', url: remoteUrl, fingerprint, enabled: true });
    expect(view.secrets.hostTokens?.[saved!.id]).toBe(true);
    expect(JSON.stringify(view)).not.toContain(token);
    await expect
      .poll(
        async () => {
          const h = (await fleet()).hosts.find((x) => x.id === saved!.id);
          return h ? `${h.name} ${h.connection}` : 'absent';
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('web02 connected');
    expect(await page.getByTestId('server-row-0').getByTestId('token-state').textContent()).toBe(
      'saved',
    );
  }, 120_000);

  it('says a bad address and a missing pin in words, and keeps what was typed', async () => {
    await openSettings('Settings');
    const before = (await getSettingsView(hub)).settings.fleet.servers;
    const n = before.length;
    await page.getByRole('button', { name: '+ Add server' }).click();
    await page.getByRole('button', { name: '+ Add server' }).click();
    const first = page.getByTestId(`server-row-${n}`);
    const row = page.getByTestId(`server-row-${n + 1}`);
    await first.getByLabel('Name', { exact: true }).fill('web03');
    await row.getByLabel('Name', { exact: true }).fill('web03');
    await row.getByLabel('Address').fill('https://web03.example.com:9477/dashboard');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const at = `fleet.servers.${n + 1}`;
    await expect
      .poll(() => row.locator(`[data-error-for="${at}.url"]`).textContent())
      .toContain('Write the address as https://host:port');
    expect(await row.locator(`[data-error-for="${at}.fingerprint"]`).textContent()).toContain(
      'needs the certificate fingerprint',
    );
    expect(await row.locator(`[data-error-for="${at}.name"]`).textContent()).toContain(
      'already has this name',
    );
    expect(await row.getByLabel('Address').inputValue()).toBe(
      'https://web03.example.com:9477/dashboard',
    );
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
    // Nothing was saved.
    expect((await getSettingsView(hub)).settings.fleet.servers).toEqual(before);
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByTestId(`server-row-${n + 1}`).count()).toBe(0);
  }, 60_000);

  it('speaks Korean: labels, the saved token and the test result', async () => {
    // Its own server and token, through the API, so this test stands alone.
    const { settings } = await getSettingsView(hub);
    const ko: Settings = {
      ...settings,
      general: { ...settings.general, language: 'ko' },
      fleet: {
        ...settings.fleet,
        servers: [
          {
            id: 'web02-ko',
            name: 'web02 ko',
            url: remoteUrl,
            fingerprint,
            trustSystemCa: false,
            enabled: true,
          },
        ],
      },
    };
    const put = await fetch(`${hub.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: ko, secrets: { hostTokens: { 'web02-ko': token } } }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    await openSettings('설정');
    const section = page.getByTestId('servers-section');
    await section.locator('legend', { hasText: '서버' }).first().waitFor();
    const row = page.getByTestId('server-row-0');
    expect(await row.getByTestId('token-state').textContent()).toBe('저장됨');
    await row.getByLabel('인증서 지문').waitFor();
    await row.getByRole('button', { name: '연결 테스트' }).click();
    await expect
      .poll(() => row.getByTestId('connection-result').textContent(), { timeout: 20_000 })
      .toContain('연결됨');
    await expect
      .poll(() => page.getByRole('button', { name: '+ Alertmanager 추가' }).count())
      .toBe(1);
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
  }, 60_000);
});
