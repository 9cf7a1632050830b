/**
 * Logging with electron-log v5: an app log (`hostwatch.log`: start, stop, settings changes,
 * rule transitions, errors) and a metrics log (`metrics.log`: one JSON line per write at the
 * configured cadence), each rotated by size keeping a fixed number of numbered archives.
 *
 * The same factory serves the agent (plain Node, `electron-log/node`) and the Electron shell,
 * which passes its own `electron-log/main` instance. Every message passes a redaction hook, so a
 * password or token that slips into a log call is masked before it reaches any transport.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';
import type { LogFile, LogMessage, NodeLogger } from 'electron-log';
import nodeLog from 'electron-log/node';
import type { Clock, Logger, MetricsLogPort } from '../core/ports';
import type { Snapshot } from '../shared/metrics';
import { escapeControl } from '../shared/sanitize';
import { guardLogFile, type LogProblem } from './log-guard';

/** What can change at run time, from the `logging` settings. */
export interface LoggingConfig {
  /** Rotate a log file past this size. */
  readonly maxFileMB: number;
  /** Rotated archives kept per log. */
  readonly keepFiles: number;
  /** Seconds between metrics-log lines; 0 turns the metrics log off. */
  readonly metricsEverySeconds: number;
}

/** Options of {@link createLogging}. */
export interface LoggingOptions extends Omit<LoggingConfig, 'metricsEverySeconds'> {
  /** Folder of both logs; created when missing. */
  readonly dir: string;
  /** Default 60. */
  readonly metricsEverySeconds?: number;
  /** The electron-log instance to derive the two logs from; default `electron-log/node`. */
  readonly instance?: NodeLogger;
  /** Monotonic time for the metrics cadence; default `performance.now()`. */
  readonly clock?: Pick<Clock, 'monotonic'>;
  /** Lowest level printed on the console; default `warn` (the agent prints its own status line). */
  readonly consoleLevel?: 'error' | 'warn' | 'info' | false;
  /**
   * Told when the logs stop being writable (once per episode) and with null when they work
   * again; monitoring and email go on meanwhile (log-guard.ts).
   */
  readonly onProblem?: (problem: LogProblem | null) => void;
}

/** The logging of one process. */
export interface Logging {
  /** A logger whose lines carry `[name]`, e.g. `scope('sampler')`. One per adapter module. */
  scope(name: string): Logger;
  /** The metrics-log writer; call `write` every tick, it keeps to the cadence. */
  readonly metrics: MetricsLogPort;
  /** Folder of the logs. */
  readonly dir: string;
  /** Full path of the app log. */
  readonly appLogPath: string;
  /** Full path of the metrics log. */
  readonly metricsLogPath: string;
  /** Applies changed logging settings; archives beyond a lowered `keepFiles` are deleted. */
  reconfigure(config: Partial<LoggingConfig>): void;
  /** Flushes and detaches both logs; later calls are dropped. */
  close(): Promise<void>;
}

/** File name of the app log. */
export const APP_LOG_NAME = 'hostwatch.log';
/** File name of the metrics log. */
export const METRICS_LOG_NAME = 'metrics.log';

/** Creates the app and metrics logs in `options.dir`. */
export function createLogging(options: LoggingOptions): Logging {
  const base = options.instance ?? nodeLog;
  let config: LoggingConfig = {
    maxFileMB: options.maxFileMB,
    keepFiles: options.keepFiles,
    metricsEverySeconds: options.metricsEverySeconds ?? 60,
  };
  // The metrics instance is created first: `create()` shares the base error handler and points
  // it at the newest instance, and uncaught errors belong in the app log.
  const metricsLog = base.create({ logId: 'hostwatch-metrics' });
  const appLog = base.create({ logId: 'hostwatch' });
  const appLogPath = join(options.dir, APP_LOG_NAME);
  const metricsLogPath = join(options.dir, METRICS_LOG_NAME);

  setUpFile(appLog, appLogPath, () => config);
  setUpFile(metricsLog, metricsLogPath, () => config);
  const problems = new Map<string, LogProblem>();
  const onProblem = (file: string) => (p: LogProblem | null) => {
    const before = problems.size;
    if (p) problems.set(file, p);
    else problems.delete(file);
    if (before === 0 && p)
      // One line on the console for the whole episode, instead of a stack trace per line.
      console.error(
        `Hostwatch: logs cannot be written to ${p.path} (${p.error}); monitoring and email go on`,
      );
    if (before !== problems.size) options.onProblem?.([...problems.values()][0] ?? null);
  };
  const mono = options.clock ? () => options.clock!.monotonic() : undefined;
  guardLogFile(appLog, appLogPath, onProblem('app'), mono);
  guardLogFile(metricsLog, metricsLogPath, onProblem('metrics'), mono);
  appLog.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}]{scope} {text}';
  metricsLog.transports.file.format = '{text}';
  appLog.transports.console.level = options.consoleLevel ?? 'warn';
  metricsLog.transports.console.level = false;
  for (const log of [appLog, metricsLog]) {
    if (log.transports.remote) log.transports.remote.level = false;
    log.hooks.push(redactHook);
  }

  const clock = options.clock ?? { monotonic: () => performance.now() };
  let lastMetricsAt: number | undefined;
  let closed = false;

  const metrics: MetricsLogPort = {
    write(snapshot) {
      if (closed || config.metricsEverySeconds <= 0) return;
      const now = clock.monotonic();
      // A little slack so a 1 s tick that lands a hair early does not push the line a whole tick late.
      const slackMs = 100;
      if (
        lastMetricsAt !== undefined &&
        now - lastMetricsAt < config.metricsEverySeconds * 1000 - slackMs
      ) {
        return;
      }
      lastMetricsAt = now;
      metricsLog.info(JSON.stringify(metricsLine(snapshot)));
    },
  };

  return {
    scope(name) {
      const scoped = appLog.scope(name);
      return {
        info: (message, ...details) => scoped.info(message, ...details),
        warn: (message, ...details) => scoped.warn(message, ...details),
        error: (message, ...details) => scoped.error(message, ...details),
      };
    },
    metrics,
    dir: options.dir,
    appLogPath,
    metricsLogPath,
    reconfigure(change) {
      config = { ...config, ...change };
      for (const log of [appLog, metricsLog]) {
        log.transports.file.maxSize = maxBytes(config.maxFileMB);
      }
      pruneArchives(appLogPath, config.keepFiles);
      pruneArchives(metricsLogPath, config.keepFiles);
    },
    close() {
      closed = true;
      // Writes are synchronous (`sync: true`), so every line is on disk already; detaching the
      // transports drops lines logged after close instead of reopening the files.
      for (const log of [appLog, metricsLog]) {
        log.transports.file.level = false;
        log.transports.console.level = false;
      }
      return Promise.resolve();
    },
  };
}

function maxBytes(maxFileMB: number): number {
  return Math.max(1, Math.round(maxFileMB * 1024 * 1024));
}

function setUpFile(log: NodeLogger, filePath: string, config: () => LoggingConfig): void {
  const file = log.transports.file;
  file.resolvePathFn = () => filePath;
  file.fileName = parse(filePath).base;
  file.sync = true;
  file.level = 'info';
  file.maxSize = maxBytes(config().maxFileMB);
  file.archiveLogFn = (current: LogFile) => archive(current, config().keepFiles);
}

/** `name.K.ext` for archive K of `name.ext`. */
function archivePath(filePath: string, index: number): string {
  const p = parse(filePath);
  return join(p.dir, `${p.name}.${index}${p.ext}`);
}

/**
 * Rotates `name.log` → `name.1.log`, shifting older archives up and deleting the one past
 * `keep`. electron-log keeps only one `.old` archive by default, and must get the file out of the
 * way synchronously (https://github.com/megahertz/electron-log/blob/master/docs/transports/file.md).
 */
function archive(current: LogFile, keep: number): void {
  const filePath = current.path;
  try {
    rmSync(archivePath(filePath, keep), { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) {
      const from = archivePath(filePath, i);
      if (existsSync(from)) renameSync(from, archivePath(filePath, i + 1));
    }
    renameSync(filePath, archivePath(filePath, 1));
  } catch {
    // Renaming can fail while another process holds the file (Windows); start afresh rather than grow forever.
    current.clear();
  }
}

/** Deletes archives numbered above `keep`. */
function pruneArchives(filePath: string, keep: number): void {
  const p = parse(filePath);
  const pattern = new RegExp(`^${escapeRegExp(p.name)}\\.(\\d+)${escapeRegExp(p.ext)}$`);
  let names: string[];
  try {
    names = readdirSync(p.dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (m && Number(m[1]) > keep) rmSync(join(p.dir, name), { force: true });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The metrics-log line of a snapshot: values, unhealthy families, and the top processes by name. */
function metricsLine(snapshot: Snapshot): Record<string, unknown> {
  const notOk = Object.fromEntries(
    Object.entries(snapshot.families)
      .filter(([, state]) => state.status !== 'ok')
      .map(([family, state]) => [family, state.status]),
  );
  const top = snapshot.processes && {
    cpu: snapshot.processes.byCpu
      .slice(0, 3)
      .map((p) => ({ pid: p.pid, name: p.name, cpu: p.cpu })),
    mem: snapshot.processes.byMemory
      .slice(0, 3)
      .map((p) => ({ pid: p.pid, name: p.name, memPct: p.memPct })),
  };
  // Command lines are left out on purpose: they are long and may carry credentials.
  return {
    time: new Date(snapshot.time).toISOString(),
    values: snapshot.values,
    ...(Object.keys(notOk).length > 0 ? { families: notOk } : {}),
    ...(top ? { top } : {}),
  };
}

// ---- Redaction ----------------------------------------------------------------------------

/** Keys whose values are never logged. */
const SECRET_KEY =
  /pass(word|wd)?$|^pwd$|secret|token|authorization|cookie|api[-_]?key|credential/i;
const MASK = '***';

/** Masks secrets in one string: URL credentials, `key=value` pairs, bearer and SMTP AUTH tokens. */
export function redactText(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]+@/gi, `$1:${MASK}@`)
    .replace(/\b(AUTH\s+(?:PLAIN|LOGIN|XOAUTH2|CRAM-MD5))\s+\S+/gi, `$1 ${MASK}`)
    .replace(
      /\b([\w-]*?(?:pass(?:word|wd)?|pwd|secret|token|authorization|api[-_]?key))(["']?\s*[=:]\s*)(?:(?:Bearer|Basic)\s+)?("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi,
      (_m, key: string, sep: string, value: string) =>
        `${key}${sep}${value.startsWith('"') ? `"${MASK}"` : MASK}`,
    )
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${MASK}`);
}

/** Returns a copy of `value` with secrets masked; the caller's objects are never changed. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  // Control characters escaped too: a CR/LF or ESC in a name must not forge a line or drive a terminal.
  if (typeof value === 'string') return escapeControl(redactText(value));
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 6) return value instanceof Error ? redactError(value) : '[…]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, depth, seen);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && v !== null && v !== undefined && typeof v !== 'boolean'
        ? MASK
        : redact(v, depth + 1, seen);
  }
  return out;
}

function redactError(error: Error, depth = 0, seen = new WeakSet<object>()): Error {
  const copy = new Error(redactText(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactText(error.stack);
  // Extra fields such as nodemailer's `response` or `command` can echo what was sent.
  for (const [key, v] of Object.entries(error)) {
    (copy as unknown as Record<string, unknown>)[key] = SECRET_KEY.test(key)
      ? MASK
      : redact(v, depth + 1, seen);
  }
  return copy;
}

/** electron-log hook: masks secrets in every message before any transport sees it. */
function redactHook(message: LogMessage): LogMessage {
  return { ...message, data: message.data.map((d: unknown) => redact(d)) };
}
