/**
 * The event log: the newest events in memory for the UI, each also appended as one JSON line to
 * `events.jsonl` so the log survives a restart. The file is bounded: once it holds about twice
 * the kept number of lines it is rewritten (atomically) with the newest ones.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Clock, EventLogPort, EventSink, Logger } from '../core/ports';
import { LOCAL_HOST_ID, type EventRecord } from '../shared/contract';
import { errorCode, type PersistProblem } from '../core/persistence-health';

/** File name of the event log inside the data folder. */
export const EVENT_LOG_NAME = 'events.jsonl';

/** Options of {@link createEventLog}. */
export interface EventLogOptions {
  /** Data folder; the log is `<dir>/events.jsonl`. Created when missing. */
  readonly dir?: string;
  /** Full path of the log file instead of `dir` (wins when both are given). */
  readonly path?: string;
  /** Events kept in memory and after compaction; default 2000. */
  readonly capacity?: number;
  /** Scoped logger for file problems. */
  readonly logger?: Logger;
}

/** The event log with its file location. */
export interface EventLog extends EventLogPort {
  readonly path: string;
  /** Number of events held in memory. */
  readonly size: number;
}

/** Opens the event log, reloading the newest events from its file (a torn last line is skipped). */
export function createEventLog(options: EventLogOptions): EventLog {
  const capacity = options.capacity ?? 2000;
  if (options.path === undefined && options.dir === undefined) {
    throw new TypeError('createEventLog needs a dir or a path');
  }
  const path = options.path ?? join(options.dir ?? '', EVENT_LOG_NAME);
  const dir = dirname(path);
  const logger = options.logger;
  let events: EventRecord[] = [];
  let lines = 0;
  let problem: PersistProblem | null = null;
  let dirReady = false;

  const loaded = load(path, logger);
  events = loaded.events.slice(-capacity);
  lines = loaded.lines;
  // A torn or invalid line would glue itself to the next append; rewrite the file clean.
  if (loaded.damaged || lines > 2 * capacity) compact();

  function compact(): void {
    const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
    try {
      mkdirSync(dir, { recursive: true });
      writeFileAtomic.sync(path, text, { mode: 0o600 });
      lines = events.length;
    } catch (e) {
      logger?.warn(`could not compact the event log ${path}`, e);
    }
  }

  return {
    path,
    get size() {
      return events.length;
    },
    problem: () => problem,

    append(event) {
      events.push(event);
      if (events.length > capacity) events.splice(0, events.length - capacity);
      try {
        if (!dirReady) mkdirSync(dir, { recursive: true });
        dirReady = true;
        appendFileSync(path, `${JSON.stringify(event)}\n`, { mode: 0o600 });
        lines += 1;
        if (problem) {
          logger?.info(`writing the event log ${path} works again`);
          // The events kept in memory meanwhile reach the file too.
          problem = null;
          compact();
        }
      } catch (e) {
        // Keep the event in memory and say so once, not once per event.
        if (!problem)
          logger?.warn(`could not write the event log ${path}; events are kept in memory only`, e);
        problem = { path, error: errorCode(e), since: problem?.since ?? event.time };
        return;
      }
      if (lines > 2 * capacity) compact();
    },

    recent({ limit, severity, metric }) {
      const out: EventRecord[] = [];
      for (let i = events.length - 1; i >= 0 && out.length < limit; i -= 1) {
        const e = events[i];
        if (!e) continue;
        if (severity !== undefined && e.severity !== severity) continue;
        if (metric !== undefined && !(e.metric?.startsWith(metric) || e.series?.startsWith(metric)))
          continue;
        out.push(e);
      }
      return out;
    },
  };
}

function load(
  path: string,
  logger: Logger | undefined,
): { events: EventRecord[]; lines: number; damaged: boolean } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'ENOENT')) {
      logger?.warn(`could not read the event log ${path}; starting empty`, e);
    }
    return { events: [], lines: 0, damaged: false };
  }
  const events: EventRecord[] = [];
  let skipped = 0;
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  for (const row of rows) {
    const event = parseEvent(row);
    if (event) events.push(event);
    else skipped += 1;
  }
  if (skipped > 0) logger?.warn(`skipped ${skipped} unreadable line(s) in the event log ${path}`);
  return {
    events,
    lines: rows.length,
    damaged: skipped > 0 || (text !== '' && !text.endsWith('\n')),
  };
}

/** Parses one line, accepting only the fields every event has. */
function parseEvent(row: string): EventRecord | undefined {
  try {
    const v: unknown = JSON.parse(row);
    if (typeof v !== 'object' || v === null) return undefined;
    const e = v as Partial<EventRecord>;
    const ok =
      typeof e.id === 'string' &&
      typeof e.time === 'number' &&
      typeof e.kind === 'string' &&
      typeof e.severity === 'string' &&
      typeof e.message === 'string';
    if (!ok) return undefined;
    // Lines written before events carried a host are the local engine's.
    return typeof e.host === 'string'
      ? (v as EventRecord)
      : { ...(v as EventRecord), host: LOCAL_HOST_ID };
  } catch {
    return undefined;
  }
}

/**
 * The sink every event goes through: stamps an id, the time and the host (unless given; the
 * local host by default), appends it to the
 * log, and hands it to `onEvent` (the UI push).
 */
export function createEventSink(
  log: EventLogPort,
  onEvent: (event: EventRecord) => void,
  idFactory: () => string = randomUUID,
  clock: Pick<Clock, 'now'> = { now: () => Date.now() },
): EventSink {
  return {
    emit(input) {
      const record: EventRecord = {
        ...input,
        id: idFactory(),
        time: input.time ?? clock.now(),
        host: input.host ?? LOCAL_HOST_ID,
      };
      log.append(record);
      onEvent(record);
      return record;
    },
  };
}
