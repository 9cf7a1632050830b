/** Disk use per mount as bars with the warning and critical thresholds marked. */
import { Fragment } from 'react';
import type { Status } from '../../main/shared/contract';
import { seriesKey } from '../../main/shared/metrics';
import { useI18n } from '../i18n';
import { forecastText } from './forecast-text';
import { thresholdsFor } from './thresholds';

/** The two levels, each with the glyph that tells it apart without colour. */
const LEVELS = [
  { level: 'warning', glyph: '▲', label: 'card.thresholdWarning' },
  { level: 'critical', glyph: '●', label: 'card.thresholdCritical' },
] as const;

/** Props of {@link DiskBars}. */
export interface DiskBarsProps {
  readonly mounts: readonly string[];
  readonly values: Readonly<Record<string, number>>;
  readonly thresholds: Status['thresholds'];
  /** Trends of the mounts that have one (issue 11). */
  readonly forecasts?: Status['forecasts'];
}

/** One bar per mount. */
export function DiskBars({ mounts, values, thresholds, forecasts }: DiskBarsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  if (mounts.length === 0) return <p className="muted">{t('card.noMounts')}</p>;
  return (
    <ul className="disk-bars">
      {mounts.map((mount) => {
        const key = seriesKey('disk.used_pct', mount);
        const pct = values[key];
        const used = values[seriesKey('disk.used_bytes', mount)];
        const size = values[seriesKey('disk.size_bytes', mount)];
        const th = thresholdsFor(thresholds, key) ?? { warning: null, critical: null };
        const marks = LEVELS.flatMap(({ level, glyph, label }) => {
          const at = th[level];
          return at === null
            ? []
            : [{ level, glyph, at, text: t(label, { value: i18n.formatValue('percent', at) }) }];
        });
        const level =
          pct === undefined
            ? 'none'
            : th.critical !== null && pct >= th.critical
              ? 'critical'
              : th.warning !== null && pct >= th.warning
                ? 'warning'
                : 'ok';
        const labelId = `disk-${mount.replace(/\W+/g, '_')}`;
        const trend = forecasts?.find((f) => f.series === key);
        return (
          <li key={mount} className={`disk disk-${level}`} data-mount={mount}>
            <div className="disk-head">
              <span id={labelId} className="disk-mount">
                {mount}
              </span>
              <span className="disk-value" data-testid={`disk-value-${mount}`}>
                {i18n.formatValue('percent', pct)}
                {used !== undefined && size !== undefined && (
                  <span className="muted">
                    {' · '}
                    {t('card.usedOf', {
                      used: i18n.formatValue('bytes', used),
                      total: i18n.formatValue('bytes', size),
                    })}
                  </span>
                )}
              </span>
            </div>
            <div
              className="bar"
              role="meter"
              aria-labelledby={labelId}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct === undefined ? undefined : Math.round(pct * 10) / 10}
              aria-valuetext={i18n.formatValue('percent', pct)}
            >
              <div className="bar-fill" style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
              {marks.map((m) => (
                <div
                  key={m.level}
                  className={`bar-mark bar-mark-${m.level}`}
                  data-testid={`disk-${m.level}-${mount}`}
                  style={{ left: `${Math.min(100, m.at)}%` }}
                  title={m.text}
                />
              ))}
            </div>
            <p className="disk-legend muted">
              {marks.map((m, i) => (
                <Fragment key={m.level}>
                  {i > 0 && ' '}
                  <span>
                    {m.glyph} {m.text}
                  </span>
                </Fragment>
              ))}
            </p>
            {trend && (
              <p className="disk-forecast" data-testid={`disk-forecast-${mount}`}>
                {forecastText(i18n, trend)}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
