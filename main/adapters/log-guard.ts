/**
 * Keeps an unwritable logs folder from flooding the console. electron-log prints a stack trace
 * for every line it cannot write (and caches a dead file for a path whose first write failed, so
 * logging would never resume). This guard checks the folder before the file transport sees a
 * message while logging is known to fail, drops file lines until the folder takes a write again,
 * swallows electron-log's per-line complaints, and reports the problem once per episode.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogMessage, NodeLogger } from 'electron-log';
import { errorCode } from '../core/persistence-health';

/** The logs' current problem: which file, and why. */
export interface LogProblem {
  readonly path: string;
  readonly error: string;
}

/** How often a failing folder is probed again. */
const PROBE_EVERY_MS = 2_000;

/** What electron-log's file transport prefixes to its own complaints on the console. */
const FILE_COMPLAINT = 'electron-log.transports.file:';

/**
 * Guards `log`'s file transport writing to `path`; `report` gets the problem when logging stops
 * working and null when it works again.
 */
export function guardLogFile(
  log: NodeLogger,
  path: string,
  report: (problem: LogProblem | null) => void,
  monotonic: () => number = () => performance.now(),
): void {
  // Unknown at first: probe before the first line, so electron-log never caches a dead file.
  let state: 'unknown' | 'ok' | 'failing' = 'unknown';
  let lastProbe = -Infinity;
  // While failing, the folder is probed on a timer too, so the problem clears (and the notice
  // with it) even when nothing is logged for a while.
  let timer: ReturnType<typeof setInterval> | undefined;

  const fail = (err: unknown): void => {
    const was = state;
    state = 'failing';
    lastProbe = monotonic();
    if (was !== 'failing') {
      report({ path, error: errorCode(err) });
      timer ??= setInterval(() => {
        if (state === 'failing') probe();
      }, PROBE_EVERY_MS);
      timer.unref();
    }
  };
  const probe = (): boolean => {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      appendFileSync(path, '', { mode: 0o600 });
    } catch (err) {
      fail(err);
      return false;
    }
    if (state === 'failing') report(null);
    state = 'ok';
    clearInterval(timer);
    timer = undefined;
    return true;
  };

  log.hooks.push((message: LogMessage, _transport?: unknown, name?: string) => {
    if (name !== 'file') return message;
    if (state === 'ok') return message;
    if (state === 'failing' && monotonic() - lastProbe < PROBE_EVERY_MS) return false;
    return probe() ? message : false;
  });

  const consoleWrite = log.transports.console.writeFn.bind(log.transports.console);
  log.transports.console.writeFn = (options) => {
    const first: unknown = options.message.data[0];
    if (typeof first === 'string' && first.startsWith(FILE_COMPLAINT)) {
      // A write failed after the probe passed (a full disk takes an empty append): one report.
      const err: unknown = options.message.data[1];
      fail(err ?? new Error(first));
      return;
    }
    consoleWrite(options);
  };
}
