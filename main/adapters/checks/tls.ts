/** The `tls` check: a handshake only, with chain, expiry and hostname verified. */
import type { CheckFailure } from '../../shared/check-failures';
import { splitHostPort, type Check } from '../../shared/checks';
import { handshake } from './cert';
import { connectTcp } from './connect';
import type { RunContext } from './context';
import { sessionKey } from './sessions';
import { secureContextFor } from './trust';

/** Connects, shakes hands and closes; null when the certificate is valid (or accepted). */
export async function runTls(
  check: Check,
  ctx: RunContext,
  now: number,
): Promise<CheckFailure | null> {
  const { host, port } = splitHostPort(check.address ?? '')!;
  const secure = await secureContextFor(check.caFile);
  const socket = await connectTcp(ctx, {
    host,
    port,
    family: check.ipFamily,
    allowPrivate: check.allowPrivateTarget,
  });
  const hs = await handshake(ctx, socket, host, secure, now, sessionKey(host, port, check.caFile));
  ctx.cert = hs.cert;
  hs.socket.destroy();
  return check.acceptInvalidCert ? null : hs.failure;
}
