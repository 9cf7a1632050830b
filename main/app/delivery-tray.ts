/**
 * Proof of delivery in the tray app (issue 11): a tooltip line with the last email the SMTP server
 * accepted (or since when sending fails), and the words of the native notification raised when
 * alert emails have been failing for longer than the threshold (the `email-failing` notice).
 */
import type { DeliveryProof } from '../shared/contract';
import type { Language } from '../core/health';

/** Windows truncates tray tooltips past 127 UTF-16 units (NOTIFYICONDATA.szTip is 128). */
const TOOLTIP_MAX = 127;

const EN = {
  accepted: (time: string) => `Last email accepted ${time}`,
  failing: (time: string) => `Email failing since ${time}`,
  failingTitle: 'Alert emails are not getting through',
  failingBody: (minutes: number, reason: string) =>
    `Sending has failed for ${minutes} min: ${reason}. Check Settings → Email.`,
};

const KO: typeof EN = {
  accepted: (time: string) => `마지막 이메일 전달 ${time}`,
  failing: (time: string) => `${time}부터 이메일 전송 실패`,
  failingTitle: '경보 이메일이 전달되지 않습니다',
  failingBody: (minutes: number, reason: string) =>
    `${minutes}분 동안 전송에 실패했습니다: ${reason}. 설정 → 이메일을 확인하세요.`,
};

/** The delivery words in a language. */
export function deliveryStrings(language: Language): typeof EN {
  return language === 'ko' ? KO : EN;
}

/**
 * The tooltip with a second line about email delivery; the line is left out when there is no
 * email channel, nothing was sent yet, or it would push the tooltip past what Windows shows.
 */
export function withDeliveryLine(
  tooltip: string,
  delivery: DeliveryProof | undefined,
  language: Language,
): string {
  if (!delivery) return tooltip;
  const s = deliveryStrings(language);
  const time = (ms: number): string =>
    new Date(ms).toLocaleTimeString(language, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  const line = delivery.failing
    ? s.failing(time(delivery.failing.since))
    : delivery.lastAccepted
      ? s.accepted(time(delivery.lastAccepted.time))
      : null;
  if (line === null) return tooltip;
  const both = `${tooltip}\n${line}`;
  return both.length <= TOOLTIP_MAX ? both : tooltip;
}
