/**
 * A `promtool test rules` file generated from the same rules as main/core/prom-rules.ts: for every
 * enabled rule, series that hold a breach, spike once, hover between the clear and the warning
 * level, escalate and recover, with the expected alerts computed by Hostwatch's own RuleEngine on
 * the same samples. `promtool test rules` passing is the proof that both engines agree.
 *
 * The sample step equals the evaluation interval, so Prometheus evaluates exactly the samples the
 * RuleEngine sees. The scenarios have no gaps and no missing values: there the semantics differ on
 * purpose (README, "Prometheus and Hostwatch"). Expected alerts follow the mapping documented in
 * prom-rules.ts: a firing warning is the Warning alert; a firing critical is the Critical alert and
 * the Warning alert (which Alertmanager inhibits).
 */
import { seriesKey, type SeriesKey } from '../shared/metrics';
import type { Rule, Settings } from '../shared/settings';
import {
  exposedNumber,
  promAlertName,
  promAlertRule,
  promDuration,
  ruleLevels,
  ruleSeverities,
  type ExpositionMap,
  type PromExposition,
} from './prom-rules';
import { RuleEngine } from './rules';

/** One expected alert of a `promtool test rules` case. */
export interface PromTestAlert {
  readonly exp_labels: Readonly<Record<string, string>>;
  readonly exp_annotations: Readonly<Record<string, string>>;
}

/** One check: the firing alerts of one name at one evaluation time. */
export interface PromAlertTest {
  readonly eval_time: string;
  readonly alertname: string;
  readonly exp_alerts: readonly PromTestAlert[];
}

/** One test group: input series and the checks on them. */
export interface PromTestGroup {
  readonly name: string;
  readonly interval: string;
  readonly input_series: readonly { readonly series: string; readonly values: string }[];
  readonly alert_rule_test: readonly PromAlertTest[];
}

/** A `promtool test rules` file. */
export interface PromTestFile {
  readonly rule_files: readonly string[];
  readonly evaluation_interval: string;
  readonly tests: readonly PromTestGroup[];
}

/** Instance and job of the scraped agent in the generated series. */
export const TEST_INSTANCE = { instance: 'web01:9477', job: 'hostwatch' } as const;

/** A scenario: one value per step, in Hostwatch's unit. */
interface Scenario {
  readonly name: string;
  readonly values: readonly number[];
}

/** Targets for generated series, per target label; the first one not the rule's own is a decoy. */
const TARGETS: Readonly<Record<string, readonly string[]>> = {
  mountpoint: ['/', '/srv'],
  device: ['eth0', 'eth1'],
  core: ['0', '1'],
};

/**
 * Checks at every step up to this many steps; beyond, at every change of input or expectation and
 * its neighbours. That is enough: on a run of equal inputs a Prometheus alert only moves forward
 * (pending to firing), so a difference anywhere in a run shows at the run's last step.
 */
const CHECK_EVERY_STEP_UP_TO = 40;

/** Arbitrary fixed epoch of the first sample; only differences matter. */
const T0 = 1_700_000_000_000;

const STEPS = [60, 30, 20, 15, 10, 5, 2, 1] as const;

/** At most this many steps per `for`, so a day-long `for` beside a short one stays quick to test. */
const MAX_STEPS_PER_FOR = 500;

/**
 * The sample step and evaluation interval in seconds: about a fifth of the shortest non-zero `for`,
 * rounded down to a round number, but large enough that the longest `for` is at most 500 steps;
 * 1–60 s (within Prometheus' 5-minute lookback, which the hysteresis clause needs to see the
 * previous evaluation). Any such step proves the same thing; a finer one exercises timing more.
 */
export function scenarioStepSeconds(rules: readonly Rule[]): number {
  const fors = rules.filter((r) => r.enabled && r.forSeconds > 0).map((r) => r.forSeconds);
  if (fors.length === 0) return 15;
  const fine = STEPS.find((s) => s <= Math.min(...fors) / 5) ?? 1;
  const coarse = [...STEPS].reverse().find((s) => s >= Math.max(...fors) / MAX_STEPS_PER_FOR) ?? 60;
  return Math.max(fine, coarse);
}

function repeat(value: number, n: number): number[] {
  return Array.from({ length: n }, () => value);
}

/** The scenarios of one rule; `f` is its `for` in steps. */
function scenarios(rule: Rule, f: number): Scenario[] {
  const { lowest: lo, clear, deescalation } = ruleLevels(rule);
  const quiet = clear / 2;
  const hover = clear < lo ? (clear + lo) / 2 : quiet;
  const top = rule.critical ?? lo;
  const list: Scenario[] = [
    { name: 'breach', values: [...repeat(quiet, 2), ...repeat(lo, f + 2), ...repeat(quiet, 3)] },
    { name: 'spike', values: [...repeat(quiet, 2), top, ...repeat(quiet, f + 2)] },
    {
      name: 'hover',
      values: [
        quiet,
        ...repeat(hover, f + 1),
        ...repeat(lo, f + 1),
        ...repeat(hover, f + 2),
        lo,
        ...repeat(hover, 2),
        ...repeat(quiet, 2),
      ],
    },
    {
      name: 'recover',
      values: [quiet, ...repeat(lo, Math.max(1, f - 1)), quiet, ...repeat(lo, f + 1), quiet, quiet],
    },
  ];
  if (rule.warning !== null && rule.critical !== null) {
    const w = rule.warning;
    const c = rule.critical;
    const stayCritical = deescalation < c ? (deescalation + c) / 2 : c;
    const backToWarning = clear < deescalation ? (clear + deescalation) / 2 : quiet;
    list.push({
      name: 'escalate',
      values: [
        quiet,
        ...repeat(w, f + 1),
        c,
        w,
        ...repeat(c, f + 2),
        ...repeat(stayCritical, 2),
        ...repeat(backToWarning, 2),
        ...repeat(c, f + 1),
        quiet,
        quiet,
      ],
    });
  }
  return list;
}

/** Fills `{{ $labels.x }}` as Prometheus' template would for these labels. */
export function renderLabels(template: string, labels: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '');
}

function seriesText(exp: PromExposition, labels: Readonly<Record<string, string>>): string {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${exp.name}{${inner}}`;
}

/** The series of a rule's scenario: the rule's own and, for a specific target, a decoy. */
function seriesOf(
  rule: Rule,
  exp: PromExposition,
): { target?: string; labels: Record<string, string> }[] {
  const base = { ...TEST_INSTANCE, ...exp.labels };
  if (exp.label === undefined) return [{ labels: base }];
  const candidates = TARGETS[exp.label] ?? ['a', 'b'];
  const own = rule.target !== undefined && rule.target !== '*' ? rule.target : candidates[0]!;
  const list = [{ target: own, labels: { ...base, [exp.label]: own } }];
  if (own === rule.target) {
    const decoy = candidates.find((c) => c !== own) ?? `${own}-other`;
    list.push({ target: decoy, labels: { ...base, [exp.label]: decoy } });
  }
  return list;
}

/** Values in promtool's notation, runs shortened: `0.5 0.9 0.9 0.9` → `0.5 0.9x2`. */
export function expandingNotation(values: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[i]) j++;
    out.push(j > i ? `${values[i]}x${j - i}` : `${values[i]}`);
    i = j + 1;
  }
  return out.join(' ');
}

/** One test group: a rule's scenario run through the RuleEngine for the expected alerts. */
function testGroup(
  rule: Rule,
  scenario: Scenario,
  step: number,
  exp: PromExposition,
  settings: Settings,
): PromTestGroup {
  const series = seriesOf(rule, exp);
  const labelsByKey = new Map<SeriesKey, Record<string, string>>(
    series.map((s) => [seriesKey(rule.metric, s.target), s.labels]),
  );
  const severities = ruleSeverities(rule);
  const alerts = new Map(
    severities.map((sev) => [sev, promAlertRule(rule, sev, exp, settings.general.language)]),
  );
  // The engine sees exactly the samples Prometheus evaluates, one step apart, no gaps.
  const engine = new RuleEngine([rule], { gapMs: step * 2000 });
  const expected: Map<string, PromTestAlert[]>[] = [];
  scenario.values.forEach((v, i) => {
    const values: Record<SeriesKey, number> = {};
    for (const key of labelsByKey.keys()) values[key] = v;
    engine.evaluate({ mono: i * step * 1000, time: T0 + i * step * 1000, values });
    const byName = new Map<string, PromTestAlert[]>(
      severities.map((sev) => [promAlertName(rule.id, sev), []]),
    );
    for (const state of engine.states()) {
      if (state.state !== 'firing') continue;
      const seriesLabels = labelsByKey.get(state.series);
      if (!seriesLabels) throw new Error(`Unexpected series ${state.series}`);
      // A firing critical is also a firing warning in Prometheus (inhibited in Alertmanager).
      const firing = state.severity === 'critical' ? severities : (['warning'] as const);
      for (const sev of firing) {
        const alert = alerts.get(sev);
        if (!alert) continue;
        const labels = { ...seriesLabels, ...alert.labels };
        byName.get(alert.alert)?.push({
          exp_labels: labels,
          exp_annotations: {
            summary: renderLabels(alert.annotations.summary, labels),
            description: renderLabels(alert.annotations.description, labels),
          },
        });
      }
    }
    expected.push(byName);
  });

  const n = scenario.values.length;
  const checked = new Set<number>();
  const signature = (i: number): string =>
    `${scenario.values[i]}|${JSON.stringify([...(expected[i]?.values() ?? [])])}`;
  for (let i = 0; i < n; i++) {
    if (
      n <= CHECK_EVERY_STEP_UP_TO ||
      i === 0 ||
      i === n - 1 ||
      signature(i) !== signature(i - 1)
    ) {
      checked
        .add(Math.max(0, i - 1))
        .add(i)
        .add(Math.min(n - 1, i + 1));
    }
  }
  const tests: PromAlertTest[] = [];
  for (const i of [...checked].sort((a, b) => a - b)) {
    for (const [alertname, exp_alerts] of expected[i] ?? []) {
      tests.push({ eval_time: promDuration(i * step), alertname, exp_alerts });
    }
  }
  return {
    name: `${rule.id}: ${scenario.name}`,
    interval: promDuration(step),
    input_series: series.map((s) => ({
      series: seriesText(exp, s.labels),
      values: expandingNotation(scenario.values.map((v) => exposedNumber(v, exp))),
    })),
    alert_rule_test: tests,
  };
}

/**
 * The `promtool test rules` file for the enabled rules of the settings; `rulesFile` is the rules
 * file's name as the test file refers to it (relative to the test file).
 */
export function buildPromTests(
  settings: Settings,
  exposition: ExpositionMap,
  rulesFile: string,
): PromTestFile {
  const step = scenarioStepSeconds(settings.rules);
  const tests: PromTestGroup[] = [];
  for (const rule of settings.rules) {
    if (!rule.enabled) continue;
    const f = Math.ceil(rule.forSeconds / step);
    for (const scenario of scenarios(rule, f)) {
      tests.push(testGroup(rule, scenario, step, exposition[rule.metric], settings));
    }
  }
  return { rule_files: [rulesFile], evaluation_interval: promDuration(step), tests };
}
