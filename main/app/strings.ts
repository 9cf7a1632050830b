/**
 * The tray app's own words (menu, notifications, dialogs) in English and Korean. The renderer
 * translates its own views; these are only the texts the main process shows.
 */
import type { Language } from '../core/health';

const EN = {
  openDashboard: 'Open dashboard',
  snoozeAll: 'Snooze all notifications',
  snooze1h: 'For 1 hour',
  snooze4h: 'For 4 hours',
  snooze8h: 'For 8 hours',
  snoozeResolved: 'Until resolved',
  resumeNotifications: 'Resume notifications',
  snoozedUntil: (until: string) => `Notifications snoozed until ${until}`,
  snoozedUntilResolved: 'Notifications snoozed until resolved',
  pause: 'Pause monitoring',
  resume: 'Resume monitoring',
  sendTestEmail: 'Send test email',
  openLogs: 'Open log folder',
  startAtLogin: 'Start at login',
  quit: 'Quit Hostwatch',
  testEmailSent: 'Test email sent',
  testEmailFailed: 'Test email failed',
  firing: 'FIRING',
  escalated: 'ESCALATED',
  resolved: 'RESOLVED',
  severity: { warning: 'WARNING', critical: 'CRITICAL' },
  alerts: (n: number) => `${n} alerts`,
  aboveSince: (threshold: string, since: string) => `Above ${threshold} since ${since}`,
  backBelow: (threshold: string) => `Back below ${threshold}`,
  notificationsUnsupported:
    'Desktop notifications are not supported here; alerts still go to email, the event log and the tray.',
  about: (version: string, figures: string | null) =>
    figures ? `Hostwatch ${version} — ${figures}` : `Hostwatch ${version}`,
  emailNotPersistedTitle: 'Alert emails not saved to disk',
  emailNotPersisted: (count: number, error: string) =>
    `${count} alert email(s) could not be written to disk (${error}). Hostwatch keeps them in memory and sends them once the disk has room; free some space and keep it running.`,
};

const KO: typeof EN = {
  openDashboard: '대시보드 열기',
  snoozeAll: '모든 알림 일시 중지',
  snooze1h: '1시간',
  snooze4h: '4시간',
  snooze8h: '8시간',
  snoozeResolved: '해결될 때까지',
  resumeNotifications: '알림 다시 받기',
  snoozedUntil: (until: string) => `${until}까지 알림 일시 중지됨`,
  snoozedUntilResolved: '해결될 때까지 알림 일시 중지됨',
  pause: '모니터링 일시 중지',
  resume: '모니터링 재개',
  sendTestEmail: '테스트 이메일 보내기',
  openLogs: '로그 폴더 열기',
  startAtLogin: '로그인 시 시작',
  quit: 'Hostwatch 종료',
  testEmailSent: '테스트 이메일을 보냈습니다',
  testEmailFailed: '테스트 이메일 전송 실패',
  firing: '발생',
  escalated: '악화',
  resolved: '해결',
  severity: { warning: '경고', critical: '위험' },
  alerts: (n: number) => `알림 ${n}건`,
  aboveSince: (threshold: string, since: string) => `${since}부터 ${threshold} 초과`,
  backBelow: (threshold: string) => `${threshold} 미만으로 회복`,
  notificationsUnsupported:
    '이 환경에서는 데스크톱 알림을 사용할 수 없습니다. 알림은 이메일, 이벤트 로그, 트레이로 계속 전달됩니다.',
  about: (version: string, figures: string | null) =>
    figures ? `Hostwatch ${version} — ${figures}` : `Hostwatch ${version}`,
  emailNotPersistedTitle: '알림 이메일을 디스크에 저장하지 못함',
  emailNotPersisted: (count: number, error: string) =>
    `알림 이메일 ${count}개를 디스크에 기록하지 못했습니다(${error}). 메모리에 보관하다가 디스크에 공간이 생기면 보냅니다. 공간을 확보하고 Hostwatch를 계속 실행해 두세요.`,
};

/** The main-process strings for a language. */
export function strings(language: Language): typeof EN {
  return language === 'ko' ? KO : EN;
}
