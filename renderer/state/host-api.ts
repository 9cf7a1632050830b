/**
 * A host-bound view of the contract API: every host-scoped operation (HOST_SCOPED_OPERATIONS in
 * main/shared/contract.ts) is called with this host unless the caller names one, so the views
 * (history, snooze, acknowledge, backtest) show and act on the host the window is switched to
 * without knowing about hosts. The local host's API is the page's API itself.
 */
import {
  HOST_SCOPED_OPERATIONS,
  LOCAL_HOST_ID,
  type HostId,
  type HostwatchApi,
} from '../../main/shared/contract';

const bound = new WeakMap<HostwatchApi, Map<HostId, HostwatchApi>>();

/** The API with `host` filled in on every host-scoped call (the same object per api and host). */
export function hostBoundApi(api: HostwatchApi, host: HostId): HostwatchApi {
  if (host === LOCAL_HOST_ID) return api;
  let byHost = bound.get(api);
  if (!byHost) bound.set(api, (byHost = new Map<HostId, HostwatchApi>()));
  const known = byHost.get(host);
  if (known) return known;
  const wrapped: Record<string, unknown> = { ...api };
  for (const name of HOST_SCOPED_OPERATIONS) {
    const call = api[name] as (input: unknown) => Promise<unknown>;
    wrapped[name] = (input: unknown) => {
      const given = (input ?? {}) as Record<string, unknown>;
      return call({ ...given, host: given.host ?? host });
    };
  }
  const result = wrapped as unknown as HostwatchApi;
  byHost.set(host, result);
  return result;
}
