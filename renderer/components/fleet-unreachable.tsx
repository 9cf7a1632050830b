/**
 * The notice over a host's views while the host is unreachable (or not watched at all): its own
 * state in words, in place of the health banner, since the values below (if any) are only the
 * last it sent.
 */
import type { FleetHost, HostId } from '../../main/shared/contract';
import { useI18n } from '../i18n';

/** Props of {@link FleetHostNotice}. */
export interface FleetHostNoticeProps {
  readonly hostId: HostId;
  /** The host's line in the fleet; undefined when the fleet does not list it. */
  readonly host: FleetHost | undefined;
  /** Whether the fleet has been read (before that, an absent host says nothing). */
  readonly fleetKnown: boolean;
  /** Wall-clock ms now. */
  readonly now: number;
  /** Whether a status of the host (the last it sent) is shown below. */
  readonly shown: boolean;
}

/** Says that a host is unreachable (since when, and why) or not watched; nothing otherwise. */
export function FleetHostNotice({ hostId, host, fleetKnown, now, shown }: FleetHostNoticeProps) {
  const { t, formatDuration } = useI18n();
  if (!host) {
    if (!fleetKnown) return null;
    return (
      <p className="fleet-notice fleet-notice-missing" role="alert">
        {t('fleet.notWatched', { host: hostId })}
      </p>
    );
  }
  if (host.health !== 'unreachable') return null;
  const ago = host.lastSeen === null ? null : Math.max(0, Math.round((now - host.lastSeen) / 1000));
  return (
    <section
      className="fleet-notice fleet-notice-unreachable"
      role="alert"
      data-health="unreachable"
    >
      <strong>
        <span aria-hidden="true">✕</span> {t('fleet.unreachableTitle', { host: host.name })}
      </strong>
      <p>
        {ago === null
          ? t('fleet.unreachableNever')
          : t('fleet.unreachableSince', { ago: formatDuration(ago) })}
      </p>
      {shown && <p>{t('fleet.lastKnown')}</p>}
      {host.problem && (
        <p className="fleet-notice-problem">
          {t('fleet.problem', { message: '' })}
          <span lang="en">{host.problem.message}</span>
        </p>
      )}
    </section>
  );
}
