/**
 * The form's link-local / metadata warning. An address typed as an IP is classed here (the
 * pure rule of main/shared/private-address.ts); a name is resolved by the engine
 * (`resolveCheckHost`, the check runner's own lookup), debounced, so the warning and the run
 * agree. A check that reaches such an address is kept only with "I mean this address" ticked.
 */
import { useEffect, useState } from 'react';
import type { Check } from '../../main/shared/checks';
import { isPrivateTarget } from '../../main/shared/private-address';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';
import { isIpLiteral } from './checks-draft';
import { CheckField } from './fields';

/** Wait after the last keystroke before asking where a name goes. */
export const RESOLVE_DEBOUNCE_MS = 400;

interface Answer {
  readonly key: string;
  readonly linkLocal: readonly string[];
}

/**
 * The link-local or metadata addresses a host goes to: at once for an IP, after a lookup for a
 * name (empty until it answers, and when it does not resolve: the run says why).
 */
export function useLinkLocal(host: string | undefined, family: Check['ipFamily']): string[] {
  const api = useApi();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = `${family} ${host ?? ''}`;
  const literal = host !== undefined && isIpLiteral(host);
  useEffect(() => {
    if (host === undefined || literal) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void api.resolveCheckHost({ host, family }).then((r) => {
        if (!cancelled) setAnswer({ key, linkLocal: r.ok ? r.value.linkLocal : [] });
      });
    }, RESOLVE_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, host, family, key, literal]);
  if (host === undefined) return [];
  if (literal) return isPrivateTarget(host) ? [host] : [];
  return answer?.key === key ? [...answer.linkLocal] : [];
}

/** Props of {@link PrivateTargetWarning}. */
export interface PrivateTargetWarningProps {
  readonly host: string;
  readonly linkLocal: readonly string[];
  readonly path: string;
  readonly confirmed: boolean;
  readonly error: string | undefined;
  readonly onConfirm: (confirmed: boolean) => void;
}

/** The warning and its "I mean this address" box. */
export function PrivateTargetWarning(p: PrivateTargetWarningProps) {
  const { t } = useI18n();
  const addresses = p.linkLocal.join(', ');
  return (
    <div className="warning-text" role="status" data-testid="check-private-warning">
      <p>
        ⚠{' '}
        {p.linkLocal.includes(p.host)
          ? t('checks.privateWarning', { address: addresses })
          : t('checks.privateWarningName', { host: p.host, address: addresses })}
      </p>
      <CheckField
        path={p.path}
        label={t('checks.field.allowPrivate', { address: addresses })}
        checked={p.confirmed}
        error={p.error}
        onChange={p.onConfirm}
      />
    </div>
  );
}
