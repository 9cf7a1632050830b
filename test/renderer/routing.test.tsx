import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventRecord } from '../../main/shared/contract';
import { nearestEvent } from '../../renderer/components/events-view';
import { parseRoute, routeHash } from '../../renderer/routing';
import { createMemoryApi, makeEvent } from './memory-api';
import { renderApp } from './render';

const now = Date.now();
const event = (id: string, minutesAgo: number, patch: Partial<EventRecord> = {}): EventRecord =>
  makeEvent(id, now - minutesAgo * 60_000, patch);
const events: EventRecord[] = [
  event('a', 50),
  event('b', 30, { kind: 'resolved', severity: 'info', value: 40 }),
  event('c', 10, { ruleId: 'memory', series: 'mem.used_pct', metric: 'mem.used_pct', value: 91 }),
];

const selectedTab = () => screen.getByRole('tab', { selected: true }).textContent;
/** Sets the hash as the Electron shell does on an open window (fires hashchange). */
async function navigate(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    await waitFor(() => expect(window.location.hash).toBe(hash));
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hash routes', () => {
  it('parses our routes and nothing else', () => {
    expect(parseRoute('#/status')).toEqual({ tab: 'status', focus: null });
    expect(parseRoute('#/history')).toEqual({ tab: 'history', focus: null });
    expect(parseRoute('#/settings/')).toEqual({ tab: 'settings', focus: null });
    expect(parseRoute('#/events?focus=1700000000123')).toEqual({
      tab: 'events',
      focus: 1_700_000_000_123,
    });
    expect(parseRoute('/events?focus=5')).toEqual({ tab: 'events', focus: 5 });
    expect(parseRoute('#/events?focus=soon')).toEqual({ tab: 'events', focus: null });
    expect(parseRoute('#/history?focus=5')).toEqual({ tab: 'history', focus: null });
    // In-page anchors (the settings error summary links) and unknown routes are not routes.
    expect(parseRoute('#f-rules_0_warning')).toBeNull();
    expect(parseRoute('#/nowhere')).toBeNull();
    expect(parseRoute('')).toBeNull();
    expect(routeHash({ tab: 'events', focus: 1_700_000_000_123.4 })).toBe(
      '#/events?focus=1700000000123',
    );
    expect(routeHash({ tab: 'history', focus: 5 })).toBe('#/history');
  });

  it('picks the event nearest a time, a transition winning a tie', () => {
    expect(nearestEvent(events, now - 28 * 60_000)?.id).toBe('b');
    expect(nearestEvent(events, now)?.id).toBe('c');
    expect(nearestEvent([], now)).toBeUndefined();
    const delivered = event('d', 10, { kind: 'delivered', channel: 'email' });
    expect(nearestEvent([delivered, events[2]!], events[2]!.time)?.id).toBe('c');
  });

  it('opens the tab named by the hash on start', async () => {
    window.history.replaceState(null, '', '#/settings');
    await renderApp(createMemoryApi());
    expect(selectedTab()).toBe('Settings');
    expect(screen.getByRole('tabpanel').id).toBe('panel-settings');
  });

  it('opens the events at a notification: nearest event highlighted, current, scrolled to and focused', async () => {
    const scrolled: Element[] = [];
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    // The notification's time is 2 s after event b's (the transition time, not the log time).
    window.history.replaceState(null, '', `#/events?focus=${events[1]!.time + 2_000}`);
    await renderApp(createMemoryApi({ events }));
    expect(selectedTab()).toBe('Events');
    const items = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem');
    const current = items.filter((li) => li.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    const focused = current[0]!;
    expect(focused.getAttribute('data-kind')).toBe('resolved');
    expect(focused.className).toContain('event-focused');
    expect(focused.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(focused);
    expect(scrolled).toContain(focused);
    expect(items.filter((li) => li.className.includes('event-focused'))).toHaveLength(1);
  });

  it('follows a hash change on an open window and ignores in-page anchors', async () => {
    const mem = createMemoryApi({ events });
    await renderApp(mem);
    expect(selectedTab()).toBe('Status');

    await navigate('#/history');
    await waitFor(() => expect(selectedTab()).toBe('History'));

    await navigate(`#/events?focus=${events[0]!.time}`);
    await waitFor(() => expect(selectedTab()).toBe('Events'));
    const oldest = within(screen.getByRole('list', { name: 'Events' })).getAllByRole(
      'listitem',
    )[2]!;
    expect(oldest.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(oldest);

    // A second notification moves the highlight and clears filters that would hide its event.
    await userEvent.setup().selectOptions(screen.getByLabelText('Metric'), 'cpu.total');
    await navigate(`#/events?focus=${events[2]!.time}`);
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Events' }))
          .getAllByRole('listitem')[0]!
          .getAttribute('aria-current'),
      ).toBe('true'),
    );
    expect(screen.getByLabelText<HTMLSelectElement>('Metric').value).toBe('');
    expect(document.querySelectorAll('[aria-current]')).toHaveLength(1);

    await navigate('#f-rules_0_warning');
    expect(selectedTab()).toBe('Events');
  });

  it('writes the tab into the hash with replaceState, never adding history entries', async () => {
    const user = userEvent.setup();
    const before = window.history.length;
    const push = vi.spyOn(window.history, 'pushState');
    await renderApp(createMemoryApi({ events }));
    expect(window.location.hash).toBe('#/status');

    await user.click(screen.getByRole('tab', { name: 'History' }));
    expect(window.location.hash).toBe('#/history');
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    expect(window.location.hash).toBe('#/settings');
    // Keyboard switching keeps it in sync too.
    await user.keyboard('{ArrowLeft}');
    expect(selectedTab()).toBe('Events');
    expect(window.location.hash).toBe('#/events');
    await user.keyboard('{Home}');
    expect(window.location.hash).toBe('#/status');

    expect(window.history.length).toBe(before);
    expect(push).not.toHaveBeenCalled();
  });

  it('keeps the focus in the hash while on the events and drops it on leaving', async () => {
    const user = userEvent.setup();
    const focus = events[0]!.time;
    window.history.replaceState(null, '', `#/events?focus=${focus}`);
    await renderApp(createMemoryApi({ events }));
    expect(window.location.hash).toBe(`#/events?focus=${focus}`);

    await user.click(screen.getByRole('tab', { name: 'Status' }));
    expect(window.location.hash).toBe('#/status');
    await user.click(screen.getByRole('tab', { name: 'Events' }));
    expect(window.location.hash).toBe('#/events');
    expect(document.querySelector('.event-focused')).toBeNull();
    expect(document.querySelector('[aria-current]')).toBeNull();
  });
});
