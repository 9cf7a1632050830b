/**
 * The daily heartbeat email's text (issue 11): "all is well" or the open problems, what is
 * acknowledged, the last email the SMTP server confirmed, and how long the engine has run — in
 * the settings language. Pure; the adapter queues it in the outbox like any alert email.
 */
import type { DeliveryProof, Status } from '../shared/contract';
import type { Language } from '../shared/format';
import { describeAlert } from './health';
import { escapeHtml, formatDuration, oneLine, type RenderedEmail } from './email-text';

const WORDS = {
  en: {
    subjectOk: (host: string) => `All is well on ${host}`,
    subjectProblems: (host: string, n: number) => `${n} open problem(s) on ${host}`,
    health: 'Health',
    healthWords: { ok: 'OK', warning: 'WARNING', critical: 'CRITICAL', unknown: 'UNKNOWN' },
    allWell: 'Nothing is firing.',
    firing: 'Firing',
    acknowledged: (when: string) => `acknowledged ${when}`,
    lastDelivery: 'Last email confirmed by the server',
    noDelivery: 'none yet since the start',
    failing: (since: string, why: string) => `Sending fails since ${since}: ${why}`,
    uptime: 'Running for',
    paused: 'Sampling is paused.',
    footer: 'Daily heartbeat sent by Hostwatch.',
  },
  ko: {
    subjectOk: (host: string) => `${host} 정상`,
    subjectProblems: (host: string, n: number) => `${host} 미해결 문제 ${n}건`,
    health: '상태',
    healthWords: { ok: '정상', warning: '경고', critical: '심각', unknown: '알 수 없음' },
    allWell: '발생 중인 알림이 없습니다.',
    firing: '발생 중',
    acknowledged: (when: string) => `${when} 확인됨`,
    lastDelivery: '서버가 마지막으로 수신 확인한 메일',
    noDelivery: '시작 이후 아직 없음',
    failing: (since: string, why: string) => `${since}부터 전송 실패: ${why}`,
    uptime: '실행 시간',
    paused: '수집이 일시 중지되었습니다.',
    footer: 'Hostwatch가 매일 보내는 상태 메일입니다.',
  },
} as const;

/** What the heartbeat email needs besides the status. */
export interface HeartbeatEmailContext {
  readonly hostname: string;
  readonly language: Language;
  readonly subjectPrefix: string;
  readonly dashboardUrl: string;
  /** Wall-clock ms of the email. */
  readonly now: number;
}

/** Renders the daily heartbeat email from the current status. */
export function renderHeartbeatEmail(
  status: Status,
  delivery: DeliveryProof | undefined,
  ctx: HeartbeatEmailContext,
): RenderedEmail {
  const w = WORDS[ctx.language];
  const lang = ctx.language;
  const firing = status.alerts.filter((a) => a.state === 'firing');
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
  const pre = oneLine(ctx.subjectPrefix);
  const host = oneLine(ctx.hostname);
  const title = firing.length ? w.subjectProblems(host, firing.length) : w.subjectOk(host);
  const subject = oneLine(`${pre ? `${pre} ` : ''}${title}`);
  const lines: string[] = [`${w.health}: ${w.healthWords[status.health]}`];
  if (status.paused) lines.push(w.paused);
  if (firing.length === 0) lines.push(w.allWell);
  else {
    lines.push(`${w.firing}:`);
    for (const a of firing) {
      const ack = a.acknowledged ? ` (${w.acknowledged(iso(a.acknowledged.time))})` : '';
      lines.push(`- ${w.healthWords[a.severity]} ${describeAlert(a, lang)}${ack}`);
    }
  }
  const last = delivery?.lastAccepted;
  lines.push(
    `${w.lastDelivery}: ${last ? `${iso(last.time)} — ${oneLine(last.response)}` : w.noDelivery}`,
  );
  if (delivery?.failing)
    lines.push(w.failing(iso(delivery.failing.since), oneLine(delivery.failing.reason)));
  lines.push(`${w.uptime}: ${formatDuration(ctx.now - status.startedAt, lang)}`);
  if (ctx.dashboardUrl) lines.push(ctx.dashboardUrl);
  const text = `${lines.join('\n')}\n\n${w.footer} (${host})\n`;
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>${lines
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join(
      '',
    )}<p style="color:#777">${escapeHtml(w.footer)} (${escapeHtml(host)})</p></body></html>`;
  return { subject, text, html };
}
