/**
 * The health banner: overall health in words, icon and colour, what is wrong (worst alerts),
 * per-rule snooze controls, paused / stale / snoozed / maintenance states and notices.
 */
import { instanceKey } from '../../main/shared/alert-instance';
import type { AlertState, Health, Status } from '../../main/shared/contract';
import { seriesKey } from '../../main/shared/metrics';
import { useI18n, type I18n } from '../i18n';
import type { ConnectionState } from '../api/transport';
import { HEALTH_ICON } from './health-icon';
import { describeNotice } from './notice-text';
import { RuleSnoozeList } from './rule-snooze';
import { AlertAckList } from './alert-ack';

/** One-line description of an alert, e.g. "Disk / 96%". */
export function describeAlert(i18n: I18n, a: AlertState): string {
  const key = a.target === undefined ? a.series : seriesKey(a.metric, a.target);
  return i18n.t('banner.alert', {
    metric: i18n.seriesLabel(key),
    value: i18n.formatSeries(key, a.value),
  });
}

/** Props of {@link HealthBanner}. */
export interface HealthBannerProps {
  readonly status: Status | null;
  readonly connection: ConnectionState;
}

/** The banner at the top of the window. */
export function HealthBanner({ status, connection }: HealthBannerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const health: Health = status?.health ?? 'unknown';
  const firing = status?.alerts.filter((a) => a.state === 'firing') ?? [];
  const pending = status?.alerts.filter((a) => a.state === 'pending') ?? [];
  const worst = firing.slice(0, 3);
  const snooze = status?.snooze;

  return (
    <section
      className={`banner banner-${health}`}
      aria-label={t(`health.${health}`)}
      data-health={health}
    >
      {connection !== 'open' && (
        <p className="banner-connection" role="alert">
          {t(connection === 'closed' ? 'conn.closed' : 'conn.connecting')}
        </p>
      )}
      <div className="banner-main" role="status" aria-live="polite">
        <span className="banner-icon" aria-hidden="true">
          {HEALTH_ICON[health]}
        </span>
        <strong className="banner-health">
          {t(`health.${health}`)}
          {worst.length > 0 && ':'}
        </strong>
        <span className="banner-what">
          {worst.length > 0
            ? worst.map((a) => (
                <span key={instanceKey(a)} className={`alert-chip alert-${a.severity}`}>
                  {/* The severity is spelled out only where it differs from the overall health. */}
                  {a.severity !== health &&
                    `${HEALTH_ICON[a.severity]} ${t(`health.${a.severity}`)} `}
                  {describeAlert(i18n, a)}
                  {a.snoozed && <em className="tag"> ({t('banner.snoozedTag')})</em>}
                </span>
              ))
            : health === 'unknown'
              ? t('health.unknownText')
              : t('health.okText')}
        </span>
        {status && <span className="banner-host">{status.host.displayName}</span>}
      </div>
      {status && <RuleSnoozeList status={status} />}
      {status && <AlertAckList status={status} />}
      {pending.length > 0 && (
        <p className="banner-line">{t('health.pending', { count: pending.length })}</p>
      )}
      {status?.paused && <p className="banner-line">‖ {t('banner.paused')}</p>}
      {status?.stale && !status.paused && <p className="banner-line">◷ {t('banner.stale')}</p>}
      {snooze?.all === 'resolved' && <p className="banner-line">☾ {t('banner.snoozedResolved')}</p>}
      {typeof snooze?.all === 'number' && (
        <p className="banner-line">
          ☾ {t('banner.snoozedAll', { until: i18n.formatTime(snooze.all) })}
        </p>
      )}
      {status?.maintenanceUntil != null && (
        <p className="banner-line">
          ⚙ {t('banner.maintenance', { until: i18n.formatTime(status.maintenanceUntil) })}
        </p>
      )}
      {status && status.notices.length > 0 && (
        <ul className="notices" aria-label={t('banner.notices')}>
          {status.notices.map((n) => (
            <li key={n.id} className={`notice notice-${n.level}`} data-dynamic="">
              <span aria-hidden="true">
                {n.level === 'error' ? '✖' : n.level === 'warning' ? '⚠' : 'ℹ'}
              </span>{' '}
              {describeNotice(i18n, n)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
