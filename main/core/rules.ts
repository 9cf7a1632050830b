/**
 * The alert-rule state machine: pure, on the monotonic clock, one instance per rule × series.
 *
 * ```
 *                  value ≥ lowest level
 *    ┌────┐ ──────────────────────────────────► ┌─────────┐
 *    │ ok │ ◄────────────────────────────────── │ pending │
 *    └────┘   below every level, sampling gap,  └─────────┘
 *      ▲      thresholds changed (all silent)     │     │
 *      │                  warning held forSeconds │     │ critical held forSeconds
 *      │                                 "firing" ▼     ▼ "firing"
 *      │       ┌──────────────────┐  critical held forSeconds: "escalated"  ┌───────────────────┐
 *      │       │ firing (warning) │ ──────────────────────────────────────► │ firing (critical) │
 *      │       │                  │ ◄────────────────────────────────────── │                   │
 *      │       └──────────────────┘  below de-escalation level: "deescalated" └───────────────────┘
 *      │                │                                                          │
 *      └────────────────┴──────────────────────────────────────────────────────────┘
 *        "resolved": value < clear level; rule disabled/removed/retargeted; series gone (opt-in)
 * ```
 *
 * Definitions (thresholds are "at or above"; a `below` rule mirrors every comparison: "at or
 * below", clear when v > clear level, clear defaulting to the highest threshold, the
 * de-escalation level above critical — so "lowest" reads "highest" and "<" reads ">" for it):
 * - level(v) = critical if v ≥ critical, warning if v ≥ warning, else none.
 * - clear level = `clear`, or the lowest configured threshold when `clear` is null. Firing
 *   resolves only when v < clear level; between the clear level and the thresholds it stays.
 * - de-escalation level = max(warning, critical − (lowest threshold − clear level)): critical
 *   has the same hysteresis band as the rule, never below warning. Firing critical becomes
 *   warning as soon as v falls below it (like resolving, de-escalating is immediate);
 *   escalating needs critical held for forSeconds (forSeconds 0: the first critical sample).
 * - Undefined values (series absent or non-finite) never cause a transition: a pending
 *   instance keeps its timer's start but only a defined breaching sample can fire it (so a
 *   slow-cadence collector that reports every 30 s still fires), and a firing one stays firing
 *   with value null. Opt-in exception: {@link RuleEngineOptions.forgetAbsentAfterMs}.
 * - A gap (monotonic step > gapMs, a wall-clock step differing from the monotonic step by more
 *   than gapMs, or {@link RuleEngine.suspend}) drops pending instances and restarts escalation
 *   timers, so a sample before and after a sleep never count as a sustained breach.
 * - Rules changed with {@link RuleEngine.setRules}: unchanged instances keep their state; a
 *   changed threshold restarts pending (dropped) while firing stays firing until it clears under
 *   the new clear level. A disabled, removed or re-targeted rule drops its instances and each
 *   firing one resolves, so a FIRING is never left without its RESOLVED. Such resolutions (and
 *   those of restored alerts whose rule is gone) come out of the next {@link RuleEngine.evaluate}.
 */
import { z } from 'zod';
import { instanceKey, type AlertInstance } from '../shared/alert-instance';
import type { AlertState, Severity } from '../shared/contract';
import {
  METRICS,
  parseSeriesKey,
  seriesKey,
  type MetricName,
  type SeriesKey,
} from '../shared/metrics';
import type { Rule } from '../shared/settings';
import type { Transition } from './ports';
import { compareText } from '../shared/compare-text';

/** One evaluation input: a snapshot or anything shaped like one. */
export interface RuleSample {
  /** Monotonic ms. */
  readonly mono: number;
  /** Wall-clock ms. */
  readonly time: number;
  readonly values: Readonly<Record<SeriesKey, number>>;
}

/** Options of the rule engine. */
export interface RuleEngineOptions {
  /** A longer step between samples is a gap that restarts pending timers. */
  readonly gapMs: number;
  /**
   * Opt-in: a targeted series absent this long while other series of its metric are present
   * (an unmounted disk, a removed interface) is gone: pending drops, firing resolves with value
   * null. Unset (the default): absence never causes a transition and firing stays firing.
   */
  readonly forgetAbsentAfterMs?: number;
}

/** A live instance; `target` always present (undefined when the metric has none). */
interface Instance extends Omit<AlertInstance, 'target'> {
  readonly target: string | undefined;
  status: 'pending' | 'firing';
  /** Pending: level breached now; firing: level alerted. */
  severity: Severity;
  /** Wall ms the breach began. */
  since: number;
  /** Monotonic ms since the value is continuously ≥ the lowest level (pending only). */
  breachMono: number;
  /** Monotonic ms since the value is continuously ≥ critical, or null. */
  critMono: number | null;
  value: number | null;
  /** Monotonic ms since absent while other series of the metric were present, or null. */
  absentMono: number | null;
}

type Pending = Omit<Transition, 'at'>;

/** Series present in a sample, by metric (targets parsed once per distinct key set). */
type SeriesByMetric = Map<MetricName, { key: SeriesKey; target: string | undefined }[]>;

/** Warning and critical levels by series, for charts. */
type Thresholds = Record<SeriesKey, { warning: number | null; critical: number | null }>;

const savedInstance = z.object({
  ruleId: z.string().min(1).max(64),
  series: z.string().min(1).max(600),
  severity: z.enum(['warning', 'critical']),
  since: z.number().finite(),
  value: z.number().finite().nullable(),
  clear: z.number().finite(),
});
const savedState = z.object({ version: z.literal(1), firing: z.array(z.unknown()).max(10_000) });

/** Parsed series keys remembered by a rule engine (see parsedKey). */
const PARSED_KEYS_MAX = 8_192;

/** Evaluates rules against samples and reports transitions; see the state diagram above. */
export class RuleEngine {
  private rules = new Map<string, Rule>();
  private readonly instances = new Map<string, Instance>();
  private queued: Pending[] = [];
  private gapMs: number;
  private readonly forgetAbsentAfterMs: number | undefined;
  private lastMono: number | null = null;
  private lastTime: number | null = null;
  private suspended = false;
  /** Keys of the latest sample and the same keys by metric; samples mostly repeat the key set. */
  private seenKeys: readonly SeriesKey[] = [];
  private seen: SeriesByMetric = new Map();
  /** Derived from the instances, the rules and the seen keys; dropped when one of them changes. */
  private statesCache: readonly AlertState[] | null = null;
  private thresholdsCache: Thresholds | null = null;
  private readonly singleKeys = new WeakMap<Rule, SeriesKey | undefined>();
  private readonly parsedKeys = new Map<SeriesKey, ReturnType<typeof parseSeriesKey>>();

  constructor(rules: readonly Rule[], options: RuleEngineOptions) {
    this.gapMs = options.gapMs;
    this.forgetAbsentAfterMs = options.forgetAbsentAfterMs;
    this.rules = new Map(rules.map((r) => [r.id, r]));
  }

  /** The rule's one series key (see {@link singleKey}), computed once per rule object. */
  private singleKeyOf(rule: Rule): SeriesKey | undefined {
    if (this.singleKeys.has(rule)) return this.singleKeys.get(rule);
    const key = singleKey(rule);
    this.singleKeys.set(rule, key);
    return key;
  }

  /** Changes the gap length (the sampling interval changed). */
  setGapMs(gapMs: number): void {
    this.gapMs = gapMs;
  }

  /** Replaces the rules, keeping the state of instances whose rule is unchanged. */
  setRules(rules: readonly Rule[]): void {
    const next = new Map(rules.map((r) => [r.id, r]));
    for (const [id, inst] of this.instances) {
      const before = this.rules.get(inst.ruleId);
      const after = next.get(inst.ruleId);
      if (!after || !after.enabled || !matches(after, inst.metric, inst.target)) {
        this.instances.delete(id);
        if (inst.status === 'firing') {
          this.queued.push(resolution(inst, inst.value, clearLevel(before ?? after)));
        }
      } else if (!before || !sameThresholds(before, after)) {
        if (inst.status === 'pending') this.instances.delete(id);
        else inst.critMono = null;
      }
    }
    this.rules = next;
    this.statesCache = null;
    this.thresholdsCache = null;
  }

  /** Marks a gap (system sleep, paused sampling): the next sample restarts pending timers. */
  suspend(): void {
    this.suspended = true;
  }

  /** Evaluates one sample; returns the transitions it causes, in rule order. */
  evaluate(sample: RuleSample): Transition[] {
    const out: Transition[] = this.queued.map((p) => ({ ...p, at: sample.time }));
    this.queued = [];
    if (this.isGap(sample)) {
      for (const [id, inst] of this.instances) {
        if (inst.status === 'pending') this.instances.delete(id);
        else inst.critMono = null;
      }
    }
    this.suspended = false;
    this.lastMono = sample.mono;
    this.lastTime = sample.time;
    this.statesCache = null;

    const byMetric = this.seriesOf(sample);
    const byRule = new Map<string, Instance[]>();
    for (const inst of this.instances.values()) {
      const list = byRule.get(inst.ruleId) ?? [];
      list.push(inst);
      byRule.set(inst.ruleId, list);
    }

    for (const rule of this.rules.values()) {
      if (!rule.enabled) continue;
      // A rule for one target (every check rule) matches one key at most: looked up, not
      // searched among every series of its metric, which made n check rules cost n² a tick.
      // Without its key in the sample and without instances it has nothing to do.
      const one = this.singleKeyOf(rule);
      if (one !== undefined && !(one in sample.values) && !byRule.has(rule.id)) continue;
      const present = byMetric.get(rule.metric) ?? [];
      const done = new Set<SeriesKey>();
      const candidates =
        one === undefined
          ? present
          : one in sample.values
            ? [{ key: one, target: rule.target }]
            : [];
      for (const s of candidates) {
        if (!matches(rule, rule.metric, s.target)) continue;
        const value = sample.values[s.key];
        if (value === undefined || !Number.isFinite(value)) continue;
        done.add(s.key);
        this.step(rule, s.key, s.target, value, sample, out);
      }
      const siblings = METRICS[rule.metric].targeted && present.length > 0;
      for (const inst of byRule.get(rule.id) ?? []) {
        if (!done.has(inst.series)) this.absent(inst, siblings, sample, out);
      }
    }
    return out;
  }

  /** Pending and firing instances, worst first (`snoozed` is false; the engine fills it). */
  states(): readonly AlertState[] {
    this.statesCache ??= this.buildStates();
    return this.statesCache;
  }

  /** Warning and critical levels by series (the lowest when several rules apply), for charts. */
  thresholds(): Readonly<Thresholds> {
    this.thresholdsCache ??= this.buildThresholds();
    return this.thresholdsCache;
  }

  private buildStates(): AlertState[] {
    const list: AlertState[] = [];
    for (const inst of this.instances.values()) {
      const rule = this.rules.get(inst.ruleId);
      if (!rule) continue;
      list.push({
        ruleId: inst.ruleId,
        series: inst.series,
        metric: inst.metric,
        ...(inst.target === undefined ? {} : { target: inst.target }),
        state: inst.status,
        severity: inst.severity,
        value: inst.value,
        threshold: thresholdOf(rule, inst.severity),
        since: inst.since,
        snoozed: false,
      });
    }
    return list.sort(compareAlerts);
  }

  private buildThresholds(): Thresholds {
    const out: Thresholds = {};
    const add = (key: SeriesKey, rule: Rule): void => {
      const prev = out[key];
      out[key] = {
        warning: minNullable(prev?.warning ?? null, rule.warning),
        critical: minNullable(prev?.critical ?? null, rule.critical),
      };
    };
    for (const rule of this.rules.values()) {
      if (!rule.enabled) continue;
      const keys = new Set<SeriesKey>();
      if (!METRICS[rule.metric].targeted) keys.add(rule.metric);
      else if (rule.target !== undefined && rule.target !== '*')
        keys.add(seriesKey(rule.metric, rule.target));
      // The seen series add nothing to a rule for one target: its key is already in.
      if (this.singleKeyOf(rule) === undefined) {
        for (const s of this.seen.get(rule.metric) ?? []) {
          if (matches(rule, rule.metric, s.target)) keys.add(s.key);
        }
      }
      for (const key of keys) add(key, rule);
    }
    return out;
  }

  /** The firing alerts as plain data, for {@link RuleEngine.restore} after a restart. */
  serialize(): unknown {
    const firing = [...this.instances.values()]
      .filter((i) => i.status === 'firing')
      .map((i) => {
        const rule = this.rules.get(i.ruleId);
        return {
          ruleId: i.ruleId,
          series: i.series,
          severity: i.severity,
          since: i.since,
          value: i.value,
          clear: rule ? clearLevel(rule) : 0,
        };
      });
    return { version: 1, firing };
  }

  /**
   * Restores firing alerts saved by {@link RuleEngine.serialize}; invalid entries are ignored.
   * Alerts whose rule is gone or disabled resolve at the next evaluation. Returns how many
   * firing alerts were restored.
   */
  restore(data: unknown): number {
    const parsed = savedState.safeParse(data);
    if (!parsed.success) return 0;
    let restored = 0;
    for (const raw of parsed.data.firing) {
      const item = savedInstance.safeParse(raw);
      if (!item.success) continue;
      const s = item.data;
      const key = parseSeriesKey(s.series);
      if (!key) continue;
      const id = instanceKey(s);
      if (this.instances.get(id)?.status === 'firing') continue;
      const inst: Instance = {
        ruleId: s.ruleId,
        series: s.series,
        metric: key.metric,
        target: key.target,
        status: 'firing',
        severity: s.severity,
        since: s.since,
        breachMono: 0,
        critMono: null,
        value: s.value,
        absentMono: null,
      };
      const rule = this.rules.get(s.ruleId);
      if (!rule || !rule.enabled || !matches(rule, key.metric, key.target)) {
        this.queued.push(resolution(inst, s.value, s.clear));
        continue;
      }
      this.instances.set(id, inst);
      restored++;
    }
    this.statesCache = null;
    return restored;
  }

  /** The sample's series by metric, parsed again only when its key set differs from the last. */
  private seriesOf(sample: RuleSample): SeriesByMetric {
    const keys = Object.keys(sample.values);
    if (sameKeys(keys, this.seenKeys)) return this.seen;
    const byMetric: SeriesByMetric = new Map();
    for (const key of keys) {
      const parsed = this.parsedKey(key);
      if (!parsed) continue;
      const list = byMetric.get(parsed.metric) ?? [];
      list.push({ key, target: parsed.target });
      byMetric.set(parsed.metric, list);
    }
    // The thresholds read the seen series only for rules without one target; check series
    // come and go nearly every tick, and their rules (one per check) do not depend on them.
    if (this.thresholdsCache !== null) {
      for (const rule of this.rules.values()) {
        if (!rule.enabled || this.singleKeyOf(rule) !== undefined) continue;
        if (!sameSeries(this.seen.get(rule.metric), byMetric.get(rule.metric))) {
          this.thresholdsCache = null;
          break;
        }
      }
    }
    this.seenKeys = keys;
    this.seen = byMetric;
    return byMetric;
  }

  /**
   * {@link parseSeriesKey}, remembered: with endpoint checks the key set changes nearly every
   * tick (a run's series join one tick only), and every key of the sample was parsed again.
   */
  private parsedKey(key: SeriesKey): ReturnType<typeof parseSeriesKey> {
    let parsed = this.parsedKeys.get(key);
    if (parsed === undefined && !this.parsedKeys.has(key)) {
      parsed = parseSeriesKey(key);
      // Bounded: series come and go (processes, disks); start over rather than grow.
      if (this.parsedKeys.size >= PARSED_KEYS_MAX) this.parsedKeys.clear();
      this.parsedKeys.set(key, parsed);
    }
    return parsed;
  }

  private isGap(sample: RuleSample): boolean {
    if (this.suspended) return true;
    if (this.lastMono === null || this.lastTime === null) return false;
    const mono = sample.mono - this.lastMono;
    const wall = sample.time - this.lastTime;
    return mono > this.gapMs || mono < 0 || Math.abs(wall - mono) > this.gapMs;
  }

  private step(
    rule: Rule,
    series: SeriesKey,
    target: string | undefined,
    value: number,
    sample: RuleSample,
    out: Transition[],
  ): void {
    const id = instanceKey({ ruleId: rule.id, series });
    const forMs = rule.forSeconds * 1000;
    const level = levelOf(rule, value);
    let inst = this.instances.get(id);
    if (inst) {
      inst.value = value;
      inst.absentMono = null;
    }

    if (!inst || inst.status === 'pending') {
      if (level === null) {
        this.instances.delete(id); // below every threshold while pending: back to ok, silently
        return;
      }
      if (!inst) {
        inst = {
          ruleId: rule.id,
          series,
          metric: rule.metric,
          target,
          status: 'pending',
          severity: level,
          since: sample.time,
          breachMono: sample.mono,
          critMono: null,
          value,
          absentMono: null,
        };
        this.instances.set(id, inst);
      }
      if (level === 'critical') inst.critMono ??= sample.mono;
      else inst.critMono = null;
      inst.severity = level;
      const fire: Severity | null =
        inst.critMono !== null && sample.mono - inst.critMono >= forMs
          ? 'critical'
          : rule.warning !== null && sample.mono - inst.breachMono >= forMs
            ? 'warning'
            : null;
      if (fire) {
        inst.status = 'firing';
        inst.severity = fire;
        out.push(
          transition(inst, 'firing', fire, null, value, thresholdOf(rule, fire), sample.time),
        );
      }
      return;
    }

    if (inside(rule, value, clearLevel(rule))) {
      this.instances.delete(id);
      out.push({ ...resolution(inst, value, clearLevel(rule)), at: sample.time });
      return;
    }
    if (inst.severity === 'critical') {
      const below =
        rule.critical === null ||
        (rule.warning !== null && inside(rule, value, deescalationLevel(rule)));
      if (below && rule.warning !== null) {
        inst.severity = 'warning';
        inst.critMono = null;
        out.push(
          transition(inst, 'deescalated', 'warning', 'critical', value, rule.warning, sample.time),
        );
      }
      return;
    }
    if (level !== 'critical') {
      inst.critMono = null;
      return;
    }
    inst.critMono ??= sample.mono;
    if (sample.mono - inst.critMono >= forMs) {
      inst.severity = 'critical';
      out.push(
        transition(
          inst,
          'escalated',
          'critical',
          'warning',
          value,
          thresholdOf(rule, 'critical'),
          sample.time,
        ),
      );
    }
  }

  private absent(inst: Instance, siblings: boolean, sample: RuleSample, out: Transition[]): void {
    inst.value = null;
    if (this.forgetAbsentAfterMs === undefined) return;
    if (!siblings) {
      inst.absentMono = null; // the whole family is stale: nothing says the series is gone
      return;
    }
    inst.absentMono ??= sample.mono;
    if (sample.mono - inst.absentMono < this.forgetAbsentAfterMs) return;
    this.instances.delete(instanceKey(inst));
    if (inst.status === 'firing') {
      out.push({
        ...resolution(inst, null, clearLevel(this.rules.get(inst.ruleId))),
        at: sample.time,
      });
    }
  }
}

/** The only series key a rule can match (a targeted metric, one target), or undefined. */
function singleKey(rule: Rule): SeriesKey | undefined {
  if (!METRICS[rule.metric].targeted || rule.target === undefined || rule.target === '*') {
    return undefined;
  }
  return seriesKey(rule.metric, rule.target);
}

function matches(rule: Rule, metric: MetricName, target: string | undefined): boolean {
  if (rule.metric !== metric) return false;
  if (!METRICS[metric].targeted) return target === undefined;
  return rule.target === undefined || rule.target === '*' || rule.target === target;
}

function sameSeries(
  a: readonly { key: SeriesKey }[] | undefined,
  b: readonly { key: SeriesKey }[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((s, i) => s.key === b[i]!.key);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function sameThresholds(a: Rule, b: Rule): boolean {
  return (
    a.metric === b.metric &&
    a.warning === b.warning &&
    a.critical === b.critical &&
    a.clear === b.clear &&
    a.forSeconds === b.forSeconds &&
    isBelow(a) === isBelow(b)
  );
}

function isBelow(rule: Rule): boolean {
  return rule.direction === 'below';
}

/** Whether `value` is strictly on the healthy side of `level` (below it; above it for `below`). */
function inside(rule: Rule, value: number, level: number): boolean {
  return isBelow(rule) ? value > level : value < level;
}

/** The threshold breached first: the lowest one (the highest for a `below` rule). */
function lowestLevel(rule: Rule): number {
  return isBelow(rule)
    ? Math.max(rule.warning ?? -Infinity, rule.critical ?? -Infinity)
    : Math.min(rule.warning ?? Infinity, rule.critical ?? Infinity);
}

function clearLevel(rule: Rule | undefined): number {
  if (!rule) return 0;
  return rule.clear ?? lowestLevel(rule);
}

function deescalationLevel(rule: Rule): number {
  const critical = rule.critical ?? lowestLevel(rule);
  const band = lowestLevel(rule) - clearLevel(rule);
  return isBelow(rule)
    ? Math.min(rule.warning ?? Infinity, critical - band)
    : Math.max(rule.warning ?? -Infinity, critical - band);
}

function levelOf(rule: Rule, value: number): Severity | null {
  if (rule.critical !== null && !inside(rule, value, rule.critical)) return 'critical';
  if (rule.warning !== null && !inside(rule, value, rule.warning)) return 'warning';
  return null;
}

function thresholdOf(rule: Rule, severity: Severity): number {
  return rule[severity] ?? lowestLevel(rule);
}

function minNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function transition(
  inst: Instance,
  kind: Transition['kind'],
  severity: Severity,
  previous: Severity | null,
  value: number | null,
  threshold: number,
  at: number,
): Transition {
  return {
    kind,
    ruleId: inst.ruleId,
    series: inst.series,
    metric: inst.metric,
    ...(inst.target === undefined ? {} : { target: inst.target }),
    severity,
    previous,
    value,
    threshold,
    since: inst.since,
    at,
  };
}

function resolution(inst: Instance, value: number | null, clear: number): Pending {
  const { at: _at, ...rest } = transition(
    inst,
    'resolved',
    inst.severity,
    inst.severity,
    value,
    clear,
    0,
  );
  return rest;
}

const RANK = { firing: { critical: 0, warning: 1 }, pending: { critical: 2, warning: 3 } } as const;

function compareAlerts(a: AlertState, b: AlertState): number {
  return (
    RANK[a.state][a.severity] - RANK[b.state][b.severity] ||
    a.since - b.since ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.series, b.series)
  );
}
