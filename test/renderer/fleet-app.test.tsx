/**
 * The fleet in the app: the Fleet tab from getFleet and the `fleet` push, a card or the header's
 * host switcher switching Status / History / Events to that host (every host-scoped call names
 * it, the route follows), unreachable said in words (English and Korean), and the empty state
 * that says how to add a server.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FleetHost, FleetSummary, HostwatchApi, Status } from '../../main/shared/contract';
import { createMemoryApi, makeAlert, makeEvent, makeSnapshot, makeStatus } from './memory-api';
import { renderApp } from './render';

const NOW = Date.now();
const local: FleetHost = {
  id: 'local',
  name: 'hub',
  kind: 'local',
  health: 'ok',
  lastSeen: NOW,
  alerts: [],
  headline: { cpu: 10, mem: 30, disk: { target: '/', usedPct: 50 } },
};
const web02: FleetHost = {
  id: 'web02',
  name: 'web02',
  kind: 'agent',
  url: 'https://127.0.0.2:9477',
  health: 'warning',
  lastSeen: NOW,
  alerts: [],
  connection: 'connected',
  problem: null,
  headline: { cpu: 77, mem: 20, disk: { target: '/', usedPct: 40 } },
};
const db01: FleetHost = {
  ...web02,
  id: 'db01',
  name: 'db01',
  url: 'https://127.0.0.3:9477',
  health: 'unreachable',
  lastSeen: NOW - 90_000,
  connection: 'failing',
  problem: { code: 'timeout', message: 'https://127.0.0.3:9477 did not answer within 5 s' },
  headline: undefined,
};

/** What each remote agent answers, as the watcher forwards it (it calls itself "local"). */
const remoteStatus = (name: string, cpu: number): Status =>
  makeStatus({
    hostId: 'local',
    host: { ...makeStatus().host, hostname: name, displayName: name },
    health: 'warning',
    snapshot: makeSnapshot({ 'cpu.total': cpu, 'mem.used_pct': 20 }),
    alerts: [makeAlert({ ruleId: 'cpu', series: 'cpu.total', metric: 'cpu.total', value: cpu })],
  });

function fleetApi(hosts: FleetHost[] = [local, web02, db01], language: 'en' | 'ko' = 'en') {
  const mem = createMemoryApi({
    status: makeStatus({
      language,
      host: { ...makeStatus().host, hostname: 'hub', displayName: 'hub' },
    }),
  });
  const fleet: FleetSummary = { hosts };
  (
    mem.api.getFleet as unknown as { mockImplementation: (f: HostwatchApi['getFleet']) => void }
  ).mockImplementation(() => Promise.resolve({ ok: true, value: fleet }));
  const getStatus = mem.api.getStatus as unknown as {
    mockImplementation: (f: HostwatchApi['getStatus']) => void;
  };
  getStatus.mockImplementation((input) => {
    const host = input?.host ?? 'local';
    if (host === 'web02') return Promise.resolve({ ok: true, value: remoteStatus('web02', 77) });
    if (host === 'db01') {
      return Promise.resolve({
        ok: false,
        error: { code: 'unavailable', message: 'This host is not connected' },
      });
    }
    return Promise.resolve({ ok: true, value: mem.status });
  });
  const getEvents = mem.api.getEvents as unknown as {
    mockImplementation: (f: HostwatchApi['getEvents']) => void;
  };
  getEvents.mockImplementation((input) =>
    Promise.resolve({
      ok: true,
      value:
        input?.host === 'web02'
          ? [makeEvent('w1', NOW - 60_000, { host: 'local', value: 93 })]
          : mem.events,
    }),
  );
  return mem;
}

const callsOf = (fn: unknown) => (fn as { mock: { calls: unknown[][] } }).mock.calls;

describe('the fleet in the app', () => {
  it('lists the hosts under a Fleet tab, health in words', async () => {
    const mem = fleetApi();
    await renderApp(mem);
    const fleetTab = await screen.findByRole('tab', { name: 'Fleet' });
    await userEvent.click(fleetTab);
    expect(window.location.hash).toBe('#/fleet');
    const cards = await screen.findAllByRole('listitem');
    expect(cards.map((c) => c.getAttribute('data-host'))).toEqual(['local', 'web02', 'db01']);
    const db = document.querySelector<HTMLElement>('[data-host="db01"]')!;
    expect(db.querySelector('[data-health]')?.textContent).toBe('✕ UNREACHABLE');
    expect(db.textContent).toMatch(/Last seen 1 min 3\d s ago/);
  });

  it('opens a host from its card: its status and events, every call naming it, the route too', async () => {
    const mem = fleetApi();
    window.history.replaceState(null, '', '#/fleet');
    await renderApp(mem);
    await userEvent.click(await screen.findByRole('button', { name: 'Open web02' }));
    expect(window.location.hash).toBe('#/web02/status');
    await waitFor(() => expect(document.querySelector('.banner-host')?.textContent).toBe('web02'));
    expect(screen.getByTestId('value-cpu.total').textContent).toBe('77%');
    expect(
      callsOf(mem.api.getStatus).some((c) => (c[0] as { host?: string })?.host === 'web02'),
    ).toBe(true);

    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(window.location.hash).toBe('#/web02/events');
    await waitFor(() =>
      expect([...document.querySelectorAll('.event-text')].map((e) => e.textContent)).toEqual([
        'CPU is Warning: 93% (threshold 85%)',
      ]),
    );
    expect(
      callsOf(mem.api.getEvents).some((c) => (c[0] as { host?: string })?.host === 'web02'),
    ).toBe(true);

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    await waitFor(() =>
      expect(
        callsOf(mem.api.getHistory).some((c) => (c[0] as { host?: string })?.host === 'web02'),
      ).toBe(true),
    );
  });

  it('switches hosts in the header, and a snooze there names the host shown', async () => {
    const mem = fleetApi();
    await renderApp(mem);
    const select = await screen.findByRole('combobox', { name: 'Server' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['hub — OK', 'web02 — WARNING', 'db01 — UNREACHABLE']);
    await userEvent.selectOptions(select, 'web02');
    expect(window.location.hash).toBe('#/web02/status');
    await waitFor(() => expect(document.querySelector('.banner-host')?.textContent).toBe('web02'));
    const group = await screen.findByRole('group', { name: /^Snooze notifications for / });
    await userEvent.click(within(group).getAllByRole('button')[0]!);
    await waitFor(() => expect(callsOf(mem.api.snooze)).toHaveLength(1));
    expect(callsOf(mem.api.snooze)[0]?.[0]).toMatchObject({ host: 'web02', ruleId: 'cpu' });
  });

  it('switching hosts on the History tab reads the history of the new host', async () => {
    const mem = fleetApi();
    window.history.replaceState(null, '', `#/web02/history`);
    await renderApp(mem);
    const hostsAsked = () =>
      callsOf(mem.api.getHistory).map((c) => (c[0] as { host?: string }).host ?? 'local');
    await waitFor(() => expect(hostsAsked()).toContain('web02'));
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Server' }), 'local');
    expect(window.location.hash).toBe('#/history');
    await waitFor(() => expect(hostsAsked().at(-1)).toBe('local'));
  });

  it('says an unreachable host is unreachable, not unknown, from a route', async () => {
    const mem = fleetApi();
    window.history.replaceState(null, '', '#/db01/status');
    await renderApp(mem);
    await waitFor(() =>
      expect(document.querySelector('.fleet-notice-unreachable')?.textContent).toContain(
        'db01 is unreachable',
      ),
    );
    const text = document.querySelector('.fleet-notice-unreachable')!.textContent;
    expect(text).toMatch(/Nothing heard from it for 1 min 3\d s/);
    expect(text).toContain('did not answer within 5 s');
    // Nothing of it was ever shown, so no "last it sent"; and no grey "unknown" banner.
    expect(text).not.toContain('the last it sent');
    expect(document.querySelector('.banner')).toBeNull();
    expect(screen.queryByText('UNKNOWN')).toBeNull();
  });

  it('speaks Korean', async () => {
    const mem = fleetApi(undefined, 'ko');
    window.history.replaceState(null, '', '#/db01/status');
    await renderApp(mem);
    await waitFor(() =>
      expect(document.querySelector('.fleet-notice-unreachable')?.textContent).toContain(
        'db01에 연결할 수 없습니다',
      ),
    );
    const select = screen.getByRole('combobox', { name: '서버' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('db01 (연결 불가)');
    expect(screen.getByRole('tab', { name: '서버 전체' })).toBeTruthy();
  });

  it('follows the fleet push: a host that goes unreachable says so', async () => {
    const mem = fleetApi([local, web02]);
    await renderApp(mem);
    await userEvent.click(await screen.findByRole('tab', { name: 'Fleet' }));
    const card = () => document.querySelector<HTMLElement>('[data-host="web02"]');
    await waitFor(() =>
      expect(card()?.querySelector('[data-health]')?.textContent).toBe('▲ WARNING'),
    );
    act(() => mem.emit('fleet', { hosts: [local, { ...web02, health: 'unreachable' }] }));
    expect(card()?.querySelector('[data-health]')?.textContent).toBe('✕ UNREACHABLE');
  });

  it('with only this computer: no Fleet tab, and #/fleet says how to add a server', async () => {
    const mem = fleetApi([local]);
    await renderApp(mem);
    await act(() => Promise.resolve());
    expect(screen.queryByRole('tab', { name: 'Fleet' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Server' })).toBeNull();
    await act(async () => {
      window.location.hash = '#/fleet';
      await waitFor(() => expect(window.location.hash).toBe('#/fleet'));
    });
    expect(await screen.findByText('Only this computer is watched so far.')).toBeTruthy();
    expect(screen.getByText(/--watch/).textContent).toContain('Settings → Servers');
  });
});
