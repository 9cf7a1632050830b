import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { createMemoryApi } from './memory-api';
import { renderApp } from './render';

const cpuWarning = () => screen.getByLabelText<HTMLInputElement>('CPU: Warning');
const saveButton = () => screen.getByRole('button', { name: 'Save' });

async function openSettings(mem = createMemoryApi()) {
  const user = userEvent.setup();
  const r = await renderApp(mem, 'settings');
  await screen.findByLabelText('CPU: Warning');
  return { user, mem, ...r };
}

describe('settings form', () => {
  it('shows a field error while typing an invalid threshold, refuses to save and calls nothing', async () => {
    const { user, mem } = await openSettings();
    await user.clear(cpuWarning());
    await user.type(cpuWarning(), '150');
    // The same schema as the main side: percent at most 100, and critical (95) below warning.
    expect(cpuWarning().getAttribute('aria-invalid')).toBe('true');
    const errorId = cpuWarning().getAttribute('aria-describedby')!;
    expect(document.getElementById(errorId)?.textContent).toContain('A percentage is at most 100');

    await user.click(saveButton());
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(/Nothing was saved: \d+ field\(s\) need attention/);
    expect(summary.textContent).toContain('CPU: Warning: A percentage is at most 100');
    expect(within(summary).getByRole('link', { name: 'CPU: Warning' }).getAttribute('href')).toBe(
      '#f-rules_0_warning',
    );
    expect(mem.api.saveSettings).not.toHaveBeenCalled();
    expect(mem.view.settings.rules[0]!.warning).toBe(85);
  });

  it('reports text that is not a number next to the field', async () => {
    const { user } = await openSettings();
    const port = screen.getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '58x');
    expect(document.getElementById(port.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Enter a number',
    );
  });

  it('saves a valid change with the whole settings document as payload', async () => {
    const { user, mem } = await openSettings();
    await user.clear(cpuWarning());
    await user.type(cpuWarning(), '80');
    expect(screen.getByText(/You have unsaved changes/)).toBeTruthy();
    await user.click(saveButton());
    await screen.findByText(/Settings saved/);
    expect(mem.api.saveSettings).toHaveBeenCalledTimes(1);
    const expected = structuredClone(DEFAULT_SETTINGS);
    expected.rules[0]!.warning = 80;
    expect(mem.api.saveSettings).toHaveBeenCalledWith({ settings: expected });
    expect(mem.view.settings.rules[0]!.warning).toBe(80);
    expect(screen.queryByText(/You have unsaved changes/)).toBeNull();
  });

  it('reverts to the saved values', async () => {
    const { user } = await openSettings();
    await user.clear(cpuWarning());
    await user.type(cpuWarning(), '12');
    await user.click(screen.getByLabelText('Alert emails'));
    await user.click(screen.getByRole('button', { name: 'Revert' }));
    expect(cpuWarning().value).toBe('85');
    expect(screen.getByLabelText<HTMLInputElement>('Alert emails').checked).toBe(true);
    expect((saveButton() as HTMLButtonElement).disabled).toBe(true);
  });

  it('replaces and clears the SMTP password, which is only ever shown as set / not set', async () => {
    const { user, mem } = await openSettings();
    expect(screen.getByTestId('secret-state').textContent).toBe('not set');
    await user.type(screen.getByLabelText('New password'), 'hunter2');
    expect(screen.getByText(/will be replaced on save/)).toBeTruthy();
    await user.click(saveButton());
    await screen.findByText(/Settings saved/);
    expect(mem.api.saveSettings).toHaveBeenLastCalledWith({
      settings: DEFAULT_SETTINGS,
      secrets: { smtpPassword: 'hunter2' },
    });
    expect(screen.getByTestId('secret-state').textContent).toBe('set');
    expect(screen.getByLabelText<HTMLInputElement>('New password').value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Clear password' }));
    expect(screen.getByText(/will be cleared on save/)).toBeTruthy();
    await user.click(saveButton());
    await waitFor(() => expect(screen.getByTestId('secret-state').textContent).toBe('not set'));
    expect(mem.api.saveSettings).toHaveBeenLastCalledWith({
      settings: DEFAULT_SETTINGS,
      secrets: { smtpPassword: null },
    });
  });

  it('shows server-side field errors next to their fields', async () => {
    const mem = createMemoryApi();
    mem.nextSaveError = {
      code: 'invalid',
      message: '1 fields are invalid',
      fields: [{ path: 'settings.smtp.host', message: 'Enter a host name or IP address' }],
    };
    const { user } = await openSettings(mem);
    await user.type(screen.getByLabelText('Server'), 'mail.example.com');
    await user.click(saveButton());
    await screen.findByRole('alert');
    const host = screen.getByLabelText('Server');
    expect(document.getElementById(host.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Enter a host name or IP address',
    );
    expect(mem.view.settings.smtp.host).toBe('');
  });

  it('warns when the password is only obscured and shows the test email result', async () => {
    const mem = createMemoryApi({ view: { secretStorage: 'obscured' } });
    const { user } = await openSettings(mem);
    expect(screen.getByText(/only obscured, not encrypted/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send test email' }));
    const result = await screen.findByTestId('test-email-result');
    expect(result.textContent).toContain('Test email failed.');
    expect(result.textContent).toContain('The server refused the user name or password (535)');
  });

  it('explains a failed test email in Korean, keeping the English detail as a tooltip', async () => {
    const mem = createMemoryApi();
    mem.view.settings.general.language = 'ko';
    mem.status = { ...mem.status, language: 'ko' };
    const user = userEvent.setup();
    await renderApp(mem, 'settings');
    await user.click(await screen.findByRole('button', { name: '테스트 메일 보내기' }));
    const result = await screen.findByTestId('test-email-result');
    expect(result.textContent).toContain('테스트 메일을 보내지 못했습니다.');
    expect(result.textContent).toContain('메일 서버가 사용자 이름 또는 비밀번호를 거부했습니다');
    expect(result.textContent).not.toMatch(/[A-Za-z]{4,}/);
    expect(result.getAttribute('title')).toContain('(535)');
  });

  it('snoozes every rule with the chosen duration', async () => {
    const { user, mem } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Until resolved' }));
    expect(mem.api.snooze).toHaveBeenCalledWith({ duration: 'resolved' });
  });
});
