/**
 * The durable email outbox (after Monit's persistent queue and Alertmanager's at-least-once).
 *
 * Each email is written to `pending/` (temp file, fsync, rename, fsync of the directory) before
 * the first attempt. One email is sent at a time, oldest first. A transient failure backs the
 * whole queue off (5 s doubling to a 10 min cap, with jitter) and the email stays pending; a
 * permanent one moves it to `failed/` and reports it once. A delivered email is renamed into
 * `sent/` (pruned), whose names also de-duplicate a batch queued twice.
 *
 * The promise: at-least-once, with the same Message-ID on every attempt. Before each attempt the
 * record is stamped `sendingSince` on disk; a process killed mid-send finds it on restart and
 * sends it again. A duplicate is possible only when the server had accepted the message (replied
 * 250 to DATA) and the process died before the rename into `sent/` reached the disk: a window of
 * one rename and one directory fsync. Bounded to 500 emails and 7 days; beyond that the oldest is
 * dropped with a `delivery-failed` event.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSeriesKey, type MetricName } from '../../shared/metrics';
import type { Notice, NoticeParams, ReasonCode, ReasonParams } from '../../shared/contract';
import type { Clock, EventSink, Logger } from '../../core/ports';
import type { Explanation } from './explain';
import { errorText } from '../../shared/errors';
import { OutboxHold } from './outbox-hold';

/** Size and age bounds. */
export interface OutboxLimits {
  readonly maxMessages: number;
  readonly maxAgeMs: number;
  /** `sent/` files kept for de-duplication and inspection. */
  readonly keepSent: number;
}

/** Back-off of the queue after transient failures. */
export interface Backoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/** Production bounds. */
export const DEFAULT_LIMITS: OutboxLimits = {
  maxMessages: 500,
  maxAgeMs: 7 * 24 * 3_600_000,
  keepSent: 200,
};
/** Production back-off. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 5_000, capMs: 10 * 60_000 };

/** One queued email as stored on disk. */
export const outboxRecordSchema = z.object({
  v: z.literal(1),
  /** Batch id as given by the engine. */
  id: z.string().min(1),
  /** Stable file-safe key derived from the id; also the Message-ID's local part. */
  key: z.string().regex(/^[a-f0-9]{32}$/),
  createdAt: z.number(),
  /** Origination time for the Date header. */
  date: z.number(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  ruleId: z.string().optional(),
  /** The one series the email is about, when it is about one (for the event log). */
  series: z.string().optional(),
  /** Threading: the FIRING's Message-ID, for reminders, escalations and RESOLVED emails. */
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  attempts: z.number().int().min(0),
  sendingSince: z.number().optional(),
  lastError: z.string().optional(),
});

/** One queued email. */
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

/** Sends one record; rejects with the transport's error. */
export type SendRecord = (
  record: OutboxRecord,
  signal: AbortSignal,
) => Promise<{ accepted: readonly string[] }>;

/** What the outbox needs. */
export interface OutboxDeps {
  readonly dir: string;
  readonly clock: Clock;
  readonly events: EventSink;
  readonly logger: Logger;
  readonly send: SendRecord;
  readonly explain: (err: unknown) => Explanation;
  readonly limits?: Partial<OutboxLimits>;
  readonly backoff?: Partial<Backoff>;
  /** In [0, 1); injected for tests of the jitter. */
  readonly random?: () => number;
  /** Back-off of the durable write while the disk refuses it; default 1 s doubling to 30 s. */
  readonly holdBackoff?: { readonly baseMs: number; readonly capMs: number };
}

/** The stable key of a batch id. */
export function outboxKey(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 32);
}

/** Capped exponential back-off with equal jitter: half fixed, half random. */
export function backoffDelay(
  failures: number,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const full = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fd = await open(dir, 'r');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  }
}

/** Writes a file durably: temp file, fsync, rename over the target, fsync the directory. */
export async function writeDurable(dir: string, name: string, data: string): Promise<void> {
  const tmp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = await open(tmp, 'w', 0o600);
  try {
    await fd.writeFile(data, 'utf8');
    await fd.sync();
  } finally {
    await fd.close();
  }
  await rename(tmp, join(dir, name));
  await fsyncDir(dir);
}

/** The durable queue. Call {@link open} once, then {@link enqueue}; it sends on its own. */
export class Outbox {
  private readonly limits: OutboxLimits;
  private readonly backoff: Backoff;
  private readonly pendingDir: string;
  private readonly failedDir: string;
  private readonly sentDir: string;
  private queue: OutboxRecord[] = [];
  private readonly sent = new Set<string>();
  /** Keys being written right now, so two concurrent enqueues of one batch make one file. */
  private readonly writing = new Set<string>();
  private inFlight: OutboxRecord | null = null;
  private abort: AbortController | null = null;
  private draining: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private failures = 0;
  private retryAt = 0;
  private stopped = false;
  private readonly noticeMap = new Map<string, Notice>();
  /** Emails the disk refused, kept in memory and written again (outbox-hold.ts). */
  private readonly hold: OutboxHold<OutboxRecord>;

  constructor(private readonly deps: OutboxDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.backoff = { ...DEFAULT_BACKOFF, ...deps.backoff };
    this.pendingDir = join(deps.dir, 'pending');
    this.failedDir = join(deps.dir, 'failed');
    this.sentDir = join(deps.dir, 'sent');
    this.hold = new OutboxHold<OutboxRecord>({
      clock: deps.clock,
      logger: deps.logger,
      write: (rec) => writeDurable(this.pendingDir, `${rec.key}.json`, JSON.stringify(rec)),
      persisted: (rec) => {
        this.queue.push(rec);
        this.queue.sort((a, b) => a.createdAt - b.createdAt);
        this.kick();
      },
      ...(deps.holdBackoff ? { backoff: deps.holdBackoff } : {}),
    });
  }

  /** Creates the folders and loads what a previous run left pending. */
  async open(): Promise<void> {
    for (const d of [this.pendingDir, this.failedDir, this.sentDir])
      await mkdir(d, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.sentDir))
      if (name.endsWith('.json')) this.sent.add(name.slice(0, -5));
    const loaded: OutboxRecord[] = [];
    for (const name of await readdir(this.pendingDir)) {
      const path = join(this.pendingDir, name);
      if (name.endsWith('.tmp')) {
        await rm(path, { force: true }); // a write that never completed: its batch was never acknowledged
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const parsed = outboxRecordSchema.safeParse(await readJson(path));
      if (!parsed.success) {
        await rename(path, join(this.failedDir, name));
        this.deps.events.emit({
          kind: 'delivery-failed',
          severity: 'error',
          channel: 'email',
          message: 'An unreadable email in the outbox was set aside',
          reason: `moved to ${join(this.failedDir, name)}`,
          reasonCode: 'outbox-unreadable',
          reasonParams: { path: join(this.failedDir, name) },
        });
        continue;
      }
      const rec = parsed.data;
      if (rec.sendingSince !== undefined) {
        this.deps.logger.warn(
          `Email ${rec.key} was being sent when Hostwatch stopped; sending it again with the same Message-ID`,
        );
      }
      loaded.push(rec);
    }
    this.queue = loaded.sort((a, b) => a.createdAt - b.createdAt);
    if (this.queue.length > 0)
      this.deps.logger.info(`Outbox: ${this.queue.length} email(s) pending from before`);
  }

  /**
   * Durably queues an email; resolves once it is on disk, known as a duplicate, or `held` in
   * memory because the disk refused it (written again with back-off, then sent).
   */
  async enqueue(
    input: Omit<OutboxRecord, 'v' | 'key' | 'attempts' | 'createdAt'>,
  ): Promise<'queued' | 'duplicate' | 'held'> {
    const key = outboxKey(input.id);
    if (
      this.sent.has(key) ||
      this.writing.has(key) ||
      this.hold.has(key) ||
      this.queue.some((r) => r.key === key)
    )
      return 'duplicate';
    const rec: OutboxRecord = {
      v: 1,
      key,
      attempts: 0,
      createdAt: this.deps.clock.now(),
      ...input,
    };
    this.writing.add(key);
    try {
      await writeDurable(this.pendingDir, `${key}.json`, JSON.stringify(rec));
      this.queue.push(rec);
    } catch (err) {
      this.hold.add(rec, err);
      return 'held';
    } finally {
      this.writing.delete(key);
    }
    await this.enforceBounds();
    this.kick();
    return 'queued';
  }

  /** Starts (or resumes) sending. */
  kick(): void {
    if (this.stopped || this.draining) return;
    this.draining = this.drain()
      .catch((err: unknown) => this.deps.logger.error('Outbox drain failed', errorText(err)))
      .finally(() => {
        this.draining = null;
      });
  }

  /** Stops sending: aborts the attempt in flight (it stays pending and is retried on restart). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.hold.stop();
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.abort?.abort(new Error('Outbox stopped'));
    await this.draining;
  }

  /**
   * Moves emails that failed permanently back into the queue, e.g. after the user fixed the SMTP
   * settings that made them fail. Only those still within the age bound; returns how many.
   */
  async retryFailed(): Promise<number> {
    const now = this.deps.clock.now();
    let moved = 0;
    for (const name of await readdir(this.failedDir)) {
      if (!name.endsWith('.json')) continue;
      const parsed = outboxRecordSchema.safeParse(await readJson(join(this.failedDir, name)));
      if (!parsed.success || now - parsed.data.createdAt > this.limits.maxAgeMs) continue;
      const rec = parsed.data;
      if (this.sent.has(rec.key) || this.queue.some((r) => r.key === rec.key)) continue;
      delete rec.lastError;
      rec.attempts = 0;
      await writeDurable(this.pendingDir, `${rec.key}.json`, JSON.stringify(rec));
      await rm(join(this.failedDir, name), { force: true });
      this.queue.push(rec);
      moved++;
    }
    if (moved > 0) {
      this.queue.sort((a, b) => a.createdAt - b.createdAt);
      this.noticeMap.delete('email-failed');
      this.failures = 0;
      this.retryAt = 0;
      this.deps.logger.info(`Outbox: ${moved} failed email(s) queued again`);
      this.kick();
    }
    return moved;
  }

  /** Emails waiting (including one being sent and those held in memory). */
  pending(): number {
    return this.queue.length + this.hold.size();
  }

  /** Current problems worth showing in the status (cleared by a later delivery). */
  notices(): Notice[] {
    const held = this.hold.notice();
    return [...this.noticeMap.values(), ...(held ? [held] : [])];
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      await this.enforceBounds();
      const next = this.queue[0];
      if (!next) return;
      const now = this.deps.clock.now();
      if (now < this.retryAt) {
        this.schedule(this.retryAt - now);
        return;
      }
      await this.attempt(next);
    }
  }

  private schedule(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.deps.clock.setTimeout(() => {
      this.cancelTimer = null;
      this.kick();
    }, ms);
  }

  private async attempt(rec: OutboxRecord): Promise<void> {
    const { clock, events, logger } = this.deps;
    rec.attempts += 1;
    rec.sendingSince = clock.now();
    // The stamp is best effort: on a full disk the email is still on disk and is still sent.
    await this.stamp(rec);
    this.inFlight = rec;
    this.abort = new AbortController();
    try {
      const result = await this.deps.send(rec, this.abort.signal);
      await rename(join(this.pendingDir, `${rec.key}.json`), join(this.sentDir, `${rec.key}.json`));
      await fsyncDir(this.pendingDir);
      this.remove(rec);
      this.sent.add(rec.key);
      this.failures = 0;
      this.retryAt = 0;
      this.noticeMap.clear();
      events.emit({
        kind: 'delivered',
        severity: 'info',
        channel: 'email',
        ...alertFields(rec),
        message: `Email delivered to ${result.accepted.length} recipient(s): ${rec.subject}`,
      });
      logger.info(`Email ${rec.key} delivered after ${rec.attempts} attempt(s)`);
      await this.pruneSent();
    } catch (err) {
      if (this.stopped) return; // aborted by stop(): stays pending with its stamp
      const why = this.deps.explain(err);
      delete rec.sendingSince;
      rec.lastError = why.message;
      if (why.transient) {
        this.failures += 1;
        const delay = backoffDelay(this.failures, this.backoff, this.deps.random);
        this.retryAt = clock.now() + delay;
        await this.stamp(rec);
        logger.warn(
          `Email ${rec.key} not sent (${why.code}); retrying in ${Math.round(delay / 1000)} s: ${why.message}`,
        );
        this.setNotice(
          'email-retrying',
          'warning',
          `Emails are waiting to be sent (${this.queue.length}); retrying: ${why.message}`,
          { count: this.queue.length, smtpCode: why.code },
        );
      } else {
        await rename(
          join(this.pendingDir, `${rec.key}.json`),
          join(this.failedDir, `${rec.key}.json`),
        );
        await writeDurable(this.failedDir, `${rec.key}.json`, JSON.stringify(rec));
        this.remove(rec);
        logger.error(`Email ${rec.key} failed permanently (${why.code}): ${why.message}`);
        events.emit({
          kind: 'delivery-failed',
          severity: 'error',
          channel: 'email',
          ...alertFields(rec),
          message: `Email not delivered: ${rec.subject}`,
          reason: why.message,
          reasonCode: 'smtp',
          reasonParams: { code: why.code, ...(why.server ? { server: why.server } : {}) },
        });
        this.setNotice(
          'email-failed',
          'error',
          `An alert email could not be delivered: ${why.message}`,
          { smtpCode: why.code },
        );
      }
    } finally {
      this.inFlight = null;
      this.abort = null;
    }
  }

  /** Rewrites a pending record's attempt fields; a refused write is logged, not thrown. */
  private async stamp(rec: OutboxRecord): Promise<void> {
    try {
      await writeDurable(this.pendingDir, `${rec.key}.json`, JSON.stringify(rec));
    } catch (err) {
      this.deps.logger.warn(`Email ${rec.key}: attempt not recorded on disk`, errorText(err));
    }
  }

  /** Sets a notice whose id is also its code (see `NoticeCode` in main/shared/contract.ts). */
  private setNotice(
    id: 'email-retrying' | 'email-failed',
    level: Notice['level'],
    message: string,
    params: NoticeParams,
  ): void {
    this.noticeMap.set(id, { id, level, message, time: this.deps.clock.now(), code: id, params });
  }

  private remove(rec: OutboxRecord): void {
    this.queue = this.queue.filter((r) => r !== rec);
  }

  /** Drops emails past the age bound, then the oldest past the size bound, each with an event. */
  private async enforceBounds(): Promise<void> {
    const now = this.deps.clock.now();
    const old = this.queue.filter(
      (r) => r !== this.inFlight && now - r.createdAt > this.limits.maxAgeMs,
    );
    const days = Math.round(this.limits.maxAgeMs / 86_400_000);
    for (const r of old)
      await this.drop(r, {
        text: `older than ${days} day(s)`,
        code: 'outbox-expired',
        params: { days },
      });
    while (this.queue.length > this.limits.maxMessages) {
      const oldest = this.queue.find((r) => r !== this.inFlight);
      if (!oldest) break;
      const max = this.limits.maxMessages;
      await this.drop(oldest, {
        text: `the outbox holds at most ${max} emails`,
        code: 'outbox-full',
        params: { max },
      });
    }
  }

  private async drop(
    rec: OutboxRecord,
    why: { text: string; code: ReasonCode; params: ReasonParams },
  ): Promise<void> {
    await rm(join(this.pendingDir, `${rec.key}.json`), { force: true });
    this.remove(rec);
    this.deps.logger.warn(`Email ${rec.key} dropped: ${why.text}`);
    this.deps.events.emit({
      kind: 'delivery-failed',
      severity: 'error',
      channel: 'email',
      ...alertFields(rec),
      message: `Email dropped from the outbox: ${rec.subject}`,
      reason: why.text,
      reasonCode: why.code,
      reasonParams: why.params,
    });
  }

  private async pruneSent(): Promise<void> {
    if (this.sent.size <= this.limits.keepSent + 20) return; // prune in steps, not on every send
    const names = await readdir(this.sentDir);
    const aged = await Promise.all(
      names.map(async (n) => ({
        n,
        t: (await stat(join(this.sentDir, n)).catch(() => null))?.mtimeMs ?? 0,
      })),
    );
    aged.sort((a, b) => b.t - a.t);
    for (const { n } of aged.slice(this.limits.keepSent)) {
      await rm(join(this.sentDir, n), { force: true });
      this.sent.delete(n.replace(/\.json$/, ''));
    }
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** The rule and series an email is about, for its events (the UI names the metric). */
function alertFields(rec: OutboxRecord): { ruleId?: string; series?: string; metric?: MetricName } {
  const metric = rec.series ? parseSeriesKey(rec.series)?.metric : undefined;
  return {
    ...(rec.ruleId ? { ruleId: rec.ruleId } : {}),
    ...(rec.series ? { series: rec.series } : {}),
    ...(metric ? { metric } : {}),
  };
}
