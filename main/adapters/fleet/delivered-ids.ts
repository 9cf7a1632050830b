/**
 * The ids of remote events already shown as notifications, kept in a small 0600 JSON file in the
 * data folder so a restart (which replays the agents' recent events) shows none twice. Bounded:
 * the oldest ids are forgotten past `max` (agents replay only their last few hundred events, so
 * an id that old never comes back). Writes are atomic and coalesced; a failed write is logged
 * and the ids stay in memory.
 */
import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import type { Logger } from '../../core/ports';

/** A persisted, bounded set of delivered-event keys. */
export interface DeliveredIdsFile {
  has(key: string): boolean;
  add(key: string): void;
  /** Resolves when every write asked for so far has finished (for tests and shutdown). */
  flush(): Promise<void>;
}

/** Opens (or starts) the file at `path`; an unreadable file starts empty and says so. */
export function openDeliveredIds(path: string, logger: Logger, max = 5_000): DeliveredIdsFile {
  const keys = new Set<string>();
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (Array.isArray(raw)) for (const k of raw.slice(-max)) if (typeof k === 'string') keys.add(k);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      logger.warn(`Delivered-notifications file ${path} unreadable; starting empty`, err);
  }
  let chain: Promise<void> = Promise.resolve();
  let pending = false;
  const save = (): void => {
    if (pending) return; // one write will carry every add made before it starts
    pending = true;
    chain = chain
      .then(() => {
        pending = false;
        return writeFileAtomic(path, JSON.stringify([...keys]), { mode: 0o600 });
      })
      .catch((err: unknown) => logger.warn(`Could not save ${path}`, err));
  };
  return {
    has: (key) => keys.has(key),
    add(key) {
      if (keys.has(key)) return;
      keys.add(key);
      // A Set iterates in insertion order: the first key is the oldest.
      while (keys.size > max) keys.delete(keys.values().next().value as string);
      save();
    },
    flush: () => chain,
  };
}
