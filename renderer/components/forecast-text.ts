/** Words of a forecast: "full in ~3 days · at 90% in ~5 h" (issue 11). */
import type { StatusForecast } from '../../main/shared/contract';
import type { I18n } from '../i18n';
import { roughDuration } from '../settings/rule-backtest';

/** The forecast of one series as a short phrase in the UI language. */
export function forecastText(i18n: I18n, f: StatusForecast): string {
  if (f.secondsToFull <= 0) return i18n.t('forecast.fullNow');
  const parts = [i18n.t('forecast.full', { duration: roughDuration(i18n, f.secondsToFull) })];
  if (f.level !== null && f.secondsToLevel !== null) {
    parts.push(
      i18n.t('forecast.level', {
        level: i18n.formatValue('percent', f.level),
        duration: roughDuration(i18n, f.secondsToLevel),
      }),
    );
  }
  return parts.join(' · ');
}
