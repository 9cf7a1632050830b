/**
 * The settings form's error summary names each field as the form labels it, says what to type,
 * and counts exactly the fields marked invalid, in English and Korean; byte-rate levels are typed
 * and shown in MB/s while the settings keep bytes per second.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createMemoryApi } from './memory-api';
import { renderApp } from './render';

async function open(lang: 'en' | 'ko' = 'en') {
  const mem = createMemoryApi();
  if (lang === 'ko') {
    mem.view.settings.general.language = 'ko';
    mem.status = { ...mem.status, language: 'ko' };
  }
  const user = userEvent.setup();
  await renderApp(mem, 'settings');
  await screen.findAllByRole('textbox');
  return { user, mem };
}

const byId = (id: string) => document.getElementById(id) as HTMLInputElement;
const marked = () => document.querySelectorAll('[aria-invalid="true"]').length;

/** Types a bad sender, two bad recipients and a bad CPU level, then presses Save. */
async function breakFourThings(user: ReturnType<typeof userEvent.setup>, save: string) {
  // Pasting, not typing key by key: the same change events, a fraction of the time.
  const fill = async (id: string, text: string) => {
    await user.clear(byId(id));
    await user.click(byId(id));
    await user.paste(text);
  };
  await fill('f-smtp_from', 'not an address');
  await fill('f-smtp_to', 'ops@example.com, bad@, worse');
  await fill('f-rules_0_warning', '150');
  await user.click(screen.getByRole('button', { name: save }));
  return screen.findByRole('alert');
}

describe('settings error summary', () => {
  it(
    'names fields as labelled, says what is wrong, and counts the marked fields',
    { timeout: 20_000 },
    async () => {
      const { user, mem } = await open();
      const summary = await breakFourThings(user, 'Save');
      const items = within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
      // Says what to type, not zod's "Invalid input".
      expect(items).toContain('From: Enter one plain address, e.g. ops@example.com');
      expect(items).toContain(
        'To (comma-separated): Recipient 2: Not a valid email address; Recipient 3: Not a valid email address',
      );
      expect(items).toContain('CPU: Warning: A percentage is at most 100');
      // No internal paths, no zod wording.
      expect(summary.textContent).not.toMatch(/smtp\.|rules\.\d|Invalid input/);
      // The count in the sentence, the list and the marked fields agree.
      const count = Number(/(\d+) field/.exec(summary.textContent)![1]);
      expect(count).toBe(items.length);
      expect(count).toBe(marked());
      expect(mem.api.saveSettings).not.toHaveBeenCalled();
    },
  );

  it('does the same in Korean', { timeout: 20_000 }, async () => {
    const { user } = await open('ko');
    const summary = await breakFourThings(user, '저장');
    const items = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(items.some((t) => t.includes('받는 사람 2: '))).toBe(true);
    expect(items.some((t) => t.includes('받는 사람 3: '))).toBe(true);
    expect(summary.textContent).not.toMatch(/smtp\.|rules\.\d|Invalid input|Recipient/);
    const count = Number(/(\d+)개/.exec(summary.textContent)![1]);
    expect(count).toBe(items.length);
    expect(count).toBe(marked());
  });
});

describe('byte-rate thresholds', () => {
  it('are shown and typed in MB/s and saved in bytes per second', { timeout: 20_000 }, async () => {
    const { user, mem } = await open();
    const warning = screen.getByLabelText<HTMLInputElement>(/^Disk write.*: Warning$/);
    expect(warning.value).toBe('200');
    const row = warning.closest('tr')!;
    expect(row.querySelector('th')!.textContent).toContain('(MB/s)');
    await user.clear(warning);
    await user.click(warning);
    await user.paste('12.5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Settings saved/, undefined, { timeout: 5_000 });
    const rule = mem.view.settings.rules.find((r) => r.id === 'disk-io')!;
    expect(rule.warning).toBe(12_500_000);
    expect(screen.getByLabelText<HTMLInputElement>(/^Disk write.*: Warning$/).value).toBe('12.5');
  });
});
