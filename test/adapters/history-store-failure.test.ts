/**
 * History writes that fail (the folder made immutable with `chattr +i`): the store reports the
 * problem for a status notice, keeps the closed minutes it could not write, and writes them once
 * the folder takes writes again, clearing the problem.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createHistoryStore } from '../../main/adapters/history-store';
import { MINUTE_MS } from '../../main/core/history';

const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);
let dir: string | undefined;
let locked = false;

afterEach(async () => {
  if (locked && dir) execFileSync('chattr', ['-i', dir]);
  locked = false;
  if (dir) await rm(dir, { recursive: true, force: true });
});

it.runIf(process.platform === 'linux' && process.getuid?.() === 0)(
  'reports a failed write, keeps the minutes, and writes them when the folder is writable',
  async () => {
    dir = await mkdtemp(join(tmpdir(), 'hw-hist-fail-'));
    let now = T0;
    const warnings: string[] = [];
    const logger = {
      info: () => undefined,
      warn: (m: string) => void warnings.push(m),
      error: (m: string) => void warnings.push(m),
    };
    const store = createHistoryStore({ dir, logger, now: () => now });
    const history = await store.load();
    execFileSync('chattr', ['+i', dir]);
    locked = true;
    // Three minutes of 1 Hz samples: two minutes close while the folder refuses writes.
    for (let t = T0; t < T0 + 3 * MINUTE_MS; t += 1_000) {
      now = t;
      history.append({ time: t, values: { 'cpu.total': 50 } });
      store.afterAppend(history);
      await store.settled();
    }
    const problem = store.problem();
    expect(problem).toMatchObject({ path: dir, error: 'EPERM' });
    // Said once for the episode, not once per tick.
    expect(warnings.filter((w) => /History write failed/.test(w))).toHaveLength(1);

    execFileSync('chattr', ['-i', dir]);
    locked = false;
    for (let t = T0 + 3 * MINUTE_MS; t < T0 + 4 * MINUTE_MS + 1_000; t += 1_000) {
      now = t;
      history.append({ time: t, values: { 'cpu.total': 50 } });
      store.afterAppend(history);
      await store.settled();
    }
    expect(store.problem()).toBeNull();
    const day = (await readdir(dir)).find((n) => n.startsWith('minutes-'))!;
    const minutes = (await readFile(join(dir, day), 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('{"m":'))
      .map((l) => (JSON.parse(l) as { m: number }).m);
    // The two minutes that closed while the folder was locked are on disk too.
    const first = Math.floor(T0 / MINUTE_MS);
    expect(minutes).toEqual(expect.arrayContaining([first, first + 1, first + 2, first + 3]));
  },
);
