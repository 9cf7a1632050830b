/**
 * Acknowledge from the Events view, in a real Chromium at 390 px against the real agent: its CPU
 * rule (warning at 1 %, reminders every 2 minutes) is made to fire by real load (stress-ng), the
 * FIRING email reaches a real SMTP server, the user acknowledges it with a note in the Events
 * view, the page says who and when (English, then Korean), the engine holds the next reminder
 * back because it is acknowledged, and the SMTP server never receives a second CPU email.
 * Settings → Email shows the reply line and Message-ID that SMTP server gave that email.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp/server';
import { startAgent, tempDataDir, type AgentProcess } from '../agent/agent-process';
import { getSettingsView, launchBrowser, putSettings, type Agent, type Browser } from './harness';

let dataDir: string;
let agent: AgentProcess;
let smtp: TestSmtpServer;
let browser: Browser;
let page: Page;
let load: ChildProcess | undefined;

const HOST = '127.0.0.5';

beforeAll(async () => {
  // Postfix-like replies (`250 Ok: queued as 4F2A1`), so the proof shown can be told apart.
  smtp = await startSmtpServer({ queuedAs: 0x4f2a1 });
  dataDir = tempDataDir();
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    general: { ...DEFAULT_SETTINGS.general, displayName: 'web01' },
    rules: DEFAULT_SETTINGS.rules.map((r) =>
      r.id === 'cpu'
        ? { ...r, warning: 1, critical: null, clear: 0.5, forSeconds: 2, repeatMinutes: 2 }
        : r,
    ),
    notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 2 },
    smtp: { ...DEFAULT_SETTINGS.smtp, from: 'hostwatch@example.com' },
  };
  const config = join(dataDir, 'ack-settings.json');
  writeFileSync(config, JSON.stringify(settings));
  // Real load, so the CPU stays above 1 % however quiet the machine is.
  load = spawn('stress-ng', ['--cpu', '2', '--timeout', '240s', '--quiet'], { stdio: 'ignore' });
  agent = await startAgent({
    dataDir,
    args: [
      '--host',
      HOST,
      '--config',
      config,
      '--smtp',
      `smtp://127.0.0.1:${smtp.port}?security=none`,
      '--alert-to',
      'ops@example.com',
    ],
  });
  browser = await launchBrowser({ width: 390, height: 844 });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  load?.kill('SIGKILL');
  await browser?.close();
  await agent?.stop();
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The agent as the harness's settings helpers take it. */
const harnessAgent = (): Agent => ({ ...agent, stop: () => agent.stop().then(() => undefined) });

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${agent.url}${path}`);
  return (await res.json()) as T;
}
const cpuMails = () => smtp.received.filter((m) => /CPU/.test(m.parsed.subject ?? ''));
const cpuAlert = (s: Status) => s.alerts.find((a) => a.ruleId === 'cpu' && a.state === 'firing');
const noHorizontalScroll = () =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('acknowledge in the Events view', () => {
  it('acknowledges the firing CPU alert, says by whom, and holds the reminder email back', async () => {
    await smtp.waitFor(() => cpuMails().length > 0, 'the FIRING email for CPU', 180_000);
    expect(cpuMails()[0]!.parsed.subject).toMatch(/^\[Hostwatch\] WARNING web01: CPU$/);

    await page.goto(`${agent.url}/#/events`);
    const row = page.locator('.event-list li', {
      has: page.getByRole('button', { name: 'Acknowledge' }),
    });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.getAttribute('data-kind')).toBe('firing');
    await row.getByRole('textbox').fill('load test, expected');
    await row.getByRole('button', { name: 'Acknowledge' }).click();

    const list = page.getByRole('list', { name: 'Events' });
    await expect
      .poll(() => list.locator('.ack-controls[data-ack="yes"]').first().textContent(), {
        timeout: 20_000,
      })
      .toMatch(/^Acknowledged from the dashboard at .+ — load test, expected/);
    expect(await noHorizontalScroll()).toBe(true);
    // The engine holds it: /api/status says so, and the event log says who acknowledged.
    const ack = cpuAlert(await getJson<Status>('/api/status'))?.acknowledged;
    expect(ack).toMatchObject({ by: 'dashboard', note: 'load test, expected' });
    // On a loaded machine a reminder may have gone out before the click; none may follow it.
    const sentBeforeAck = cpuMails().length;
    const events = await getJson<EventRecord[]>('/api/events?limit=200');
    expect(events.some((e) => e.code === 'acknowledged' && e.ruleId === 'cpu')).toBe(true);

    // The banner says it too.
    await expect
      .poll(() => page.locator('.alert-acks li[data-ack="yes"]').count(), { timeout: 20_000 })
      .toBe(1);

    // The reminder falls due two minutes after FIRING: the engine records it held back because it
    // is acknowledged, and no second CPU email reaches the server.
    await expect
      .poll(
        async () =>
          (await getJson<EventRecord[]>('/api/events?limit=200')).some(
            (e) => e.kind === 'suppressed' && e.ruleId === 'cpu' && e.reasonCode === 'acknowledged',
          ),
        { timeout: 120_000, interval: 2_000 },
      )
      .toBe(true);
    expect(cpuMails()).toHaveLength(sentBeforeAck);

    // Korean: the same acknowledgement, said in Korean, still without horizontal scroll.
    const { settings } = await getSettingsView(harnessAgent());
    await putSettings(harnessAgent(), {
      ...settings,
      general: { ...settings.general, language: 'ko' },
    });
    await page.reload();
    const koList = page.getByRole('list', { name: '이벤트' });
    await expect
      .poll(() => koList.locator('.ack-controls[data-ack="yes"]').first().textContent(), {
        timeout: 20_000,
      })
      .toMatch(/에 대시보드에서 확인함 — load test, expected/);
    expect(await koList.getByRole('button', { name: '확인 취소' }).count()).toBe(1);
    expect(await noHorizontalScroll()).toBe(true);

    // Take back: the engine forgets it.
    await koList.getByRole('button', { name: '확인 취소' }).click();
    await expect
      .poll(async () => cpuAlert(await getJson<Status>('/api/status'))?.acknowledged ?? null, {
        timeout: 20_000,
      })
      .toBeNull();
    expect(browser.errors).toEqual([]);
  }, 480_000);

  it('shows in Settings → Email the reply line and Message-ID the real SMTP server gave', async () => {
    await smtp.waitFor(() => cpuMails().length > 0, 'the FIRING email for CPU', 180_000);
    const proof = page.getByRole('group', { name: /^(Proof of delivery|전달 확인)$/ });
    await page.goto(`${agent.url}/#/settings`);
    await page.reload();
    // The proof names the last email the server accepted (a reminder may follow the FIRING).
    const expected = () => {
      const n = smtp.received.length - 1;
      return `250 Ok: queued as ${(0x4f2a1 + n).toString(16).toUpperCase()}`;
    };
    await expect
      .poll(
        async () => (await proof.getByTestId('delivery-response').textContent()) === expected(),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    const mail = smtp.received.at(-1)!;
    const text = (await proof.textContent()) ?? '';
    expect(text).toContain(mail.messageId!.replace(/^<|>$/g, ''));
    expect(text).toContain(mail.parsed.subject);
    expect(await noHorizontalScroll()).toBe(true);
  }, 240_000);
});
