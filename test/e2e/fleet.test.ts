/**
 * The dashboard's fleet in a real Chromium at 390 px against a real hub: agents on 127.0.0.2
 * ("web02", a memory rule that fires at once) and 127.0.0.3 ("db01") with `--tls --new-token`,
 * and a hub agent on 127.0.0.1 that `--watch`es both, pinned by the fingerprints they printed.
 * The Fleet tab lists the three hosts with their health; opening web02 shows its own status
 * (its display name, its values) and its events; `kill -STOP` of db01 turns its card
 * "unreachable" in words within the hub's unreachable delay; Korean labels; no sideways scroll.
 * Screenshots at each check go to $HOSTWATCH_FLEET_SHOTS when set, for looking at.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetSummary } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import {
  eventually,
  getJson,
  startAgent,
  tempDataDir,
  tlsCredentials,
  watchUrl,
  type AgentProcess,
} from '../agent/agent-process';
import { leakedEnglish } from '../renderer/leaked-english';
import { expectNoSideScroll, launchBrowser, PHONE, setLanguage, type Browser } from './harness';

const SHOTS = process.env.HOSTWATCH_FLEET_SHOTS;
/** The hub's unreachable delay: low, so the test does not wait a minute. */
const UNREACHABLE_AFTER_S = 10;

interface Remote {
  readonly agent: AgentProcess;
  readonly host: string;
  readonly port: number;
  readonly fingerprint: string;
  readonly token: string;
  /** The hub's id for it. */
  readonly id: string;
}

const running: AgentProcess[] = [];
let web02: Remote;
let db01: Remote;
let hub: AgentProcess;
let browser: Browser;
let page: Page;

/** Starts an agent with TLS and a token on a loopback address, under a display name. */
async function startRemote(host: string, displayName: string, settings: Settings): Promise<Remote> {
  const dataDir = tempDataDir();
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({ ...settings, general: { ...settings.general, displayName } }),
  );
  const agent = await startAgent({ dataDir, args: ['--host', host, '--tls', '--new-token'] });
  running.push(agent);
  const { fingerprint, token } = await tlsCredentials(agent);
  const port = Number(new URL(agent.url).port);
  return { agent, host, port, fingerprint, token, id: `${host.replaceAll('.', '-')}-${port}` };
}

const expectNoSidewaysScroll = (what: string) => expectNoSideScroll(page, what, SHOTS);

const card = (id: string) => page.locator(`.fleet-card[data-host="${id}"]`);
const healthOf = (id: string) => card(id).locator('[data-health]');

beforeAll(async () => {
  // web02's memory rule fires at once, so it has an event of its own to show.
  const firing: Settings = {
    ...DEFAULT_SETTINGS,
    rules: DEFAULT_SETTINGS.rules.map((r) =>
      r.id === 'memory' ? { ...r, warning: 0.0001, critical: null, clear: 0, forSeconds: 0 } : r,
    ),
  };
  [web02, db01] = await Promise.all([
    startRemote('127.0.0.2', 'web02', firing),
    startRemote('127.0.0.3', 'db01', DEFAULT_SETTINGS),
  ]);
  const hubDir = tempDataDir();
  writeFileSync(
    join(hubDir, 'settings.json'),
    JSON.stringify({
      ...DEFAULT_SETTINGS,
      general: { ...DEFAULT_SETTINGS.general, displayName: 'hub' },
      fleet: { unreachableAfterSeconds: UNREACHABLE_AFTER_S, servers: [] },
    }),
  );
  hub = await startAgent({
    dataDir: hubDir,
    args: ['--host', '127.0.0.1', '--watch', watchUrl(web02), '--watch', watchUrl(db01)],
  });
  running.push(hub);
  await eventually(
    async () => {
      const { body } = await getJson<FleetSummary>(`${hub.url}/api/fleet`);
      return [web02.id, db01.id].every((id) => {
        const h = body.hosts.find((x) => x.id === id);
        return h?.connection === 'connected' && h.health !== 'unreachable' && h.headline;
      });
    },
    'both remote agents connected to the hub',
    60_000,
  );
  browser = await launchBrowser(PHONE);
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const a of running.splice(0)) {
    a.proc.kill('SIGCONT');
    await a.stop('SIGKILL');
  }
});

describe('the fleet in the dashboard (real agents, Chromium at 390 px)', () => {
  it('lists the three hosts with their health', { timeout: 60_000 }, async () => {
    await page.goto(`${hub.url}/#/fleet`);
    await page.getByRole('tab', { name: 'Fleet', exact: true }).waitFor();
    await expect
      .poll(
        () => page.locator('.fleet-card').evaluateAll((els) => els.map((e) => e.dataset.host)),
        {
          timeout: 20_000,
        },
      )
      .toEqual(['local', web02.id, db01.id]);
    await expect(card('local').locator('.fleet-name').textContent()).resolves.toBe('hub');
    await expect(card(web02.id).locator('.fleet-name').textContent()).resolves.toBe('127.0.0.2');
    for (const id of ['local', web02.id, db01.id]) {
      await expect
        .poll(() => healthOf(id).textContent(), { timeout: 20_000 })
        .toMatch(/^(✓ OK|▲ WARNING|● CRITICAL)$/);
      // Values, not "unreachable": the headline came over the summary stream.
      await expect
        .poll(() => card(id).locator('.fleet-metric-value').first().textContent(), {
          timeout: 20_000,
        })
        .toMatch(/^\d+(\.\d)?%$/);
    }
    // web02's memory rule fires: its card says so.
    await expect
      .poll(() => healthOf(web02.id).textContent(), { timeout: 20_000 })
      .toBe('▲ WARNING');
    await expectNoSidewaysScroll('fleet at 390 px');
    for (const width of [360, 400]) {
      await page.setViewportSize({ width, height: 844 });
      await expectNoSidewaysScroll(`fleet at ${width} px`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('opens a remote host: its own status and events', { timeout: 60_000 }, async () => {
    await page.goto(`${hub.url}/#/fleet`);
    await page.getByRole('button', { name: 'Open 127.0.0.2', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${web02.id}/status`);
    // The banner names the remote agent's display name, the switcher the host shown.
    await expect
      .poll(() => page.locator('.banner-host').textContent(), { timeout: 20_000 })
      .toBe('web02');
    await expect(page.getByRole('combobox', { name: 'Server' }).inputValue()).resolves.toBe(
      web02.id,
    );
    await expect
      .poll(() => page.getByTestId('value-mem.used_pct').first().textContent(), { timeout: 20_000 })
      .toMatch(/^\d+(\.\d)?%$/);
    await expectNoSidewaysScroll('web02 status at 390 px');

    await page.getByRole('tab', { name: 'Events', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${web02.id}/events`);
    await expect
      .poll(() => page.locator('.event-text').allTextContents(), { timeout: 20_000 })
      .toContainEqual(expect.stringMatching(/^Memory is Warning/));
    await expectNoSidewaysScroll('web02 events at 390 px');

    // Its history, forwarded by the hub: charts, no error.
    await page.getByRole('tab', { name: 'History', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${web02.id}/history`);
    await page.locator('.history-view .uplot').first().waitFor({ timeout: 20_000 });
    await expect(page.locator('.history-view [role="alert"]').count()).resolves.toBe(0);
    await expectNoSidewaysScroll('web02 history at 390 px');

    // Switching back to this computer in the header shows the hub again.
    await page.getByRole('combobox', { name: 'Server' }).selectOption('local');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/history');
    await expect.poll(() => page.locator('.banner-host').textContent()).toBe('hub');
  });

  it(
    'a stopped agent turns unreachable in words, in English and Korean',
    { timeout: 150_000 },
    async () => {
      await page.goto(`${hub.url}/#/fleet`);
      await expect
        .poll(() => healthOf(db01.id).textContent(), { timeout: 20_000 })
        .not.toBe('✕ UNREACHABLE');
      db01.agent.proc.kill('SIGSTOP');
      const t0 = Date.now();
      await expect
        .poll(() => healthOf(db01.id).textContent(), { timeout: (UNREACHABLE_AFTER_S + 30) * 1000 })
        .toBe('✕ UNREACHABLE');
      const seconds = (Date.now() - t0) / 1000;
      console.log(
        `db01 shown unreachable ${seconds.toFixed(1)} s after SIGSTOP (delay ${UNREACHABLE_AFTER_S} s)`,
      );
      expect(seconds).toBeLessThan(UNREACHABLE_AFTER_S + 30);
      // The others stay reachable.
      await expect(healthOf(web02.id).textContent()).resolves.not.toBe('✕ UNREACHABLE');
      await expectNoSidewaysScroll('fleet with an unreachable host at 390 px');

      // Its own views say it too.
      await page.getByRole('button', { name: 'Open 127.0.0.3', exact: true }).click();
      await expect
        .poll(() => page.locator('.fleet-notice-unreachable strong').textContent(), {
          timeout: 20_000,
        })
        .toBe('✕ 127.0.0.3 is unreachable');
      // Its health is that notice, not a grey "unknown" banner.
      await expect(page.locator('.banner').count()).resolves.toBe(0);
      await expectNoSidewaysScroll('db01 status at 390 px');

      // Korean: the hub's language.
      await setLanguage(hub, 'ko');
      await page.goto(`${hub.url}/#/fleet`);
      await page.getByRole('tab', { name: '서버 전체', exact: true }).waitFor({ timeout: 20_000 });
      await expect
        .poll(() => healthOf(db01.id).textContent(), { timeout: 20_000 })
        .toBe('✕ 연결 불가');
      await expect(card(db01.id).locator('.fleet-seen').textContent()).resolves.toMatch(
        /전에 마지막으로 수신$/,
      );
      await expect(page.locator('.fleet-view').innerText().then(leakedEnglish)).resolves.toEqual(
        [],
      );
      await expectNoSidewaysScroll('Korean fleet at 390 px');
      await page.getByRole('button', { name: '127.0.0.3 열기', exact: true }).click();
      await expect
        .poll(() => page.locator('.fleet-notice-unreachable strong').textContent(), {
          timeout: 20_000,
        })
        .toBe('✕ 127.0.0.3에 연결할 수 없습니다');
      await expect(page.getByRole('combobox', { name: '서버' }).isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll('Korean db01 status at 390 px');
    },
  );
});
