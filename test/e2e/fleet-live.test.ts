/**
 * A shown remote host is live in the dashboard: a real agent on 127.0.0.7 with
 * `--tls --new-token`, a hub on loopback that `--watch`es it, and Chromium at 390 px on the
 * hub's page for that host. Its values change about every second (pushed through the hub's
 * stream with `?host=`, not read every 3 s), and the page's stream asks the hub for exactly the
 * host shown: none on the Fleet tab, the host again on its Status tab. Its Settings tab says
 * whose settings it shows (EN/KO, 360 px) and saves them on the remote agent itself.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson } from '../../main/adapters/fleet/remote-client';
import type { FleetSummary, SettingsView } from '../../main/shared/contract';
import { parseWatchTarget, type WatchTarget } from '../../main/shared/watch-target';
import { en } from '../../renderer/i18n/en';
import { ko } from '../../renderer/i18n/ko';
import {
  eventually,
  getJson,
  startAgent,
  tlsCredentials,
  watchUrl,
  type AgentProcess,
} from '../agent/agent-process';
import { launchBrowser, type Browser } from './harness';

const running: AgentProcess[] = [];
let hub: AgentProcess;
let id = '';
let remoteTarget: WatchTarget;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const remote = await startAgent({ args: ['--host', '127.0.0.7', '--tls', '--new-token'] });
  running.push(remote);
  const creds = await tlsCredentials(remote);
  const port = Number(new URL(remote.url).port);
  id = `127-0-0-7-${port}`;
  const url = watchUrl({ ...creds, host: '127.0.0.7', port });
  const parsed = parseWatchTarget(url);
  if (!parsed.ok) throw new Error(parsed.error);
  remoteTarget = parsed.target;
  hub = await startAgent({ args: ['--watch', url] });
  running.push(hub);
  await eventually(
    async () => {
      const { body } = await getJson<FleetSummary>(`${hub.url}/api/fleet`);
      return body.hosts.find((h) => h.id === id)?.headline;
    },
    'the remote agent connected to the hub',
    60_000,
  );
  browser = await launchBrowser({ width: 390, height: 844 });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const a of running.splice(0)) await a.stop('SIGKILL');
});

/** How many times the shown values changed within `ms`, sampled in the page every 50 ms. */
function valueChanges(ms: number): Promise<number> {
  return page.evaluate(
    (span) =>
      new Promise<number>((done) => {
        const read = () =>
          [...document.querySelectorAll('[data-testid^="value-"]')]
            .map((e) => e.textContent)
            .join('|');
        let last = read();
        let changes = 0;
        const timer = setInterval(() => {
          const now = read();
          if (now !== last) changes++;
          last = now;
        }, 50);
        setTimeout(() => {
          clearInterval(timer);
          done(changes);
        }, span);
      }),
    ms,
  );
}

const streamHosts = (requests: Request[]) =>
  requests
    .map((r) => new URL(r.url()))
    .filter((u) => u.pathname === '/api/stream')
    .map((u) => u.searchParams.get('host'));

describe('a shown remote host in the dashboard (real agents, Chromium at 390 px)', () => {
  it('updates its values about every second', { timeout: 90_000 }, async () => {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(`${hub.url}/#/${id}/status`);
    await expect
      .poll(() => page.getByTestId('value-cpu.total').first().textContent(), { timeout: 20_000 })
      .toMatch(/^\d+(\.\d)?%$/);
    expect(streamHosts(requests)).toContain(id);
    // Polled every 3 s, 10 s would show at most 4 changes; pushed each second, about 10.
    const changes = await valueChanges(10_000);
    expect(changes).toBeGreaterThanOrEqual(6);
    expect(browser.errors).toEqual([]);
  });

  it(
    'asks for no host on the Fleet tab and for the host again on its Status tab',
    { timeout: 60_000 },
    async () => {
      await page.goto(`${hub.url}/#/${id}/status`);
      await page.getByTestId('value-cpu.total').first().waitFor();
      const requests: Request[] = [];
      page.on('request', (r) => requests.push(r));
      await page.getByRole('tab', { name: 'Fleet', exact: true }).click();
      await expect.poll(() => streamHosts(requests), { timeout: 10_000 }).toEqual([null]);
      await page.getByRole('button', { name: 'Open 127.0.0.7', exact: true }).click();
      await expect.poll(() => streamHosts(requests), { timeout: 10_000 }).toEqual([null, id]);
      await expect
        .poll(() => page.getByTestId('value-cpu.total').first().textContent(), { timeout: 20_000 })
        .toMatch(/^\d+(\.\d)?%$/);
      expect(await valueChanges(5_000)).toBeGreaterThanOrEqual(3);
    },
  );

  it(
    "shows and saves the remote host's own settings, saying whose they are",
    { timeout: 60_000 },
    async () => {
      const ownSettings = async () => {
        const r = await fetchJson(remoteTarget, '/api/settings');
        if (!r.ok) throw new Error(r.message);
        return (r.body as SettingsView).settings;
      };
      await page.goto(`${hub.url}/#/${id}/settings`);
      const note = page.locator('.settings-host');
      // The remote agent's display name is its host name until set.
      await expect
        .poll(() => note.textContent(), { timeout: 20_000 })
        .toMatch(/^These are the settings of .+: they are read from that server and saved there/);
      await expect(page.getByRole('combobox', { name: 'Server' }).inputValue()).resolves.toBe(id);
      const name = page.getByLabel(en['settings.displayName'], { exact: true });
      await name.fill('web07');
      await page.getByRole('button', { name: en['settings.save'], exact: true }).click();
      await page.getByText(en['settings.saved']).waitFor();
      expect((await ownSettings()).general.displayName).toBe('web07');
      await expect
        .poll(() => note.textContent(), { timeout: 20_000 })
        .toContain('settings of web07');
      // The hub's own settings kept its name; the UI stays in English (the remote's language is its own).
      const hubView = (await getJson<SettingsView>(`${hub.url}/api/settings`)).body;
      expect(hubView.settings.general.displayName).toBe('');

      // This computer's settings say so, once there is more than this computer.
      await page.getByRole('combobox', { name: 'Server' }).selectOption('local');
      await expect
        .poll(() => note.textContent())
        .toMatch(/^These are the settings of this computer/);

      // In Korean, at 360 px, without sideways scroll.
      await page.getByRole('combobox', { name: 'Server' }).selectOption(id);
      await page.getByLabel(en['settings.language'], { exact: true }).selectOption('ko');
      await page.getByRole('button', { name: en['settings.save'], exact: true }).click();
      await page.getByText(en['settings.saved']).waitFor();
      expect((await ownSettings()).general.language).toBe('ko');
      // Saving the remote host's language does not switch this page's language.
      await expect(note.textContent()).resolves.toContain('These are the settings of web07');
      await fetch(`${hub.url}/api/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          settings: {
            ...hubView.settings,
            general: { ...hubView.settings.general, language: 'ko' },
          },
          secrets: { smtpPassword: true },
        }),
      });
      await page.reload();
      await expect
        .poll(() => note.textContent(), { timeout: 20_000 })
        .toBe(ko['settings.ofRemote'].replace('{host}', 'web07'));
      await page.setViewportSize({ width: 360, height: 844 });
      const scroll = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(scroll).toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 390, height: 844 });
    },
  );
});
