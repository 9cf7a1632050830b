/** The alert rules as a table: one row per rule, every cell a labelled control. */
import { useState } from 'react';
import { METRICS, type Unit } from '../../main/shared/metrics';
import { useI18n, type I18n } from '../i18n';
import { CheckField, NumberField } from './fields';
import { RuleBacktest } from './rule-backtest';
import type { SectionProps } from './sections';
import { errorFor } from './validation';

const NUMBER_COLUMNS = [
  { field: 'warning', label: 'settings.warning', nullable: true },
  { field: 'critical', label: 'settings.critical', nullable: true },
  { field: 'clear', label: 'settings.clear', nullable: true },
  { field: 'forSeconds', label: 'settings.for', nullable: false },
  { field: 'repeatMinutes', label: 'settings.repeat', nullable: false },
] as const;

/** Bytes per MB: byte rates are typed and shown in MB/s (decimal, as the README's table). */
export const BYTES_PER_MB = 1_000_000;

/** A stored level in the unit the form shows (MB/s for byte rates). */
export function toFormUnit(unit: Unit, v: number | null): number | null {
  return unit === 'bytes_per_second' && v !== null ? v / BYTES_PER_MB : v;
}

/** A typed level back in the unit settings keep (bytes/s); NaN and null pass through. */
export function fromFormUnit(unit: Unit, v: number | null): number | null {
  return unit === 'bytes_per_second' && v !== null && Number.isFinite(v)
    ? Math.round(v * BYTES_PER_MB)
    : v;
}

/** The unit symbol shown beside a rule's name, so thresholds are typed in the right unit. */
export function unitSymbol(i18n: I18n, unit: Unit): string {
  switch (unit) {
    case 'percent':
      return '%';
    case 'bytes':
      return 'B';
    case 'bytes_per_second':
      return i18n.t('unit.perSecond', { value: 'MB' });
    case 'celsius':
      return '°C';
    case 'seconds':
      return i18n.t('unit.seconds', { n: '' }).trim();
    case 'ratio':
    case 'boolean':
    case 'code':
    case 'streak':
      return '';
    case 'milliseconds':
      return 'ms';
    case 'days':
      return i18n.t('unit.days', { n: '' }).trim();
  }
}

/** Rules: warning, critical, clear, for, repeat, enabled. */
export function RulesTable({ draft, update, errors }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  // The rule last focused is the one whose backtest is shown (issue 11).
  const [active, setActive] = useState(0);
  const shown = draft.rules[Math.min(active, draft.rules.length - 1)];
  const nameOf = (rule: SectionProps['draft']['rules'][number]) =>
    rule.target === undefined
      ? i18n.metricLabel(rule.metric)
      : `${i18n.metricLabel(rule.metric)} (${rule.target === '*' ? t('settings.allTargets') : rule.target})`;
  return (
    <fieldset className="section">
      <legend>{t('settings.rules')}</legend>
      <div className="table-scroll">
        <table className="rules-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.rule')}</th>
              <th scope="col">{t('settings.enabled')}</th>
              {NUMBER_COLUMNS.map((c) => (
                <th key={c.field} scope="col">
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.rules.map((rule, i) => {
              const unit = METRICS[rule.metric].unit;
              const name = nameOf(rule);
              return (
                <tr key={rule.id} data-rule={rule.id} onFocus={() => setActive(i)}>
                  <th scope="row">
                    {name}{' '}
                    {unitSymbol(i18n, METRICS[rule.metric].unit) && (
                      <span className="unit">({unitSymbol(i18n, METRICS[rule.metric].unit)})</span>
                    )}
                  </th>
                  <td>
                    <CheckField
                      hiddenLabel
                      path={`rules.${i}.enabled`}
                      label={`${name}: ${t('settings.enabled')}`}
                      checked={rule.enabled}
                      onChange={(v) => update((d) => void (d.rules[i]!.enabled = v))}
                    />
                  </td>
                  {NUMBER_COLUMNS.map((c) => (
                    <td key={c.field}>
                      <NumberField
                        hiddenLabel
                        path={`rules.${i}.${c.field}`}
                        label={`${name}: ${t(c.label)}`}
                        nullable={c.nullable}
                        // Only the levels (the nullable columns) are in the metric's unit; for and repeat
                        // have their own.
                        value={c.nullable ? toFormUnit(unit, rule[c.field]) : rule[c.field]}
                        error={errorFor(errors, `rules.${i}.${c.field}`)}
                        onChange={(v) =>
                          update((d) => {
                            const r = d.rules[i]!;
                            if (c.nullable) r[c.field] = fromFormUnit(unit, v);
                            else r[c.field] = v ?? Number.NaN;
                          })
                        }
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown && <RuleBacktest key={shown.id} rule={shown} name={nameOf(shown)} />}
    </fieldset>
  );
}
