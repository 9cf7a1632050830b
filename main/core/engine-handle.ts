/**
 * What a shell (the Electron tray app or the Node agent) holds of a running engine.
 */
import type { HostwatchApi } from '../shared/contract';
import type { EngineApi } from './engine-api';
import type { Channel, Logger } from './ports';

/** A running engine as the shells see it. */
export interface EngineHandle {
  /** One handler per operation, with parsed input: IPC and HTTP are generated from it. */
  readonly operations: EngineApi;
  /** The contract for in-process callers (tray menu, notifications): input parsed, then handled. */
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
