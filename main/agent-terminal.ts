/**
 * The agent's terminal: a one-line status, rewritten in place with `\r`, only when stdout is a
 * TTY; every other write (log lines from electron-log's console transport, console.*, Node
 * warnings) first clears the status line, prints on its own lines, and the status is drawn again
 * below it. Without a TTY nothing is rewritten: a status line is printed, on its own line, only
 * when the health changes, so a log file or `journalctl` reads cleanly.
 */
import type { Status } from './shared/contract';
import { trayState } from './core/tray-state';
import { escapeControl } from './shared/sanitize';

/** The part of a write stream the terminal needs (process.stdout / process.stderr). */
export interface TerminalStream {
  write: NodeJS.WriteStream['write'];
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The status area of the agent's terminal. */
export interface Terminal {
  /** Shows `line` as the current status. */
  status(line: string): void;
  /** Ends the status line (before the shutdown messages) and stops intercepting writes. */
  close(): void;
}

const CLEAR = '\r\x1b[K';

/** The status line: health in words, CPU and memory, and how many alerts are firing. */
export function statusLine(status: Status | null, url: string): string {
  if (!status) return `starting… ${url}`;
  const { tooltip } = trayState([status], 'en');
  const snap = status.snapshot;
  const cpu = snap?.values['cpu.total'];
  const mem = snap?.values['mem.used_pct'];
  // Pending alerts are breaches still inside their "for" duration, not alerts yet.
  const firing = status.alerts.filter((a) => a.state === 'firing').length;
  const bits = [
    tooltip,
    cpu !== undefined ? `cpu ${cpu.toFixed(0)}%` : null,
    mem !== undefined ? `mem ${mem.toFixed(0)}%` : null,
    firing ? `${firing} firing` : null,
  ].filter(Boolean);
  // Names from settings and the machine reach the terminal: no escape sequences through them.
  return escapeControl(bits.join(' · '));
}

/**
 * Takes over `out` and `err`. `live` (normally `out.isTTY && !--quiet`) picks the rewritten
 * status line; otherwise a status line is printed only when its health part changes.
 */
export function createTerminal(
  out: TerminalStream,
  err: TerminalStream,
  options: { live: boolean },
): Terminal {
  if (!options.live) {
    let lastHealth: string | null = null;
    return {
      status(line) {
        const health = line.split(' · ')[0] ?? line;
        if (health === lastHealth) return;
        lastHealth = health;
        out.write(`${line}\n`);
      },
      close() {},
    };
  }
  const originalOut = out.write;
  const rawOut = (s: string): boolean => originalOut.call(out, s);
  const originals = [
    [out, out.write],
    [err, err.write],
  ] as const;
  let current = '';
  // True while the status is on screen and the cursor sits at its end.
  let drawn = false;
  const fit = (line: string): string => {
    // A status wider than the terminal wraps, and `\r` would then clear only its last row.
    const cols = out.columns ?? 0;
    return cols > 1 && line.length >= cols ? `${line.slice(0, cols - 2)}…` : line;
  };
  const draw = () => {
    if (!current) return;
    rawOut(`${CLEAR}${fit(current)}`);
    drawn = true;
  };
  const intercept = (stream: TerminalStream, original: TerminalStream['write']) => {
    const write = original.bind(stream) as (...a: unknown[]) => boolean;
    const wrapped = (chunk: unknown, ...rest: unknown[]): boolean => {
      if (drawn) {
        rawOut(CLEAR);
        drawn = false;
      }
      const ok = write(chunk, ...rest);
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
      // Redraw only after a whole line; a partial write will be finished by its next chunk.
      if (text.endsWith('\n')) draw();
      return ok;
    };
    (stream as { write: unknown }).write = wrapped;
  };
  for (const [stream, original] of originals) intercept(stream, original);
  return {
    status(line) {
      current = line;
      draw();
    },
    close() {
      for (const [stream, original] of originals) (stream as { write: unknown }).write = original;
      if (drawn) rawOut('\n');
      drawn = false;
      current = '';
    },
  };
}
