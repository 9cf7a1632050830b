/**
 * The Fleet tab: the overview of every host from the fleet store (getFleet plus the `fleet`
 * push), or, while only this computer is watched, how to add a server.
 */
import { useSyncExternalStore } from 'react';
import type { HostId } from '../../main/shared/contract';
import { useI18n } from '../i18n';
import type { FleetStore } from '../state/fleet-store';
import { FleetOverview } from './fleet-overview';

/** Props of {@link FleetView}. */
export interface FleetViewProps {
  readonly fleet: FleetStore;
  readonly onOpenHost: (host: HostId) => void;
}

/** The overview, its loading and failure states, and the empty state with the steps to add one. */
export function FleetView({ fleet, onOpenHost }: FleetViewProps) {
  const { t } = useI18n();
  const {
    fleet: summary,
    error,
    sparks,
    at,
  } = useSyncExternalStore(fleet.subscribe, fleet.getState);
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
      <FleetOverview hosts={summary.hosts} sparks={sparks} now={at} onOpenHost={onOpenHost} />
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
