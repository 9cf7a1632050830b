/**
 * The Fleet tab: the overview of every host from the fleet store (getFleet plus the `fleet`
 * push), or, while only this computer is watched, how to add a server. The fleet lists this
 * computer without headline values; they come from its live status here.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { FleetHost, HostId, Status } from '../../main/shared/contract';
import { summarize } from '../../main/shared/host-summary';
import { useI18n } from '../i18n';
import type { FleetStore } from '../state/fleet-store';
import { FleetOverview, type HostSparks } from './fleet-overview';

/** Props of {@link FleetView}. */
export interface FleetViewProps {
  readonly fleet: FleetStore;
  readonly onOpenHost: (host: HostId) => void;
  /** This computer's live status (for its card's values). */
  readonly localStatus?: Status | null;
  /** This computer's recent values, from its live store. */
  readonly localSparks?: HostSparks;
}

/** The overview, its loading and failure states, and the empty state with the steps to add one. */
export function FleetView({ fleet, onOpenHost, localStatus, localSparks }: FleetViewProps) {
  const { t } = useI18n();
  const state = useSyncExternalStore(fleet.subscribe, fleet.getState);
  const { fleet: summary, error, sparks, at } = state;
  const hosts = useMemo(
    (): readonly FleetHost[] =>
      (summary?.hosts ?? []).map((h) =>
        h.kind === 'local' && !h.headline && localStatus
          ? { ...h, headline: summarize(localStatus).headline }
          : h,
      ),
    [summary, localStatus],
  );
  const allSparks = useMemo(
    () => (localSparks ? { ...sparks, local: localSparks } : sparks),
    [sparks, localSparks],
  );
  if (!summary) {
    return error ? (
      <p className="fleet-error" role="alert">
        {t('fleet.failed', { message: error })}
      </p>
    ) : (
      <p className="fleet-loading">{t('fleet.loading')}</p>
    );
  }
  const onlyLocal = summary.hosts.every((h) => h.kind === 'local');
  return (
    <div className="fleet-view">
      <h2 className="fleet-heading">{t('fleet.title')}</h2>
      <FleetOverview hosts={hosts} sparks={allSparks} now={at} onOpenHost={onOpenHost} />
      {onlyLocal && (
        <div className="fleet-empty-help">
          <p>{t('fleet.onlyLocal')}</p>
          <p>{t('fleet.howToAdd')}</p>
        </div>
      )}
      {error && (
        <p className="fleet-error" role="alert">
          {t('fleet.failed', { message: error })}
        </p>
      )}
    </div>
  );
}
