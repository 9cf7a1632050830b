/**
 * The tray app's window path end to end, as far as this machine allows (no Electron binary):
 * the real engine as main.ts composes it, main's real IPC handlers on a fake ipcMain, the built
 * preload and the built renderer in Chromium (test/e2e/tray-window.ts). A real agent on
 * 127.0.0.6 with `--tls --new-token` ("web02") is added as a server through the window's own
 * bridge (saveSettings with its token), so the engine's fleet service follows it over pinned TLS.
 * Through the UI: this computer's status shows the engine's values; the Fleet tab lists web02
 * healthy and the header switches to its own status; acknowledging and snoozing in the banner
 * reach the engine; Korean at 360 px; `kill -STOP` turns web02 unreachable in the window.
 * A page that is not our window is refused by main's sender check, and the window requests
 * nothing but its own files: every call goes through main.
 */
import { writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_HOST_ID, type HostwatchApi, type Result } from '../../main/shared/contract';
import { formatValue } from '../../main/shared/format';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import {
  eventually,
  startAgent,
  tempDataDir,
  tlsCredentials,
  type AgentProcess,
} from '../agent/agent-process';
import { leakedEnglish } from '../renderer/leaked-english';
import { INDEX_URL, openTrayWindow, type TrayWindow } from './tray-window';

/** The engine's unreachable delay: the lowest the schema allows, so the test does not wait. */
const UNREACHABLE_AFTER_S = 10;
const REMOTE_ID = 'web02';

let remote: AgentProcess;
let app: TrayWindow;
/** web02's API token, which must stay in main. */
let remoteToken = '';

const page = () => app.page;
const card = (id: string) => page().locator(`.fleet-card[data-host="${id}"]`);
const healthOf = (id: string) => card(id).locator('[data-health]');
const localStatus = () => {
  const s = app.engine.status();
  if (!s) throw new Error('the engine has no status yet');
  return s;
};

/** How far the page scrolls sideways, and the first element that sticks out. */
async function sideways(): Promise<{ scroll: number; inner: number; culprit: string }> {
  await page().evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  return page().evaluate(() => {
    const inner = window.innerWidth;
    const el = [...document.querySelectorAll('body *')].find(
      (e) => e.getBoundingClientRect().right > inner + 0.5,
    );
    const culprit = el ? `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}` : '';
    return { scroll: document.scrollingElement!.scrollWidth, inner, culprit };
  });
}

/** Calls the page's `window.hostwatch` (the preload's API) like the renderer does. */
function bridge<T>(name: keyof HostwatchApi, input?: unknown): Promise<Result<T>> {
  return page().evaluate(
    ([n, i]) => (window.hostwatch![n] as (x: unknown) => Promise<Result<T>>)(i),
    [name, input] as const,
  );
}

beforeAll(async () => {
  const remoteDir = tempDataDir();
  writeFileSync(
    join(remoteDir, 'settings.json'),
    JSON.stringify({
      ...DEFAULT_SETTINGS,
      general: { ...DEFAULT_SETTINGS.general, displayName: 'web02' },
    }),
  );
  const dataDir = tempDataDir();
  // This computer's memory rule fires at once, so the banner has an alert to acknowledge.
  const local: Settings = {
    ...DEFAULT_SETTINGS,
    general: { ...DEFAULT_SETTINGS.general, displayName: 'desk' },
    rules: DEFAULT_SETTINGS.rules.map((r) =>
      r.id === 'memory' ? { ...r, warning: 0.0001, critical: null, clear: 0, forSeconds: 0 } : r,
    ),
    fleet: { ...DEFAULT_SETTINGS.fleet, unreachableAfterSeconds: UNREACHABLE_AFTER_S },
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(local));
  const [started, opened] = await Promise.all([
    startAgent({ dataDir: remoteDir, args: ['--host', '127.0.0.6', '--tls', '--new-token'] }),
    openTrayWindow({ dataDir, width: 1024, height: 800 }),
  ]);
  remote = started;
  app = opened;
  const { fingerprint, token } = await tlsCredentials(remote);
  remoteToken = token;

  // Settings → Servers saves through the same bridge call: the token goes to main only.
  await app.open('/status');
  const view = await bridge<{ settings: Settings }>('getSettings', {});
  if (!view.ok) throw new Error(view.error.message);
  const settings: Settings = {
    ...view.value.settings,
    fleet: {
      ...view.value.settings.fleet,
      servers: [
        {
          id: REMOTE_ID,
          name: 'web02',
          url: new URL(remote.url).origin,
          fingerprint,
          trustSystemCa: false,
          enabled: true,
        },
      ],
    },
  };
  const saved = await bridge('saveSettings', {
    settings,
    secrets: { hostTokens: { web02: token } },
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  await eventually(
    async () => {
      const r = await app.engine.api.getFleet(undefined);
      const h = r.ok ? r.value.hosts.find((x) => x.id === REMOTE_ID) : undefined;
      return h?.connection === 'connected' && h.health !== 'unreachable' && h.headline;
    },
    `the engine following web02:\n${remote.output()}`,
    30_000,
  );
}, 90_000);

afterEach(() => {
  // Whatever a test did in the window, the window itself reached nothing but its own files.
  if (!app) return;
  expect(app.foreignRequests()).toEqual([]);
  expect(app.browser.errors).toEqual([]);
});

afterAll(async () => {
  await app?.close();
  remote?.proc.kill('SIGCONT');
  await remote?.stop('SIGKILL');
});

describe('the tray window over IPC (real engine, real remote agent, built renderer)', () => {
  it("shows this computer's status from the engine", { timeout: 30_000 }, async () => {
    await app.open('/status');
    await expect
      .poll(() => page().locator('.banner-host').textContent(), { timeout: 15_000 })
      .toBe('desk');
    // The engine's own value, pushed through main to the page: one of the engine's last few
    // (the machine is shared, so a push may trail the engine by a tick or two).
    const recent: string[] = [];
    const off = app.engine.api.on('status', (s) => {
      if (s.hostId !== LOCAL_HOST_ID) return;
      recent.push(formatValue('mem.used_pct', s.snapshot?.values['mem.used_pct'] ?? null, 'en'));
      recent.splice(0, recent.length - 10);
    });
    try {
      const shown = page().getByTestId('value-mem.used_pct').first();
      await expect
        .poll(async () => recent.includes((await shown.textContent()) ?? ''), { timeout: 15_000 })
        .toBe(true);
      await expect(shown.textContent()).resolves.toMatch(/^\d+(\.\d)?%$/);
    } finally {
      off();
    }
    // And what the machine says, read independently of the engine.
    await expect(
      page().locator('.stats-row', { hasText: 'Memory' }).first().innerText(),
    ).resolves.toContain(formatValue('mem.total_bytes', totalmem(), 'en'));
    expect(app.pushes()).toBeGreaterThan(0);
    // The request log sees the page's own loads (so an empty foreign list means something).
    expect(app.requests.some((u) => u.startsWith(INDEX_URL))).toBe(true);
    // The page's location is main's trusted origin; the bridge is the preload's and nothing else.
    expect(page().url().startsWith(INDEX_URL)).toBe(true);
    const keys = await page().evaluate(() => Object.keys(window.hostwatch!).sort());
    expect(keys).toEqual(
      [...Object.keys(app.engine.api).filter((k) => k !== 'on'), 'on', 'showHost'].sort(),
    );
  });

  it('refuses a page that is not our window', { timeout: 30_000 }, async () => {
    const other = await app.browser.context.newPage();
    try {
      await other.goto(INDEX_URL);
      const answer = await other.evaluate(() => window.hostwatch!.getStatus({}));
      expect(answer).toEqual({
        ok: false,
        error: {
          code: 'unauthorized',
          message: 'This request did not come from the Hostwatch window.',
        },
      });
    } finally {
      await other.close();
    }
  });

  it(
    'lists web02 healthy in the Fleet tab and switches to its status',
    { timeout: 40_000 },
    async () => {
      await app.open('/fleet');
      await page().getByRole('tab', { name: 'Fleet', exact: true }).waitFor();
      await expect
        .poll(
          () =>
            page()
              .locator('.fleet-card')
              .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.host)),
          {
            timeout: 15_000,
          },
        )
        .toEqual([LOCAL_HOST_ID, REMOTE_ID]);
      await expect(card(REMOTE_ID).locator('.fleet-name').textContent()).resolves.toBe('web02');
      // Main keeps the token: neither the page nor any answer it got holds it.
      await expect(page().content()).resolves.not.toContain(remoteToken);
      const fleet = await bridge('getFleet', undefined);
      const settings = await bridge('getSettings', {});
      expect(JSON.stringify([fleet, settings])).not.toContain(remoteToken);
      await expect
        .poll(() => healthOf(REMOTE_ID).textContent(), { timeout: 15_000 })
        .toMatch(/^(✓ OK|▲ WARNING|● CRITICAL)$/);
      // The first summary may carry the health before a CPU value (CPU needs two samples).
      await expect
        .poll(() => card(REMOTE_ID).locator('.fleet-metric-value').first().textContent(), {
          timeout: 15_000,
        })
        .toMatch(/^\d+(\.\d)?%$/);

      // The header's switcher (on the host-scoped tabs) turns Status to web02.
      await page().getByRole('tab', { name: 'Status', exact: true }).click();
      await page().getByRole('combobox', { name: 'Server' }).selectOption(REMOTE_ID);
      await expect.poll(() => page().evaluate(() => location.hash)).toBe(`#/${REMOTE_ID}/status`);
      // web02's own status (its display name), through main's forwarding to the remote agent.
      await expect
        .poll(() => page().locator('.banner-host').textContent(), { timeout: 15_000 })
        .toBe('web02');
      await expect
        .poll(() => page().getByTestId('value-mem.used_pct').first().textContent(), {
          timeout: 15_000,
        })
        .toMatch(/^\d+(\.\d)?%$/);
      // The window shows web02: main follows it with the full stream, and lets it go on Fleet.
      await expect.poll(() => [...app.engine.fleet.shown()]).toEqual([REMOTE_ID]);
      await page().getByRole('tab', { name: 'Fleet', exact: true }).click();
      await expect.poll(() => [...app.engine.fleet.shown()]).toEqual([]);
    },
  );

  it('acknowledging and snoozing in the window reach the engine', { timeout: 40_000 }, async () => {
    await app.engine.api.unacknowledge({ ruleId: 'memory', series: 'mem.used_pct' });
    await app.engine.api.snooze({ ruleId: 'memory', duration: 'off' });
    await app.open('/status');
    const banner = page().locator('.banner');
    const ack = banner.locator('.ack-controls[data-ack="no"]').first();
    await ack.waitFor({ timeout: 15_000 });
    await ack.getByRole('textbox').fill('looking into it');
    await ack.getByRole('button', { name: 'Acknowledge' }).click();
    await expect
      .poll(() => localStatus().alerts.find((a) => a.ruleId === 'memory')?.acknowledged, {
        timeout: 10_000,
      })
      .toMatchObject({ by: 'dashboard', note: 'looking into it' });
    await banner.locator('.ack-controls[data-ack="yes"]').first().waitFor({ timeout: 10_000 });

    const before = Date.now();
    await banner
      .getByRole('group', { name: /^Snooze notifications for Memory/ })
      .getByRole('button', { name: '1 hour' })
      .click();
    await expect
      .poll(() => localStatus().snooze.rules.memory, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(before + 3_600_000 - 5_000);
    await expect
      .poll(
        () => banner.locator('.banner-rule[data-rule="memory"] .banner-rule-state').textContent(),
        { timeout: 10_000 },
      )
      .toMatch(/snoozed until/);
  });

  it('speaks Korean at 360 px', { timeout: 40_000 }, async () => {
    const view = await app.engine.api.getSettings({});
    if (!view.ok) throw new Error(view.error.message);
    const lang = (language: 'en' | 'ko') =>
      app.engine.api.saveSettings({
        settings: { ...view.value.settings, general: { ...view.value.settings.general, language } },
      });
    expect((await lang('ko')).ok).toBe(true);
    try {
      await page().setViewportSize({ width: 360, height: 780 });
      await app.open('/fleet');
      await page()
        .getByRole('tab', { name: '서버 전체', exact: true })
        .waitFor({ timeout: 15_000 });
      await expect
        .poll(() => healthOf(REMOTE_ID).textContent(), { timeout: 15_000 })
        .toMatch(/^(✓ 정상|▲ 경고|● 위험)$/);
      await expect(page().locator('.fleet-view').innerText().then(leakedEnglish)).resolves.toEqual(
        [],
      );
      const fleet = await sideways();
      expect(fleet.scroll, fleet.culprit).toBeLessThanOrEqual(fleet.inner);
      await page().getByRole('tab', { name: '상태', exact: true }).click();
      await page().getByTestId('value-mem.used_pct').first().waitFor({ timeout: 15_000 });
      const status = await sideways();
      expect(status.scroll, status.culprit).toBeLessThanOrEqual(status.inner);
    } finally {
      expect((await lang('en')).ok).toBe(true);
      await page().setViewportSize({ width: 1024, height: 800 });
    }
  });

  it('a stopped remote turns unreachable in the window', { timeout: 60_000 }, async () => {
    await app.open('/fleet');
    await expect
      .poll(() => healthOf(REMOTE_ID).textContent(), { timeout: 15_000 })
      .toMatch(/^(✓ OK|▲ WARNING|● CRITICAL)$/);
    remote.proc.kill('SIGSTOP');
    const t0 = Date.now();
    await expect
      .poll(() => healthOf(REMOTE_ID).textContent(), { timeout: (UNREACHABLE_AFTER_S + 30) * 1000 })
      .toBe('✕ UNREACHABLE');
    console.log(
      `web02 unreachable in the window ${((Date.now() - t0) / 1000).toFixed(1)} s after SIGSTOP`,
    );
    await page().getByRole('button', { name: 'Open web02', exact: true }).click();
    await expect
      .poll(() => page().locator('.fleet-notice-unreachable strong').textContent(), {
        timeout: 15_000,
      })
      .toBe('✕ web02 is unreachable');
    // The engine's own alert for it, which the tray and the channels see.
    await expect
      .poll(
        () =>
          localStatus().alerts.some((a) => a.ruleId === 'host-unreachable' && a.state === 'firing'),
        { timeout: 15_000 },
      )
      .toBe(true);
  });
});
