import { describe, expect, it } from 'vitest';
import { hostEventsRoute } from '../../main/app/remote-notifications';
import { hostRouteHash, parseHostRoute } from '../../renderer/host-route';

describe('host routes', () => {
  it('reads a host and its tab, the fleet overview, and one-host routes as the local host', () => {
    expect(parseHostRoute('#/web01/status')).toEqual({
      view: 'host',
      host: 'web01',
      route: { tab: 'status', focus: null },
    });
    expect(parseHostRoute('#/fleet')).toEqual({ view: 'fleet' });
    expect(parseHostRoute('#/history')).toEqual({
      view: 'host',
      host: 'local',
      route: { tab: 'history', focus: null },
    });
  });

  it('opens the route a remote notification asks for', () => {
    expect(parseHostRoute(`#${hostEventsRoute('web 02', 1_700_000_000_123)}`)).toEqual({
      view: 'host',
      host: 'web 02',
      route: { tab: 'events', focus: 1_700_000_000_123 },
    });
  });

  it('refuses what is not a route: anchors, unknown tabs, broken escapes', () => {
    expect(parseHostRoute('#f-rules_0_warning')).toBeNull();
    expect(parseHostRoute('#/web01/nowhere')).toBeNull();
    expect(parseHostRoute('#/%E0%A4%A/status')).toBeNull();
    expect(parseHostRoute('#/a/b/status')).toBeNull();
  });

  it('writes hashes that read back the same, local ones in the short form', () => {
    const routes = [
      { view: 'fleet' } as const,
      { view: 'host', host: 'local', route: { tab: 'settings', focus: null } } as const,
      { view: 'host', host: 'db/01', route: { tab: 'events', focus: 5 } } as const,
    ];
    expect(routes.map(hostRouteHash)).toEqual([
      '#/fleet',
      '#/settings',
      '#/db%2F01/events?focus=5',
    ]);
    for (const r of routes) expect(parseHostRoute(hostRouteHash(r))).toEqual(r);
  });
});
