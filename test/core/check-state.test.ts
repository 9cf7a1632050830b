/**
 * The pure parts of checks in the engine: the failure streak and last-result memory, the
 * external series merge, the default rules and the "down after 3, up after 2" rule run through
 * the real rule engine.
 */
import { describe, expect, it } from 'vitest';
import { CheckState } from '../../main/core/check-state';
import { ExternalSeries } from '../../main/core/external-series';
import { RuleEngine } from '../../main/core/rules';
import { addChecks, checkRules } from '../../main/shared/check-rules';
import { checkSchema, type CheckResult } from '../../main/shared/checks';
import { DEFAULT_SETTINGS, settingsSchema } from '../../main/shared/settings';

const shop = checkSchema.parse({
  id: 'shop',
  name: 'Shop',
  kind: 'http',
  url: 'https://shop.example/',
});

function result(up: boolean, at: number): CheckResult {
  return {
    checkId: 'shop',
    at,
    up,
    failure: up ? null : { kind: 'http-status', status: 500 },
    phases: { dns: 1, connect: 2, tls: 3, firstByte: 4, total: 12 },
    status: up ? 200 : 500,
    cert: null,
    redirects: 0,
  };
}

describe('check state', () => {
  it('counts failures up and successes down, and remembers the last good time and failure', () => {
    const state = new CheckState();
    state.setChecks([shop]);
    expect(state.record(result(false, 1))['check.fail_streak{shop}']).toBe(1);
    expect(state.record(result(false, 2))['check.fail_streak{shop}']).toBe(2);
    expect(state.record(result(true, 3))['check.fail_streak{shop}']).toBe(-1);
    expect(state.record(result(true, 4))['check.fail_streak{shop}']).toBe(-2);
    const row = state.rows()[0]!;
    expect(row).toMatchObject({ id: 'shop', failStreak: -2, lastGoodAt: 4, recentMs: [12, 12] });
    expect(state.failStreak('shop')).toBe(-2);
    expect(state.failStreak('unknown')).toBe(0);
    expect(row.lastFailure).toEqual({ at: 2, failure: { kind: 'http-status', status: 500 } });
  });

  it('forgets a check that is removed', () => {
    const state = new CheckState();
    state.setChecks([shop]);
    state.record(result(false, 1));
    state.setChecks([]);
    state.setChecks([shop]);
    expect(state.rows()[0]!.failStreak).toBe(0);
    expect(state.failStreak('shop')).toBe(0);
  });
});

describe('external series', () => {
  it('holds set values every tick and hands pushed values to one tick only; null is left out', () => {
    const ext = new ExternalSeries();
    ext.set('fleet', { 'fleet.silence_s{a}': 3, 'fleet.silence_s{b}': null }, 0, null);
    ext.push({ 'check.up{shop}': 1 });
    expect(ext.merge({ 'cpu.total': 5 }, 1_000)).toEqual({
      'cpu.total': 5,
      'fleet.silence_s{a}': 3,
      'check.up{shop}': 1,
    });
    expect(ext.merge({ 'cpu.total': 6 }, 2_000)).toEqual({
      'cpu.total': 6,
      'fleet.silence_s{a}': 3,
    });
  });
});

describe('default check rules', () => {
  it('are valid settings rules, added once with their check', () => {
    const once = addChecks(DEFAULT_SETTINGS, [shop]);
    const twice = addChecks(once, [shop]);
    expect(twice.checks).toHaveLength(1);
    expect(twice.rules.map((r) => r.id).filter((id) => id.startsWith('shop.'))).toEqual([
      'shop.down',
      'shop.cert',
      'shop.slow',
    ]);
    expect(settingsSchema.safeParse(twice).success).toBe(true);
  });

  it('a plain http check has no certificate rule; a tcp check only the down rule', () => {
    const http = checkSchema.parse({ id: 'a', name: 'a', kind: 'http', url: 'http://a.example/' });
    const tcp = checkSchema.parse({ id: 'b', name: 'b', kind: 'tcp', address: 'b.example:25' });
    expect(checkRules(http).map((r) => r.id)).toEqual(['a.down', 'a.slow']);
    expect(checkRules(tcp).map((r) => r.id)).toEqual(['b.down']);
  });

  it('down fires at the 3rd failure in a row and resolves at the 2nd success, each once', () => {
    const rules = new RuleEngine(checkRules(shop), { gapMs: 1e9 });
    const state = new CheckState();
    state.setChecks([shop]);
    const runs = [false, false, true, false, false, false, false, true, true, true];
    const kinds: string[] = [];
    runs.forEach((up, i) => {
      const values = state.record(result(up, i * 60_000));
      for (const t of rules.evaluate({ mono: i * 60_000, time: i * 60_000, values })) {
        if (t.ruleId === 'shop.down') kinds.push(`${i}:${t.kind}`);
      }
    });
    // Failures 0,1 then a success: no alert; failures 3–6 fire at the 3rd (run 5); runs 7, 8
    // are the two successes: resolved at run 8.
    expect(kinds).toEqual(['5:firing', '8:resolved']);
  });

  it('the certificate rule warns under 21 days, is critical under 7 and clears at 30', () => {
    const rules = new RuleEngine(checkRules(shop), { gapMs: 1e9 });
    const seen: string[] = [];
    [40, 20, 6, 25, 31].forEach((days, i) => {
      const values = { 'check.cert_days{shop}': days };
      for (const t of rules.evaluate({ mono: i, time: i, values })) {
        seen.push(`${days}:${t.kind}:${t.severity}`);
      }
    });
    expect(seen).toEqual([
      '20:firing:warning',
      '6:escalated:critical',
      '25:deescalated:warning',
      '31:resolved:warning',
    ]);
  });
});
