/**
 * `GET /api/version`: tells a watcher "this is Hostwatch, protocol N" before it trusts any
 * other answer. Behind the token guard like the rest of the API, so a wrong token is told apart
 * from a server that is not Hostwatch by the 401's `Bearer realm="hostwatch"`.
 */
import type { HttpApp } from './app';
import {
  PRODUCT_NAME,
  PROTOCOL_VERSION,
  VERSION_PATH,
  type AgentIdentity,
} from '../../shared/protocol';

/** Registers the identity route. */
export function registerIdentityRoute(app: HttpApp, version: string): void {
  const body: AgentIdentity = { product: PRODUCT_NAME, protocol: PROTOCOL_VERSION, version };
  const text = JSON.stringify(body);
  app.route('GET', VERSION_PATH, (_request, reply) =>
    reply
      .code(200)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(text),
  );
}
