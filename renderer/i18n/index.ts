/**
 * Translation: the dictionaries, a `t()` with `{name}` placeholders, values in their units (the
 * shared formatter of main/shared/format.ts, so the dashboard reads as the tray and emails do) and
 * locale-aware time formatting, provided to components through React context.
 */
import { createContext, useContext } from 'react';
import {
  METRICS,
  parseSeriesKey,
  type MetricName,
  type SeriesKey,
  type Unit,
} from '../../main/shared/metrics';
import { en, type Dictionary, type MessageKey } from './en';
import { ko } from './ko';

import { formatDuration, formatUnit, type Language } from '../../main/shared/format';
import { metricLabel as sharedMetricLabel } from '../../main/shared/metric-labels';

export type { Language };

/** Every dictionary, by language. */
export const DICTIONARIES: Readonly<Record<Language, Dictionary>> = { en, ko };

/** Parameters substituted into `{name}` placeholders. */
export type Params = Readonly<Record<string, string | number>>;

/** What components use to render text in the current language. */
export interface I18n {
  readonly lang: Language;
  /** The locale of number and date formats, e.g. `ko-KR` (for formatters built elsewhere). */
  readonly locale: string;
  /** Looks a key up and fills its placeholders. */
  readonly t: (key: MessageKey, params?: Params) => string;
  /** Label of a metric, e.g. "Memory". */
  readonly metricLabel: (metric: MetricName) => string;
  /** Label of a series key, e.g. "Disk /" or "Receive eth0". */
  readonly seriesLabel: (key: SeriesKey) => string;
  /** A value in its unit, e.g. "42%", "1.5 GiB", "3.2 MB/s"; "—" for no value. */
  readonly formatValue: (unit: Unit, value: number | null | undefined) => string;
  /** A series value in the series' unit. */
  readonly formatSeries: (key: SeriesKey, value: number | null | undefined) => string;
  /** A wall-clock time, with the date when it is not today. */
  readonly formatTime: (ms: number) => string;
  /** A duration in seconds, e.g. "3 d 4 h" (the shared wording of main/shared/format.ts). */
  readonly formatDuration: (seconds: number) => string;
}

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/** Builds the translation functions for a language. */
export function createI18n(lang: Language): I18n {
  const dict = DICTIONARIES[lang];
  const locale = lang === 'ko' ? 'ko-KR' : 'en-GB';
  const timeFmt = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const t = (key: MessageKey, params?: Params): string => fill(dict[key], params);
  const metricLabel = (metric: MetricName): string => sharedMetricLabel(metric, lang);

  const formatValue = (unit: Unit, value: number | null | undefined): string =>
    // A dash rather than the shared "no data" words: a display choice, so an empty card or
    // table cell stays short at 360 px; every real value reads as in the tray and emails.
    value === null || value === undefined || !Number.isFinite(value)
      ? '—'
      : formatUnit(unit, value, lang);

  return {
    lang,
    locale,
    t,
    metricLabel,
    seriesLabel: (key) => {
      const parsed = parseSeriesKey(key);
      if (!parsed) return key;
      const label = metricLabel(parsed.metric);
      return parsed.target === undefined
        ? label
        : `${label} ${parsed.target === '*' ? t('settings.allTargets') : parsed.target}`;
    },
    formatValue,
    formatSeries: (key, value) => {
      const parsed = parseSeriesKey(key);
      return parsed ? formatValue(METRICS[parsed.metric].unit, value) : String(value ?? '—');
    },
    formatTime: (ms) => {
      const d = new Date(ms);
      return d.toDateString() === new Date().toDateString()
        ? timeFmt.format(d)
        : dateTimeFmt.format(d);
    },
    formatDuration: (seconds) => formatDuration(seconds, lang),
  };
}

/** The current language's translation functions. */
export const I18nContext = createContext<I18n>(createI18n('en'));

/** Returns the translation functions of the current language. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey };
