/** The `tcp` check: the host:port accepts a connection. */
import { splitHostPort, type Check } from '../../shared/checks';
import { connectTcp } from './connect';
import type { RunContext } from './context';
import type { CheckFailure } from '../../shared/check-failures';

/** Connects and closes; null when the port accepted. */
export async function runTcp(check: Check, ctx: RunContext): Promise<CheckFailure | null> {
  const { host, port } = splitHostPort(check.address ?? '')!;
  const socket = await connectTcp(ctx, {
    host,
    port,
    family: check.ipFamily,
    allowPrivate: check.allowPrivateTarget,
  });
  socket.destroy();
  return null;
}
