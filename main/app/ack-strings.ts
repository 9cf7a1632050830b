/**
 * The tray app's words for acknowledging (menu items and notification actions), English and
 * Korean; kept apart from strings.ts so the feature stays in its own files.
 */
import type { Language } from '../core/health';

const EN = {
  heading: 'Firing alerts',
  acknowledge: (what: string) => `Acknowledge ${what}`,
  takeBack: (what: string, time: string) =>
    `Take back acknowledgement: ${what}, acknowledged ${time}`,
  /** An alert of a named host, in a menu listing several hosts. */
  onHost: (what: string, host: string) => `${what} on ${host}`,
  severity: { warning: 'warning', critical: 'critical' },
  action: 'Acknowledge',
  acknowledged: 'Acknowledged',
  acknowledgedBody: (what: string) => `${what}: no reminders until it resolves.`,
  refused: 'Could not acknowledge',
};

const KO: typeof EN = {
  heading: '발생 중인 경보',
  acknowledge: (what: string) => `${what} 확인`,
  takeBack: (what: string, time: string) => `확인 취소: ${what}, ${time}에 확인함`,
  onHost: (what: string, host: string) => `${host}의 ${what}`,
  severity: { warning: '경고', critical: '위험' },
  action: '확인',
  acknowledged: '확인함',
  acknowledgedBody: (what: string) => `${what}: 해결될 때까지 다시 알리지 않습니다.`,
  refused: '확인하지 못했습니다',
};

/** The acknowledge words in a language. */
export function ackStrings(language: Language): typeof EN {
  return language === 'ko' ? KO : EN;
}
