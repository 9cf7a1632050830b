/**
 * The Status footer says what Hostwatch costs (issue 11), in English and Korean, with the one
 * value formatter; for a watched server it names that server; nothing before it is measured.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SelfCost } from '../../main/shared/contract';
import { selfCostFigures } from '../../main/shared/self-cost-text';
import { SelfCostFooter } from '../../renderer/components/self-cost-footer';
import { createI18n, I18nContext, type Language } from '../../renderer/i18n';
import { describeNoticeCode } from '../../renderer/components/notice-text';
import { describeSystemEvent } from '../../renderer/components/event-text';
import { createMemoryApi, makeStatus } from './memory-api';
import { renderApp } from './render';

const cost: SelfCost = {
  cpuRatio: 0.003,
  rssBytes: 71 * 1024 * 1024,
  processes: 3,
  throttled: false,
};

function footer(lang: Language, status: ReturnType<typeof makeStatus>) {
  return render(
    <I18nContext.Provider value={createI18n(lang)}>
      <SelfCostFooter status={status} />
    </I18nContext.Provider>,
  );
}

describe('own cost footer', () => {
  it('is on the Status view with CPU, memory and the processes counted', async () => {
    await renderApp(createMemoryApi({ status: makeStatus({ selfCost: cost }) }));
    expect(screen.getByTestId('self-cost').textContent).toBe(
      'Hostwatch uses 0.3% CPU · 71 MiB (3 processes)',
    );
  });

  it('says it in Korean, one process in the singular, and the slowed collectors', () => {
    const { unmount } = footer('ko', makeStatus({ selfCost: cost }));
    expect(screen.getByTestId('self-cost').textContent).toBe(
      'Hostwatch 사용량: CPU 0.3% · 71 MiB (프로세스 3개)',
    );
    unmount();
    footer('en', makeStatus({ selfCost: { ...cost, processes: 1, throttled: true } }));
    expect(screen.getByTestId('self-cost').textContent).toBe(
      'Hostwatch uses 0.3% CPU · 71 MiB (1 process) Processes and temperatures are read 4× less often to stay within its CPU budget.',
    );
  });

  it("names a watched server, whose own agent's figures it shows", () => {
    const remote = makeStatus({
      hostId: 'web02',
      host: { ...makeStatus().host, displayName: 'web02' },
      selfCost: { ...cost, cpuRatio: 0.012, rssBytes: 90.5 * 1024 * 1024, processes: 1 },
    });
    footer('en', remote);
    expect(screen.getByTestId('self-cost').textContent).toBe(
      'Hostwatch on web02 uses 1.2% CPU · 90.5 MiB (1 process)',
    );
  });

  it('shows nothing before a figure is measured, and only the known figure', () => {
    footer('en', makeStatus({}));
    expect(screen.queryByTestId('self-cost')).toBeNull();
    expect(selfCostFigures({ ...cost, cpuRatio: null }, 'en')).toBe('71 MiB');
    expect(selfCostFigures({ ...cost, cpuRatio: null, rssBytes: null }, 'en')).toBeNull();
  });

  it('says the budget notice and events in both languages from their codes', () => {
    const params = { meanPercent: 1.4, budgetPercent: 1, minutes: 10 };
    expect(describeNoticeCode(createI18n('en'), 'cpu-budget', params)).toBe(
      'Hostwatch used 1.4% CPU over 10 min, above its budget of 1%: processes and temperatures are read 4× less often until it is back within budget',
    );
    expect(describeNoticeCode(createI18n('ko'), 'cpu-budget', params)).toContain(
      '예산 1%를 넘었습니다',
    );
    expect(describeNoticeCode(createI18n('en'), 'cpu-budget', {})).toBeNull();
    const event = (code: 'cpu-throttled' | 'cpu-restored') => ({
      id: '1',
      host: 'local',
      time: 0,
      kind: 'system' as const,
      severity: 'info' as const,
      message: 'English',
      code,
      params,
    });
    expect(describeSystemEvent(createI18n('en'), event('cpu-throttled'))).toBe(
      'Own CPU 1.4% over 10 min, above the 1% budget: processes and temperatures slowed',
    );
    expect(describeSystemEvent(createI18n('ko'), event('cpu-restored'))).toBe(
      '자체 CPU 10분 평균 1.4%, 예산 1% 이내: 프로세스와 온도를 설정된 간격으로 다시 읽음',
    );
  });
});
