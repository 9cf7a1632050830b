/**
 * Which series keys `/api/history` answers for, and the refusal in words for the others: a key
 * that names nothing recorded ("Unknown series …; known series are …"), or a check's phase or
 * status code, which are current values only (shared/metrics.ts, `keptInHistory`). The second is
 * refused every time, not only while the latest run happens not to have that phase.
 */
import {
  CHECK_HISTORY_METRICS,
  keptInHistory,
  parseSeriesKey,
  type SeriesKey,
} from '../shared/metrics';

/** Whether `key` is one whose history is kept (an unknown metric counts as kept: it is unknown). */
function kept(key: string): boolean {
  const parsed = parseSeriesKey(key);
  return parsed === undefined || keptInHistory(parsed.metric);
}

const quoted = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(', ');

/**
 * Why the history of `asked` cannot be answered, or null when it can. `recorded` holds the keys
 * with history or a value in the latest snapshot.
 */
export function historyKeysRefusal(
  asked: readonly string[],
  recorded: Iterable<SeriesKey>,
): string | null {
  const current = asked.filter((k) => !kept(k));
  if (current.length > 0) {
    const verb = current.length === 1 ? 'is a current value' : 'are current values';
    return (
      `${quoted(current)} ${verb} only (in /api/status and /metrics); ` +
      `the history of a check keeps ${[...CHECK_HISTORY_METRICS].join(', ')}`
    );
  }
  const known = [...new Set(recorded)].filter(kept).sort();
  const unknown = asked.filter((k) => !known.includes(k));
  if (unknown.length === 0) return null;
  return (
    `Unknown series ${quoted(unknown)}; ` +
    (known.length ? `known series are ${known.join(', ')}` : 'no series has data yet')
  );
}
