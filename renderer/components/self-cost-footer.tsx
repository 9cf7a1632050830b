/**
 * The Status view's footer: what Hostwatch itself costs on the shown host (issue 11), e.g.
 * "Hostwatch uses 0.3% CPU · 71.2 MiB (1 process)", with the one value formatter of
 * main/shared; for a watched server, that server's own agent. Nothing before it is measured.
 */
import { LOCAL_HOST_ID, type Status } from '../../main/shared/contract';
import { selfCostFigures } from '../../main/shared/self-cost-text';
import { useI18n } from '../i18n';

/** Props of {@link SelfCostFooter}. */
export interface SelfCostFooterProps {
  readonly status: Status;
}

/** The own-cost line, and why the expensive collectors are slowed when they are. */
export function SelfCostFooter({ status }: SelfCostFooterProps) {
  const { t, lang } = useI18n();
  const cost = status.selfCost;
  const figures = selfCostFigures(cost, lang);
  if (!cost || figures === null) return null;
  const remote = status.hostId !== LOCAL_HOST_ID;
  const one = cost.processes === 1;
  const key = remote
    ? one
      ? 'selfCost.footerRemoteOne'
      : 'selfCost.footerRemote'
    : one
      ? 'selfCost.footerOne'
      : 'selfCost.footer';
  return (
    <footer className="self-cost muted" data-testid="self-cost">
      <span data-dynamic="">
        {t(key, { figures, processes: cost.processes, host: status.host.displayName })}
      </span>
      {cost.throttled && (
        <span className="self-cost-throttled" data-testid="self-cost-throttled">
          {' '}
          {t('selfCost.throttled')}
        </span>
      )}
    </footer>
  );
}
