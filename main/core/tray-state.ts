/**
 * Health → tray icon and tooltip: a pure, exhaustive mapping (the tray controller in main/app
 * only caches images and throttles; every decision about what the tray says is made here).
 */
import { assertNever } from '../shared/assert-never';
import type { AlertState, FleetHealth, FleetHost, Status } from '../shared/contract';
import { describeAlert, worstAlert, type Language } from './health';
import { worstForecastSuffix } from './forecast-words';

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
    servers: (n: number) => `${n} servers`,
    unreachableDetail: 'unreachable',
    acked: (hhmm: string) => `acknowledged by you ${hhmm}`,
    ackedShort: 'acknowledged',
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
    servers: (n: number) => `서버 ${n}대`,
    unreachableDetail: '연결 불가',
    acked: (hhmm: string) => `${hhmm}에 확인함`,
    ackedShort: '확인함',
  },
} as const satisfies Record<
  Language,
  Record<string, string | ((n: number) => string) | ((hhmm: string) => string)>
>;

/** How many enabled checks failed their latest run (the Status card's "failing"). */
export function failingChecks(status: Status | null): number {
  return (status?.checks ?? []).filter((c) => c.enabled && c.last !== null && !c.last.up).length;
}

/** `2 checks failing` / `검사 2개 실패`, for the tooltip and the menu. */
export function failingChecksText(count: number, language: Language): string {
  if (language === 'ko') return `검사 ${count}개 실패`;
  return count === 1 ? '1 check failing' : `${count} checks failing`;
}

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

/** One host's part: its own tooltip, and what the fleet line says after the state word. */
interface HostState extends TrayState {
  /** `web02 unreachable`, `web02 Disk / 99%`, `web02: no fresh data`, or null when fine. */
  readonly fleetDetail: string | null;
}

/**
 * Maps the fleet (every watched host; empty before the first tick) to the tray icon and tooltip,
 * in the UI language: the worst host decides the colour (`unreachable` counts as critical). With
 * one host this is exactly that host's state (`web01 — CRITICAL: Disk / 99%`); with several the
 * tooltip counts them and names the worst host and metric (`3 servers — CRITICAL: web02
 * unreachable`). Among equally bad hosts the first listed (the local one) speaks.
 */
export function trayState(hosts: readonly TrayHost[], language: Language): TrayState {
  const w = WORDS[language];
  let worst: HostState | null = null;
  for (const host of hosts) {
    const state = 'hostId' in host ? statusState(host, language) : fleetHostState(host, language);
    if (!worst || ICON_RANK[state.icon] > ICON_RANK[worst.icon]) worst = state;
  }
  if (worst === null) return { icon: 'unknown', tooltip: `Hostwatch — ${w.starting}` };
  if (hosts.length === 1) return { icon: worst.icon, tooltip: truncate(worst.tooltip) };
  return { icon: worst.icon, tooltip: truncate(fleetLine(hosts.length, worst, language)) };
}

/** `3 servers — CRITICAL: web02 unreachable`, `3 servers — OK`, `3 servers — web02: no fresh data`. */
function fleetLine(count: number, worst: HostState, language: Language): string {
  const w = WORDS[language];
  const head = `${w.servers(count)} — `;
  const icon = worst.icon;
  switch (icon) {
    case 'ok':
      return `${head}${w.ok}`;
    case 'warning':
    case 'critical':
      return `${head}${w[icon]}${worst.fleetDetail ? `: ${worst.fleetDetail}` : ''}`;
    case 'warning-ring':
    case 'critical-ring': {
      // Everything wrong is acknowledged: the same words, the ring icon says the rest.
      const base = icon === 'warning-ring' ? 'warning' : 'critical';
      return `${head}${w[base]} (${w.ackedShort})${worst.fleetDetail ? `: ${worst.fleetDetail}` : ''}`;
    }
    case 'unknown':
      return `${head}${worst.fleetDetail ?? w.unknown}`;
    default:
      return assertNever(icon, 'Unknown tray icon');
  }
}

/** A host whose whole status is known (untruncated tooltip). */
function statusState(status: Status, language: Language): HostState {
  const w = WORDS[language];
  const name = status.host.displayName || status.host.hostname;
  if (status.paused)
    return {
      icon: 'unknown',
      tooltip: `${name} — ${w.paused}`,
      fleetDetail: `${name}: ${w.paused}`,
    };
  const snoozed = status.snooze.all !== null ? ` (${w.snoozed})` : '';
  const health = status.health;
  // The soonest-full disk, when it is due within a month (forecast-words.ts, issue 11), and the
  // endpoint checks that failed their latest run (issue 9).
  const failing = failingChecks(status);
  const trend =
    worstForecastSuffix(status, language) +
    (failing > 0 ? ` · ${failingChecksText(failing, language)}` : '');
  switch (health) {
    case 'ok':
      return { icon: 'ok', tooltip: `${name} — ${w.ok}${snoozed}${trend}`, fleetDetail: null };
    case 'warning':
    case 'critical': {
      // The same worst alert and wording as emails (health.ts); pending ones are not named.
      const worst = worstAlert(status.alerts);
      const what = worst ? describeAlert(worst, language) : null;
      const line = alertLine(status.alerts, health, language);
      return {
        icon: line.icon,
        tooltip: `${name} — ${line.text}${snoozed}${trend}`,
        fleetDetail: what ? `${name} ${what}` : name,
      };
    }
    case 'unknown':
      return {
        icon: 'unknown',
        tooltip: `${name} — ${w.unknown}`,
        fleetDetail: `${name}: ${w.unknown}`,
      };
    default:
      return assertNever(health, 'Unknown health');
  }
}

/** A host known only by its fleet line (untruncated tooltip). */
function fleetHostState(host: FleetHost, language: Language): HostState {
  const w = WORDS[language];
  const name = host.name;
  const health: FleetHealth = host.health;
  switch (health) {
    case 'ok':
      return { icon: 'ok', tooltip: `${name} — ${w.ok}`, fleetDetail: null };
    case 'warning':
    case 'critical': {
      const worst = worstAlert(host.alerts);
      const what = worst ? describeAlert(worst, language) : null;
      const line = alertLine(host.alerts, health, language);
      return {
        icon: line.icon,
        tooltip: `${name} — ${line.text}`,
        fleetDetail: what ? `${name} ${what}` : name,
      };
    }
    case 'unreachable':
      return {
        icon: 'critical',
        tooltip: `${name} — ${w.unreachable}`,
        fleetDetail: `${name} ${w.unreachableDetail}`,
      };
    case 'unknown':
      return {
        icon: 'unknown',
        tooltip: `${name} — ${w.unknown}`,
        fleetDetail: `${name}: ${w.unknown}`,
      };
    default:
      return assertNever(health, 'Unknown health');
  }
}
