/**
 * Settings → Checks: a table of the endpoint checks (name, kind, target, interval, enabled,
 * last result) with add, edit and remove, and under each check its own rules, editable in place
 * (check-rules-block.tsx). A kept check goes into the settings draft with its
 * default rules (main/shared/check-rules.ts) and is saved with the form's Save button.
 */
import { Fragment, useState } from 'react';
import { addChecks, checkRuleIds } from '../../main/shared/check-rules';
import { describeCheckFailure } from '../../main/shared/check-words';
import type { Check } from '../../main/shared/checks';
import { MAX_CHECKS, TOO_MANY_CHECKS } from '../../main/shared/limits';
import { useI18n } from '../i18n';
import { useLive } from '../state/context';
import { CheckRulesBlock } from './check-rules-block';
import { emptyDraft, toDraft } from './checks-draft';
import { CheckForm } from './checks-form';
import type { SectionProps } from './sections';
import { errorFor, localizeMessage } from './validation';

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; index: number };

/** The target of a check as the table shows it. */
export function checkTarget(c: Pick<Check, 'kind' | 'url' | 'address'>): string {
  return (c.kind === 'http' ? c.url : c.address) ?? '';
}

/** The checks table and its form. */
export function ChecksSection({ draft, update, errors }: SectionProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { status } = useLive();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const checks = draft.checks;
  const rowOf = (id: string) => status?.checks?.find((c) => c.id === id);

  const remove = (index: number) => {
    const id = checks[index]!.id;
    const ruleIds = new Set(Object.values(checkRuleIds(id)));
    update((d) => {
      d.checks.splice(index, 1);
      d.rules = d.rules.filter((r) => !ruleIds.has(r.id));
    });
    setEditing({ kind: 'none' });
  };
  const apply = (check: Check) => {
    update((d) => {
      if (editing.kind === 'edit') d.checks[editing.index] = check;
      const next = addChecks(d, [check]);
      d.checks = next.checks;
      d.rules = next.rules;
    });
    setEditing({ kind: 'none' });
  };
  const lastText = (c: Check): string => {
    const row = rowOf(c.id);
    if (!row?.last) return t('checks.never');
    if (row.last.up) {
      return `● ${t('checks.isUp')} ${t('checks.inMs', { ms: Math.round(row.last.phases.total) })}`;
    }
    return `▲ ${t('checks.isDown')}: ${row.last.failure ? describeCheckFailure(row.last.failure, lang) : ''}`;
  };

  return (
    <fieldset className="section checks-section" data-testid="checks-section">
      <legend>{t('checks.title')}</legend>
      <p className="muted">{t('checks.intro')}</p>
      {[errors.get('checks'), errors.get('rules')].map(
        (e) =>
          e && (
            <p key={e} className="field-error" role="alert">
              ⚠ {e}
            </p>
          ),
      )}
      {checks.length === 0 ? (
        <p className="muted">{t('checks.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="checks-table">
            <thead>
              <tr>
                <th scope="col">{t('checks.col.name')}</th>
                <th scope="col">{t('checks.col.kind')}</th>
                <th scope="col">{t('checks.col.target')}</th>
                <th scope="col">{t('checks.col.interval')}</th>
                <th scope="col">{t('checks.col.enabled')}</th>
                <th scope="col">{t('checks.col.last')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('checks.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c, i) => {
                const error = errorFor(errors, `checks.${i}`);
                return (
                  <Fragment key={c.id}>
                    <tr data-check-id={c.id}>
                      <th scope="row">
                        {c.name}
                        {error && <span className="field-error">⚠ {error}</span>}
                      </th>
                      <td>{c.kind}</td>
                      <td className="check-target">{checkTarget(c)}</td>
                      <td>{i18n.formatDuration(c.intervalSeconds)}</td>
                      <td>{c.enabled ? t('checks.yes') : t('checks.no')}</td>
                      <td data-testid="check-last">{lastText(c)}</td>
                      <td>
                        <div className="buttons">
                          <button
                            type="button"
                            aria-label={t('checks.editNamed', { name: c.name })}
                            onClick={() => setEditing({ kind: 'edit', index: i })}
                          >
                            {t('checks.edit')}
                          </button>
                          <button
                            type="button"
                            aria-label={t('checks.removeNamed', { name: c.name })}
                            onClick={() => remove(i)}
                          >
                            {t('checks.remove')}
                          </button>
                        </div>
                      </td>
                    </tr>
                    <tr className="check-rules-row">
                      <td colSpan={7}>
                        <CheckRulesBlock check={c} draft={draft} update={update} errors={errors} />
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing.kind === 'none' ? (
        <div className="buttons">
          <button
            type="button"
            disabled={checks.length >= MAX_CHECKS}
            onClick={() => setEditing({ kind: 'add' })}
          >
            + {t('checks.add')}
          </button>
          {checks.length >= MAX_CHECKS && (
            <span className="muted">{localizeMessage(i18n, TOO_MANY_CHECKS)}</span>
          )}
        </div>
      ) : (
        <CheckForm
          key={editing.kind === 'edit' ? `edit-${editing.index}` : 'add'}
          initial={editing.kind === 'edit' ? toDraft(checks[editing.index]!) : emptyDraft()}
          editing={editing.kind === 'edit'}
          takenIds={checks
            .filter((_, i) => editing.kind !== 'edit' || i !== editing.index)
            .map((c) => c.id)}
          onApply={apply}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
    </fieldset>
  );
}
