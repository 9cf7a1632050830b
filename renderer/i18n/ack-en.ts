/**
 * English strings of acknowledging from the Events view and of the proof of delivery (issue 11),
 * spread into en.ts so their keys are part of the one dictionary.
 */
export const ackEn = {
  'ack.doneBy': 'Acknowledged {by} at {time}',
};
