import { describe, expect, it } from 'vitest';
import { ackReason, worthAMessage, type Reason } from '../../main/core/policy';

const ACK = ackReason({ time: Date.UTC(2026, 0, 5, 10, 42), by: 'tray' });
const MUTE: Reason = { text: 'quiet hours (22:00–07:00)', code: 'quiet-hours', params: {} };

describe('worthAMessage with an acknowledgement (the "acked" rows of the truth table)', () => {
  it('holds a due reminder back with the reason "acknowledged", muted or not', () => {
    for (const mute of [null, MUTE]) {
      expect(worthAMessage('reminder-due', true, mute, undefined, ACK)).toEqual({
        action: 'suppress',
        kind: 'reminder',
        reason: ACK,
      });
    }
    expect(ACK).toMatchObject({ code: 'acknowledged', params: { by: 'tray' } });
  });

  it('lets escalation and RESOLVED through, and a FIRING that never went out', () => {
    expect(worthAMessage('escalated', true, null, undefined, ACK)).toEqual({
      action: 'send',
      kind: 'escalated',
    });
    expect(worthAMessage('resolved', true, null, undefined, ACK)).toEqual({
      action: 'send',
      kind: 'resolved',
    });
    expect(worthAMessage('reminder-due', false, null, undefined, ACK)).toEqual({
      action: 'send',
      kind: 'firing',
    });
  });

  it('has no reason without an acknowledgement', () => {
    expect(ackReason(undefined)).toBeNull();
  });
});
