/**
 * The Fleet overview: a card per host with its health (unreachable is a state of its own, not
 * grey "unknown"), CPU / memory / fullest disk with sparklines, when it was last heard from and
 * its active alerts. Presentational: the fleet summary and each host's recent values come in as
 * props; choosing a card asks the shell to show that host.
 */
import type { FleetHealth, FleetHost, HostId } from '../../main/shared/contract';
import { useI18n } from '../i18n';
import { Sparkline } from './sparkline';

/** Recent values of a host's headline series, oldest first (NaN for gaps). */
export interface HostSparks {
  readonly cpu: readonly number[];
  readonly mem: readonly number[];
  readonly disk: readonly number[];
}

/** Props of {@link FleetOverview}. */
export interface FleetOverviewProps {
  readonly hosts: readonly FleetHost[];
  readonly sparks?: Readonly<Record<HostId, HostSparks>>;
  /** Wall-clock ms now, for "last seen … ago". */
  readonly now: number;
  readonly onOpenHost: (host: HostId) => void;
}

/** A shape per health so it reads without colour. */
const FLEET_ICON: Readonly<Record<FleetHealth, string>> = {
  ok: '✓',
  warning: '▲',
  critical: '●',
  unknown: '?',
  unreachable: '✕',
};

/** The overview; an empty fleet says so. */
export function FleetOverview({ hosts, sparks, now, onOpenHost }: FleetOverviewProps) {
  const { t, formatValue, formatDuration, metricLabel } = useI18n();
  if (hosts.length === 0) return <p className="fleet-empty">{t('fleet.empty')}</p>;
  return (
    <ul className="fleet-grid" aria-label={t('fleet.title')}>
      {hosts.map((host) => {
        const h = host.headline;
        const s = sparks?.[host.id];
        const firing = host.alerts.filter((a) => a.state === 'firing');
        const seen =
          host.lastSeen === null
            ? t('fleet.neverSeen')
            : t('fleet.lastSeen', {
                ago: formatDuration(Math.max(0, Math.round((now - host.lastSeen) / 1000))),
              });
        const metric = (
          label: string,
          value: number | null | undefined,
          spark?: readonly number[],
        ) => (
          <div className="fleet-metric">
            <span className="fleet-metric-label">{label}</span>
            <span className="fleet-metric-value">{formatValue('percent', value ?? null)}</span>
            {spark && spark.length > 1 && <Sparkline values={spark} max={100} label={label} />}
          </div>
        );
        return (
          <li key={host.id} className={`fleet-card fleet-${host.health}`} data-host={host.id}>
            <button
              type="button"
              className="fleet-card-open"
              onClick={() => onOpenHost(host.id)}
              aria-label={t('fleet.open', { host: host.name })}
            >
              <span className="fleet-name">{host.name}</span>
              <span className="fleet-health" data-health={host.health}>
                <span aria-hidden="true">{FLEET_ICON[host.health]}</span>{' '}
                {t(`fleet.health.${host.health}`)}
              </span>
            </button>
            {host.health !== 'unreachable' && (
              <div className="fleet-metrics">
                {metric(metricLabel('cpu.total'), h?.cpu, s?.cpu)}
                {metric(t('fleet.mem'), h?.mem, s?.mem)}
                {metric(
                  h?.disk ? t('fleet.diskAt', { target: h.disk.target }) : t('fleet.disk'),
                  h?.disk?.usedPct,
                  s?.disk,
                )}
              </div>
            )}
            <p className="fleet-seen">{seen}</p>
            <p className="fleet-alerts">
              {firing.length === 0
                ? t('fleet.noAlerts')
                : t('fleet.alerts', { count: firing.length })}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
