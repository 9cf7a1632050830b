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
} as const;
