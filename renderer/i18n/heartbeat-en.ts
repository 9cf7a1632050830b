/** English strings of Settings → Heartbeat (issue 11), spread into en.ts. */
export const heartbeatEn = {
  'heartbeat.heading': 'Heartbeat',
  'heartbeat.intro':
    'Tells you the monitor itself is alive: a daily summary email, and a ping to a dead-man’s-switch service such as healthchecks.io.',
  'heartbeat.emailEnabled': 'Send a daily summary email',
  'heartbeat.emailHint': 'All is well, or the open problems; needs email (SMTP) set up.',
  'heartbeat.hour': 'Hour of the day (0–23, local time)',
  'heartbeat.urlEnabled': 'Ping a heartbeat URL',
  'heartbeat.urlHint':
    'Not pinged while the health is critical or sampling is paused, so the service raises the alarm.',
  'heartbeat.url': 'Heartbeat URL (http or https)',
  'heartbeat.intervalMinutes': 'Every (minutes, 1–1440)',
  'error.heartbeatUrlRequired': 'Enter the heartbeat URL, or turn the heartbeat ping off',
  // The schema's own words for each field (main/shared/settings.ts), matched by their English.
  'error.heartbeatHour': 'Write the hour as a whole number from 0 to 23, e.g. 8 for 08:00',
  'error.heartbeatUrl': 'The heartbeat URL must start with https:// or http://',
  'error.heartbeatInterval': 'Write the interval in whole minutes from 1 to 1440 (one day), e.g. 5',
} as const;
