/**
 * The delta status stream (`GET /api/stream?view=delta`): a full status on connect
 * (`status-full`), then per tick only what changed (`status-delta`) — at 1 Hz mostly a handful of
 * current values, while the top-process lists (new every 15 s), host facts, thresholds and
 * notices are sent only when they change. Each message is numbered; a delta names the number it
 * applies to, and a client that holds another one resyncs (reconnects for a full status).
 * Pure: used by the server and the dashboard alike.
 */
import type { Status } from './contract';
import type { Snapshot } from './metrics';

/** SSE event name of a full status in the delta view. */
export const STATUS_FULL_EVENT = 'status-full';
/** SSE event name of a status delta. */
export const STATUS_DELTA_EVENT = 'status-delta';

/** A full status and its number. */
export interface NumberedStatus {
  readonly seq: number;
  readonly status: Status;
}

/** What changed in the snapshot. */
export interface SnapshotDelta {
  /** Snapshot fields replaced whole (all but `values` and `families`). */
  readonly set?: Record<string, unknown>;
  /** Families whose state changed (most change only their `updatedAt`). */
  readonly families?: Record<string, unknown>;
  /** Series whose value is new or changed. */
  readonly values?: Record<string, number>;
  /** Series without a value any more. */
  readonly drop?: readonly string[];
}

/** The change from status number `base` to number `seq`. */
export interface StatusDelta {
  readonly seq: number;
  readonly base: number;
  /** Status fields replaced whole. */
  readonly set?: Record<string, unknown>;
  /** Status fields that are gone. */
  readonly unset?: readonly string[];
  /** The snapshot changed in part (when both the old and the new one exist). */
  readonly snapshot?: SnapshotDelta;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function snapshotDelta(prev: Snapshot, next: Snapshot): SnapshotDelta | null {
  const set: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Snapshot)[]) {
    if (key !== 'values' && key !== 'families' && !same(prev[key], next[key])) set[key] = next[key];
  }
  const families: Record<string, unknown> = {};
  const famBefore = prev.families as Record<string, unknown>;
  for (const [key, f] of Object.entries(next.families)) {
    if (!same(famBefore[key], f)) families[key] = f;
  }
  const values: Record<string, number> = {};
  const before = prev.values as Record<string, number>;
  const after = next.values as Record<string, number>;
  for (const [key, v] of Object.entries(after)) if (before[key] !== v) values[key] = v;
  const drop = Object.keys(before).filter((key) => !(key in after));
  const out: {
    set?: Record<string, unknown>;
    families?: Record<string, unknown>;
    values?: Record<string, number>;
    drop?: string[];
  } = {};
  if (Object.keys(set).length > 0) out.set = set;
  if (Object.keys(families).length > 0) out.families = families;
  if (Object.keys(values).length > 0) out.values = values;
  if (drop.length > 0) out.drop = drop;
  return Object.keys(out).length > 0 ? out : null;
}

/** The delta that turns `prev` (number `base`) into `next` (number `base + 1`). */
export function statusDelta(prev: Status, next: Status, base: number): StatusDelta {
  const set: Record<string, unknown> = {};
  let snapshot: SnapshotDelta | null = null;
  const p = prev as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  for (const key of Object.keys(n)) {
    if (key === 'snapshot' && prev.snapshot && next.snapshot) {
      snapshot = snapshotDelta(prev.snapshot, next.snapshot);
    } else if (!same(p[key], n[key])) {
      set[key] = n[key];
    }
  }
  const unset = Object.keys(p).filter((key) => !(key in n));
  return {
    seq: base + 1,
    base,
    ...(Object.keys(set).length > 0 ? { set } : {}),
    ...(unset.length > 0 ? { unset } : {}),
    ...(snapshot ? { snapshot } : {}),
  };
}

/** Applies a delta to the status it was made from; null when it was made from another one. */
export function applyStatusDelta(held: NumberedStatus, delta: StatusDelta): NumberedStatus | null {
  if (delta.base !== held.seq) return null;
  const out: Record<string, unknown> = { ...(held.status as unknown as Record<string, unknown>) };
  for (const key of delta.unset ?? []) delete out[key];
  Object.assign(out, delta.set ?? {});
  const snap = held.status.snapshot;
  if (delta.snapshot && snap) {
    const values: Record<string, number> = { ...(snap.values as Record<string, number>) };
    for (const key of delta.snapshot.drop ?? []) delete values[key];
    Object.assign(values, delta.snapshot.values ?? {});
    const families = { ...snap.families, ...(delta.snapshot.families ?? {}) };
    out.snapshot = { ...snap, ...(delta.snapshot.set ?? {}), families, values };
  }
  return { seq: delta.seq, status: out as unknown as Status };
}
