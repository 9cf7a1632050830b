/** Korean strings of Hostwatch's own cost (issue 11), spread into ko.ts. */
import type { selfCostEn } from './self-cost-en';

export const selfCostKo: Record<keyof typeof selfCostEn, string> = {
  'selfCost.footer': 'Hostwatch 사용량: {figures} (프로세스 {processes}개)',
  'selfCost.footerOne': 'Hostwatch 사용량: {figures} (프로세스 1개)',
  'selfCost.footerRemote': '{host}의 Hostwatch 사용량: {figures} (프로세스 {processes}개)',
  'selfCost.footerRemoteOne': '{host}의 Hostwatch 사용량: {figures} (프로세스 1개)',
  'selfCost.throttled': 'CPU 예산을 지키기 위해 프로세스와 온도를 4배 드물게 읽고 있습니다.',
  'settings.selfCost': '자체 CPU 예산',
  'settings.selfCostHint':
    'Hostwatch 자신이 기간 평균으로 이보다 많은 CPU를 쓰면, 예산 안으로 돌아올 때까지 프로세스와 온도를 4배 드물게 읽습니다.',
  'settings.cpuBudgetPercent': 'CPU 예산 (코어 1개의 %, 0.1–100)',
  'settings.budgetMinutes': '기간 (분, 1–1440)',
  'error.cpuBudget': 'CPU 예산은 0.1부터 100까지의 숫자(코어 1개의 %)로 쓰세요 (예: 1 %면 1)',
  'error.budgetMinutes': '예산 기간은 1부터 1440(하루)까지의 정수 분으로 쓰세요 (예: 10)',
  'notice.cpuBudget':
    'Hostwatch가 {minutes}분 동안 CPU {mean}%를 써서 예산 {budget}%를 넘었습니다. 예산 안으로 돌아올 때까지 프로세스와 온도를 4배 드물게 읽습니다',
  'system.cpuThrottled':
    '자체 CPU {minutes}분 평균 {mean}%, 예산 {budget}% 초과: 프로세스와 온도 수집을 늦춤',
  'system.cpuRestored':
    '자체 CPU {minutes}분 평균 {mean}%, 예산 {budget}% 이내: 프로세스와 온도를 설정된 간격으로 다시 읽음',
};
