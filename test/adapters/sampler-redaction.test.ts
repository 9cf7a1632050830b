/**
 * A real process with credentials on its command line, seen through the real sampler: the top
 * processes carry its name and a sanitised command, never the secrets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSampler, type Sampler, type SamplerSource } from '../../main/adapters/sampler/index';
import type { ProcessInfo } from '../../main/shared/metrics';

const workerPath = resolve('dist/sampler-worker.js');
let sampler: Sampler | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  await sampler?.close();
  sampler = undefined;
  child?.kill('SIGKILL');
  child = undefined;
});

const interval = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const SECRETS = ['UrlPassw0rd', 'FlagPassw0rd', 'EnvT0ken', 'SpacedPass'];

/** A busy process (so it tops the CPU list) whose arguments hold every kind of secret. */
function startBusyChild(): ChildProcess {
  return spawn(
    process.execPath,
    [
      '-e',
      'for(;;){}',
      '--',
      '--smtp',
      'smtp://alerts:UrlPassw0rd@127.0.0.1:2525',
      '--password=FlagPassw0rd',
      'API_TOKEN=EnvT0ken',
      '--db-password',
      'Spaced Pass',
    ],
    { stdio: 'ignore' },
  );
}

async function findIn(source: SamplerSource, pid: number): Promise<ProcessInfo> {
  sampler = createSampler({
    workerPath,
    source,
    diskMs: 60_000,
    processesMs: 1_000,
    temperatureMs: 60_000,
    deadlineMs: 10_000,
  });
  for (let i = 0; i < 40; i++) {
    const snap = await sampler.sample();
    const p = [...(snap.processes?.byCpu ?? []), ...(snap.processes?.byMemory ?? [])].find(
      (x) => x.pid === pid,
    );
    if (p) return p;
    await interval(250);
  }
  throw new Error(`process ${pid} never appeared in the top processes`);
}

describe.runIf(process.platform === 'linux')('command lines in top processes', () => {
  for (const source of ['linux', 'si'] as const) {
    it(`(${source}) show the name and a sanitised command, never the credentials`, async () => {
      child = startBusyChild();
      const found = await findIn(source, child.pid!);
      expect(found.name).toMatch(/^node/);
      const seen = JSON.stringify(found);
      for (const secret of SECRETS) expect(seen).not.toContain(secret);
      expect(found.command).toContain('smtp://alerts:***@127.0.0.1:2525');
      expect(found.command).toContain('--password=***');
      expect(found.command).toContain('API_TOKEN=***');
    });
  }
});
