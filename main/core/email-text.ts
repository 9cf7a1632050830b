/**
 * The text of alert emails, in English or Korean: a subject that says host, severity and metric
 * in words, and a plain-text and an HTML body with value, threshold, duration, the top processes
 * for CPU and memory alerts and the dashboard address. Pure: no clock, no I/O.
 */
import type { ProcessInfo, TopProcesses } from '../shared/metrics';
import { METRICS } from '../shared/metrics';
// One formatter for tray, UI and email, so a value reads the same everywhere.
import { alertLabel, formatUnit, formatValue } from './health';
import type { SmtpSettings } from '../shared/settings';
import type { AlertBatch, AlertMessage, BatchContext } from './ports';
import { escapeControl } from '../shared/sanitize';
import { checkRows } from './email-checks';
import { formatDuration as sharedDuration } from '../shared/format';

// The label lives with the other wording in health.ts; re-exported for existing importers.
export { alertLabel } from './health';

/** A rendered email. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Lang = BatchContext['language'];

/** Alerts shown in full in one email; the rest are counted. */
export const MAX_SECTIONS = 50;

const WORDS = {
  en: {
    warning: 'WARNING',
    critical: 'CRITICAL',
    resolved: 'RESOLVED',
    reminder: 'still firing',
    escalated: 'escalated to critical',
    alerts: (n: number) => `${n} alerts`,
    for: (d: string) => `for ${d}`,
    value: 'Value',
    threshold: 'Threshold',
    clear: 'Clear level',
    since: 'Since',
    lasted: 'Lasted',
    topCpu: 'Top processes by CPU',
    topMem: 'Top processes by memory',
    dashboard: 'Dashboard',
    footer: 'Sent by Hostwatch.',
    more: (n: number) => `…and ${n} more alert(s); see the dashboard or the event log.`,
    testSubject: (host: string) => `Test email from ${host}`,
    testBody: (host: string) =>
      `This is a test email from Hostwatch on ${host}. If you can read it, alert emails will reach you.`,
  },
  ko: {
    warning: '경고',
    critical: '심각',
    resolved: '해결됨',
    reminder: '계속 발생 중',
    escalated: '심각으로 상승',
    alerts: (n: number) => `알림 ${n}건`,
    for: (d: string) => `${d} 지속`,
    value: '값',
    threshold: '임계값',
    clear: '해제 기준',
    since: '시작',
    lasted: '지속 시간',
    topCpu: 'CPU 사용 상위 프로세스',
    topMem: '메모리 사용 상위 프로세스',
    dashboard: '대시보드',
    footer: 'Hostwatch가 보낸 메일입니다.',
    more: (n: number) => `…외 알림 ${n}건은 대시보드나 이벤트 기록에서 확인하세요.`,
    testSubject: (host: string) => `${host}에서 보낸 테스트 메일`,
    testBody: (host: string) =>
      `${host}의 Hostwatch가 보낸 테스트 메일입니다. 이 메일이 보이면 알림 메일도 받을 수 있습니다.`,
  },
} as const;

function round1(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/**
 * A duration given in milliseconds, rounded to the second, in the product's one wording
 * ({@link sharedDuration}): `45 s`, `5 min 12 s`, `2 h 5 min`, `3 d 4 h` (or Korean units).
 */
export function formatDuration(ms: number, language: Lang = 'en'): string {
  return sharedDuration(Math.round(ms / 1000), language);
}

/** Header-safe text: no CR/LF or other control characters (they could forge headers). */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

function headline(m: AlertMessage, lang: Lang): string {
  const w = WORDS[lang];
  const label = `${alertLabel(m, lang)} ${formatValue(m.metric, m.value, lang)}`;
  if (m.kind === 'resolved') return label;
  const lasted = formatDuration(m.at - m.since, lang);
  const extra =
    m.kind === 'reminder' ? ` (${w.reminder})` : m.kind === 'escalated' ? ` (${w.escalated})` : '';
  return `${label} ${w.for(lasted)}${extra}`;
}

function word(m: AlertMessage, lang: Lang): string {
  return m.kind === 'resolved' ? WORDS[lang].resolved : WORDS[lang][m.severity];
}

/**
 * The subject: prefix, state word, host, then the alert's name (or a count with a short list).
 * No value or duration: FIRING, reminders, escalation and RESOLVED of one episode differ only in
 * the state word, so mail clients that thread by subject keep them together.
 */
export function renderSubject(batch: AlertBatch, prefix: string): string {
  const lang = batch.context.language;
  const msgs = batch.messages;
  const pre = oneLine(prefix);
  const host = oneLine(batch.context.hostname);
  const lead = (text: string) => oneLine(`${pre ? `${pre} ` : ''}${text}`);
  const first = msgs[0];
  if (!first) return lead(`${host}`);
  if (msgs.length === 1) return lead(`${word(first, lang)} ${host}: ${alertLabel(first, lang)}`);
  const active = msgs.filter((m) => m.kind !== 'resolved');
  const top = active.some((m) => m.severity === 'critical')
    ? WORDS[lang].critical
    : active.length > 0
      ? WORDS[lang].warning
      : WORDS[lang].resolved;
  const ordered = [...active.sort(bySeverity), ...msgs.filter((m) => m.kind === 'resolved')];
  const labels = [...new Set(ordered.map((m) => alertLabel(m, lang)))];
  const shown = labels.slice(0, 2);
  const more = labels.length > 2 ? ', …' : '';
  return lead(`${top} ${host}: ${WORDS[lang].alerts(msgs.length)} (${shown.join(', ')}${more})`);
}

function bySeverity(a: AlertMessage, b: AlertMessage): number {
  return (b.severity === 'critical' ? 1 : 0) - (a.severity === 'critical' ? 1 : 0);
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

interface Section {
  readonly title: string;
  readonly rows: readonly (readonly [string, string])[];
  readonly processes: {
    readonly title: string;
    readonly list: readonly ProcessInfo[];
    readonly by: 'cpu' | 'mem';
  } | null;
}

function section(
  m: AlertMessage,
  lang: Lang,
  procs: TopProcesses | null,
  checks?: BatchContext['checks'],
): Section {
  const w = WORDS[lang];
  const rows: [string, string][] = [
    [w.value, formatValue(m.metric, m.value, lang)],
    [m.kind === 'resolved' ? w.clear : w.threshold, formatValue(m.metric, m.threshold, lang)],
    [w.since, utc(m.since)],
    [w.lasted, formatDuration(m.at - m.since, lang)],
    ...checkRows(m, checks, lang),
  ];
  const family = METRICS[m.metric].family;
  let processes: Section['processes'] = null;
  if (procs && m.kind !== 'resolved') {
    if (family === 'cpu' || family === 'load')
      processes = { title: w.topCpu, list: procs.byCpu.slice(0, 5), by: 'cpu' };
    if (family === 'memory')
      processes = { title: w.topMem, list: procs.byMemory.slice(0, 5), by: 'mem' };
    if (processes && processes.list.length === 0) processes = null;
  }
  return { title: `${word(m, lang)} — ${headline(m, lang)}`, rows, processes };
}

function processLine(p: ProcessInfo, by: 'cpu' | 'mem'): string {
  const load =
    by === 'cpu'
      ? `${round1(p.cpu)}% CPU`
      : `${formatUnit('bytes', p.memBytes, 'en')} (${round1(p.memPct)}%)`;
  return `${p.name} (pid ${p.pid}): ${load}`;
}

/**
 * The batch with every name from the world (host, mount or interface, process) escaped of
 * control characters, so none can forge a line of the body or drive a terminal that shows it.
 */
function safeBatch(batch: AlertBatch): AlertBatch {
  const { context } = batch;
  const procs = context.processes;
  const safeProc = (p: ProcessInfo): ProcessInfo => ({ ...p, name: escapeControl(p.name) });
  return {
    ...batch,
    messages: batch.messages.map((m) =>
      m.target === undefined ? m : { ...m, target: escapeControl(m.target) },
    ),
    context: {
      ...context,
      hostname: escapeControl(context.hostname),
      processes: procs && {
        ...procs,
        byCpu: procs.byCpu.map(safeProc),
        byMemory: procs.byMemory.map(safeProc),
      },
    },
  };
}

/** Renders a batch as subject, plain text and HTML. */
export function renderEmail(
  input: AlertBatch,
  smtp: Pick<SmtpSettings, 'subjectPrefix'>,
): RenderedEmail {
  const batch = safeBatch(input);
  const lang = batch.context.language;
  const w = WORDS[lang];
  // A storm still makes a readable email: the first MAX_SECTIONS in full, then a count.
  const sections = batch.messages
    .slice(0, MAX_SECTIONS)
    .map((m) => section(m, lang, batch.context.processes, batch.context.checks));
  const hidden = batch.messages.length - sections.length;
  const moreLine = hidden > 0 ? WORDS[lang].more(hidden) : '';
  const dash = batch.context.dashboardUrl;
  // The subject is one line already (oneLine turns controls into spaces).
  const subject = renderSubject(input, smtp.subjectPrefix);
  const text = [
    ...sections.flatMap((s) => [
      s.title,
      ...s.rows.map(([k, v]) => `  ${k}: ${v}`),
      ...(s.processes
        ? [
            `  ${s.processes.title}:`,
            ...s.processes.list.map((p) => `    - ${processLine(p, s.processes!.by)}`),
          ]
        : []),
      '',
    ]),
    ...(moreLine ? [moreLine, ''] : []),
    ...(dash ? [`${w.dashboard}: ${dash}`, ''] : []),
    `-- ${w.footer} (${oneLine(batch.context.hostname)})`,
    '',
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif">',
    ...sections.map(
      (s) =>
        `<h3>${escapeHtml(s.title)}</h3><table>${s.rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` +
        (s.processes
          ? `<p>${escapeHtml(s.processes.title)}</p><ul>${s.processes.list.map((p) => `<li>${escapeHtml(processLine(p, s.processes!.by))}</li>`).join('')}</ul>`
          : ''),
    ),
    moreLine ? `<p>${escapeHtml(moreLine)}</p>` : '',
    dash
      ? `<p>${escapeHtml(w.dashboard)}: <a href="${escapeHtml(dash)}">${escapeHtml(dash)}</a></p>`
      : '',
    `<p style="color:#777">${escapeHtml(w.footer)} (${escapeHtml(batch.context.hostname)})</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** Renders the test email (same shape and path as alert emails). */
export function renderTestEmail(
  input: BatchContext,
  smtp: Pick<SmtpSettings, 'subjectPrefix'>,
): RenderedEmail {
  const context = { ...input, hostname: escapeControl(input.hostname) };
  const w = WORDS[context.language];
  const pre = oneLine(smtp.subjectPrefix);
  const subject = oneLine(`${pre ? `${pre} ` : ''}${w.testSubject(input.hostname)}`);
  const dash = context.dashboardUrl ? `\n${w.dashboard}: ${context.dashboardUrl}` : '';
  const text = `${w.testBody(context.hostname)}${dash}\n`;
  const html = `<!doctype html><html lang="${context.language}"><head><meta charset="utf-8"></head><body><p>${escapeHtml(w.testBody(context.hostname))}</p>${
    context.dashboardUrl
      ? `<p><a href="${escapeHtml(context.dashboardUrl)}">${escapeHtml(context.dashboardUrl)}</a></p>`
      : ''
  }</body></html>`;
  return { subject, text, html };
}
