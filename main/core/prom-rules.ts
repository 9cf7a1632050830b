/**
 * Hostwatch rules as Prometheus alerting rules: pure translation from settings to plain objects
 * (serialising to YAML is the adapter's job, main/adapters/prom-rules-file.ts).
 *
 * One alert per enabled rule and severity (`HostwatchCpuWarning`, `HostwatchCpuCritical`), on the
 * agent's own `/metrics` names in base units. Hysteresis has no native form in Prometheus
 * (prometheus/prometheus#6504 and #7246 rejected a resolve expression, #10536 is open), so each
 * alert uses the established idiom: it fires at or above its level, or stays firing while the value
 * is at or above the clear level and the same alert was already firing at the previous evaluation:
 *
 *   m >= warning or (m >= clear and on(instance, job, mountpoint) ALERTS{alertname="…", alertstate="firing"})
 *
 * Hostwatch holds one alert per series whose severity moves between warning and critical. In
 * Prometheus the two severities are two alerts: while the critical one fires, the warning one fires
 * too (its level is lower), and Alertmanager's inhibit rule (deploy/prometheus/alertmanager.yml)
 * holds the warning back. With that mapping the firing sets agree sample for sample: warning from
 * "warning held for" until below the clear level; critical from "critical held for" until below
 * the de-escalation level (main/core/rules.ts). main/core/prom-rules-scenarios.ts proves it with
 * `promtool test rules` against the real RuleEngine.
 */
import type { MetricName } from '../shared/metrics';
import type { Rule, Settings } from '../shared/settings';
import type { Severity } from '../shared/contract';
import { formatDuration } from './email-text';
import { formatValue, metricLabel, type Language } from './health';

/** How one catalogue metric appears on `/metrics` (the subset of the adapter's exposition used here). */
export interface PromExposition {
  readonly name: string;
  /** Label that carries the series target, for targeted metrics. */
  readonly label?: string;
  /** Constant labels, e.g. `sensor="cpu"`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Divisor from the catalogue unit to the exposed unit (100: percent → ratio). */
  readonly divisor?: number;
}

/** The exposition of every metric; the adapter passes `EXPOSITION` from main/adapters/http/prometheus.ts. */
export type ExpositionMap = Readonly<Record<MetricName, PromExposition>>;

/** One Prometheus alerting rule, as it is written to the rules file. */
export interface PromAlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string };
}

/** A rules file: `{ groups: [{ name, rules }] }`. */
export interface PromRulesFile {
  readonly groups: readonly { readonly name: string; readonly rules: readonly PromAlertRule[] }[];
}

/** Options of {@link buildPromRules}. */
export interface PromRulesOptions {
  /**
   * Whether to add the hysteresis clause (default true). Only tests turn it off, to show that
   * `promtool test rules` fails without it.
   */
  readonly hysteresis?: boolean;
}

/** Name of the rule group in the exported file. */
export const PROM_GROUP_NAME = 'hostwatch';

/** Labels that identify one scraped agent; the hysteresis join matches on them and the target. */
export const INSTANCE_LABELS = ['instance', 'job'] as const;

/** The levels of one rule in Hostwatch's unit, as main/core/rules.ts defines them. */
export interface RuleLevels {
  readonly warning: number | null;
  readonly critical: number | null;
  /** Lowest configured level. */
  readonly lowest: number;
  /** Firing resolves below this. */
  readonly clear: number;
  /** Firing critical falls back to warning below this. */
  readonly deescalation: number;
}

/** The levels of a rule, with the same definitions as the RuleEngine. */
export function ruleLevels(rule: Rule): RuleLevels {
  if (rule.direction === 'below') {
    // The mirror (rules.ts): "lowest" is the highest level, clear and de-escalation lie above.
    const highest = Math.max(rule.warning ?? -Infinity, rule.critical ?? -Infinity);
    const clear = rule.clear ?? highest;
    const critical = rule.critical ?? highest;
    const deescalation = Math.min(rule.warning ?? Infinity, critical + (clear - highest));
    return { warning: rule.warning, critical: rule.critical, lowest: highest, clear, deescalation };
  }
  const lowest = Math.min(rule.warning ?? Infinity, rule.critical ?? Infinity);
  const clear = rule.clear ?? lowest;
  const critical = rule.critical ?? lowest;
  const deescalation = Math.max(rule.warning ?? -Infinity, critical - (lowest - clear));
  return { warning: rule.warning, critical: rule.critical, lowest, clear, deescalation };
}

/** The alert name of a rule and severity: `cpu` → `HostwatchCpuWarning`, `disk-io` → `HostwatchDiskIoCritical`. */
export function promAlertName(ruleId: string, severity: Severity): string {
  const pascal = ruleId
    .split(/[._-]+/)
    .filter((p) => p !== '')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
  return `Hostwatch${pascal}${severity === 'warning' ? 'Warning' : 'Critical'}`;
}

/** A Prometheus duration for whole seconds: `5m`, `1h30m`, `45s`, `0s`. */
export function promDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

/** A value in Hostwatch's unit as a PromQL number in the exposed unit. */
export function exposedNumber(value: number, exp: PromExposition): string {
  return String(value / (exp.divisor ?? 1));
}

/** The series selector of a rule: metric name with constant labels and the rule's target. */
export function ruleSelector(rule: Rule, exp: PromExposition): string {
  const matchers = Object.entries(exp.labels ?? {}).map(([k, v]) => `${k}=${quote(v)}`);
  if (exp.label !== undefined && rule.target !== undefined && rule.target !== '*') {
    matchers.push(`${exp.label}=${quote(rule.target)}`);
  }
  return matchers.length ? `${exp.name}{${matchers.join(', ')}}` : exp.name;
}

/** Labels the hysteresis join matches on: the instance and the series' own labels. */
export function joinLabels(exp: PromExposition): string[] {
  return [
    ...INSTANCE_LABELS,
    ...Object.keys(exp.labels ?? {}),
    ...(exp.label === undefined ? [] : [exp.label]),
  ];
}

/** A PromQL / Go string literal. */
function quote(s: string): string {
  return JSON.stringify(s);
}

const TEXT = {
  en: {
    summary: (what: string, level: string) =>
      `{{ $labels.instance }}: ${what} at or above ${level}`,
    forPart: (d: string) => ` for ${d}`,
    description: (what: string, level: string, lasted: string, until: string) =>
      `${what} on {{ $labels.instance }} has been at or above ${level}${lasted}. ${until}`,
    clears: (level: string) => `It clears below ${level}.`,
    fallsBack: (level: string) => `It returns to warning below ${level}.`,
  },
  ko: {
    summary: (what: string, level: string) => `{{ $labels.instance }}: ${what} ${level} 이상`,
    forPart: (d: string) => ` ${d} 동안`,
    description: (what: string, level: string, lasted: string, until: string) =>
      `{{ $labels.instance }}의 ${what} 값이${lasted} ${level} 이상입니다. ${until}`,
    clears: (level: string) => `${level} 미만이 되면 해제됩니다.`,
    fallsBack: (level: string) => `${level} 미만이 되면 경고로 내려갑니다.`,
  },
} as const satisfies Record<Language, unknown>;

/** Summary and description templates in the settings' language (labels filled by Prometheus). */
function annotations(
  rule: Rule,
  severity: Severity,
  exp: PromExposition,
  language: Language,
): PromAlertRule['annotations'] {
  const t = TEXT[language];
  const levels = ruleLevels(rule);
  const what =
    exp.label === undefined
      ? metricLabel(rule.metric, language)
      : `${metricLabel(rule.metric, language)} {{ $labels.${exp.label} }}`;
  const level = formatValue(rule.metric, rule[severity] ?? levels.lowest, language);
  const lasted =
    rule.forSeconds > 0 ? t.forPart(formatDuration(rule.forSeconds * 1000, language)) : '';
  const until =
    severity === 'critical' && rule.warning !== null
      ? t.fallsBack(formatValue(rule.metric, levels.deescalation, language))
      : t.clears(formatValue(rule.metric, levels.clear, language));
  return {
    summary: t.summary(what, level),
    description: t.description(what, level, lasted, until),
  };
}

/** The Prometheus alerting rule of one Hostwatch rule and severity. */
export function promAlertRule(
  rule: Rule,
  severity: Severity,
  exp: PromExposition,
  language: Language,
  options: PromRulesOptions = {},
): PromAlertRule {
  const levels = ruleLevels(rule);
  const level = rule[severity];
  if (level === null) throw new Error(`Rule ${rule.id} has no ${severity} level`);
  const alert = promAlertName(rule.id, severity);
  const m = ruleSelector(rule, exp);
  // Warning stays firing down to the clear level; critical down to the de-escalation level.
  const hold = severity === 'warning' ? levels.clear : levels.deescalation;
  // A `below` rule (certificate days left) alerts at or below its levels.
  const op = rule.direction === 'below' ? '<=' : '>=';
  const fire = `${m} ${op} ${exposedNumber(level, exp)}`;
  const firing = `ALERTS{alertname=${quote(alert)}, alertstate="firing", rule=${quote(rule.id)}}`;
  const stay = `(${m} ${op} ${exposedNumber(hold, exp)} and on(${joinLabels(exp).join(', ')}) ${firing})`;
  return {
    alert,
    expr: options.hysteresis === false ? fire : `${fire} or ${stay}`,
    for: promDuration(rule.forSeconds),
    labels: { severity, rule: rule.id },
    annotations: annotations(rule, severity, exp, language),
  };
}

/** The severities a rule alerts on, lowest first. */
export function ruleSeverities(rule: Rule): Severity[] {
  return (['warning', 'critical'] as const).filter((s) => rule[s] !== null);
}

/** Every enabled rule of the settings as Prometheus alerting rules; disabled rules are left out. */
export function buildPromRules(
  settings: Settings,
  exposition: ExpositionMap,
  options: PromRulesOptions = {},
): PromRulesFile {
  const rules: PromAlertRule[] = [];
  for (const rule of settings.rules) {
    if (!rule.enabled) continue;
    for (const severity of ruleSeverities(rule)) {
      rules.push(
        promAlertRule(rule, severity, exposition[rule.metric], settings.general.language, options),
      );
    }
  }
  return { groups: [{ name: PROM_GROUP_NAME, rules }] };
}
