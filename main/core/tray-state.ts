/**
 * Health → tray icon and tooltip: a pure, exhaustive mapping (the tray controller in main/app
 * only caches images and throttles; every decision about what the tray says is made here).
 */
import { assertNever } from '../shared/assert-never';
import type { AlertState, FleetHealth, FleetHost, Status } from '../shared/contract';
import { describeAlert, worstAlert, type Language } from './health';

/**
 * The tray icons: green, amber, red, grey (unknown or paused) as filled dots, and amber or red
 * as a ring when everything firing is acknowledged (nothing new is wrong).
 */
export type TrayIcon = 'ok' | 'warning' | 'critical' | 'unknown' | 'warning-ring' | 'critical-ring';

/** What the tray shows. */
export interface TrayState {
  readonly icon: TrayIcon;
  readonly tooltip: string;
}

/** Windows truncates tray tooltips past 127 UTF-16 units (NOTIFYICONDATA.szTip is 128). */
const MAX_TOOLTIP = 127;

const WORDS = {
  en: {
    starting: 'starting…',
    paused: 'monitoring paused',
    ok: 'OK',
    warning: 'WARNING',
    critical: 'CRITICAL',
    unknown: 'no fresh data',
    unreachable: 'UNREACHABLE',
    snoozed: 'notifications snoozed',
    more: (n: number) => `+${n} more ${n === 1 ? 'host' : 'hosts'}`,
    acked: (hhmm: string) => `acknowledged by you ${hhmm}`,
  },
  ko: {
    starting: '시작하는 중…',
    paused: '모니터링 일시 중지됨',
    ok: '정상',
    warning: '경고',
    critical: '위험',
    unknown: '최신 데이터 없음',
    unreachable: '연결 불가',
    snoozed: '알림 일시 중지됨',
    more: (n: number) => `외 호스트 ${n}대`,
    acked: (hhmm: string) => `${hhmm}에 확인함`,
  },
} as const satisfies Record<
  Language,
  Record<string, string | ((n: number) => string) | ((hhmm: string) => string)>
>;

function truncate(text: string): string {
  return text.length <= MAX_TOOLTIP ? text : `${text.slice(0, MAX_TOOLTIP - 1)}…`;
}

/** One host as the tray sees it: a full status (local, followed agents) or a fleet line. */
export type TrayHost = Status | FleetHost;

/** Icon ranks for "worst of": not knowing a host is worse than it being fine. */
const ICON_RANK: Record<TrayIcon, number> = {
  critical: 5,
  'critical-ring': 4,
  warning: 3,
  'warning-ring': 2,
  unknown: 1,
  ok: 0,
};

/** Local wall-clock HH:MM of a time, for "acknowledged by you 10:42". */
function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The icon and the words after the state for a warning or critical host: a ring and "(acknowledged
 * by you 10:42)" when every firing alert is acknowledged, otherwise the filled dot.
 */
function alertLine(
  alerts: readonly AlertState[],
  health: 'warning' | 'critical',
  language: Language,
): { icon: TrayIcon; text: string } {
  const w = WORDS[language];
  const worst = worstAlert(alerts);
  const detail = worst ? `: ${describeAlert(worst, language)}` : '';
  const firing = alerts.filter((a) => a.state === 'firing');
  const allAcked = firing.length > 0 && firing.every((a) => a.acknowledged !== undefined);
  if (!allAcked || !worst?.acknowledged) return { icon: health, text: `${w[health]}${detail}` };
  const acked = ` (${w.acked(hhmm(worst.acknowledged.time))})`;
  return { icon: `${health}-ring`, text: `${w[health]}${acked}${detail}` };
}

/**
 * Maps the fleet (every watched host; empty before the first tick) to the tray icon and tooltip,
 * in the UI language: the worst host decides the colour (`unreachable` counts as critical) and
 * speaks the tooltip, which says how many other hosts there are. With one host this is exactly
 * that host's state.
 */
export function trayState(hosts: readonly TrayHost[], language: Language): TrayState {
  const w = WORDS[language];
  let worst: TrayState | null = null;
  for (const host of hosts) {
    const state = 'hostId' in host ? statusState(host, language) : fleetHostState(host, language);
    if (!worst || ICON_RANK[state.icon] > ICON_RANK[worst.icon]) worst = state;
  }
  if (worst === null) return { icon: 'unknown', tooltip: `Hostwatch — ${w.starting}` };
  if (hosts.length === 1) return { icon: worst.icon, tooltip: truncate(worst.tooltip) };
  const more = ` (${w.more(hosts.length - 1)})`;
  // The count goes last but must survive truncation: shorten the host's line instead.
  const room = MAX_TOOLTIP - more.length;
  const line =
    worst.tooltip.length <= room ? worst.tooltip : `${worst.tooltip.slice(0, room - 1)}…`;
  return { icon: worst.icon, tooltip: `${line}${more}` };
}

/** A host whose whole status is known (untruncated tooltip). */
function statusState(status: Status, language: Language): TrayState {
  const w = WORDS[language];
  const name = status.host.displayName || status.host.hostname;
  if (status.paused) return { icon: 'unknown', tooltip: `${name} — ${w.paused}` };
  const snoozed = status.snooze.all !== null ? ` (${w.snoozed})` : '';
  const health = status.health;
  switch (health) {
    case 'ok':
      return { icon: 'ok', tooltip: `${name} — ${w.ok}${snoozed}` };
    case 'warning':
    case 'critical': {
      // The same worst alert and wording as emails (health.ts); pending ones are not named.
      const line = alertLine(status.alerts, health, language);
      return { icon: line.icon, tooltip: `${name} — ${line.text}${snoozed}` };
    }
    case 'unknown':
      return { icon: 'unknown', tooltip: `${name} — ${w.unknown}` };
    default:
      return assertNever(health, 'Unknown health');
  }
}

/** A host known only by its fleet line (untruncated tooltip). */
function fleetHostState(host: FleetHost, language: Language): TrayState {
  const w = WORDS[language];
  const health: FleetHealth = host.health;
  switch (health) {
    case 'ok':
      return { icon: 'ok', tooltip: `${host.name} — ${w.ok}` };
    case 'warning':
    case 'critical': {
      const line = alertLine(host.alerts, health, language);
      return { icon: line.icon, tooltip: `${host.name} — ${line.text}` };
    }
    case 'unreachable':
      return { icon: 'critical', tooltip: `${host.name} — ${w.unreachable}` };
    case 'unknown':
      return { icon: 'unknown', tooltip: `${host.name} — ${w.unknown}` };
    default:
      return assertNever(health, 'Unknown health');
  }
}
