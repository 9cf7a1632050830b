/** Korean strings of Settings → Heartbeat (issue 11), spread into ko.ts. */
import type { heartbeatEn } from './heartbeat-en';

export const heartbeatKo: Record<keyof typeof heartbeatEn, string> = {
  'heartbeat.heading': '하트비트',
  'heartbeat.intro':
    '모니터 자체가 살아 있음을 알려 줍니다: 매일 요약 메일, 그리고 healthchecks.io 같은 데드맨 스위치 서비스로의 핑.',
  'heartbeat.emailEnabled': '매일 요약 메일 보내기',
  'heartbeat.emailHint': '정상 여부나 미해결 문제를 알립니다. 이메일(SMTP) 설정이 필요합니다.',
  'heartbeat.hour': '보낼 시각 (0–23시, 현지 시간)',
  'heartbeat.urlEnabled': '하트비트 URL 핑 보내기',
  'heartbeat.urlHint':
    '상태가 심각이거나 수집이 일시 중지된 동안에는 핑을 보내지 않아 서비스가 경보를 울립니다.',
  'heartbeat.url': '하트비트 URL (http 또는 https)',
  'heartbeat.intervalMinutes': '간격 (분, 1–1440)',
  'error.heartbeatUrlRequired': '하트비트 URL을 입력하거나 하트비트 핑을 끄세요',
  'error.heartbeatHour': '시각은 0부터 23까지의 정수로 쓰세요 (예: 08:00이면 8)',
  'error.heartbeatUrl': '하트비트 URL은 https:// 또는 http://로 시작해야 합니다',
  'error.heartbeatInterval': '간격은 1부터 1440(하루)까지의 정수 분으로 쓰세요 (예: 5)',
};
