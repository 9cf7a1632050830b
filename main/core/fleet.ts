/**
 * The fleet in pure terms: how the local status reads as a fleet host, the worst health of a
 * fleet (`unreachable` counts as critical), and whether two summaries differ in anything a
 * person would notice (a new `lastSeen` alone does not count: it moves every tick).
 */
import {
  LOCAL_HOST_ID,
  type FleetHealth,
  type FleetHost,
  type FleetSummary,
  type Health,
  type Status,
} from '../shared/contract';

/** The engine's own status as a fleet host. */
export function localFleetHost(status: Status): FleetHost {
  return {
    id: status.hostId,
    name: status.host.displayName || status.host.hostname,
    kind: 'local',
    health: status.health,
    lastSeen: status.snapshot?.time ?? null,
    alerts: status.alerts,
  };
}

/** A fleet summary with the local host first and the others in the order given. */
export function fleetSummary(hosts: readonly FleetHost[]): FleetSummary {
  const local = hosts.filter((h) => h.id === LOCAL_HOST_ID);
  return { hosts: [...local, ...hosts.filter((h) => h.id !== LOCAL_HOST_ID)] };
}

/**
 * Rank of a health for "worst of": unreachable is as bad as critical, and not knowing a host
 * (no fresh data) is worse than it being fine, as the tray's grey says (tray-state.ts).
 */
const RANK: Record<FleetHealth, number> = {
  unreachable: 3,
  critical: 3,
  warning: 2,
  unknown: 1,
  ok: 0,
};

/**
 * The worst health of the given hosts as a plain {@link Health} (`unreachable` reads as
 * `critical`); `unknown` for an empty list.
 */
export function worstHealth(healths: readonly FleetHealth[]): Health {
  if (healths.length === 0) return 'unknown';
  let worst: FleetHealth = 'ok';
  for (const h of healths) if (RANK[h] > RANK[worst]) worst = h;
  return worst === 'unreachable' ? 'critical' : worst;
}

/** Whether two summaries differ in hosts, names, health or alerts (not in `lastSeen`). */
export function fleetChanged(a: FleetSummary | null, b: FleetSummary): boolean {
  if (a === null || a.hosts.length !== b.hosts.length) return true;
  return a.hosts.some((h, i) => {
    const o = b.hosts[i];
    return (
      !o ||
      h.id !== o.id ||
      h.name !== o.name ||
      h.kind !== o.kind ||
      h.url !== o.url ||
      h.health !== o.health ||
      JSON.stringify(h.alerts) !== JSON.stringify(o.alerts)
    );
  });
}
