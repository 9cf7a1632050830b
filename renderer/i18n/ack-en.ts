/**
 * English strings of acknowledging from the Events view and of the proof of delivery (issue 11),
 * spread into en.ts so their keys are part of the one dictionary.
 */
export const ackEn = {
  'ack.doneBy': 'Acknowledged {by} at {time}',
  'delivery.heading': 'Proof of delivery',
  'delivery.lastAccepted': 'Last email the mail server accepted',
  'delivery.reply': "The server's answer",
  'delivery.messageId': 'Message-ID',
  'delivery.none': 'The mail server has not accepted any email from Hostwatch yet.',
  'delivery.failing': 'Sending has been failing since {time}: {reason}',
};
