import { describe, expect, it } from 'vitest';
import { createStatusEncoder } from '../../main/app/status-push';
import { createStatusDecoder } from '../../main/app/preload-status';
import { makeStatus } from './fakes';

// main's encoder and the preload's decoder together: what crosses IPC after the first message is
// a delta, the page always gets whole statuses, and a lost message or a new window resyncs.
describe('IPC status stream (encoder → decoder)', () => {
  it('sends one full status, then deltas that rebuild the same status', () => {
    const enc = createStatusEncoder();
    const dec = createStatusDecoder();
    const a = makeStatus({ health: 'ok' });
    const b = makeStatus({ health: 'critical' });
    const first = enc.next(7, a);
    expect(first.kind).toBe('full');
    const second = enc.next(7, b);
    expect(second.kind).toBe('delta');
    expect(JSON.stringify(second).length).toBeLessThan(JSON.stringify(first).length / 2);
    expect(dec(first)).toEqual({ kind: 'status', status: a });
    expect(dec(second)).toEqual({ kind: 'status', status: b });
  });

  it('asks for a full status after a lost delta and recovers from it', () => {
    const enc = createStatusEncoder();
    const dec = createStatusDecoder();
    const host = makeStatus({}).hostId;
    dec(enc.next(1, makeStatus({ health: 'ok' })));
    enc.next(1, makeStatus({ health: 'warning' })); // lost on the way
    const third = enc.next(1, makeStatus({ health: 'critical' }));
    expect(dec(third)).toEqual({ kind: 'resync', host });
    const full = enc.full(1, host);
    expect(full?.kind).toBe('full');
    const shown = dec(full);
    expect(shown.kind === 'status' && shown.status.health).toBe('critical');
    // …and the next delta fits again.
    const after = dec(enc.next(1, makeStatus({ health: 'ok' })));
    expect(after.kind === 'status' && after.status.health).toBe('ok');
  });

  it('starts a new window (or a reloaded page) from a full status', () => {
    const enc = createStatusEncoder();
    enc.next(1, makeStatus({ health: 'ok' }));
    expect(enc.next(2, makeStatus({ health: 'warning' })).kind).toBe('full');
    // A decoder that never saw a full status cannot apply a delta: it resyncs.
    const fresh = createStatusDecoder();
    const delta = enc.next(2, makeStatus({ health: 'critical' }));
    expect(delta.kind).toBe('delta');
    expect(fresh(delta).kind).toBe('resync');
    expect(fresh({ kind: 'nonsense' })).toEqual({ kind: 'ignored' });
  });
});
