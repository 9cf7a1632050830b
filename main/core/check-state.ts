/**
 * What the engine remembers of each endpoint check between runs: the failure streak that the
 * "down after N, up after M" rule reads, the last result, the last good time and recent
 * response times. Pure: results come in, series values and status rows come out.
 */
import type { CheckStatus } from '../shared/contract';
import { checkSeriesValues } from '../shared/check-series';
import type { Check, CheckResult } from '../shared/checks';
import { checkSeriesKey, type SeriesKey } from '../shared/metrics';

/** Response times kept per check for the sparkline. */
const RECENT = 30;

interface Memory {
  last: CheckResult | null;
  failStreak: number;
  lastGoodAt: number | null;
  lastFailure: CheckStatus['lastFailure'];
  recentMs: number[];
}

/**
 * Per-check memory; follows the configured list (a removed check is forgotten). The status
 * rows are built once per change (a run or a new list), not on every status of every tick.
 */
export class CheckState {
  private checks: readonly Check[] = [];
  private readonly memory = new Map<string, Memory>();
  private readonly rowCache = new Map<string, CheckStatus>();
  private rowsCache: readonly CheckStatus[] | null = null;

  /** Follows a new list of checks. */
  setChecks(checks: readonly Check[]): void {
    this.checks = checks;
    const ids = new Set(checks.map((c) => c.id));
    for (const id of this.memory.keys()) if (!ids.has(id)) this.memory.delete(id);
    this.rowCache.clear();
    this.rowsCache = null;
  }

  /** Records one run; returns the series values it contributes (with the failure streak). */
  record(result: CheckResult): Record<SeriesKey, number> {
    const m = this.memory.get(result.checkId) ?? {
      last: null,
      failStreak: 0,
      lastGoodAt: null,
      lastFailure: null,
      recentMs: [],
    };
    m.last = result;
    if (result.up) {
      m.failStreak = m.failStreak < 0 ? m.failStreak - 1 : -1;
      m.lastGoodAt = result.at;
      m.recentMs.push(result.phases.total);
      if (m.recentMs.length > RECENT) m.recentMs.shift();
    } else {
      m.failStreak = m.failStreak > 0 ? m.failStreak + 1 : 1;
      if (result.failure) m.lastFailure = { at: result.at, failure: result.failure };
    }
    this.memory.set(result.checkId, m);
    this.rowCache.delete(result.checkId);
    this.rowsCache = null;
    // checkSeriesValues hands over a fresh object: the streak goes into it, not into a copy.
    const values = checkSeriesValues(result);
    values[checkSeriesKey('check.fail_streak', result.checkId)] = m.failStreak;
    return values;
  }

  /** Status rows, in the configured order (the same objects until something changes). */
  rows(): readonly CheckStatus[] {
    this.rowsCache ??= this.checks.map((c) => this.rowOf(c));
    return this.rowsCache;
  }

  /** The failure streak of one check (0 before its first run or for an unknown id). */
  failStreak(id: string): number {
    return this.memory.get(id)?.failStreak ?? 0;
  }

  /** The status row of one check, or undefined. */
  row(id: string): CheckStatus | undefined {
    const check = this.checks.find((c) => c.id === id);
    return check ? this.rowOf(check) : undefined;
  }

  private rowOf(c: Check): CheckStatus {
    const cached = this.rowCache.get(c.id);
    if (cached) return cached;
    const m = this.memory.get(c.id);
    const row: CheckStatus = {
      id: c.id,
      name: c.name,
      kind: c.kind,
      target: c.kind === 'http' ? (c.url ?? '') : (c.address ?? ''),
      enabled: c.enabled,
      last: m?.last ?? null,
      failStreak: m?.failStreak ?? 0,
      lastGoodAt: m?.lastGoodAt ?? null,
      lastFailure: m?.lastFailure ?? null,
      recentMs: m ? [...m.recentMs] : [],
    };
    this.rowCache.set(c.id, row);
    return row;
  }
}
