import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeliveryProof } from '../../main/shared/contract';
import { createMemoryApi, makeStatus } from './memory-api';
import { renderApp } from './render';

const accepted: DeliveryProof = {
  lastAccepted: {
    time: Date.now() - 5 * 60_000,
    subject: '[Hostwatch] WARNING web01: CPU',
    response: '250 2.0.0 Ok: queued as 4F2A1',
    messageId: '<abc.123@web01>',
  },
  failing: null,
  failures: {},
};

const proof = () => screen.getByRole('group', { name: /Proof of delivery|전달 확인/ });

describe('proof of delivery in Settings → Email', () => {
  it("shows the last accepted email with the server's reply line and Message-ID", async () => {
    await renderApp(createMemoryApi({ status: makeStatus({ delivery: accepted }) }), 'settings');
    const group = proof();
    expect(group.textContent).toContain('[Hostwatch] WARNING web01: CPU');
    expect(within(group).getByTestId('delivery-response').textContent).toBe(
      '250 2.0.0 Ok: queued as 4F2A1',
    );
    expect(group.textContent).toContain('<abc.123@web01>');
    expect(within(group).queryByRole('status')).toBeNull();
  });

  it('says none was accepted yet, and since when and why sending fails', async () => {
    const failing: DeliveryProof = {
      lastAccepted: null,
      failing: {
        since: Date.now() - 20 * 60_000,
        reason: 'SMTP 535 authentication failed',
        code: 'auth',
      },
      failures: { auth: 3 },
    };
    await renderApp(createMemoryApi({ status: makeStatus({ delivery: failing }) }), 'settings');
    const group = proof();
    expect(group.textContent).toContain(
      'The mail server has not accepted any email from Hostwatch yet.',
    );
    expect(within(group).getByRole('status').textContent).toMatch(
      /^Sending has been failing since .+: SMTP 535 authentication failed$/,
    );
  });

  it('is in Korean, and absent where the engine has no email channel', async () => {
    const { unmount } = await renderApp(
      createMemoryApi({ status: makeStatus({ language: 'ko', delivery: accepted }) }),
      'settings',
    );
    expect(within(proof()).getByText('메일 서버가 마지막으로 받은 이메일')).toBeTruthy();
    unmount();
    await renderApp(createMemoryApi({ status: makeStatus() }), 'settings');
    expect(screen.queryByRole('group', { name: 'Proof of delivery' })).toBeNull();
  });
});
