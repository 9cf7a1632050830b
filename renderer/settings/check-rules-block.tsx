/**
 * A check's own rules under its row in Settings → Checks: the rules whose target is the check,
 * edited in place with the rules table's own grid (same validation, same backtest), and what
 * their numbers mean in runs of the check: "down after 3 failures in a row, up again after 2
 * successes", "held 120 s, about 2 runs".
 */
import type { Check } from '../../main/shared/checks';
import type { Rule } from '../../main/shared/settings';
import { useI18n } from '../i18n';
import { RulesGrid } from './rules-table';
import type { SectionProps } from './sections';

/** Props of {@link CheckRulesBlock}. */
export interface CheckRulesBlockProps extends SectionProps {
  readonly check: Check;
}

/** What a rule's numbers mean in runs of its check, or null when the table says it all. */
function inRuns(t: ReturnType<typeof useI18n>['t'], rule: Rule, check: Check, name: string) {
  if (rule.metric === 'check.fail_streak') {
    const down = rule.critical ?? rule.warning;
    if (down === null || !Number.isFinite(down) || rule.clear === null) return null;
    return t('checks.rules.streak', { down, up: Math.max(1, 1 - rule.clear) });
  }
  if (rule.forSeconds > 0 && Number.isFinite(rule.forSeconds)) {
    const runs = Math.max(1, Math.round(rule.forSeconds / check.intervalSeconds));
    return t('checks.rules.held', { name, seconds: rule.forSeconds, runs });
  }
  return null;
}

/** The rules of one check. */
export function CheckRulesBlock({ check, ...props }: CheckRulesBlockProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const indexes = props.draft.rules.flatMap((r, i) => (r.target === check.id ? [i] : []));
  const nameOf = (rule: Rule) => i18n.metricLabel(rule.metric);
  const notes = indexes
    .map((i) => inRuns(t, props.draft.rules[i]!, check, nameOf(props.draft.rules[i]!)))
    .filter((n): n is string => n !== null);
  return (
    <div className="check-rules" data-testid="check-rules" data-check-id={check.id}>
      <p className="check-rules-title">{t('checks.rules.title', { name: check.name })}</p>
      {indexes.length === 0 ? (
        <p className="muted">{t('checks.rules.none')}</p>
      ) : (
        <RulesGrid {...props} indexes={indexes} nameOf={nameOf} idPrefix={`check-${check.id}.`} />
      )}
      {notes.map((n) => (
        <p key={n} className="muted check-rules-note">
          {n}
        </p>
      ))}
    </div>
  );
}
