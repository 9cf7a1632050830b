/**
 * Health → tray icon and tooltip: a pure, exhaustive mapping (the tray controller in main/app
 * only caches images and throttles; every decision about what the tray says is made here).
 */
import { assertNever } from '../shared/assert-never';
import type { Status } from '../shared/contract';
import { describeAlert, worstAlert, type Language } from './health';

/** The four tray icons: green, amber, red, grey (unknown or paused). */
export type TrayIcon = 'ok' | 'warning' | 'critical' | 'unknown';

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
    snoozed: 'notifications snoozed',
  },
  ko: {
    starting: '시작하는 중…',
    paused: '모니터링 일시 중지됨',
    ok: '정상',
    warning: '경고',
    critical: '위험',
    unknown: '최신 데이터 없음',
    snoozed: '알림 일시 중지됨',
  },
} as const satisfies Record<Language, Record<string, string>>;

function truncate(text: string): string {
  return text.length <= MAX_TOOLTIP ? text : `${text.slice(0, MAX_TOOLTIP - 1)}…`;
}

/** Maps status (null before the first tick) to the tray icon and tooltip, in the UI language. */
export function trayState(status: Status | null, language: Language): TrayState {
  const w = WORDS[language];
  if (status === null) return { icon: 'unknown', tooltip: `Hostwatch — ${w.starting}` };
  const name = status.host.displayName || status.host.hostname;
  if (status.paused) return { icon: 'unknown', tooltip: truncate(`${name} — ${w.paused}`) };
  const snoozed = status.snooze.all !== null ? ` (${w.snoozed})` : '';
  const health = status.health;
  switch (health) {
    case 'ok':
      return { icon: 'ok', tooltip: truncate(`${name} — ${w.ok}${snoozed}`) };
    case 'warning':
    case 'critical': {
      // The same worst alert and wording as emails (health.ts); pending ones are not named.
      const worst = worstAlert(status.alerts);
      const detail = worst ? `: ${describeAlert(worst, language)}` : '';
      return { icon: health, tooltip: truncate(`${name} — ${w[health]}${detail}${snoozed}`) };
    }
    case 'unknown':
      return { icon: 'unknown', tooltip: truncate(`${name} — ${w.unknown}`) };
    default:
      return assertNever(health, 'Unknown health');
  }
}
