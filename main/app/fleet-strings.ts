/**
 * The tray app's words for the fleet (host entries in the menu, remote-event notifications) in
 * English and Korean; kept apart from strings.ts so fleet changes merge without touching it.
 */
import type { Language } from '../shared/format';
import type { FleetHealth } from '../shared/contract';

const EN = {
  health: {
    ok: 'OK',
    warning: 'WARNING',
    critical: 'CRITICAL',
    unknown: 'no fresh data',
    unreachable: 'UNREACHABLE',
  } satisfies Record<FleetHealth, string>,
  cpu: 'cpu',
  disk: 'disk',
  openHost: 'Open dashboard at this host',
  snoozeHost: 'Snooze this host',
  snooze1h: 'For 1 hour',
  snooze4h: 'For 4 hours',
  snooze8h: 'For 8 hours',
  snoozeResolved: 'Until resolved',
  resumeHost: 'Resume notifications',
  copyAddress: 'Copy address',
  firing: 'FIRING',
  resolved: 'RESOLVED',
  severity: { warning: 'WARNING', critical: 'CRITICAL' },
};

const KO: typeof EN = {
  health: {
    ok: '정상',
    warning: '경고',
    critical: '위험',
    unknown: '최신 데이터 없음',
    unreachable: '연결 불가',
  },
  cpu: 'CPU',
  disk: '디스크',
  openHost: '이 호스트의 대시보드 열기',
  snoozeHost: '이 호스트 알림 일시 중지',
  snooze1h: '1시간',
  snooze4h: '4시간',
  snooze8h: '8시간',
  snoozeResolved: '해결될 때까지',
  resumeHost: '알림 다시 받기',
  copyAddress: '주소 복사',
  firing: '발생',
  resolved: '해결',
  severity: { warning: '경고', critical: '위험' },
};

/** The fleet strings for a language. */
export function fleetStrings(language: Language): typeof EN {
  return language === 'ko' ? KO : EN;
}
