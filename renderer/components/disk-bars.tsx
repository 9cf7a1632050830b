/** Disk use per mount as bars with the warning and critical thresholds marked. */
import type { Status } from '../../main/shared/contract';
import { seriesKey } from '../../main/shared/metrics';
import { useI18n } from '../i18n';

/** Props of {@link DiskBars}. */
export interface DiskBarsProps {
  readonly mounts: readonly string[];
  readonly values: Readonly<Record<string, number>>;
  readonly thresholds: Status['thresholds'];
}

/** One bar per mount. */
export function DiskBars({ mounts, values, thresholds }: DiskBarsProps) {
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
        const th = thresholds[key] ??
          thresholds[seriesKey('disk.used_pct', '*')] ?? { warning: null, critical: null };
        const level =
          pct === undefined
            ? 'none'
            : th.critical !== null && pct >= th.critical
              ? 'critical'
              : th.warning !== null && pct >= th.warning
                ? 'warning'
                : 'ok';
        const labelId = `disk-${mount.replace(/\W+/g, '_')}`;
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
              {th.warning !== null && (
                <div
                  className="bar-mark bar-mark-warning"
                  data-testid={`disk-warning-${mount}`}
                  style={{ left: `${Math.min(100, th.warning)}%` }}
                  title={t('card.thresholdWarning', {
                    value: i18n.formatValue('percent', th.warning),
                  })}
                />
              )}
              {th.critical !== null && (
                <div
                  className="bar-mark bar-mark-critical"
                  data-testid={`disk-critical-${mount}`}
                  style={{ left: `${Math.min(100, th.critical)}%` }}
                  title={t('card.thresholdCritical', {
                    value: i18n.formatValue('percent', th.critical),
                  })}
                />
              )}
            </div>
            <p className="disk-legend muted">
              {th.warning !== null && (
                <span>
                  ▲ {t('card.thresholdWarning', { value: i18n.formatValue('percent', th.warning) })}
                </span>
              )}{' '}
              {th.critical !== null && (
                <span>
                  ●{' '}
                  {t('card.thresholdCritical', { value: i18n.formatValue('percent', th.critical) })}
                </span>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
