/**
 * Follows one remote agent over one long-lived event stream: the summary view by default, the
 * full one while that host's dashboard is open (`setView`). Reconnects on capped, jittered
 * back-off and resumes with `Last-Event-ID`, so no alert event is lost across a drop; events
 * are de-duplicated by id. A stream that sends no byte for `stallMs` (the agent sends a
 * heartbeat every 15 s) is cut and reopened. Messages are bounded in size; a huge or malformed
 * one is dropped with a problem report, never buffered without limit.
 */
import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { STREAM_PATH, type EventRecord, type Status } from '../../shared/contract';
import {
  GAP_EVENT,
  SUMMARY_EVENT,
  type GapNotice,
  type HostSummary,
  type StreamView,
} from '../../shared/protocol';
import type { WatchTarget } from '../../shared/watch-target';
import { DEFAULT_CONNECT_TIMEOUTS, openConnection, where, type ConnectTimeouts } from './connect';
import { classifyError, ProblemError, type ConnectionProblem } from './problems';
import { decodedBody, isHostwatchChallenge, sendRequest } from './request';
import { createSseParser, type SseMessage } from './sse-parser';

/** What a follower reports. Each handler is optional. */
export interface FollowHandlers {
  onSummary?(summary: HostSummary): void;
  /** Full status pushes (view `full` only). */
  onStatus?(status: Status): void;
  /** Each alert event once, in order, also those replayed after a reconnect. */
  onEvent?(event: EventRecord): void;
  /** The agent no longer had our last event id: some events may be missing; re-read them. */
  onGap?(gap: GapNotice): void;
  /** Wall-clock ms of the latest message or heartbeat from the agent. */
  onLiveness?(lastMessageAt: number): void;
  /** The stream is open (after each connect). */
  onConnected?(view: StreamView): void;
  /** Something went wrong; the follower keeps trying unless stopped. */
  onProblem?(problem: ConnectionProblem): void;
}

/** Tuning of a follower. */
export interface FollowOptions {
  readonly view?: StreamView;
  readonly timeouts?: ConnectTimeouts;
  /** Deadline for the stream's response headers (default 10 s). */
  readonly responseMs?: number;
  /** No byte for this long means the stream stalled (default 45 s). */
  readonly stallMs?: number;
  /** First reconnect delay (default 1 s); doubles per failure up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  /** Longest reconnect delay (default 60 s). */
  readonly maxBackoffMs?: number;
  /** Largest accepted message in characters (default 1 MiB). */
  readonly maxMessageChars?: number;
  /** Event ids remembered for de-duplication (default 2,000). */
  readonly dedupeSize?: number;
  /** Resume after this event id on the first connect (the last one seen before a restart). */
  readonly lastEventId?: string | null;
  /** Wall clock (default `Date.now`). */
  readonly now?: () => number;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
}

/** A running follower. */
export interface HostFollower {
  /** Stops following; no handler is called afterwards. */
  stop(): void;
  /** Switches between the summary and the full stream (reconnects at once, resuming events). */
  setView(view: StreamView): void;
  /** The id of the latest event seen, sent as `Last-Event-ID` on reconnect. */
  lastEventId(): string | null;
}

/** Delay before reconnect attempt `attempt` (0-based): capped exponential with 50–100 % jitter. */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number,
): number {
  const capped = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(capped * (0.5 + random() * 0.5));
}

/** Starts following a target. */
export function followHost(
  target: WatchTarget,
  handlers: FollowHandlers,
  options: FollowOptions = {},
): HostFollower {
  const at = where(target);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const stallMs = options.stallMs ?? 45_000;
  const maxChars = options.maxMessageChars ?? 1024 * 1024;
  const dedupeSize = options.dedupeSize ?? 2_000;
  let view: StreamView = options.view ?? 'summary';
  let stopped = false;
  let lastId: string | null = options.lastEventId ?? null;
  let attempt = 0;
  let cutCurrent: (() => void) | null = null;
  let wake: (() => void) | null = null;
  const seen = new Set<string>();
  const seenOrder: string[] = [];

  const report = (problem: ConnectionProblem): void => {
    if (!stopped) handlers.onProblem?.(problem);
  };
  const remember = (id: string): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    seenOrder.push(id);
    if (seenOrder.length > dedupeSize) seen.delete(seenOrder.shift()!);
    return true;
  };

  const dispatch = (message: SseMessage): void => {
    if (stopped) return;
    handlers.onLiveness?.(now());
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      report({
        code: 'malformed',
        message: `${at} sent a malformed ${message.event} message (${message.data.length} characters); it was dropped`,
      });
      return;
    }
    if (message.event === 'event') {
      const record = payload as EventRecord;
      if (typeof record?.id !== 'string') {
        report({ code: 'malformed', message: `${at} sent an event without an id; it was dropped` });
        return;
      }
      if (message.id !== undefined) lastId = message.id;
      if (remember(record.id)) handlers.onEvent?.(record);
    } else if (message.event === SUMMARY_EVENT) {
      handlers.onSummary?.(payload as HostSummary);
    } else if (message.event === 'status') {
      handlers.onStatus?.(payload as Status);
    } else if (message.event === GAP_EVENT) {
      handlers.onGap?.(payload as GapNotice);
    }
  };

  /** Runs one stream until it ends; resolves with the problem that ended it (or null). */
  const streamOnce = async (): Promise<ConnectionProblem | null> => {
    const socket = await openConnection(target, options.timeouts ?? DEFAULT_CONNECT_TIMEOUTS);
    if (stopped) {
      socket.destroy();
      return null;
    }
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastId !== null) headers['last-event-id'] = lastId;
    const { res, abort } = await sendRequest(socket, target, {
      path: `${STREAM_PATH}?view=${view}`,
      headers,
      responseMs: options.responseMs ?? 10_000,
    });
    const status = res.statusCode ?? 0;
    const type = res.headers['content-type'] ?? '';
    if (status !== 200 || !type.startsWith('text/event-stream')) {
      abort();
      if (status === 401) {
        return isHostwatchChallenge(res.headers)
          ? { code: 'wrong-token', status, message: `${at} refused the token` }
          : {
              code: 'not-hostwatch',
              status,
              message: `${at} is not a Hostwatch agent (HTTP 401 of another kind)`,
            };
      }
      return status === 200 || status === 404
        ? {
            code: 'not-hostwatch',
            status,
            message: `${at} is not a Hostwatch agent: it has no Hostwatch event stream (HTTP ${status}, ${type || 'no content type'})`,
          }
        : {
            code: 'http-error',
            status,
            message: `${at} answered the stream request with HTTP ${status}`,
          };
    }
    return followResponse(res, abort);
  };

  const followResponse = (
    res: IncomingMessage,
    abort: () => void,
  ): Promise<ConnectionProblem | null> =>
    new Promise((resolve) => {
      let ended = false;
      let stallTimer: NodeJS.Timeout | undefined;
      const finish = (problem: ConnectionProblem | null): void => {
        if (ended) return;
        ended = true;
        clearTimeout(stallTimer);
        cutCurrent = null;
        abort();
        resolve(problem);
      };
      const armStall = (): void => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(
          () =>
            finish({
              code: 'stalled',
              message: `${at} sent nothing for ${stallMs / 1000} s (the stream stalled); reconnecting`,
            }),
          stallMs,
        );
      };
      cutCurrent = () => finish(null);
      const parser = createSseParser(
        {
          onMessage: dispatch,
          onComment: () => {
            if (!stopped) handlers.onLiveness?.(now());
          },
          onOversize: (chars) =>
            report({
              code: 'too-large',
              message: `${at} sent a message of more than ${Math.round(maxChars / 1024)} KB (${chars} characters); it was dropped`,
            }),
        },
        maxChars,
      );
      const decoder = new StringDecoder('utf8');
      // Stall is judged on bytes from the wire, before decompression.
      res.on('data', armStall);
      const body = decodedBody(res);
      body.on('data', (chunk: Buffer) => {
        // The first bytes prove the connection healthy: the next failure starts the back-off anew.
        attempt = 0;
        parser.feed(decoder.write(chunk));
      });
      body.once('end', () =>
        finish({ code: 'closed', message: `${at} ended the stream; reconnecting` }),
      );
      body.once('error', (err) => finish(classifyError(err, at, target.host)));
      res.once('error', (err) => finish(classifyError(err, at, target.host)));
      res.once('close', () =>
        finish({ code: 'closed', message: `${at} closed the stream; reconnecting` }),
      );
      armStall();
      handlers.onConnected?.(view);
    });

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const loop = async (): Promise<void> => {
    while (!stopped) {
      let problem: ConnectionProblem | null;
      try {
        problem = await streamOnce();
      } catch (err) {
        problem = err instanceof ProblemError ? err.problem : classifyError(err, at, target.host);
      }
      if (stopped) break;
      if (problem === null) continue; // a view switch: reconnect at once
      report(problem);
      await sleep(
        backoffDelay(
          attempt++,
          options.initialBackoffMs ?? 1_000,
          options.maxBackoffMs ?? 60_000,
          random,
        ),
      );
    }
  };
  void loop();

  return {
    stop() {
      stopped = true;
      cutCurrent?.();
      wake?.();
    },
    setView(next) {
      if (next === view) return;
      view = next;
      cutCurrent?.();
      wake?.();
    },
    lastEventId: () => lastId,
  };
}
