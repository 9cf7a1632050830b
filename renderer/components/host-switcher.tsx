/**
 * The host switcher in the dashboard header: one option per host of the fleet with its health
 * in words (unreachable included), so Status, History and Events can be switched to any host.
 * Presentational: the fleet and the chosen host come in as props.
 */
import type { FleetHost, HostId } from '../../main/shared/contract';
import { useI18n } from '../i18n';

/** Props of {@link HostSwitcher}. */
export interface HostSwitcherProps {
  readonly hosts: readonly FleetHost[];
  readonly value: HostId;
  readonly onChange: (host: HostId) => void;
}

/** A labelled select of the fleet's hosts; a host not (or no longer) in the fleet stays listed. */
export function HostSwitcher({ hosts, value, onChange }: HostSwitcherProps) {
  const { t } = useI18n();
  const known = hosts.some((h) => h.id === value);
  return (
    <label className="host-switcher">
      <span className="host-switcher-label">{t('fleet.switcher')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {t('fleet.switcherOption', { name: h.name, health: t(`fleet.health.${h.health}`) })}
          </option>
        ))}
        {!known && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}
