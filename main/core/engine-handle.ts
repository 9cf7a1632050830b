/**
 * What a shell (the Electron tray app or the Node agent) holds of a running engine.
 */
import type { HostwatchApi } from '../shared/contract';
import type { Channel, Logger } from './ports';

/** A running engine as the shells see it. */
export interface EngineHandle {
  /** The contract every UI talks to (IPC and HTTP are derived from it). */
  readonly api: HostwatchApi;
  /** Where settings, history, outbox and logs live. */
  readonly dataDir: string;
  readonly logDir: string;
  /** Starts sampling. */
  start(): Promise<void>;
  /** Stops sampling, flushes history, closes logs. */
  stop(): Promise<void>;
  /** The machine is going to sleep: stop ticking and forget pending timers. */
  suspend(): void;
  /** The machine woke up: resume ticking; pending timers restart. */
  resume(): void;
  /** Adds a delivery channel (e.g. native notifications in the tray app). */
  addChannel(channel: Channel): void;
  /** A scoped logger writing to the app log. */
  logger(scope: string): Logger;
}
