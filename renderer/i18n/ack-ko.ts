/**
 * Korean strings of acknowledging from the Events view and of the proof of delivery (issue 11);
 * the keys are those of ack-en.ts.
 */
import type { ackEn } from './ack-en';

export const ackKo: { readonly [K in keyof typeof ackEn]: string } = {
  'ack.doneBy': '{time}에 {by} 확인함',
  'delivery.heading': '전달 확인',
  'delivery.lastAccepted': '메일 서버가 마지막으로 받은 이메일',
  'delivery.reply': '서버 응답',
  'delivery.messageId': 'Message-ID',
  'delivery.none': '메일 서버가 아직 Hostwatch의 이메일을 받지 않았습니다.',
  'delivery.failing': '{time}부터 전송 실패 중: {reason}',
};
