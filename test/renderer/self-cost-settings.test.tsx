/**
 * Settings → Own CPU budget: each field refused says in words which field and what to type
 * (the schema's own wording, in English and Korean), never the generic "Must be at least 0.1";
 * nothing is saved while one is wrong.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createMemoryApi } from './memory-api';
import { renderApp } from './render';

const errorOf = (el: HTMLElement) =>
  document.getElementById(el.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent;

const BUDGET_EN =
  'Write the CPU budget as a number from 0.1 to 100 (% of one core), e.g. 1 for 1 %';
const MINUTES_EN = 'Write the budget period in whole minutes from 1 to 1440 (one day), e.g. 10';

describe('own CPU budget settings', () => {
  it('names the field and what to type for a budget or period out of range', async () => {
    const mem = createMemoryApi();
    const user = userEvent.setup();
    await renderApp(mem, 'settings');
    const budget = await screen.findByLabelText('CPU budget (% of one core, 0.1–100)');
    const minutes = screen.getByLabelText('Over (minutes, 1–1440)');
    for (const typed of ['0', '100.5']) {
      await user.clear(budget);
      await user.type(budget, typed);
      expect(budget.getAttribute('aria-invalid')).toBe('true');
      expect(errorOf(budget)).toContain(BUDGET_EN);
    }
    await user.clear(budget);
    expect(errorOf(budget)).toContain(BUDGET_EN);
    for (const typed of ['0', '2.5', '1441']) {
      await user.clear(minutes);
      await user.type(minutes, typed);
      expect(minutes.getAttribute('aria-invalid')).toBe('true');
      expect(errorOf(minutes)).toContain(MINUTES_EN);
    }
    expect(document.body.textContent).not.toContain('Must be at least');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Nothing was saved/);
    expect(mem.api.saveSettings).not.toHaveBeenCalled();
  }, 20_000);

  it('says it in Korean', async () => {
    const mem = createMemoryApi();
    mem.view.settings.general.language = 'ko';
    mem.status = { ...mem.status, language: 'ko' };
    const user = userEvent.setup();
    await renderApp(mem, 'settings');
    const budget = await screen.findByLabelText('CPU 예산 (코어 1개의 %, 0.1–100)');
    await user.clear(budget);
    await user.type(budget, '0');
    expect(errorOf(budget)).toContain(
      'CPU 예산은 0.1부터 100까지의 숫자(코어 1개의 %)로 쓰세요 (예: 1 %면 1)',
    );
    const minutes = screen.getByLabelText('기간 (분, 1–1440)');
    await user.clear(minutes);
    await user.type(minutes, '0');
    expect(errorOf(minutes)).toContain(
      '예산 기간은 1부터 1440(하루)까지의 정수 분으로 쓰세요 (예: 10)',
    );
  });
});
