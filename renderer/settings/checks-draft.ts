/**
 * The check form's state and its validation: every option as the user types it, turned into a
 * check with the shared schema (main/shared/checks.ts); each issue in the UI language, keyed by
 * the check's field. Also the link-local / metadata warning, with the runner's own rule.
 */
import {
  checkSchema,
  splitHostPort,
  type Check,
  type CheckInput,
  type CheckKind,
} from '../../main/shared/checks';
import { DICTIONARIES, type I18n, type MessageKey } from '../i18n';
import { localizeIssue, type FieldErrors } from './validation';

/** Every option of one check, as the form holds it. */
export interface CheckDraft {
  id: string;
  name: string;
  kind: CheckKind;
  url: string;
  address: string;
  method: 'GET' | 'HEAD';
  /** e.g. `200-399, 404`. */
  accepted: string;
  maxRedirects: number;
  keyword: string;
  keywordMode: 'contains' | 'absent';
  bodyLimitKiB: number;
  intervalSeconds: number;
  timeoutSeconds: number;
  ipFamily: 'any' | '4' | '6';
  acceptInvalidCert: boolean;
  caFile: string;
  headerName: string;
  headerValue: string;
  enabled: boolean;
  allowPrivateTarget: boolean;
}

/** The form's draft of a new check. */
export function emptyDraft(): CheckDraft {
  return toDraft(
    checkSchema.parse({ id: 'new', name: 'new', kind: 'http', url: 'https://example.com/' }),
    { id: '', name: '', url: '' },
  );
}

/** A saved check as the form edits it. */
export function toDraft(c: Check, override: Partial<CheckDraft> = {}): CheckDraft {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    url: c.url ?? '',
    address: c.address ?? '',
    method: c.method,
    accepted: c.acceptedStatus
      .map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`))
      .join(', '),
    maxRedirects: c.maxRedirects,
    keyword: c.keyword ?? '',
    keywordMode: c.keywordMode,
    bodyLimitKiB: c.bodyLimitBytes / 1024,
    intervalSeconds: c.intervalSeconds,
    timeoutSeconds: c.timeoutSeconds,
    ipFamily: c.ipFamily,
    acceptInvalidCert: c.acceptInvalidCert,
    caFile: c.caFile ?? '',
    headerName: c.header?.name ?? '',
    headerValue: c.header?.value ?? '',
    enabled: c.enabled,
    allowPrivateTarget: c.allowPrivateTarget,
    ...override,
  };
}

/** `200-399, 404` as ranges; undefined when it is not that shape. */
export function parseAccepted(text: string): { from: number; to: number }[] | undefined {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  const out: { from: number; to: number }[] = [];
  for (const p of parts) {
    const m = /^(\d{3})(?:\s*[-–]\s*(\d{3}))?$/.exec(p);
    if (!m) return undefined;
    out.push({ from: Number(m[1]), to: Number(m[2] ?? m[1]) });
  }
  return out;
}

/** The draft as the schema's input (numbers that are not numbers stay NaN: the schema says so). */
function toInput(d: CheckDraft, accepted: { from: number; to: number }[]): CheckInput {
  const http = d.kind === 'http';
  return {
    id: d.id.trim(),
    name: d.name,
    kind: d.kind,
    ...(http ? { url: d.url.trim() } : { address: d.address.trim() }),
    method: d.method,
    acceptedStatus: accepted,
    maxRedirects: d.maxRedirects,
    ...(http && d.keyword !== '' ? { keyword: d.keyword } : {}),
    keywordMode: d.keywordMode,
    bodyLimitBytes: Number.isFinite(d.bodyLimitKiB)
      ? Math.round(d.bodyLimitKiB * 1024)
      : Number.NaN,
    intervalSeconds: d.intervalSeconds,
    timeoutSeconds: d.timeoutSeconds,
    ipFamily: d.ipFamily,
    acceptInvalidCert: d.acceptInvalidCert,
    ...(d.caFile.trim() !== '' ? { caFile: d.caFile.trim() } : {}),
    ...(http && d.headerName.trim() !== ''
      ? { header: { name: d.headerName.trim(), value: d.headerValue } }
      : {}),
    enabled: d.enabled,
    allowPrivateTarget: d.allowPrivateTarget,
  };
}

/** Form field of each schema path (the body limit is typed in KiB, the codes as one text). */
const FIELD_OF: Readonly<Record<string, keyof CheckDraft>> = {
  acceptedStatus: 'accepted',
  bodyLimitBytes: 'bodyLimitKiB',
  'header.name': 'headerName',
  'header.value': 'headerValue',
};

/** The dictionary key whose English is exactly a schema message, if there is one. */
function knownMessage(message: string): MessageKey | undefined {
  const en = DICTIONARIES.en;
  return (Object.keys(en) as MessageKey[]).find(
    (k) => k.startsWith('error.check.') && en[k] === message,
  );
}

/** Validates a draft; `takenIds` are the other checks' ids. */
export function validateCheckDraft(
  i18n: I18n,
  d: CheckDraft,
  takenIds: readonly string[],
): { ok: true; value: Check; errors: FieldErrors } | { ok: false; errors: FieldErrors } {
  const errors = new Map<string, string>();
  const accepted = parseAccepted(d.accepted);
  if (d.kind === 'http' && !accepted) errors.set('accepted', i18n.t('checks.error.accepted'));
  if (d.kind === 'http' && d.headerName.trim() !== '' && d.headerValue === '') {
    errors.set('headerValue', i18n.t('checks.error.headerValue'));
  }
  if (takenIds.includes(d.id.trim())) errors.set('id', i18n.t('checks.error.idTaken'));
  const parsed = checkSchema.safeParse(toInput(d, accepted ?? [{ from: 200, to: 399 }]));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const field = FIELD_OF[path] ?? FIELD_OF[path.replace(/\.\d+.*$/, '')] ?? path.split('.')[0]!;
      if (errors.has(field)) continue;
      const key = knownMessage(issue.message);
      errors.set(field, key ? i18n.t(key) : localizeIssue(i18n, issue));
    }
  }
  if (errors.size > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data, errors };
}

/** The host a draft targets (brackets of an IPv6 address removed), or undefined. */
export function draftHost(d: CheckDraft): string | undefined {
  let host: string | undefined;
  if (d.kind === 'http') {
    host = URL.canParse(d.url.trim()) ? new URL(d.url.trim()).hostname : undefined;
  } else {
    host = splitHostPort(d.address.trim())?.host;
  }
  return host ? host.replace(/^\[|\]$/g, '') : undefined;
}

/** Whether a host is written as an IPv4 or IPv6 address (so it needs no lookup). */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
