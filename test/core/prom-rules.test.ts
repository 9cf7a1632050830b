/**
 * The pure Prometheus translation: names, expressions on the /metrics names in base units, the
 * hysteresis clause, disabled rules left out, annotations in the settings' language, and the
 * generated scenarios' expectations taken from the RuleEngine.
 */
import { describe, expect, it } from 'vitest';
import { EXPOSITION } from '../../main/adapters/http/prometheus';
import {
  buildPromRules,
  promAlertName,
  promDuration,
  ruleLevels,
} from '../../main/core/prom-rules';
import {
  buildPromTests,
  expandingNotation,
  renderLabels,
  scenarioStepSeconds,
} from '../../main/core/prom-rules-scenarios';
import { DEFAULT_SETTINGS, type Rule, type Settings } from '../../main/shared/settings';

function withRules(rules: Rule[], language: 'en' | 'ko' = 'en'): Settings {
  return { ...DEFAULT_SETTINGS, general: { ...DEFAULT_SETTINGS.general, language }, rules };
}

const cpu: Rule = {
  id: 'cpu',
  metric: 'cpu.total',
  enabled: true,
  warning: 85,
  critical: 95,
  clear: 75,
  forSeconds: 300,
  repeatMinutes: 60,
};

describe('buildPromRules', () => {
  it('makes one alert per enabled rule and severity, leaving disabled rules out', () => {
    const file = buildPromRules(DEFAULT_SETTINGS, EXPOSITION);
    const names = file.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(names).toContain('HostwatchCpuWarning');
    expect(names).toContain('HostwatchCpuCritical');
    expect(names).toContain('HostwatchTemperatureCritical');
    // disk-io and network are disabled by default.
    expect(names.some((n) => n.startsWith('HostwatchDiskIo'))).toBe(false);
    expect(names.some((n) => n.startsWith('HostwatchNetwork'))).toBe(false);
    const enabled = DEFAULT_SETTINGS.rules.filter((r) => r.enabled).length;
    expect(names).toHaveLength(enabled * 2);
  });

  it('uses the exposed metric names and base units, with the hysteresis clause', () => {
    const [warning, critical] = buildPromRules(withRules([cpu]), EXPOSITION).groups[0]!.rules;
    expect(warning).toEqual({
      alert: 'HostwatchCpuWarning',
      expr:
        'hostwatch_cpu_usage_ratio >= 0.85 or (hostwatch_cpu_usage_ratio >= 0.75 and on(instance, job) ' +
        'ALERTS{alertname="HostwatchCpuWarning", alertstate="firing", rule="cpu"})',
      for: '5m',
      labels: { severity: 'warning', rule: 'cpu' },
      annotations: {
        summary: '{{ $labels.instance }}: CPU at or above 85%',
        description:
          'CPU on {{ $labels.instance }} has been at or above 85% for 5 min. It clears below 75%.',
      },
    });
    // Critical holds down to the de-escalation level: max(85, 95 - (85 - 75)) = 85.
    expect(critical!.expr).toBe(
      'hostwatch_cpu_usage_ratio >= 0.95 or (hostwatch_cpu_usage_ratio >= 0.85 and on(instance, job) ' +
        'ALERTS{alertname="HostwatchCpuCritical", alertstate="firing", rule="cpu"})',
    );
  });

  it('selects a specific target and joins on its label; "*" selects every one', () => {
    const disk: Rule = { ...cpu, id: 'disk-data', metric: 'disk.used_pct', target: '/data' };
    const all: Rule = { ...cpu, id: 'disk', metric: 'disk.used_pct', target: '*' };
    const temp: Rule = { ...cpu, id: 'temp', metric: 'temp.cpu', warning: 80, critical: null };
    const rules = buildPromRules(withRules([disk, all, temp]), EXPOSITION).groups[0]!.rules;
    expect(rules[0]!.alert).toBe('HostwatchDiskDataWarning');
    expect(rules[0]!.expr).toContain('hostwatch_filesystem_used_ratio{mountpoint="/data"} >= 0.85');
    expect(rules[0]!.expr).toContain('on(instance, job, mountpoint)');
    expect(rules[2]!.expr).toMatch(/^hostwatch_filesystem_used_ratio >= 0\.85 or/);
    // Temperature: constant sensor label, celsius unchanged, one alert for the one level.
    expect(rules[4]!.expr).toContain('hostwatch_temperature_celsius{sensor="cpu"} >= 80');
    expect(rules[4]!.expr).toContain('on(instance, job, sensor)');
    expect(rules).toHaveLength(5);
  });

  it('writes annotations in Korean when the settings say so', () => {
    const [warning] = buildPromRules(withRules([cpu], 'ko'), EXPOSITION).groups[0]!.rules;
    expect(warning!.annotations.summary).toBe('{{ $labels.instance }}: CPU 85% 이상');
    expect(warning!.annotations.description).toBe(
      '{{ $labels.instance }}의 CPU 값이 5분 동안 85% 이상입니다. 75% 미만이 되면 해제됩니다.',
    );
  });

  it('drops only the "or" clause when hysteresis is off (for the mutation test)', () => {
    const [warning] = buildPromRules(withRules([cpu]), EXPOSITION, { hysteresis: false }).groups[0]!
      .rules;
    expect(warning!.expr).toBe('hostwatch_cpu_usage_ratio >= 0.85');
  });
});

describe('helpers', () => {
  it('names alerts in PascalCase and formats durations', () => {
    expect(promAlertName('disk-io', 'critical')).toBe('HostwatchDiskIoCritical');
    expect(promAlertName('a.b_c', 'warning')).toBe('HostwatchABCWarning');
    expect([0, 45, 300, 5400, 3661].map(promDuration)).toEqual([
      '0s',
      '45s',
      '5m',
      '1h30m',
      '1h1m1s',
    ]);
    expect(expandingNotation(['1', '2', '2', '2', '3'])).toBe('1 2x2 3');
    expect(
      renderLabels('{{ $labels.instance }} {{ $labels.mountpoint }}', {
        instance: 'a',
        mountpoint: '/',
      }),
    ).toBe('a /');
  });

  it('computes the levels as the rule engine defines them', () => {
    expect(ruleLevels(cpu)).toEqual({
      warning: 85,
      critical: 95,
      lowest: 85,
      clear: 75,
      deescalation: 85,
    });
    expect(ruleLevels({ ...cpu, warning: null, clear: null }).clear).toBe(95);
    expect(ruleLevels({ ...cpu, warning: 50, critical: 90, clear: 40 }).deescalation).toBe(80);
  });

  it('steps at about a fifth of the shortest "for", a round number of seconds', () => {
    expect(scenarioStepSeconds(DEFAULT_SETTINGS.rules)).toBe(10); // disk: 60 s
    expect(scenarioStepSeconds([{ ...cpu, forSeconds: 3 }])).toBe(1);
    expect(scenarioStepSeconds([{ ...cpu, forSeconds: 0 }])).toBe(15);
    expect(scenarioStepSeconds([{ ...cpu, forSeconds: 3600 }])).toBe(60);
    // A day-long "for" beside a 1 s one: at most 500 steps for the long one, capped at 60 s.
    expect(
      scenarioStepSeconds([
        { ...cpu, forSeconds: 1 },
        { ...cpu, forSeconds: 86_400 },
      ]),
    ).toBe(60);
    expect(
      scenarioStepSeconds([
        { ...cpu, forSeconds: 1 },
        { ...cpu, forSeconds: 5_000 },
      ]),
    ).toBe(10);
  });
});

describe('buildPromTests', () => {
  it('expects the warning when the engine fires it: "for" after the breach began', () => {
    const file = buildPromTests(withRules([cpu]), EXPOSITION, 'r.yml');
    expect(file.rule_files).toEqual(['r.yml']);
    expect(file.evaluation_interval).toBe('1m');
    const breach = file.tests.find((t) => t.name === 'cpu: breach')!;
    expect(breach.interval).toBe('1m');
    // Quiet for 2 steps, then 85% from t = 2m: firing at 2m + 5m.
    const firstFiring = breach.alert_rule_test.find(
      (t) => t.alertname === 'HostwatchCpuWarning' && t.exp_alerts.length > 0,
    );
    expect(firstFiring?.eval_time).toBe('7m');
    expect(firstFiring?.exp_alerts[0]).toEqual({
      exp_labels: { instance: 'web01:9477', job: 'hostwatch', severity: 'warning', rule: 'cpu' },
      exp_annotations: {
        summary: 'web01:9477: CPU at or above 85%',
        description: 'CPU on web01:9477 has been at or above 85% for 5 min. It clears below 75%.',
      },
    });
    expect(
      breach.alert_rule_test.some(
        (t) => t.alertname === 'HostwatchCpuCritical' && t.exp_alerts.length > 0,
      ),
    ).toBe(false);
  });

  it('covers breach, spike, hover, escalate and recover, and each alert fires somewhere', () => {
    const file = buildPromTests(DEFAULT_SETTINGS, EXPOSITION, 'r.yml');
    const cpuTests = file.tests.filter((t) => t.name.startsWith('cpu: ')).map((t) => t.name);
    expect(cpuTests).toEqual([
      'cpu: breach',
      'cpu: spike',
      'cpu: hover',
      'cpu: recover',
      'cpu: escalate',
    ]);
    const names = buildPromRules(DEFAULT_SETTINGS, EXPOSITION).groups[0]!.rules.map((r) => r.alert);
    for (const name of names) {
      const fires = file.tests.some((t) =>
        t.alert_rule_test.some((c) => c.alertname === name && c.exp_alerts.length > 0),
      );
      expect(fires, name).toBe(true);
    }
    // A spike shorter than "for" never fires.
    const spike = file.tests.find((t) => t.name === 'cpu: spike')!;
    expect(spike.alert_rule_test.every((c) => c.exp_alerts.length === 0)).toBe(true);
  });

  it('feeds a decoy series beside a specific target, which never alerts', () => {
    const disk: Rule = {
      ...cpu,
      id: 'disk',
      metric: 'disk.used_pct',
      target: '/data',
      forSeconds: 60,
    };
    const file = buildPromTests(withRules([disk]), EXPOSITION, 'r.yml');
    const breach = file.tests.find((t) => t.name === 'disk: breach')!;
    expect(breach.input_series.map((s) => s.series)).toEqual([
      'hostwatch_filesystem_used_ratio{instance="web01:9477", job="hostwatch", mountpoint="/data"}',
      'hostwatch_filesystem_used_ratio{instance="web01:9477", job="hostwatch", mountpoint="/"}',
    ]);
    const mounts = breach.alert_rule_test.flatMap((c) =>
      c.exp_alerts.map((a) => a.exp_labels.mountpoint),
    );
    expect(mounts.length).toBeGreaterThan(0);
    expect(new Set(mounts)).toEqual(new Set(['/data']));
  });
});
