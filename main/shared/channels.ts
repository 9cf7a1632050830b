/**
 * Operation and push-event names, free of zod so the sandboxed preload stays small. The contract
 * (contract.ts) checks at compile time that these names are exactly its operations.
 */

/** Every operation of the contract, by name. */
export const OPERATION_NAMES = [
  'getStatus',
  'getFleet',
  'getHistory',
  'getEvents',
  'getSettings',
  'saveSettings',
  'sendTestEmail',
  'snooze',
  'setMaintenance',
  'setPaused',
  // Backtest and forecast (issue 11), Prometheus rules download (issue 10).
  'backtest',
  'exportRules',
  // acknowledge
  'acknowledge',
  'unacknowledge',
  // Alertmanager as a source (issue 10).
  'silence',
  // Endpoint checks (issue 9).
  'runCheck',
  'resolveCheckHost',
  // Settings → Servers: "Test connection"
  'testConnection',
  'testAlertmanager',
] as const;

/** Every push event of the contract, by name. */
export const PUSH_EVENT_NAMES = ['status', 'event', 'fleet'] as const;

/** Path of the HTTP transport's server-sent event stream of every push event. */
export const STREAM_PATH = '/api/stream';

/** IPC channel of an operation or push event; the only place channel strings are made. */
export function ipcChannel(
  name: (typeof OPERATION_NAMES)[number] | (typeof PUSH_EVENT_NAMES)[number],
): string {
  return `hostwatch:${name}`;
}

/**
 * IPC channel on which the tray window says which watched host it shows (or null for none):
 * main then follows that host with the full stream and pushes its statuses (app/ipc.ts).
 */
export const SHOW_HOST_CHANNEL = 'hostwatch:show-host';

/**
 * IPC channel on which the tray window's preload asks for a full status of one host again (it
 * holds none, or a delta did not fit its number): main answers with a `full` status push.
 */
export const STATUS_RESYNC_CHANNEL = 'hostwatch:status-resync';
