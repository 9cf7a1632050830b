/** The frame of a status card: title, freshness of its family and content. */
import { useId, type ReactNode } from 'react';
import type { FamilyState } from '../../main/shared/metrics';
import { useI18n } from '../i18n';

/** Props of {@link Card}. */
export interface CardProps {
  readonly title: string;
  readonly family: FamilyState | undefined;
  readonly children: ReactNode;
  readonly className?: string;
}

/**
 * A card; stale families are dimmed with a "stale" label whose tooltip gives the reason, and
 * unavailable families say so instead of showing values.
 */
export function Card({ title, family, children, className }: CardProps) {
  const { t } = useI18n();
  const status = family?.status ?? 'pending';
  const id = useId();
  return (
    <section
      className={`card card-${status} ${className ?? ''}`}
      aria-labelledby={id}
      data-family-status={status}
    >
      <h2 id={id} className="card-title">
        {title}
        {status === 'stale' && (
          <span
            className="badge badge-stale"
            title={family?.reason ?? ''}
            tabIndex={0}
            aria-label={`${t('status.stale')}: ${family?.reason ?? ''}`}
          >
            ◷ {t('status.stale')}
          </span>
        )}
      </h2>
      {status === 'unavailable' ? (
        <p className="card-note" title={family?.reason ?? ''}>
          {t('status.unavailable')}
        </p>
      ) : (
        <div className="card-body">
          {status === 'pending' && <p className="card-pending">{t('status.pendingFamily')}</p>}
          {children}
        </div>
      )}
    </section>
  );
}

/** Props of {@link Stat}. */
export interface StatProps {
  readonly label: string;
  readonly value: string;
  readonly big?: boolean;
  readonly testId?: string;
  /** Keeps the label for screen readers only, where the card title already says it. */
  readonly hideLabel?: boolean;
}

/** A labelled value. */
export function Stat({ label, value, big, testId, hideLabel }: StatProps) {
  return (
    <div className={big ? 'stat stat-big' : 'stat'}>
      <span className={hideLabel ? 'visually-hidden' : 'stat-label'}>{label}</span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
