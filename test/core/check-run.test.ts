/**
 * The runCheck command's own decisions (core/check-run.ts): no runner, an unknown id, a saved
 * check the scheduler does not run (disabled) tried once, and at most four tries at once. The
 * runner here is a controllable port; the real one is tested through HTTP in
 * test/agent/checks-run.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  createCheckRunCommand,
  MAX_TRIES_AT_ONCE,
  type CheckRunnerPort,
} from '../../main/core/check-run';
import { checkSchema, type Check, type CheckResult } from '../../main/shared/checks';

const check = (id: string, enabled = true): Check =>
  checkSchema.parse({ id, name: id, kind: 'tcp', address: 'example.com:443', enabled });

const result = (id: string): CheckResult => ({
  checkId: id,
  at: 1,
  up: true,
  failure: null,
  phases: { dns: null, connect: 3, tls: null, firstByte: null, total: 3 },
  status: null,
  cert: null,
  redirects: 0,
});

describe('runCheck command', () => {
  it('is unavailable without a runner and not-found for an id that is not saved', async () => {
    expect(await createCheckRunCommand(undefined, () => [])({ id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    const runner: CheckRunnerPort = {
      runSaved: () => Promise.resolve(undefined),
      runOnce: (c) => Promise.resolve(result(c.id)),
      resolveHost: () => Promise.resolve({ addresses: [], failure: null }),
    };
    expect(await createCheckRunCommand(runner, () => [check('a')])({ id: 'b' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', fields: [{ path: 'id' }] },
    });
  });

  it('records a scheduled check, and tries a saved one the scheduler does not run', async () => {
    const calls: string[] = [];
    const runner: CheckRunnerPort = {
      runSaved: (id) => (
        calls.push(`saved:${id}`),
        Promise.resolve(id === 'on' ? result(id) : undefined)
      ),
      runOnce: (c) => (calls.push(`once:${c.id}`), Promise.resolve(result(c.id))),
      resolveHost: () => Promise.resolve({ addresses: [], failure: null }),
    };
    const run = createCheckRunCommand(runner, () => [check('on'), check('off', false)]);
    const on = await run({ id: 'on' });
    expect(on).toMatchObject({ ok: true, value: { result: { checkId: 'on' } } });
    expect(on.ok && on.value.summary).toBe('Up in 3 ms (connect 3 ms)');
    expect((await run({ id: 'off' })).ok).toBe(true);
    expect(calls).toEqual(['saved:on', 'saved:off', 'once:off']);
  });

  it(`tries at most ${MAX_TRIES_AT_ONCE} unsaved checks at once`, async () => {
    const pending: (() => void)[] = [];
    const runner: CheckRunnerPort = {
      runSaved: () => Promise.resolve(undefined),
      runOnce: (c) => new Promise((res) => pending.push(() => res(result(c.id)))),
      resolveHost: () => Promise.resolve({ addresses: [], failure: null }),
    };
    const run = createCheckRunCommand(runner, () => []);
    const first = Array.from({ length: MAX_TRIES_AT_ONCE }, (_, i) =>
      run({ check: check(`c${i}`) }),
    );
    expect(await run({ check: check('extra') })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    for (const done of pending) done();
    expect((await Promise.all(first)).every((r) => r.ok)).toBe(true);
    const again = run({ check: check('later') });
    pending.at(-1)!();
    expect((await again).ok).toBe(true);
  });
});
