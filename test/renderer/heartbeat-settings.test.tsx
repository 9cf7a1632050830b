/** Settings → Heartbeat: the toggles save into `heartbeat`, bad input gets a field error in words and saves nothing. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createMemoryApi } from './memory-api';
import { renderApp } from './render';

const saveButton = () => screen.getByRole('button', { name: 'Save' });
const errorOf = (el: HTMLElement) =>
  document.getElementById(el.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent;

async function open(mem = createMemoryApi()) {
  const user = userEvent.setup();
  await renderApp(mem, 'settings');
  await screen.findByLabelText('Send a daily summary email');
  return { user, mem };
}

describe('heartbeat settings', () => {
  it('turns both parts on and saves hour, URL and interval', async () => {
    const { user, mem } = await open();
    await user.click(screen.getByLabelText('Send a daily summary email'));
    const hour = screen.getByLabelText('Hour of the day (0–23, local time)');
    await user.clear(hour);
    await user.type(hour, '7');
    await user.click(screen.getByLabelText('Ping a heartbeat URL'));
    await user.type(
      screen.getByLabelText('Heartbeat URL (http or https)'),
      'https://hc.example/p/1',
    );
    const every = screen.getByLabelText('Every (minutes, 1–1440)');
    await user.clear(every);
    await user.type(every, '10');
    await user.click(saveButton());
    await screen.findByText(/Settings saved/);
    expect(mem.view.settings.heartbeat).toEqual({
      email: { enabled: true, hour: 7 },
      url: { enabled: true, url: 'https://hc.example/p/1', intervalMinutes: 10 },
    });
  });

  it('refuses a missing URL, an ftp URL and an interval of 0 with field errors, saving nothing', async () => {
    const { user, mem } = await open();
    await user.click(screen.getByLabelText('Ping a heartbeat URL'));
    const url = screen.getByLabelText('Heartbeat URL (http or https)');
    expect(errorOf(url)).toContain('Enter the heartbeat URL, or turn the heartbeat ping off');
    await user.type(url, 'ftp://hc.example/');
    expect(errorOf(url)).toContain('The heartbeat URL must start with https:// or http://');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const every = screen.getByLabelText('Every (minutes, 1–1440)');
    await user.clear(every);
    await user.type(every, '0');
    expect(every.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(every)).toContain(
      'Write the interval in whole minutes from 1 to 1440 (one day), e.g. 5',
    );
    const hour = screen.getByLabelText('Hour of the day (0–23, local time)');
    await user.clear(hour);
    await user.type(hour, '8:30');
    expect(errorOf(hour)).toContain(
      'Write the hour as a whole number from 0 to 23, e.g. 8 for 08:00',
    );
    await user.clear(hour);
    await user.type(hour, '24');
    expect(errorOf(hour)).toContain(
      'Write the hour as a whole number from 0 to 23, e.g. 8 for 08:00',
    );
    await user.click(saveButton());
    await screen.findByText(/Nothing was saved/);
    expect(mem.api.saveSettings).not.toHaveBeenCalled();
    expect(mem.view.settings.heartbeat.url.enabled).toBe(false);
    // What was typed stays in the form.
    expect((url as HTMLInputElement).value).toBe('ftp://hc.example/');
  }, 20_000);

  it('is in Korean, with the missing-URL error translated', async () => {
    const mem = createMemoryApi();
    mem.view.settings.general.language = 'ko';
    mem.status = { ...mem.status, language: 'ko' };
    const user = userEvent.setup();
    await renderApp(mem, 'settings');
    await user.click(await screen.findByLabelText('하트비트 URL 핑 보내기'));
    const url = screen.getByLabelText('하트비트 URL (http 또는 https)');
    expect(errorOf(url)).toContain('하트비트 URL을 입력하거나 하트비트 핑을 끄세요');
    expect(screen.getByText('하트비트')).toBeTruthy();
  });
});
