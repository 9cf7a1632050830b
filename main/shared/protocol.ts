/**
 * What one Hostwatch agent tells another about itself over the wire: the identity route, the
 * protocol version, the stream views and the summary a watcher follows when no dashboard for
 * that host is open. Kept apart from the UI contract so a watcher can check a peer before it
 * trusts any other answer.
 */
import type { AlertState, Health } from './contract';

/**
 * Version of the agent-to-watcher protocol. 2: `GET /api/version`, SSE ids on `event`
 * messages with `Last-Event-ID` replay, `view=summary`, gzip.
 */
export const PROTOCOL_VERSION = 2;

/** Oldest peer protocol a watcher accepts. */
export const MIN_PROTOCOL_VERSION = 2;

/** Product name an agent reports at {@link VERSION_PATH}. */
export const PRODUCT_NAME = 'hostwatch';

/** Path of the identity route. */
export const VERSION_PATH = '/api/version';

/** Default port of an agent. */
export const DEFAULT_AGENT_PORT = 9477;

/** Answer of {@link VERSION_PATH}. */
export interface AgentIdentity {
  readonly product: typeof PRODUCT_NAME;
  readonly protocol: number;
  /** Agent build version, e.g. `0.1.0`. */
  readonly version: string;
}

/**
 * Stream views: `full` pushes every status (1 Hz), `summary` a {@link HostSummary} every few
 * seconds, `delta` a full status on connect and then only what changed (status-delta.ts).
 */
export type StreamView = 'full' | 'summary' | 'delta';

/** Milliseconds between summary pushes when nothing changes. */
export const SUMMARY_INTERVAL_MS = 5_000;

/** SSE event name of a summary message. */
export const SUMMARY_EVENT = 'summary';

/**
 * SSE event name sent once, before replayed events, when a client's `Last-Event-ID` is no
 * longer in the agent's ring: some events may be missing and the watcher should re-read them.
 */
export const GAP_EVENT = 'gap';

/** Payload of a {@link GAP_EVENT} message. */
export interface GapNotice {
  /** The id the client asked to resume after. */
  readonly lastEventId: string;
  /** How many events are replayed after this notice (the whole ring). */
  readonly replayed: number;
}

/** The headline of one host: what a fleet overview shows without the full status. */
export interface HostSummary {
  readonly displayName: string;
  readonly hostname: string;
  readonly health: Health;
  readonly paused: boolean;
  readonly stale: boolean;
  readonly alerts: readonly AlertState[];
  /** CPU busy %, memory used % and the fullest disk, null when not sampled. */
  readonly headline: {
    readonly cpu: number | null;
    readonly mem: number | null;
    readonly disk: { readonly target: string; readonly usedPct: number } | null;
  };
  /** Wall-clock ms of the snapshot it was made from (or of the push when there is none). */
  readonly time: number;
}

/** Whether a value looks like an {@link AgentIdentity}. */
export function isAgentIdentity(value: unknown): value is AgentIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.product === PRODUCT_NAME &&
    typeof v.protocol === 'number' &&
    Number.isInteger(v.protocol) &&
    typeof v.version === 'string'
  );
}
