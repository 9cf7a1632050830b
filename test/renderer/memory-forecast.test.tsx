import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StatusForecast } from '../../main/shared/contract';
import { createMemoryApi, makeStatus } from './memory-api';
import { renderApp } from './render';

const memory: StatusForecast = {
  series: 'mem.used_pct',
  metric: 'mem.used_pct',
  secondsToFull: 5 * 3_600,
  level: 90,
  secondsToLevel: 2 * 3_600,
  slopePerHour: 4,
  window: '6h',
  confidence: 0.95,
  at: Date.now(),
};

describe('memory forecast on the Status view', () => {
  it('says when memory will be exhausted on the memory card', async () => {
    await renderApp(createMemoryApi({ status: makeStatus({ forecasts: [memory] }) }));
    expect(screen.getByTestId('mem-forecast').textContent).toBe('full in ~5 h · at 90% in ~2 h');
  });

  it('says it in Korean, and nothing without a steady memory trend', async () => {
    const { unmount } = await renderApp(
      createMemoryApi({ status: makeStatus({ language: 'ko', forecasts: [memory] }) }),
    );
    expect(screen.getByTestId('mem-forecast').textContent).toBe(
      '약 5시간 후 가득 참 · 약 2시간 후 90% 도달',
    );
    unmount();
    await renderApp(createMemoryApi({ status: makeStatus({ forecasts: [] }) }));
    expect(screen.queryByTestId('mem-forecast')).toBeNull();
  });
});
