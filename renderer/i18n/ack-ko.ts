/**
 * Korean strings of acknowledging from the Events view and of the proof of delivery (issue 11);
 * the keys are those of ack-en.ts.
 */
import type { ackEn } from './ack-en';

export const ackKo: { readonly [K in keyof typeof ackEn]: string } = {
  'ack.doneBy': '{time}에 {by} 확인함',
};
