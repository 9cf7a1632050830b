/**
 * The check scheduler on a fake clock (jitter, fixed rate, single flight, concurrency, the
 * backstop deadline, list updates) and for real: 100 checks against one server never hold more
 * connections at once than the concurrency limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCheckScheduler } from '../../main/adapters/checks/scheduler';
import {
  checkSchema,
  type Check,
  type CheckInput,
  type CheckResult,
} from '../../main/shared/checks';
import { FakeClock } from '../fixtures/fake-clock';
import { closeAll, closedPort, countingHttpServer, httpServer } from '../fixtures/checks/servers';

afterEach(closeAll);

const flush = () => new Promise<void>((r) => setImmediate(r));

function check(id: string, over: Partial<CheckInput> = {}): Check {
  return checkSchema.parse({ id, name: id, kind: 'tcp', address: '127.0.0.1:9', ...over });
}

function result(c: Check): CheckResult {
  return {
    checkId: c.id,
    at: 0,
    up: true,
    failure: null,
    phases: { dns: null, connect: 1, tls: null, firstByte: null, total: 1 },
    status: null,
    cert: null,
    redirects: 0,
  };
}

/** A runner whose runs finish only when the test says so. */
function heldRunner() {
  const calls: { check: Check; finish: () => void }[] = [];
  const run = (c: Check) =>
    new Promise<CheckResult>((resolve) =>
      calls.push({ check: c, finish: () => resolve(result(c)) }),
    );
  return { calls, run };
}

describe('check scheduler (fake clock)', () => {
  it('spreads first runs over the first 10 s and then runs at the interval ± 10 %', async () => {
    const clock = new FakeClock();
    const randoms = [0.5, 0.1, 0.9, 0.5, 0.5, 0.5];
    const runner = heldRunner();
    const s = createCheckScheduler({
      clock,
      run: runner.run,
      random: () => randoms.shift() ?? 0.5,
      onResult: () => undefined,
    });
    s.setChecks([check('a'), check('b'), check('c')]);
    clock.advance(999);
    expect(runner.calls.map((c) => c.check.id)).toEqual([]);
    clock.advance(1); // b at 0.1 × 10 s
    await flush();
    expect(runner.calls.map((c) => c.check.id)).toEqual(['b']);
    clock.advance(4000); // a at 5 s
    await flush();
    clock.advance(4000); // c at 9 s
    await flush();
    expect(runner.calls.map((c) => c.check.id)).toEqual(['b', 'a', 'c']);
    runner.calls.forEach((c) => c.finish());
    await flush();
    // b's next run: 1 s + 60 s × (1 + (0.5 × 2 − 1) × 0.1) = 61 s.
    clock.advance(61_000 - 9000 - 1);
    await flush();
    expect(runner.calls).toHaveLength(3);
    clock.advance(1);
    await flush();
    expect(runner.calls).toHaveLength(4);
    s.stop();
  });

  it('never starts a check twice while its run is in flight', async () => {
    const clock = new FakeClock();
    const runner = heldRunner();
    const results: CheckResult[] = [];
    const s = createCheckScheduler({
      clock,
      run: runner.run,
      random: () => 0.5,
      onResult: (r) => results.push(r),
    });
    s.setChecks([check('slow', { intervalSeconds: 10, timeoutSeconds: 10 })]);
    clock.advance(5000);
    await flush();
    expect(runner.calls).toHaveLength(1);
    clock.advance(10_000); // due again, still running
    await flush();
    expect(runner.calls).toHaveLength(1);
    const joined = s.runNow('slow');
    expect(runner.calls).toHaveLength(1);
    runner.calls[0]!.finish();
    expect((await joined)?.checkId).toBe('slow');
    expect(results).toHaveLength(1);
    clock.advance(10_000);
    await flush();
    expect(runner.calls).toHaveLength(2);
    s.stop();
  });

  it('holds at most `concurrency` runs and queues the rest', async () => {
    const clock = new FakeClock();
    const runner = heldRunner();
    const s = createCheckScheduler({
      clock,
      run: runner.run,
      random: () => 0,
      concurrency: 3,
      onResult: () => undefined,
    });
    s.setChecks(Array.from({ length: 20 }, (_, i) => check(`c${i}`)));
    clock.advance(0);
    await flush();
    expect(runner.calls).toHaveLength(3);
    expect(s.load()).toEqual({ running: 3, queued: 17 });
    runner.calls[0]!.finish();
    await flush();
    expect(runner.calls).toHaveLength(4);
    expect(s.load()).toEqual({ running: 3, queued: 16 });
    s.stop();
  });

  it('does not start queued runs after stop', async () => {
    const clock = new FakeClock();
    const runner = heldRunner();
    const results: CheckResult[] = [];
    const s = createCheckScheduler({
      clock,
      run: runner.run,
      random: () => 0,
      concurrency: 1,
      onResult: (r) => results.push(r),
    });
    s.setChecks([check('a'), check('b'), check('c')]);
    clock.advance(0);
    await flush();
    expect(s.load()).toEqual({ running: 1, queued: 2 });
    s.stop();
    runner.calls[0]!.finish();
    await flush();
    expect(runner.calls).toHaveLength(1);
    expect(results).toEqual([]);
    expect(s.load()).toEqual({ running: 0, queued: 0 });
  });

  it('gives up on a run that outlives its timeout and frees the slot', async () => {
    const clock = new FakeClock();
    const results: CheckResult[] = [];
    const s = createCheckScheduler({
      clock,
      run: () => new Promise<CheckResult>(() => undefined),
      random: () => 0,
      concurrency: 1,
      graceMs: 1000,
      onResult: (r) => results.push(r),
    });
    s.setChecks([check('stuck', { timeoutSeconds: 5 })]);
    clock.advance(0);
    await flush();
    expect(s.load().running).toBe(1);
    clock.advance(5999);
    await flush();
    expect(results).toHaveLength(0);
    clock.advance(1);
    await flush();
    expect(results[0]).toMatchObject({ checkId: 'stuck', up: false, failure: { kind: 'error' } });
    expect(s.load()).toEqual({ running: 0, queued: 0 });
    s.stop();
  });

  it('gives up on each stuck run at its own deadline, a shorter one started later too', async () => {
    const clock = new FakeClock();
    const results: CheckResult[] = [];
    const s = createCheckScheduler({
      clock,
      run: () => new Promise<CheckResult>(() => undefined),
      random: () => 0,
      concurrency: 2,
      graceMs: 1000,
      onResult: (r) => results.push(r),
    });
    s.setChecks([check('slow', { timeoutSeconds: 20 })]);
    clock.advance(0);
    await flush();
    clock.advance(1000);
    s.setChecks([check('slow', { timeoutSeconds: 20 }), check('quick', { timeoutSeconds: 2 })]);
    clock.advance(0);
    await flush();
    expect(s.load().running).toBe(2);
    clock.advance(2999);
    await flush();
    expect(results).toHaveLength(0);
    clock.advance(1);
    await flush();
    expect(results.map((r) => r.checkId)).toEqual(['quick']);
    clock.advance(21_000 - 4000 - 1);
    await flush();
    expect(results).toHaveLength(1);
    clock.advance(1);
    await flush();
    expect(results.map((r) => r.checkId)).toEqual(['quick', 'slow']);
    expect(results[1]).toMatchObject({ up: false, failure: { kind: 'error', code: 'ETIMEDOUT' } });
    s.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('drops removed checks, skips disabled ones, and stop cancels every timer', async () => {
    const clock = new FakeClock();
    const runner = heldRunner();
    const s = createCheckScheduler({
      clock,
      run: runner.run,
      random: () => 0,
      onResult: () => undefined,
    });
    s.setChecks([check('keep'), check('gone'), check('off', { enabled: false })]);
    s.setChecks([check('keep'), check('off', { enabled: false })]);
    clock.advance(0);
    await flush();
    expect(runner.calls.map((c) => c.check.id)).toEqual(['keep']);
    expect(await s.runNow('gone')).toBeUndefined();
    runner.calls[0]!.finish();
    await flush();
    s.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('check scheduler (real)', () => {
  it('runs 100 checks with never more than 8 connections open at the server', async () => {
    const server = await countingHttpServer((_req, res) => {
      // Hold each answer briefly so runs overlap.
      setTimeout(() => res.end('ok'), 30);
    });
    const port = server.port;
    const results: CheckResult[] = [];
    const done = new Promise<void>((resolve) => {
      const s = createCheckScheduler({
        random: () => 0, // every first run due at once: the worst case
        concurrency: 8,
        onResult: (r) => {
          results.push(r);
          if (results.length === 100) {
            s.stop();
            resolve();
          }
        },
      });
      s.setChecks(
        Array.from({ length: 100 }, (_, i) =>
          checkSchema.parse({
            id: `c${i}`,
            name: `c${i}`,
            kind: 'http',
            url: `http://127.0.0.1:${port}/${i}`,
          }),
        ),
      );
    });
    await done;
    expect(results.every((r) => r.up)).toBe(true);
    expect(new Set(results.map((r) => r.checkId)).size).toBe(100);
    expect(server.peak()).toBeLessThanOrEqual(8);
    expect(server.peak()).toBeGreaterThan(1);
  });

  it('reports real results and runs a check on demand', async () => {
    const port = await httpServer((_req, res) => res.end('ok'));
    const closed = await closedPort();
    const results: CheckResult[] = [];
    const s = createCheckScheduler({ onResult: (r) => results.push(r) });
    s.setChecks([
      checkSchema.parse({ id: 'web', name: 'web', kind: 'http', url: `http://127.0.0.1:${port}/` }),
      checkSchema.parse({ id: 'db', name: 'db', kind: 'tcp', address: `127.0.0.1:${closed}` }),
    ]);
    const [web, db] = await Promise.all([s.runNow('web'), s.runNow('db')]);
    s.stop();
    expect(web?.up).toBe(true);
    expect(db?.failure).toEqual({ kind: 'connection-refused', address: '127.0.0.1', port: closed });
    expect(results.map((r) => r.checkId).sort()).toEqual(['db', 'web']);
  });
});
