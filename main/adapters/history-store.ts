/**
 * History on disk, so charts survive a restart. Bounded: **at most 64 MiB** in the directory
 * ({@link DIR_BUDGET_BYTES}); about 1.1 MB per day (≈ 10 MB in all) for a typical host of
 * 40 series.
 *
 * Layout of `dir`:
 * - `minutes-YYYY-MM-DD.jsonl` (UTC day): completed minute rollups, appended as they close. A
 *   `{"k":[keys…]}` line sets the keys that the following `{"m":minute,"v":[[min,avg,max]|null…]}`
 *   lines index (a new one is written when a key appears and at each process's first write to
 *   the file); numbers keep 4 significant digits. Files older than today and the 7 previous days
 *   are deleted; when the day files would pass their share of the budget
 *   ({@link DAY_FILES_BUDGET_BYTES}), the oldest other day is deleted, then the line is dropped.
 *   A torn last line after a crash is skipped on load and terminated before the next append.
 * - `raw-hour.bin`: the raw last hour (binary columns, at most {@link RAW_MAX_BYTES}): a column
 *   per host series, and each endpoint check series as the samples it wrote (about one a minute)
 *   rather than a mostly empty column (files of the older all-columns layout still load), written
 *   atomically (temp file + fsync + rename) every {@link RAW_EVERY_MS} of data and on close, so
 *   a crash loses at most that much raw detail (the minute rollups are all there).
 *
 * Budget: day files ≤ 64 MiB − 2 × raw (the raw file and its temp copy during a write).
 *
 * What the engine calls: `history = await store.load()` once at start; after every
 * `history.append(snapshot)`, `store.afterAppend(history)` (synchronous and O(1) unless a minute
 * closed or the raw file is due; the writes run in the background, serialised, errors logged);
 * `await store.close(history)` on shutdown (writes what is left and the raw hour).
 */
import { mkdir, open, readFile, readdir, stat, unlink, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { Logger } from '../core/ports';
import {
  History,
  MAX_KEY_LENGTH,
  MINUTE_MS,
  ROLLUP_MINUTES,
  type HistoryOptions,
  type MinuteRollup,
} from '../core/history';
import { errorText } from '../shared/errors';
import { ALL_SERIES, decodeRaw, encodeRaw, RAW_MAX_BYTES } from './history-raw-codec';
import { errorCode, type PersistProblem } from '../core/persistence-health';

export { RAW_MAX_BYTES } from './history-raw-codec';

/** The whole directory stays under this. */
export const DIR_BUDGET_BYTES = 64 * 1024 * 1024;
/** The day files' share of the budget. */
export const DAY_FILES_BUDGET_BYTES = DIR_BUDGET_BYTES - 2 * RAW_MAX_BYTES;
/** Day files kept: today and the 7 previous UTC days. */
export const KEEP_DAYS = 8;
/** Data time between raw-hour writes. */
export const RAW_EVERY_MS = 5 * 60_000;

const RAW_FILE = 'raw-hour.bin';
/** Closed minutes kept for another write after a failed one: one day's worth. */
const ROLLUP_RETRY_LIMIT = 1_440;
const DAY_FILE = /^minutes-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const DAY_MS = 86_400_000;

const dictLine = z.object({
  k: z.array(z.string().min(1).max(MAX_KEY_LENGTH)).max(ALL_SERIES * 64),
});
/** A minute line: `m` the minute, `v` a min/avg/max triple (or null) per dictionary key. */
interface DataLine {
  readonly m: number;
  readonly v: readonly ([number, number, number] | null)[];
}
/** Options of {@link createHistoryStore}. */
export interface HistoryStoreOptions {
  readonly dir: string;
  readonly logger: Logger;
  /** Wall clock for pruning by age (tests pass a fake). */
  readonly now?: () => number;
  /** Budget of the day files (default {@link DAY_FILES_BUDGET_BYTES}; tests pass a small one). */
  readonly dayFilesBudgetBytes?: number;
}

/** History persistence; see the top of this file for what to call when. */
export interface HistoryStore {
  readonly dir: string;
  /** Reads the directory (pruning old and leftover files) and returns the restored history. */
  load(options?: HistoryOptions): Promise<History>;
  /** Call after every `history.append`: persists closed minutes and, when due, the raw hour. */
  afterAppend(history: History): void;
  /** Persists everything now (closed minutes and the raw hour) and waits for all writes. */
  flush(history: History): Promise<void>;
  /** Flushes, then ignores further calls. */
  close(history: History): Promise<void>;
  /** The history folder cannot be written right now (closed minutes kept and retried), or null. */
  problem(): PersistProblem | null;
  /** Resolves when the background writes queued so far have finished (for tests). */
  settled(): Promise<void>;
}

interface DayFile {
  size: number;
  /** Keys of this process's latest dictionary line in the file, or null before the first write. */
  keys: string[] | null;
  index: Map<string, number>;
  tailChecked: boolean;
}

/** Creates the history store in `dir`. */
export function createHistoryStore(options: HistoryStoreOptions): HistoryStore {
  const { dir, logger } = options;
  const now = options.now ?? Date.now;
  const budget = options.dayFilesBudgetBytes ?? DAY_FILES_BUDGET_BYTES;
  const days = new Map<string, DayFile>();
  let chain: Promise<void> = Promise.resolve();
  let lastRawAt: number | null = null;
  let closed = false;
  const overBudgetDays = new Set<string>();
  /** Closed minutes whose write failed, written first next time (bounded to a day). */
  let unsaved: MinuteRollup[] = [];
  let problem: PersistProblem | null = null;

  const dayPath = (day: string): string => join(dir, `minutes-${day}.jsonl`);
  const total = (): number => [...days.values()].reduce((sum, d) => sum + d.size, 0);

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    chain = chain
      .then(task)
      .then(() => {
        if (problem) logger.info(`History written to ${dir} again`);
        problem = null;
      })
      .catch((err: unknown) => {
        // Said once per episode (and in status through problem()), not once per tick.
        if (!problem) logger.warn('History write failed; retrying', errorText(err));
        problem = { path: dir, error: errorCode(err), since: problem?.since ?? now() };
      });
    return chain;
  };

  /** Minutes to write now: those a failed write left, then the newly closed ones. */
  const takeMinutes = (history: History): MinuteRollup[] => {
    const minutes = [...unsaved, ...history.drainClosed()].slice(-ROLLUP_RETRY_LIMIT);
    unsaved = [];
    return minutes;
  };
  const keepUnsaved = (minutes: readonly MinuteRollup[]): void => {
    unsaved = [...minutes, ...unsaved].slice(-ROLLUP_RETRY_LIMIT);
  };

  async function pruneOld(): Promise<void> {
    const cutoff = dayOf(now() - (KEEP_DAYS - 1) * DAY_MS);
    for (const name of await readdir(dir)) {
      const m = DAY_FILE.exec(name);
      if (m?.[1] !== undefined && m[1] < cutoff) await removeDay(m[1]);
    }
  }

  async function removeDay(day: string): Promise<void> {
    try {
      await unlink(dayPath(day));
      logger.info(`History of ${day} removed`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        logger.warn(`History of ${day} not removed`, errorText(err));
    }
    days.delete(day);
  }

  async function appendMinutes(rollups: readonly MinuteRollup[]): Promise<void> {
    const byDay = new Map<string, MinuteRollup[]>();
    for (const r of rollups) {
      const day = dayOf(r.start);
      byDay.set(day, [...(byDay.get(day) ?? []), r]);
    }
    for (const [day, list] of byDay) {
      if (!days.has(day)) await pruneOld();
      const file = days.get(day) ?? { size: 0, keys: null, index: new Map(), tailChecked: false };
      days.set(day, file);
      let text = '';
      if (!file.tailChecked) {
        // A torn last line (crash mid-append) must not swallow our first line.
        file.size = await fileSize(dayPath(day));
        if (file.size > 0 && !(await endsWithNewline(dayPath(day), file.size))) text += '\n';
        file.tailChecked = true;
      }
      for (const r of list) text += encodeMinute(file, r);
      const bytes = Buffer.byteLength(text);
      if (!(await makeRoom(day, bytes))) {
        if (!overBudgetDays.has(day))
          logger.warn(`History budget reached: minutes of ${day} are kept in memory only`);
        overBudgetDays.add(day);
        file.keys = null; // the dictionary line was not written
        continue;
      }
      try {
        await appendFile(dayPath(day), text, { mode: 0o600 });
        file.size += bytes;
      } catch (err) {
        file.keys = null; // resynchronise: the next write repeats the dictionary after a newline
        file.tailChecked = false;
        throw err;
      }
    }
  }

  async function makeRoom(day: string, bytes: number): Promise<boolean> {
    while (total() + bytes > budget) {
      const oldest = [...days.keys()].filter((d) => d !== day).sort()[0];
      if (oldest === undefined) return false;
      await removeDay(oldest);
    }
    return true;
  }

  async function writeRaw(history: History): Promise<void> {
    const raw = history.exportRaw({ sparseChecks: true });
    lastRawAt = history.latestTime();
    await writeFileAtomic(join(dir, RAW_FILE), encodeRaw(raw), { mode: 0o600 });
  }

  async function readDays(history: History): Promise<void> {
    const cutoffMinute = Math.floor((now() - ROLLUP_MINUTES * MINUTE_MS) / MINUTE_MS);
    const names = (await readdir(dir)).filter((n) => DAY_FILE.test(n)).sort();
    let skipped = 0;
    for (const name of names) {
      const day = DAY_FILE.exec(name)?.[1];
      if (day === undefined) continue;
      let text: string;
      try {
        text = await readFile(join(dir, name), 'utf8');
      } catch (err) {
        logger.warn(`History file ${name} unreadable; skipped`, errorText(err));
        continue;
      }
      days.set(day, {
        size: Buffer.byteLength(text),
        keys: null,
        index: new Map(),
        tailChecked: false,
      });
      let keys: string[] = [];
      let load = history.minuteLoader(keys);
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const parsed = parseLine(line);
        if (parsed === undefined) {
          skipped++;
        } else if ('k' in parsed) {
          keys = parsed.k;
          load = history.minuteLoader(keys);
        } else if (parsed.v.length === keys.length && parsed.m > cutoffMinute) {
          load(parsed);
        }
      }
    }
    if (skipped > 0)
      logger.warn(`History: ${skipped} unreadable line(s) skipped (torn write after a crash?)`);
  }

  async function readRaw(history: History): Promise<void> {
    let buf: Buffer;
    try {
      buf = await readFile(join(dir, RAW_FILE));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        logger.warn(`History: ${RAW_FILE} unreadable`, errorText(err));
      return;
    }
    const raw = decodeRaw(buf);
    if (raw) history.loadRaw(raw);
    else logger.warn(`History: ${RAW_FILE} is invalid; the raw hour starts empty`);
  }

  return {
    dir,
    async load(historyOptions) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      for (const name of await readdir(dir)) {
        // write-file-atomic's temp files (`raw-hour.bin.<hash>`) left by a crash.
        if (!name.startsWith(`${RAW_FILE}.`)) continue;
        await unlink(join(dir, name)).catch((err: unknown) =>
          logger.warn(`History: ${name} not removed`, errorText(err)),
        );
      }
      await pruneOld();
      const history = new History(historyOptions);
      await readDays(history);
      await readRaw(history);
      lastRawAt = history.latestTime();
      logger.info(
        `History loaded: ${history.seriesKeys().length} series, ${Math.round(total() / 1024)} KiB of minutes`,
      );
      return history;
    },
    problem: () => problem,
    afterAppend(history) {
      if (closed) return;
      const minutes = takeMinutes(history);
      const latest = history.latestTime();
      if (lastRawAt === null) lastRawAt = latest;
      const rawDue = latest !== null && lastRawAt !== null && latest - lastRawAt >= RAW_EVERY_MS;
      if (minutes.length === 0 && !rawDue) return;
      const rawBefore = lastRawAt;
      if (rawDue) lastRawAt = latest; // do not queue it again while this write waits
      void enqueue(async () => {
        try {
          if (minutes.length > 0) await appendMinutes(minutes);
        } catch (err) {
          keepUnsaved(minutes);
          throw err;
        }
        try {
          if (rawDue) await writeRaw(history);
        } catch (err) {
          lastRawAt = rawBefore; // due again on the next tick
          throw err;
        }
      });
    },
    flush,
    settled: () => chain,
    async close(history) {
      await flush(history);
      closed = true;
    },
  };

  async function flush(history: History): Promise<void> {
    if (closed) return chain;
    const minutes = takeMinutes(history);
    await enqueue(async () => {
      try {
        if (minutes.length > 0) await appendMinutes(minutes);
      } catch (err) {
        keepUnsaved(minutes);
        throw err;
      }
      await writeRaw(history);
    });
  }
}

/** Encodes one minute, preceded by a dictionary line when the file's keys must grow. */
function encodeMinute(file: DayFile, r: MinuteRollup): string {
  let text = '';
  const keys = Object.keys(r.values);
  if (file.keys === null || keys.some((k) => !file.index.has(k))) {
    const next = [...(file.keys ?? [])];
    for (const k of keys) if (!next.includes(k)) next.push(k);
    file.keys = next;
    file.index = new Map(next.map((k, i) => [k, i]));
    text += `${JSON.stringify({ k: next })}\n`;
  }
  const cells: string[] = new Array<string>(file.keys.length).fill('null');
  for (const [k, [min, avg, max]] of Object.entries(r.values)) {
    cells[file.index.get(k)!] = `[${num(min)},${num(avg)},${num(max)}]`;
  }
  return `${text}{"m":${Math.floor(r.start / MINUTE_MS)},"v":[${cells.join(',')}]}\n`;
}

/** Four significant digits in the shorter of plain and exponent JSON notation. */
function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const n = Number(v.toPrecision(4));
  const plain = String(n);
  const exp = n.toExponential().replace('e+', 'e');
  return plain.length <= exp.length ? plain : exp;
}

/**
 * Parses one line of a day file. Minute lines (up to a week of them at start-up) are checked by
 * hand: zod's tuple parsing was two thirds of the CPU time of a load.
 */
function parseLine(line: string): z.infer<typeof dictLine> | DataLine | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  if ('k' in json) {
    const d = dictLine.safeParse(json);
    if (d.success) return d.data;
  }
  const { m, v } = json as { m?: unknown; v?: unknown };
  return typeof m === 'number' &&
    Number.isSafeInteger(m) &&
    m >= 0 &&
    Array.isArray(v) &&
    allTriples(v)
    ? { m, v }
    : undefined;
}

/** Every cell a finite [min, avg, max], or null for a key without data in that minute. */
function allTriples(cells: unknown[]): cells is ([number, number, number] | null)[] {
  // Plain loops: a week is 140,000 cells, checked by V8's interpreter (the agent runs --no-opt).
  for (const t of cells) {
    if (t === null) continue;
    if (!Array.isArray(t) || t.length !== 3) return false;
    if (!Number.isFinite(t[0]) || !Number.isFinite(t[1]) || !Number.isFinite(t[2])) return false;
  }
  return true;
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    ignoreMissing(err);
    return 0;
  }
}

async function endsWithNewline(path: string, size: number): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    await fh.close();
  }
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
