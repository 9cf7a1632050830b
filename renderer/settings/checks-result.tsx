/** One check run said in words: up or down, the failure, phases, status and certificate. */
import type { CheckResult } from '../../main/shared/checks';
import { describeCheckFailure } from '../../main/shared/check-words';
import { describeCert, describePhases } from '../../main/shared/check-summary';
import { useI18n } from '../i18n';

/** Props of {@link CheckResultView}. */
export interface CheckResultViewProps {
  readonly result: CheckResult;
}

/** The result of one run, as a short list of facts. */
export function CheckResultView({ result }: CheckResultViewProps) {
  const { t, lang } = useI18n();
  const phases = describePhases(result.phases, lang);
  return (
    <div
      className={result.up ? 'check-result ok-text' : 'check-result error-text'}
      data-testid="check-result"
      data-up={result.up}
    >
      <p>
        <strong>{result.up ? `● ${t('checks.isUp')}` : `▲ ${t('checks.isDown')}`}</strong>{' '}
        {result.up
          ? t('checks.inMs', { ms: Math.round(result.phases.total) })
          : result.failure && describeCheckFailure(result.failure, lang)}
      </p>
      <ul className="check-facts">
        {phases && (
          <li>
            {t('checks.phases')}: {phases}
          </li>
        )}
        {result.status !== null && (
          <li>
            {t('checks.status')}: {result.status}
          </li>
        )}
        {result.cert && (
          <li>
            {t('checks.certificate')}: {describeCert(result.cert, lang)}
          </li>
        )}
      </ul>
    </div>
  );
}
