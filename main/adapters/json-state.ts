/**
 * A small JSON state file written atomically (temp file + fsync + rename), for the engine's
 * runtime state (pause, snoozes, firing alerts, which FIRING messages went out).
 */
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import type { StateStorePort } from '../core/engine';
import type { Logger } from '../core/ports';

/** Creates a state store at `path`. A missing or unreadable file loads as null. */
export function createJsonStateStore(path: string, logger: Logger): StateStorePort {
  let chain: Promise<void> = Promise.resolve();
  return {
    path,
    async load() {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as unknown;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          logger.warn(`State file ${path} unreadable; starting fresh`, (err as Error).message);
        }
        return null;
      }
    },
    save(state) {
      // Serialise writes so an older state never lands after a newer one; a failed write must
      // not fail every later one (the chain goes on, the caller sees this write's error).
      const write = chain.then(() => writeFileAtomic(path, JSON.stringify(state), { mode: 0o600 }));
      chain = write.catch(() => undefined);
      return write;
    },
  };
}
