/**
 * The tray's context menu: a pure template built from state, and the actions behind it. Every
 * action lives in the menu because on Linux (AppIndicator) tray clicks are never delivered.
 */
import type { MenuItemConstructorOptions } from 'electron';
import {
  LOCAL_HOST_ID,
  type HostId,
  type HostwatchApi,
  type SnoozeState,
} from '../shared/contract';
import type { Logger } from '../core/ports';
import type { Language } from '../core/health';
import { failingChecksText } from '../core/tray-state';
import { strings } from './strings';
import { buildFleetMenuItems, type FleetMenuActions, type MenuHost } from './fleet-menu';
import { buildAckMenuItems, type AckMenuActions, type MenuAlert } from './ack-menu';

/** A snooze choice in the menu (`off` resumes notifications). */
export type SnoozeChoice = '1h' | '4h' | '8h' | 'resolved' | 'off';

/** What the menu depends on. */
export interface MenuState {
  readonly language: Language;
  readonly paused: boolean;
  readonly snooze: SnoozeState['all'];
  readonly openAtLogin: boolean;
  /** Endpoint checks that failed their latest run (issue 9); absent or 0: no line. */
  readonly failingChecks?: number;
  /** The fleet's hosts, listed first with a submenu each (none: no host entries). */
  readonly hosts?: readonly MenuHost[];
  /** Firing alerts of this computer and the watched hosts, each with Acknowledge or Take back. */
  readonly alerts?: readonly MenuAlert[];
  /** "Hostwatch 0.1.0 — 0.3% CPU · 71 MiB" (about-line.ts); absent: no line. */
  readonly about?: string;
}

/** What each menu item does. */
export interface MenuActions extends FleetMenuActions, AckMenuActions {
  openDashboard(): void;
  snooze(choice: SnoozeChoice): void;
  setPaused(paused: boolean): void;
  sendTestEmail(): void;
  openLogs(): void;
  setOpenAtLogin(on: boolean): void;
  quit(): void;
}

/** Builds the context-menu template; every item has a stable `id` (tests and updates use it). */
export function buildMenuTemplate(
  state: MenuState,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const s = strings(state.language);
  const snoozeItems: MenuItemConstructorOptions[] =
    state.snooze === null
      ? [
          { id: 'snooze-1h', label: s.snooze1h, click: () => actions.snooze('1h') },
          { id: 'snooze-4h', label: s.snooze4h, click: () => actions.snooze('4h') },
          { id: 'snooze-8h', label: s.snooze8h, click: () => actions.snooze('8h') },
          {
            id: 'snooze-resolved',
            label: s.snoozeResolved,
            click: () => actions.snooze('resolved'),
          },
        ]
      : [
          {
            id: 'snooze-status',
            enabled: false,
            label:
              state.snooze === 'resolved'
                ? s.snoozedUntilResolved
                : s.snoozedUntil(
                    new Date(state.snooze).toLocaleString(state.language, {
                      hour: '2-digit',
                      minute: '2-digit',
                    }),
                  ),
          },
          { id: 'snooze-off', label: s.resumeNotifications, click: () => actions.snooze('off') },
        ];
  return [
    ...buildFleetMenuItems(state.hosts ?? [], state.language, actions),
    ...(state.failingChecks
      ? [
          {
            id: 'checks-failing',
            label: `▲ ${failingChecksText(state.failingChecks, state.language)}`,
            click: () => actions.openDashboard(),
          },
        ]
      : []),
    ...buildAckMenuItems(state.alerts ?? [], state.language, actions),
    { id: 'open', label: s.openDashboard, click: () => actions.openDashboard() },
    { type: 'separator' },
    { id: 'snooze', label: s.snoozeAll, submenu: snoozeItems },
    state.paused
      ? { id: 'resume', label: s.resume, click: () => actions.setPaused(false) }
      : { id: 'pause', label: s.pause, click: () => actions.setPaused(true) },
    { type: 'separator' },
    { id: 'test-email', label: s.sendTestEmail, click: () => actions.sendTestEmail() },
    { id: 'logs', label: s.openLogs, click: () => actions.openLogs() },
    {
      id: 'login',
      label: s.startAtLogin,
      type: 'checkbox',
      checked: state.openAtLogin,
      click: () => actions.setOpenAtLogin(!state.openAtLogin),
    },
    { type: 'separator' },
    ...(state.about ? [{ id: 'about', label: state.about, enabled: false }] : []),
    { id: 'quit', label: s.quit, click: () => actions.quit() },
  ];
}

/** What the menu actions reach. */
export interface MenuActionDeps {
  readonly api: HostwatchApi;
  readonly openDashboard: () => void;
  /** Opens the window at a host's status. */
  readonly openHost: (host: HostId) => void;
  /** Puts text on the clipboard. */
  readonly copyText: (text: string) => void;
  readonly openPath: (path: string) => Promise<string>;
  readonly logDir: string;
  readonly setOpenAtLogin: (on: boolean) => Promise<void>;
  /** Shows a short message (a notification, or a dialog where notifications are unsupported). */
  readonly notify: (title: string, body: string) => void;
  /** Rebuilds the menu after a change the engine does not push (start at login). */
  readonly refresh: () => void;
  readonly language: () => Language;
  readonly quit: () => void;
  readonly logger: Logger;
}

/** The `host` field of a host-scoped input: absent for this computer. */
function onHost(host: HostId): { host?: HostId } {
  return host === LOCAL_HOST_ID ? {} : { host };
}

/** `acknowledge` for this computer, `acknowledge web02` for another host (log lines). */
function hostScoped(what: string, host: HostId): string {
  return host === LOCAL_HOST_ID ? what : `${what} ${host}`;
}

/** Wires menu items to the engine API and the OS; failures are logged, never thrown. */
export function createMenuActions(deps: MenuActionDeps): MenuActions {
  const run = (what: string, task: () => Promise<unknown>): void => {
    task().catch((err: unknown) => deps.logger.error(`${what} failed`, err));
  };
  const call = (
    what: string,
    op: () => Promise<{ ok: boolean; error?: { message: string } }>,
  ): void =>
    run(what, async () => {
      const result = await op();
      if (!result.ok)
        deps.logger.warn(`${what} refused: ${result.error?.message ?? 'unknown error'}`);
    });
  return {
    openDashboard: deps.openDashboard,
    openHost: deps.openHost,
    snoozeHost: (host, choice) =>
      call(`snooze ${host}`, () => deps.api.snooze({ host, duration: choice })),
    copyText: deps.copyText,
    snooze: (choice) => call('snooze', () => deps.api.snooze({ duration: choice })),
    // A remote host's alert goes through the host-aware operation, which forwards it.
    acknowledge: (ruleId, series, host) =>
      call(hostScoped('acknowledge', host), () =>
        deps.api.acknowledge({ ...onHost(host), ruleId, series, by: 'tray' }),
      ),
    unacknowledge: (ruleId, series, host) =>
      call(hostScoped('take back acknowledgement', host), () =>
        deps.api.unacknowledge({ ...onHost(host), ruleId, series, by: 'tray' }),
      ),
    setPaused: (paused) => call('pause', () => deps.api.setPaused({ paused })),
    sendTestEmail: () =>
      run('test email', async () => {
        const s = strings(deps.language());
        const result = await deps.api.sendTestEmail(undefined);
        if (!result.ok) deps.notify(s.testEmailFailed, result.error.message);
        else
          deps.notify(
            result.value.delivered ? s.testEmailSent : s.testEmailFailed,
            result.value.message,
          );
      }),
    openLogs: () =>
      run('open log folder', async () => {
        // shell.openPath resolves with an error message instead of rejecting.
        const error = await deps.openPath(deps.logDir);
        if (error) deps.logger.warn(`open log folder: ${error}`);
      }),
    setOpenAtLogin: (on) =>
      run('start at login', async () => {
        await deps.setOpenAtLogin(on);
        deps.refresh();
      }),
    quit: deps.quit,
  };
}
