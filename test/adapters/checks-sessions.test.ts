/**
 * TLS session resumption of https checks against real servers: the second run resumes (the
 * server sees a reused session) and still reports the certificate read in the full handshake,
 * with days left recomputed; a full handshake is done again once FULL_HANDSHAKE_EVERY_MS has
 * passed; a certificate that failed is never resumed, so its failure kind stays exact.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../main/adapters/checks/run';
import { FULL_HANDSHAKE_EVERY_MS } from '../../main/adapters/checks/sessions';
import { checkSchema, type CheckInput } from '../../main/shared/checks';
import { checkCerts, type CheckCerts, type Pem } from '../fixtures/checks/certs';
import { closeAll, httpsServer } from '../fixtures/checks/servers';

let certs: CheckCerts;
beforeAll(async () => {
  certs = await checkCerts();
});
afterEach(closeAll);

const DAY = 86_400_000;

/** An https server that records, per request, whether its TLS session was resumed. */
async function recordingServer(pem: Pem): Promise<{ port: number; reused: boolean[] }> {
  const reused: boolean[] = [];
  const port = await httpsServer(pem, (req: IncomingMessage, res: ServerResponse) => {
    reused.push((req.socket as TLSSocket).isSessionReused());
    res.end('ok');
  });
  return { port, reused };
}

function https(port: number, over: Partial<CheckInput> = {}) {
  return checkSchema.parse({
    id: 's',
    name: 's',
    kind: 'http',
    url: `https://localhost:${port}/`,
    timeoutSeconds: 2,
    caFile: certs.caFile,
    ...over,
  });
}

describe('https check TLS sessions', () => {
  it('resumes the session on the next run and keeps the certificate of the full handshake', async () => {
    const server = await recordingServer(certs.fiveDays);
    const t0 = Date.now();
    const first = await runCheck(https(server.port), { now: () => t0 });
    const second = await runCheck(https(server.port), { now: () => t0 + 60_000 });
    expect(first.failure).toBeNull();
    expect(second.failure).toBeNull();
    expect(server.reused).toEqual([false, true]);
    expect(second.cert?.subject).toBe(first.cert?.subject);
    expect(second.cert?.issuer).toBe(first.cert?.issuer);
    expect(second.cert?.notAfter).toBe(Math.floor(certs.fiveDays.notAfter.getTime() / 1000) * 1000);
    // Days left follow the clock of the run, not of the handshake the details came from.
    expect(first.cert!.daysLeft - second.cert!.daysLeft).toBeCloseTo(60_000 / DAY, 6);
    expect(second.phases.tls).toBeGreaterThanOrEqual(0);
  });

  it('does a full handshake again once the window has passed, and on a wall clock that went back', async () => {
    const server = await recordingServer(certs.fiveDays);
    const t0 = Date.now();
    await runCheck(https(server.port), { now: () => t0 });
    await runCheck(https(server.port), { now: () => t0 + FULL_HANDSHAKE_EVERY_MS - 1000 });
    await runCheck(https(server.port), { now: () => t0 + FULL_HANDSHAKE_EVERY_MS });
    await runCheck(https(server.port), { now: () => t0 + FULL_HANDSHAKE_EVERY_MS - 60_000 });
    expect(server.reused).toEqual([false, true, false, false]);
  });

  it('never resumes past the certificate expiry: the first run after it says expired', async () => {
    const server = await recordingServer(certs.fiveDays);
    const t0 = Date.now();
    await runCheck(https(server.port), { now: () => t0 });
    const after = certs.fiveDays.notAfter.getTime() + 1000;
    const r = await runCheck(https(server.port), { now: () => after });
    expect(server.reused).toEqual([false, false]);
    // The wall clock given to the run is only used for days left; OpenSSL checks validity
    // against the real clock, so the chain is still valid here and days left is negative.
    expect(r.cert!.daysLeft).toBeLessThan(0);
  });

  it('never resumes a session whose certificate failed, so every run reports the failure', async () => {
    const server = await recordingServer(certs.expired);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runCheck(https(server.port)));
    expect(runs.map((r) => r.failure?.kind)).toEqual(['tls-expired', 'tls-expired', 'tls-expired']);
    expect(server.reused).toEqual([]);
    const mismatch = await recordingServer(certs.wrongHost);
    for (let i = 0; i < 2; i++) {
      const r = await runCheck(https(mismatch.port));
      expect(r.failure).toEqual({ kind: 'tls-hostname-mismatch', host: 'localhost' });
    }
  });

  it('never resumes an accepted invalid certificate: each run re-reads it', async () => {
    const server = await recordingServer(certs.expired);
    for (let i = 0; i < 2; i++) {
      const r = await runCheck(https(server.port, { acceptInvalidCert: true }));
      expect(r.up).toBe(true);
      expect(r.cert?.notAfter).toBe(Math.floor(certs.expired.notAfter.getTime() / 1000) * 1000);
    }
    expect(server.reused).toEqual([false, false]);
  });
});
