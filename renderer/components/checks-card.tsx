/**
 * The Checks card of the Status view: each endpoint check up or down with its response time,
 * a sparkline of recent response times, certificate days left and its last failure in words;
 * failing checks first. Renders nothing for a host without checks.
 */
import type { CheckStatus } from '../../main/shared/contract';
import type { FamilyState } from '../../main/shared/metrics';
import { describeCertDays } from '../../main/shared/check-summary';
import { describeCheckFailure } from '../../main/shared/check-words';
import { useI18n } from '../i18n';
import { Card, Stat } from './card';
import { Sparkline } from './sparkline';

/** Checks have no sampler family; each row says its own state. */
const CHECKS_FAMILY: FamilyState = { status: 'ok', updatedAt: null };

/** Props of {@link ChecksCard}. */
export interface ChecksCardProps {
  readonly checks: readonly CheckStatus[] | undefined;
}

/** Whether a check's latest run failed. */
export function isFailing(c: CheckStatus): boolean {
  return c.enabled && c.last !== null && !c.last.up;
}

/** Failing checks first, then by name. */
export function orderChecks(checks: readonly CheckStatus[]): CheckStatus[] {
  return [...checks].sort(
    (a, b) => Number(isFailing(b)) - Number(isFailing(a)) || a.name.localeCompare(b.name),
  );
}

/** The card. */
export function ChecksCard({ checks }: ChecksCardProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  if (!checks || checks.length === 0) return null;
  const failing = checks.filter(isFailing).length;
  return (
    <Card title={t('checks.title')} family={CHECKS_FAMILY} className="card-wide checks-card">
      <p className={failing ? 'error-text' : 'muted'} data-testid="checks-summary">
        {failing
          ? t('checks.failingCount', { count: failing, total: checks.length })
          : t('checks.allUp', { total: checks.length })}
      </p>
      <ul className="check-rows">
        {orderChecks(checks).map((c) => {
          const last = c.last;
          const state = !last ? 'never' : last.up ? 'up' : 'down';
          return (
            <li
              key={c.id}
              className={`check-row check-${state}`}
              data-check-id={c.id}
              data-state={state}
            >
              <p>
                <strong>
                  {state === 'up' ? '●' : state === 'down' ? '▲' : '○'} {c.name}
                </strong>{' '}
                <span>
                  {state === 'never'
                    ? t('checks.never')
                    : state === 'up'
                      ? t('checks.isUp')
                      : t('checks.isDown')}
                </span>
              </p>
              {last && last.up && (
                <div className="stats-row">
                  <Stat
                    label={t('checks.responseTime')}
                    value={`${Math.round(last.phases.total)} ms`}
                  />
                  {last.cert && (
                    <Stat
                      label={t('checks.certDays')}
                      value={describeCertDays(last.cert.daysLeft, lang)}
                    />
                  )}
                </div>
              )}
              {last && !last.up && last.failure && (
                <p className="error-text">{describeCheckFailure(last.failure, lang)}</p>
              )}
              {last && !last.up && last.cert && (
                <p className="muted">
                  {t('checks.certDays')}: {describeCertDays(last.cert.daysLeft, lang)}
                </p>
              )}
              {c.recentMs.length > 1 && (
                <Sparkline values={c.recentMs} label={`${t('checks.responseTime')} ${c.name}`} />
              )}
              {state === 'up' && c.lastFailure && (
                <p className="muted small">
                  {t('checks.lastFailure', {
                    text: describeCheckFailure(c.lastFailure.failure, lang),
                    time: i18n.formatTime(c.lastFailure.at),
                  })}
                </p>
              )}
              {state === 'down' && c.lastGoodAt !== null && (
                <p className="muted small">
                  {t('checks.lastGood', { time: i18n.formatTime(c.lastGoodAt) })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
