/**
 * English strings of the backtest, the forecasts and the Prometheus rules download (issues 11
 * and 10), spread into en.ts so their keys are part of the one dictionary.
 */
export const backtestEn = {
  'backtest.heading': 'Over the stored history',
  'backtest.range.24h': 'last 24 hours',
  'backtest.range.7d': 'last 7 days',
  'backtest.rangeLabel': 'Backtest range',
  'backtest.running': 'Checking the stored history…',
  'backtest.failed': 'The backtest did not run: {message}',
  'backtest.noData': 'There is no stored history for this metric in the {range} yet.',
  'backtest.never': 'Would not have fired in the {range}.',
  'backtest.firedOnce':
    'Would have fired once in the {range} ({warning} warning, {critical} critical), longest {longest}.',
  'backtest.fired':
    'Would have fired {count} times in the {range} ({warning} warning, {critical} critical), longest {longest}.',
  'backtest.stillOpen': 'The last one is still going on.',
  'backtest.minuteMax':
    'Before the last hour, each minute counts as its highest value (the history keeps per-minute min/avg/max).',
  'backtest.minuteMin':
    'Before the last hour, each minute counts as its lowest value (the history keeps per-minute min/avg/max).',
  'backtest.approximate':
    'Approximate: "for" ({seconds} s) is shorter than the one-minute resolution of older history.',
  'backtest.coverage': 'The history covers {pct} of the range.',
  'backtest.timeline': 'When it would have fired',
  'backtest.episode': '{severity} from {start} to {end}',
  'backtest.episodeOpen': '{severity} from {start}, still going on',
  'forecast.full': 'full in ~{duration}',
  'forecast.fullNow': 'full now',
  'forecast.level': 'at {level} in ~{duration}',
  'forecast.days': '{n} days',
  'forecast.day': '1 day',
  'forecast.hours': '{n} h',
  'forecast.minutes': '{n} min',
  'forecast.memory': 'Memory',
  'settings.promRules.title': 'Prometheus rules',
  'settings.promRules.text':
    'These alert rules as a Prometheus rules file, for a Prometheus that scrapes this agent’s /metrics. Save the settings first: the file is made from the saved rules.',
  'settings.promRules.download': 'Download Prometheus rules',
  'settings.promRules.failed': 'The rules file could not be made: {message}',
} as const;
