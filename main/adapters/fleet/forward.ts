/**
 * Forwarding of host-scoped operations to a remote agent: the host router calls this handler
 * for a remote host, and it calls the same operation on that agent with the stored token
 * (fetchJson), so a hub's browser (or the tray's renderer) talks only to its own instance.
 */
import {
  HOST_SCOPED_OPERATIONS,
  OPERATIONS,
  type HostScopedOperation,
  type OperationError,
  type OperationOutputs,
  type Result,
} from '../../shared/contract';
import type { WatchTarget } from '../../shared/watch-target';
import type { HostHandler, HostlessInput } from '../../core/host-router';
import { fetchJson } from './remote-client';

/** The URL path and query of one operation call on a remote agent. */
export function operationPath(name: HostScopedOperation, input: Record<string, unknown>): string {
  const op = OPERATIONS[name];
  if (op.method !== 'GET') return op.path;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    query.set(
      k,
      Array.isArray(v)
        ? v.join(',')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : `${v as string | number | boolean}`,
    );
  }
  const q = query.toString();
  return q ? `${op.path}?${q}` : op.path;
}

/** A handler answering every host-scoped operation by calling the agent at `target()`. */
export function forwardingHandler(target: () => WatchTarget | null): HostHandler {
  const entries = HOST_SCOPED_OPERATIONS.map((name) => [
    name,
    (input: HostlessInput<typeof name>) => forward(name, input ?? {}, target()),
  ]);
  return Object.fromEntries(entries) as HostHandler;
}

async function forward<K extends HostScopedOperation>(
  name: K,
  input: object,
  target: WatchTarget | null,
): Promise<Result<OperationOutputs[K]>> {
  if (!target) {
    return { ok: false, error: { code: 'unavailable', message: 'This host is not connected' } };
  }
  const op = OPERATIONS[name];
  const res = await fetchJson(target, operationPath(name, input as Record<string, unknown>), {
    method: op.method,
    ...(op.method === 'GET' ? {} : { body: input }),
  });
  if (!res.ok) {
    return { ok: false, error: { code: 'unavailable', message: res.message } };
  }
  if (res.status >= 200 && res.status < 300) {
    return { ok: true, value: res.body as OperationOutputs[K] };
  }
  const error = (res.body as { error?: OperationError } | null)?.error;
  return {
    ok: false,
    error: error ?? { code: 'failed', message: `The agent answered HTTP ${res.status}` },
  };
}
