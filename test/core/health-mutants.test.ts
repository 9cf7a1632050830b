/** Health edges mutation testing found unpinned: order of the worst alert, labels, targets. */
import { describe, expect, it } from 'vitest';
import {
  alertLabel,
  describeAlert,
  metricLabel,
  overallHealth,
  worstAlert,
} from '../../main/core/health';
import type { AlertState } from '../../main/shared/contract';

function alert(over: Partial<AlertState> = {}): AlertState {
  return {
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    state: 'firing',
    severity: 'warning',
    value: 90,
    threshold: 80,
    since: 1_000,
    snoozed: false,
    ...over,
  };
}

describe('overallHealth', () => {
  it('is critical whatever the order, warning with only warnings, ok with only pending', () => {
    const crit = alert({ severity: 'critical' });
    const run = (alerts: AlertState[]) => overallHealth({ alerts, hasData: true, stale: false });
    expect(run([alert(), crit])).toBe('critical');
    expect(run([crit, alert()])).toBe('critical');
    expect(run([alert(), alert({ ruleId: 'b' })])).toBe('warning');
    expect(run([alert({ state: 'pending' })])).toBe('ok');
    expect(
      run([alert({ state: 'pending' }), alert({ state: 'pending', severity: 'critical' })]),
    ).toBe('ok');
    expect(overallHealth({ alerts: [], hasData: false, stale: false })).toBe('unknown');
    expect(overallHealth({ alerts: [], hasData: true, stale: true })).toBe('unknown');
  });
});

describe('worstAlert', () => {
  it('critical beats warning even when the warning is further past its threshold', () => {
    const warn = alert({ value: 1_000, threshold: 10 });
    const crit = alert({ ruleId: 'c', severity: 'critical', value: 91, threshold: 90 });
    expect(worstAlert([warn, crit])).toBe(crit);
    expect(worstAlert([crit, warn])).toBe(crit);
  });

  it('then the one furthest past its threshold, in either order', () => {
    const near = alert({ ruleId: 'near', value: 81, threshold: 80 });
    const far = alert({ ruleId: 'far', value: 99, threshold: 80 });
    expect(worstAlert([near, far])).toBe(far);
    expect(worstAlert([far, near])).toBe(far);
  });

  it('then the oldest', () => {
    const old = alert({ ruleId: 'old', since: 1 });
    const young = alert({ ruleId: 'young', since: 2 });
    expect(worstAlert([young, old])).toBe(old);
    expect(worstAlert([old, young])).toBe(old);
  });

  it('a null value or a threshold of zero or less counts as not past it', () => {
    const zero = alert({ ruleId: 'zero', value: 50, threshold: 0, since: 5 });
    const negative = alert({ ruleId: 'neg', value: 50, threshold: -1, since: 5 });
    const nul = alert({ ruleId: 'null', value: null, since: 5 });
    const past = alert({ ruleId: 'past', value: 81, threshold: 80, since: 9 });
    expect(worstAlert([zero, past])).toBe(past);
    expect(worstAlert([negative, past])).toBe(past);
    expect(worstAlert([nul, past])).toBe(past);
    // Among "not past" ones the oldest wins.
    expect(worstAlert([alert({ ruleId: 'later', value: null, since: 6 }), zero])).toBe(zero);
  });

  it('ignores pending alerts even when they are worse', () => {
    const pending = alert({ ruleId: 'p', state: 'pending', severity: 'critical', value: 999 });
    const firing = alert();
    expect(worstAlert([pending, firing])).toBe(firing);
  });
});

describe('labels', () => {
  it('names metrics in English and Korean', () => {
    expect(metricLabel('cpu.total', 'en')).toBe('CPU');
    expect(metricLabel('disk.used_pct', 'ko')).toBe('디스크');
    expect(metricLabel('mem.used_pct', 'ko')).toBe('메모리');
  });

  it('adds the target unless it is absent or empty', () => {
    expect(alertLabel({ metric: 'disk.used_pct', target: '/var' }, 'en')).toBe('Disk /var');
    expect(alertLabel({ metric: 'disk.used_pct', target: '' }, 'en')).toBe('Disk');
    expect(alertLabel({ metric: 'disk.used_pct' }, 'ko')).toBe('디스크');
    expect(describeAlert(alert({ value: 50 }), 'en')).toBe('CPU 50%');
  });
});

describe('worstAlert ratios', () => {
  it('compares value / threshold, not value × threshold or the raw value', () => {
    // 50 / 10 = 5 beats 90 / 80 = 1.125, though 90 × 80 and 90 are larger.
    const ratio = alert({ ruleId: 'ratio', value: 50, threshold: 10, since: 9 });
    const raw = alert({ ruleId: 'raw', value: 90, threshold: 80, since: 1 });
    expect(worstAlert([raw, ratio])).toBe(ratio);
    expect(worstAlert([ratio, raw])).toBe(ratio);
  });

  it('the first of two equal alerts stays the worst', () => {
    const a = alert({ ruleId: 'a' });
    const b = alert({ ruleId: 'b' });
    expect(worstAlert([a, b])).toBe(a);
  });

  it('a threshold of exactly zero gives no ratio', () => {
    const zero = alert({ ruleId: 'zero', value: 1, threshold: 0, since: 1 });
    const small = alert({ ruleId: 'small', value: 0.5, threshold: 1, since: 2 });
    expect(worstAlert([zero, small])).toBe(small);
  });
});
