/**
 * The worst forecast in words for the tray tooltip (issue 11): `/data full in ~3 days`,
 * `/data 약 3일 후 가득 참`. Only disk forecasts under {@link TOOLTIP_HORIZON_S}: a mount full
 * in a year is not news for a tooltip.
 */
import type { Status, StatusForecast } from '../shared/contract';
import type { Language } from '../shared/format';

/** Forecasts further away than this (30 days) are left out of the tooltip. */
export const TOOLTIP_HORIZON_S = 30 * 86_400;

/** A duration rounded for a tooltip: "40 min", "5 h", "3 days". */
export function roughDurationWords(seconds: number, language: Language): string {
  const s = Math.max(0, seconds);
  const ko = language === 'ko';
  if (s >= 2 * 86_400) return ko ? `${Math.round(s / 86_400)}일` : `${Math.round(s / 86_400)} days`;
  if (s >= 86_400) return ko ? '1일' : '1 day';
  if (s >= 2 * 3_600) return ko ? `${Math.round(s / 3_600)}시간` : `${Math.round(s / 3_600)} h`;
  const m = Math.max(1, Math.round(s / 60));
  return ko ? `${m}분` : `${m} min`;
}

/** One forecast as a phrase: `/data full in ~3 days`. */
export function forecastWords(f: StatusForecast, language: Language): string {
  const what = f.target ?? (language === 'ko' ? '메모리' : 'memory');
  if (f.secondsToFull <= 0) return language === 'ko' ? `${what} 가득 참` : `${what} full`;
  const d = roughDurationWords(f.secondsToFull, language);
  return language === 'ko' ? `${what} 약 ${d} 후 가득 참` : `${what} full in ~${d}`;
}

/** The tooltip's forecast suffix (` · /data full in ~3 days`), or '' when none is worth it. */
export function worstForecastSuffix(status: Status, language: Language): string {
  const worst = (status.forecasts ?? []).find(
    (f) => f.metric === 'disk.used_pct' && f.secondsToFull < TOOLTIP_HORIZON_S,
  );
  return worst ? ` · ${forecastWords(worst, language)}` : '';
}
