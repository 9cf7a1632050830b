/**
 * A shown remote host is live in the dashboard: a real agent on 127.0.0.7 with
 * `--tls --new-token`, a hub on loopback that `--watch`es it, and Chromium at 390 px on the
 * hub's page for that host. Its values change about every second (pushed through the hub's
 * stream with `?host=`, not read every 3 s), and the page's stream asks the hub for exactly the
 * host shown: none on the Fleet tab, the host again on its Status tab.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetSummary } from '../../main/shared/contract';
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
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const remote = await startAgent({ args: ['--host', '127.0.0.7', '--tls', '--new-token'] });
  running.push(remote);
  const creds = await tlsCredentials(remote);
  const port = Number(new URL(remote.url).port);
  id = `127-0-0-7-${port}`;
  hub = await startAgent({ args: ['--watch', watchUrl({ ...creds, host: '127.0.0.7', port })] });
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
});
