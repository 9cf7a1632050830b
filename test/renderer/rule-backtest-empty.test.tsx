/**
 * A rule whose metric has no stored history (a check that has not run yet, a sensor this host
 * lacks): the backtest says so in words and asks the history API for nothing, which would refuse
 * a series it has never recorded (an error in the browser's console).
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryApi } from './memory-api';
import { renderApp } from './render';

describe('the backtest of a rule without history', () => {
  it('says there is no history and asks for no chart', async () => {
    const mem = createMemoryApi();
    const user = userEvent.setup();
    await renderApp(mem, 'settings');
    await screen.findAllByRole('textbox');
    vi.mocked(mem.api.getHistory).mockClear();
    await user.click(document.getElementById('f-rules_0_warning')!);
    const sentence = await screen.findByTestId('backtest-sentence', {}, { timeout: 3000 });
    await expect.poll(() => sentence.textContent).toMatch(/no stored history/);
    expect(mem.api.backtest).toHaveBeenCalled();
    // The chart would be asked right after the answer: give it the same turn and more.
    await new Promise((r) => setTimeout(r, 50));
    expect(mem.api.getHistory).not.toHaveBeenCalled();
  });
});
