/**
 * Reads /proc and /sys text files into one buffer shared by every read, decoded as latin1 (a
 * process name may hold any bytes; latin1 keeps each one as one character). A read at offset 0
 * returns the whole text when it fits (the kernel generates it on each read, seq_file); when it
 * fills the buffer, the buffer doubles and the read is repeated.
 *
 * Why not readFileSync(path, 'latin1'): /proc files report a size of 0, so for them Node reads
 * into a fresh 64 KiB buffer per call. A process scan on a machine with 2,000 processes made
 * 2,000 of those a scan: ~7 MB of short-lived array buffers whose freed malloc memory stayed in
 * the process's RSS after the processes were gone, at 2–3× the CPU of a read into a kept buffer.
 */
import { closeSync, openSync, readSync } from 'node:fs';

let buffer = Buffer.allocUnsafe(64 * 1024);

/** The whole text behind an open descriptor, read from offset 0. */
function readWhole(fd: number): string {
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    if (n < buffer.length) return buffer.toString('latin1', 0, n);
    buffer = Buffer.allocUnsafe(buffer.length * 2); // e.g. diskstats with hundreds of devices
  }
}

/** The whole text of `path`; throws as readFileSync does (ENOENT for a process that exited). */
export function readProcText(path: string): string {
  const fd = openSync(path, 'r');
  try {
    return readWhole(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A /proc file read every tick through one descriptor kept open: each tick costs one pread
 * instead of open+read+close.
 */
export function procFile(path: string): () => string {
  let fd: number | undefined;
  return () => readWhole((fd ??= openSync(path, 'r')));
}
