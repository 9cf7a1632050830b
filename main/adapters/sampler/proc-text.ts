/**
 * Reads a /proc or /sys text file into one buffer shared by every read, decoded as latin1 (a
 * process name may hold any bytes; latin1 keeps each one as one character).
 *
 * Why not readFileSync(path, 'latin1'): /proc files report a size of 0, so for them Node reads
 * into a fresh 64 KiB buffer per call. A process scan on a machine with 2,000 processes made
 * 2,000 of those a scan: ~7 MB of short-lived array buffers whose freed malloc memory stayed in
 * the process's RSS after the processes were gone, at 2–3× the CPU of a read into a kept buffer.
 */
import { closeSync, openSync, readSync } from 'node:fs';

let buffer = Buffer.allocUnsafe(16 * 1024);

/** The whole text of `path`; throws as readFileSync does (ENOENT for a process that exited). */
export function readProcText(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2); // e.g. /proc/mounts with many mounts
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return buffer.toString('latin1', 0, length);
      length += n;
    }
  } finally {
    closeSync(fd);
  }
}
