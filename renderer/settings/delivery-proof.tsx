/**
 * Proof of delivery in Settings → Email: the last email the SMTP server accepted (when, which
 * email, the server's own reply line and the Message-ID), or since when and why sending fails.
 * Reads the live status itself, so the memoized settings form does not re-render each tick.
 */
import type { DeliveryProof } from '../../main/shared/contract';
import { describeReasonCode } from '../components/event-text';
import { useI18n } from '../i18n';
import { useLive } from '../state/context';

/** The proof of delivery of the live status; nothing where the engine has no email channel. */
export function LiveDeliveryProof() {
  const { status } = useLive();
  return status?.delivery ? <DeliveryProofView delivery={status.delivery} /> : null;
}

/** Props of {@link DeliveryProofView}. */
export interface DeliveryProofViewProps {
  readonly delivery: DeliveryProof;
}

/** The last accepted email and the failing state, in words. */
export function DeliveryProofView({ delivery }: DeliveryProofViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const last = delivery.lastAccepted;
  const failing = delivery.failing;
  return (
    <div className="delivery-proof" role="group" aria-label={t('delivery.heading')}>
      <h3 className="delivery-heading">{t('delivery.heading')}</h3>
      {last ? (
        <dl className="delivery-last">
          <dt>{t('delivery.lastAccepted')}</dt>
          <dd>
            <time dateTime={new Date(last.time).toISOString()}>{i18n.formatTime(last.time)}</time>
            {' — '}
            <span data-dynamic="">{last.subject}</span>
          </dd>
          <dt>{t('delivery.reply')}</dt>
          <dd>
            <code data-dynamic="" data-testid="delivery-response">
              {last.response}
            </code>
          </dd>
          <dt>{t('delivery.messageId')}</dt>
          <dd>
            <code data-dynamic="">{last.messageId}</code>
          </dd>
        </dl>
      ) : (
        <p className="muted">{t('delivery.none')}</p>
      )}
      {failing && (
        <p className="error-text" role="status">
          {t('delivery.failing', {
            time: i18n.formatTime(failing.since),
            reason:
              (i18n.lang !== 'en' && failing.code
                ? describeReasonCode(i18n, 'smtp', { code: failing.code })
                : null) ?? failing.reason,
          })}
        </p>
      )}
    </div>
  );
}
