/**
 * Is this computer itself offline? Then no watched host can be judged, and calling each of them
 * unreachable would be a storm of false alerts (a laptop that just woke, a train without Wi-Fi).
 *
 * Truth table (`ownNetwork` is what the adapter sees of this machine's interfaces):
 *
 * | ownNetwork | sources failing with a network error     | offline |
 * |------------|------------------------------------------|---------|
 * | false      | any                                      | yes     |
 * | true/null  | all of ≥ 2 sources, none connected       | yes     |
 * | true/null  | some, or only one source                 | no      |
 *
 * One failing source alone is that host's problem, not ours, so it goes unreachable as usual.
 */
import type { SourceProblem, SourceState } from './fleet-model';

/** Problem codes that mean "no route from here", as opposed to an answer from the far end. */
const NETWORK_CODES: ReadonlySet<string> = new Set(['network', 'dns']);

/** Whether a problem says this machine cannot reach the network at all. */
export function isNetworkProblem(problem: SourceProblem | null): boolean {
  return problem !== null && NETWORK_CODES.has(problem.code);
}

/** Whether this computer is offline (see the table above). */
export function isOffline(
  ownNetwork: boolean | null,
  sources: readonly Pick<SourceState, 'connection' | 'problem'>[],
): boolean {
  if (ownNetwork === false) return true;
  if (sources.length < 2) return false;
  return sources.every((s) => s.connection === 'failing' && isNetworkProblem(s.problem));
}

/** The English words of the `fleet-offline` notice (a UI says it from the code). */
export const OFFLINE_MESSAGE =
  'This computer is offline: watched servers are not judged until its network is back';

/** The Korean words of the `fleet-offline` notice, for surfaces outside the renderer. */
export const OFFLINE_MESSAGE_KO =
  '이 컴퓨터가 오프라인입니다. 네트워크가 돌아올 때까지 감시 중인 서버를 판단하지 않습니다';
