/** Korean strings of the backtest, the forecasts and the Prometheus rules download. */
import type { backtestEn } from './backtest-en';

/** Korean for every key of {@link backtestEn}. */
export const backtestKo: { readonly [K in keyof typeof backtestEn]: string } = {
  'backtest.heading': '저장된 기록 기준',
  'backtest.range.24h': '최근 24시간',
  'backtest.range.7d': '최근 7일',
  'backtest.rangeLabel': '백테스트 기간',
  'backtest.running': '저장된 기록을 확인하는 중…',
  'backtest.failed': '백테스트를 실행하지 못했습니다: {message}',
  'backtest.noData': '{range} 동안 이 지표의 저장된 기록이 아직 없습니다.',
  'backtest.never': '{range} 동안 한 번도 발생하지 않았을 것입니다.',
  'backtest.firedOnce':
    '{range} 동안 1번 발생했을 것입니다 (경고 {warning}, 심각 {critical}), 가장 긴 것 {longest}.',
  'backtest.fired':
    '{range} 동안 {count}번 발생했을 것입니다 (경고 {warning}, 심각 {critical}), 가장 긴 것 {longest}.',
  'backtest.stillOpen': '마지막 것은 아직 계속되고 있습니다.',
  'backtest.minuteMax':
    '최근 1시간 이전은 1분마다 그 분의 최댓값으로 계산합니다 (기록은 분당 최소/평균/최대를 보관합니다).',
  'backtest.minuteMin':
    '최근 1시간 이전은 1분마다 그 분의 최솟값으로 계산합니다 (기록은 분당 최소/평균/최대를 보관합니다).',
  'backtest.approximate':
    '근사치: "지속 시간"({seconds}초)이 오래된 기록의 1분 해상도보다 짧습니다.',
  'backtest.coverage': '기록이 기간의 {pct}를 포함합니다.',
  'backtest.timeline': '발생했을 시점',
  'backtest.episode': '{start}부터 {end}까지 {severity}',
  'backtest.episodeOpen': '{start}부터 {severity}, 아직 계속됨',
  'forecast.full': '약 {duration} 후 가득 참',
  'forecast.fullNow': '지금 가득 참',
  'forecast.level': '약 {duration} 후 {level} 도달',
  'forecast.days': '{n}일',
  'forecast.day': '1일',
  'forecast.hours': '{n}시간',
  'forecast.minutes': '{n}분',
  'forecast.memory': '메모리',
  'settings.promRules.title': 'Prometheus 규칙',
  'settings.promRules.text':
    '이 알림 규칙을 Prometheus 규칙 파일로 내려받습니다. 이 에이전트의 /metrics를 수집하는 Prometheus용입니다. 먼저 설정을 저장하세요: 파일은 저장된 규칙으로 만들어집니다.',
  'settings.promRules.download': 'Prometheus 규칙 내려받기',
  'settings.promRules.failed': '규칙 파일을 만들지 못했습니다: {message}',
};
