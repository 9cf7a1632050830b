/**
 * Notice sentences in the UI language, built from a notice's `code` + `params` (see `NoticeCode`
 * in main/shared/contract.ts). A notice without a code (an older engine), with a code this UI
 * does not know (a newer engine) or with params it cannot read is shown as its English message.
 */
import type { Notice, NoticeCode, NoticeParams } from '../../main/shared/contract';
import type { I18n, MessageKey } from '../i18n';
import { describeReasonCode, paramReader } from './event-text';

const CAUSES: Readonly<Record<string, MessageKey>> = {
  unreadable: 'notice.cause.unreadable',
  empty: 'notice.cause.empty',
  'not-json': 'notice.cause.notJson',
  'not-object': 'notice.cause.notObject',
  'not-upgradable': 'notice.cause.notUpgradable',
  'invalid-values': 'notice.cause.invalidValues',
};

const TARGETS: Readonly<Record<string, MessageKey>> = {
  state: 'notice.target.state',
  history: 'notice.target.history',
  events: 'notice.target.events',
};

/**
 * The sentence of a coded notice; null for a code this UI does not know or params it cannot
 * read, so the caller falls back to the English message.
 */
export function describeNoticeCode(
  i18n: I18n,
  code: NoticeCode,
  params: NoticeParams = {},
): string | null {
  const { t } = i18n;
  const { str } = paramReader(i18n, params);
  // An SMTP failure kind, said as the event log says it; `undefined` when there is none.
  const smtp = (): string | null | undefined => {
    const kind = str('smtpCode');
    return kind === null ? undefined : describeReasonCode(i18n, 'smtp', { code: kind });
  };
  const withCause = (sentence: string, cause: string | null | undefined): string | null =>
    cause === undefined
      ? sentence
      : cause === null
        ? null
        : t('notice.because', { notice: sentence, cause });
  switch (code) {
    case 'settings-corrupt': {
      const path = str('path');
      const causeKey = CAUSES[str('cause') ?? ''];
      if (path === null || causeKey === undefined) return null;
      const cause = t(causeKey, { error: str('error') ?? '?', fields: str('fields') ?? '?' });
      const backup = str('backup');
      const kept = backup === null ? t('notice.notKept') : t('notice.kept', { backup });
      return t('notice.settingsCorrupt', { path, cause, kept });
    }
    case 'sampling-failed': {
      const error = str('error');
      return error === null
        ? t('notice.samplingFailedBare')
        : t('notice.samplingFailed', { error });
    }
    case 'email-retrying': {
      const count = params.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
      return withCause(t('notice.emailRetrying', { count }), smtp());
    }
    case 'email-failed':
      return withCause(t('notice.emailFailed'), smtp());
    case 'notifications-unsupported':
      return t('notice.notificationsUnsupported');
    case 'email-not-persisted': {
      const count = params.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
      return t('notice.emailNotPersisted', { count, error: str('error') ?? '?' });
    }
    case 'persistence-failed': {
      const target = TARGETS[str('target') ?? ''];
      const path = str('path');
      if (target === undefined || path === null) return null;
      return t('notice.persistenceFailed', { target: t(target), path, error: str('error') ?? '?' });
    }
    case 'logs-unwritable': {
      const path = str('path');
      if (path === null) return null;
      return t('notice.logsUnwritable', { path, error: str('error') ?? '?' });
    }
    case 'fleet-offline':
      return t('notice.fleetOffline');
    case 'heartbeat-failing': {
      const url = str('url');
      if (url === null) return null;
      return t('notice.heartbeatFailing', { url, error: str('error') ?? '?' });
    }
    case 'cpu-budget': {
      const { meanPercent: mean, budgetPercent: budget, minutes } = params;
      if (typeof mean !== 'number' || typeof budget !== 'number' || typeof minutes !== 'number')
        return null;
      return t('notice.cpuBudget', { mean, budget, minutes });
    }
    default:
      return null;
  }
}

/** The localized text of a notice, from its code when this UI understands it, else its message. */
export function describeNotice(i18n: I18n, n: Notice): string {
  return (n.code === undefined ? null : describeNoticeCode(i18n, n.code, n.params)) ?? n.message;
}
