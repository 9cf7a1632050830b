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

type DraftRule = SectionProps['draft']['rules'][number];

/** A rule's name as the global table shows it: the metric, and its target when it has one. */
export function ruleName(i18n: I18n, rule: DraftRule): string {
  return rule.target === undefined
    ? i18n.metricLabel(rule.metric)
    : `${i18n.metricLabel(rule.metric)} (${rule.target === '*' ? i18n.t('settings.allTargets') : rule.target})`;
}

/** Props of {@link RulesGrid}. */
export interface RulesGridProps extends SectionProps {
  /** Indexes into `draft.rules` of the rules shown, in order. */
  readonly indexes: readonly number[];
  /** A rule's name in this grid. */
  readonly nameOf: (rule: DraftRule) => string;
  /** Prefix of the controls' ids, so one rule can be edited in two grids on one page. */
  readonly idPrefix?: string;
  /** Show the first rule's backtest before any row is focused (the global table does). */
  readonly backtestFirst?: boolean;
}

/**
 * Rules as a table: one row per rule (enabled, warning, critical, clear, for, repeat), every
 * cell a labelled control with its error from the settings path, and the backtest of the rule
 * last focused. Used by the global rules table and under each check (checks-section.tsx).
 */
export function RulesGrid(p: RulesGridProps) {
  const { draft, update, errors, indexes, nameOf } = p;
  const i18n = useI18n();
  const { t } = i18n;
  const prefix = p.idPrefix ?? '';
  // The rule last focused is the one whose backtest is shown (issue 11).
  const [active, setActive] = useState<number | null>(null);
  // Before any focus, the first rule (with backtestFirst); a focused rule since removed, the last.
  const fallback = active === null ? indexes[0] : indexes[indexes.length - 1];
  const shownIndex =
    active !== null && indexes.includes(active) ? active : p.backtestFirst ? fallback : undefined;
  const shown = shownIndex === undefined ? undefined : draft.rules[shownIndex];
  return (
    <>
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
            {indexes.map((i) => {
              const rule = draft.rules[i]!;
              const unit = METRICS[rule.metric].unit;
              const name = nameOf(rule);
              return (
                <tr key={rule.id} data-rule={rule.id} onFocus={() => setActive(i)}>
                  <th scope="row">
                    {name}{' '}
                    {unitSymbol(i18n, unit) && (
                      <span className="unit">({unitSymbol(i18n, unit)})</span>
                    )}
                  </th>
                  <td>
                    <CheckField
                      hiddenLabel
                      path={`${prefix}rules.${i}.enabled`}
                      label={`${name}: ${t('settings.enabled')}`}
                      checked={rule.enabled}
                      onChange={(v) => update((d) => void (d.rules[i]!.enabled = v))}
                    />
                  </td>
                  {NUMBER_COLUMNS.map((c) => (
                    <td key={c.field}>
                      <NumberField
                        hiddenLabel
                        path={`${prefix}rules.${i}.${c.field}`}
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
    </>
  );
}

/** Rules: warning, critical, clear, for, repeat, enabled. */
export function RulesTable(props: SectionProps) {
  const i18n = useI18n();
  return (
    <fieldset className="section">
      <legend>{i18n.t('settings.rules')}</legend>
      <RulesGrid
        {...props}
        indexes={props.draft.rules.map((_, i) => i)}
        nameOf={(rule) => ruleName(i18n, rule)}
        backtestFirst
      />
    </fieldset>
  );
}
