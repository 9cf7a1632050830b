import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createMemoryApi, makeAlert, makeStatus } from './memory-api';
import { renderApp } from './render';

const acks = () => screen.getByRole('list', { name: 'Acknowledge' });

describe('acknowledge in the status view', () => {
  it('acknowledges one firing alert with a note, shows it, and takes it back', async () => {
    const mem = createMemoryApi({
      status: makeStatus({ health: 'critical', alerts: [makeAlert({})] }),
    });
    await renderApp(mem);
    const user = userEvent.setup();
    const list = acks();
    await user.type(within(list).getByRole('textbox'), 'swapping disks');
    await user.click(within(list).getByRole('button', { name: 'Acknowledge' }));
    expect(mem.api.acknowledge).toHaveBeenCalledWith(
      expect.objectContaining({
        ruleId: 'disk',
        note: 'swapping disks',
        by: 'dashboard',
        host: 'local',
      }),
    );
    await waitFor(() =>
      expect(within(acks()).getByText(/Acknowledged .*swapping disks/)).toBeTruthy(),
    );
    await user.click(within(acks()).getByRole('button', { name: 'Take back' }));
    await waitFor(() =>
      expect(within(acks()).getByRole('button', { name: 'Acknowledge' })).toBeTruthy(),
    );
    expect(mem.status.alerts[0]?.acknowledged).toBeUndefined();
  });

  it('shows the refusal in words when the alert is no longer firing', async () => {
    const mem = createMemoryApi({
      status: makeStatus({ health: 'critical', alerts: [makeAlert({})] }),
    });
    await renderApp(mem);
    mem.status = { ...mem.status, alerts: [makeAlert({ state: 'pending' })] };
    await userEvent.setup().click(within(acks()).getByRole('button', { name: 'Acknowledge' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not firing/);
  });
});
