/**
 * The run deadline (context.ts): runs share one timer set for the earliest deadline, so each
 * run must still time out at its own deadline, whatever the order its siblings started and
 * ended in, and a run that ended never times out.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunContext, waitFor, type CheckError } from '../../main/adapters/checks/context';
import { connectTcp } from '../../main/adapters/checks/connect';

const never = new Promise<never>(() => undefined);

async function timedOut(ctx: RunContext): Promise<{ ms: number; failure: unknown }> {
  const t0 = performance.now();
  try {
    await ctx.race(never);
    return { ms: Infinity, failure: null };
  } catch (err) {
    return { ms: performance.now() - t0, failure: (err as CheckError).failure };
  }
}

describe('run deadlines', () => {
  let server: Server;
  let port = 0;
  const accepted: Socket[] = [];
  beforeAll(async () => {
    server = createServer((s) => accepted.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    accepted.forEach((s) => s.destroy());
    await new Promise((r) => server.close(r));
  });

  it('times out each run at its own deadline, a shorter one started after a longer one too', async () => {
    const long = new RunContext(400);
    const short = new RunContext(100);
    const [l, s] = await Promise.all([timedOut(long), timedOut(short)]);
    expect(s.failure).toEqual({ kind: 'timeout', phase: 'dns', afterMs: 100 });
    expect(l.failure).toEqual({ kind: 'timeout', phase: 'dns', afterMs: 400 });
    expect(s.ms).toBeGreaterThanOrEqual(95);
    expect(s.ms).toBeLessThan(350);
    expect(l.ms).toBeGreaterThanOrEqual(395);
    expect(l.ms).toBeLessThan(1_000);
    expect(short.timedOutIn).toBe('dns');
    expect(long.timedOutIn).toBe('dns');
  });

  it('never times out a run that ended, and still times out the one after it', async () => {
    const first = new RunContext(80);
    first.close();
    const second = new RunContext(200);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 120));
    expect(first.timedOutIn).toBeNull();
    const s = await timedOut(second);
    expect(second.timedOutIn).toBe('dns');
    expect(s.failure).toEqual({ kind: 'timeout', phase: 'dns', afterMs: 200 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(195);
  });

  it('destroys the sockets of a run at its deadline, in the phase it was in', async () => {
    const ctx = new RunContext(150);
    const socket = await connectTcp(ctx, {
      host: '127.0.0.1',
      port,
      family: 'any',
      allowPrivate: false,
    });
    ctx.enter('first-byte');
    // The server accepted but never writes: only the deadline ends the wait.
    const err = await waitFor(ctx, socket, 'data').catch((e: unknown) => e);
    expect((err as CheckError).failure).toEqual({
      kind: 'timeout',
      phase: 'first-byte',
      afterMs: 150,
    });
    expect(socket.destroyed).toBe(true);
    ctx.close();
  });
});
