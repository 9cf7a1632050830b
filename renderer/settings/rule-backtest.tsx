/**
 * What the rule being edited would have done over the stored history: the backtest sentence
 * ("would have fired 3 times in the last 7 days (2 warning, 1 critical), longest 40 min"), the
 * notes on how older minutes were read, and a small timeline of the episodes drawn over the
 * metric's chart. Asked again (debounced) whenever the rule's numbers change; the engine runs
 * the real rule state machine (main/core/backtest.ts), the UI only draws its answer.
 */
import { useEffect, useState } from 'react';
import type { BacktestAnswer, HistorySeries } from '../../main/shared/contract';
import { BACKTEST_RANGES } from '../../main/shared/contract';
import { METRICS, parseSeriesKey, seriesKey } from '../../main/shared/metrics';
import { ruleSchema, type Rule } from '../../main/shared/settings';
import { useI18n, type I18n } from '../i18n';
import { useApi } from '../state/context';

/** Wait after the last change before asking, so typing "95" asks once, not for "9" and "95". */
export const BACKTEST_DEBOUNCE_MS = 400;

type BacktestRange = (typeof BACKTEST_RANGES)[number];

/** Props of {@link RuleBacktest}. */
export interface RuleBacktestProps {
  readonly rule: Rule;
  /** The rule's name as the table shows it. */
  readonly name: string;
}

/** The backtest sentence of an answer, in the UI language. */
export function backtestSentence(i18n: I18n, a: BacktestAnswer): string {
  const range = i18n.t(`backtest.range.${a.range}`);
  if (a.resolution === 'none') return i18n.t('backtest.noData', { range });
  if (a.fired === 0) return i18n.t('backtest.never', { range });
  const params = {
    count: a.fired,
    range,
    warning: a.warning,
    critical: a.critical,
    longest: roughDuration(i18n, a.longestMs / 1000),
  };
  return i18n.t(a.fired === 1 ? 'backtest.firedOnce' : 'backtest.fired', params);
}

/** A duration rounded for a sentence: "40 min", "5 h", "3 days". */
export function roughDuration(i18n: I18n, seconds: number): string {
  const s = Math.max(0, seconds);
  if (s >= 2 * 86_400) return i18n.t('forecast.days', { n: Math.round(s / 86_400) });
  if (s >= 86_400) return i18n.t('forecast.day');
  if (s >= 2 * 3_600) return i18n.t('forecast.hours', { n: Math.round(s / 3_600) });
  return i18n.t('forecast.minutes', { n: Math.max(1, Math.round(s / 60)) });
}

/** The backtest of one rule, with its range picker, notes and timeline. */
export function RuleBacktest({ rule, name }: RuleBacktestProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [range, setRange] = useState<BacktestRange>('7d');
  const [answer, setAnswer] = useState<BacktestAnswer | null>(null);
  const [chart, setChart] = useState<HistorySeries | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The rule as text: a new object with the same numbers must not ask again.
  const ruleText = JSON.stringify(rule);
  const valid = ruleSchema.safeParse(rule).success;

  useEffect(() => {
    if (!valid) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const parsed = JSON.parse(ruleText) as Rule;
      void api.backtest({ rule: parsed, range }).then((r) => {
        if (cancelled) return;
        if (!r.ok) {
          setError(r.error.message);
          setAnswer(null);
          return;
        }
        setError(null);
        setAnswer(r.value);
        // No data in the range (e.g. a check that has not run yet): no series to ask for, and
        // the history API would refuse a key it has never recorded.
        const key = r.value.resolution === 'none' ? null : chartKey(parsed, r.value);
        if (!key) return setChart(null);
        void api.getHistory({ metric: [key], range }).then((h) => {
          if (!cancelled) setChart(h.ok ? (h.value.series[0] ?? null) : null);
        });
      });
    }, BACKTEST_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, ruleText, range, valid]);

  return (
    <div className="rule-backtest" data-testid="rule-backtest" data-rule={rule.id}>
      <div className="rule-backtest-head">
        <h3>
          {name}: {t('backtest.heading')}
        </h3>
        <label>
          <span className="visually-hidden">{t('backtest.rangeLabel')}</span>
          <select
            aria-label={t('backtest.rangeLabel')}
            value={range}
            onChange={(e) => setRange(e.target.value as BacktestRange)}
          >
            {BACKTEST_RANGES.map((r) => (
              <option key={r} value={r}>
                {t(`backtest.range.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="backtest-sentence" data-testid="backtest-sentence" aria-live="polite">
        {error !== null
          ? t('backtest.failed', { message: error })
          : answer === null
            ? t('backtest.running')
            : backtestSentence(i18n, answer)}
      </p>
      {answer && error === null && <BacktestNotes answer={answer} rule={rule} />}
      {answer && error === null && answer.resolution !== 'none' && (
        <EpisodeTimeline answer={answer} chart={chart} rule={rule} />
      )}
    </div>
  );
}

/** How the minutes were read, approximations and coverage: said under the number. */
function BacktestNotes({ answer, rule }: { answer: BacktestAnswer; rule: Rule }) {
  const { t } = useI18n();
  const i18n = useI18n();
  const usedMinutes = answer.resolution === 'minute' || answer.resolution === 'mixed';
  const open = answer.episodes.some((e) => e.end === null);
  return (
    <ul className="backtest-notes muted" data-testid="backtest-notes">
      {usedMinutes && (
        <li data-testid="backtest-minute-note">
          {t(answer.minuteValue === 'max' ? 'backtest.minuteMax' : 'backtest.minuteMin')}
        </li>
      )}
      {answer.approximate && (
        <li data-testid="backtest-approximate">
          {t('backtest.approximate', { seconds: rule.forSeconds })}
        </li>
      )}
      {open && <li>{t('backtest.stillOpen')}</li>}
      <li>{t('backtest.coverage', { pct: i18n.formatValue('percent', answer.coverage * 100) })}</li>
    </ul>
  );
}

const W = 600;
const H = 60;

/** The metric's line over the range (each minute's max or min, as the backtest read it) with the episodes as bands. */
function EpisodeTimeline({
  answer,
  chart,
  rule,
}: {
  answer: BacktestAnswer;
  chart: HistorySeries | null;
  rule: Rule;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const span = answer.to - answer.from;
  const x = (ms: number) =>
    ((Math.min(answer.to, Math.max(answer.from, ms)) - answer.from) / span) * W;
  const values = chart ? ((answer.minuteValue === 'max' ? chart.max : chart.min) ?? chart.avg) : [];
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const levels = [rule.warning, rule.critical].filter((v): v is number => v !== null);
  const top = METRICS[rule.metric].unit === 'percent' ? 100 : Math.max(1e-9, ...finite, ...levels);
  const y = (v: number) => H - 2 - (Math.min(v, top) / top) * (H - 4);
  const path: string[] = [];
  if (chart) {
    let pen = false;
    chart.t.forEach((ms, i) => {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) return void (pen = false);
      path.push(`${pen ? 'L' : 'M'}${x(ms).toFixed(1)},${y(v).toFixed(1)}`);
      pen = true;
    });
  }
  return (
    <figure className="backtest-timeline">
      <figcaption className="visually-hidden">{t('backtest.timeline')}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('backtest.timeline')}
        data-testid="backtest-timeline"
      >
        {answer.episodes.map((e, i) => (
          <rect
            key={`${e.series}-${e.start}-${i}`}
            className={`episode episode-${e.severity}`}
            data-testid="backtest-episode"
            x={x(e.start)}
            y={0}
            width={Math.max(2, x(e.end ?? answer.to) - x(e.start))}
            height={H}
          >
            <title>
              {e.end === null
                ? t('backtest.episodeOpen', {
                    severity: t(`health.${e.severity}`),
                    start: i18n.formatTime(e.start),
                  })
                : t('backtest.episode', {
                    severity: t(`health.${e.severity}`),
                    start: i18n.formatTime(e.start),
                    end: i18n.formatTime(e.end),
                  })}
            </title>
          </rect>
        ))}
        {levels.map((l) => (
          <line key={l} className="backtest-level" x1={0} x2={W} y1={y(l)} y2={y(l)} />
        ))}
        {path.length > 0 && <path className="backtest-line" d={path.join(' ')} />}
      </svg>
    </figure>
  );
}

/** The series to draw: the rule's own, or for "every mount" the first one that fired. */
function chartKey(rule: Rule, answer: BacktestAnswer): string | null {
  if (!METRICS[rule.metric].targeted) return seriesKey(rule.metric);
  if (rule.target !== undefined && rule.target !== '*') return seriesKey(rule.metric, rule.target);
  const first = answer.episodes[0]?.series;
  return first && parseSeriesKey(first) ? first : null;
}
