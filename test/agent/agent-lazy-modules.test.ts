/**
 * The agent loads rarely used libraries on first use, not at start-up (README "Cost": start-up
 * CPU and resident memory): the real agent, with a module recorder (test/fixtures/
 * module-recorder.mjs) in its process, has served its first status without nodemailer,
 * selfsigned, yaml or prom-client, loads yaml when its Prometheus rules file is asked for and
 * prom-client on the first /metrics scrape. Nor does it load Node's fetch (undici), TLS or HTTPS
 * at idle.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startAgent, tempDataDir, type AgentProcess } from './agent-process';

const RECORDER = fileURLToPath(new URL('../fixtures/module-recorder.mjs', import.meta.url));

let agent: AgentProcess;
let dataDir: string;
let log: string;

/** The node_modules packages the agent has resolved so far, by name. */
function loadedPackages(): Set<string> {
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? u));
}

beforeAll(async () => {
  dataDir = tempDataDir();
  log = join(dataDir, 'modules.log');
  writeFileSync(log, '');
  agent = await startAgent({
    dataDir,
    env: { NODE_OPTIONS: `--import ${RECORDER}`, HOSTWATCH_MODULE_LOG: log },
  });
  await eventually(async () => {
    const res = await fetch(`${agent.url}/api/status`);
    return res.ok && ((await res.json()) as { snapshot?: unknown }).snapshot;
  }, 'a first status with a snapshot');
}, 60_000);

afterAll(async () => {
  await agent?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('agent start-up loads only what it uses', () => {
  it('has served a status without the mailer, the certificate maker or the YAML writer', () => {
    const loaded = loadedPackages();
    // The recorder sees the libraries the agent does load (else the absences below prove nothing).
    // (zod and electron-log are bundled into agent.js: scripts/agent-bundle.mjs)
    expect(loaded).toContain('write-file-atomic');
    expect(loaded).toContain('env-paths');
    expect(loaded).not.toContain('zod');
    expect(loaded).not.toContain('nodemailer');
    expect(loaded).not.toContain('selfsigned');
    expect(loaded).not.toContain('yaml');
    expect(loaded).not.toContain('prom-client');
  });

  it("has not loaded Node's fetch implementation, which an ESM import of node:http would", async () => {
    // The bundle takes Node's built-ins with require() (scripts/cjs-builtins.mjs): an ES module
    // facade of node:http reads its lazy WebSocket export, which loads all of undici.
    const builtins = () => readFileSync(`${log}.builtins`, 'utf8').split('\n');
    await eventually(
      () => Promise.resolve(builtins().includes('NativeModule _http_server')),
      "the recorder's list of Node's modules",
    );
    expect(builtins()).toContain('NativeModule http');
    expect(builtins()).not.toContain('NativeModule internal/deps/undici/undici');
    expect(builtins()).not.toContain('NativeModule internal/crypto/webcrypto');
  });

  it('has not loaded TLS or HTTPS, which an agent without checks, fleet or TLS never uses', () => {
    // Heavy built-ins are stand-ins until first use (scripts/cjs-builtins.mjs): electron-log's
    // remote transport requires https at load, and the checks and the fleet import tls.
    const builtins = readFileSync(`${log}.builtins`, 'utf8').split('\n');
    expect(builtins).toContain('NativeModule http');
    for (const heavy of ['tls', 'https', '_tls_wrap']) {
      expect(builtins).not.toContain(`NativeModule ${heavy}`);
    }
  });

  it('loads yaml on the first rules export and answers with the rules file', async () => {
    const res = await fetch(`${agent.url}/api/export/prometheus-rules`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('HostwatchCpuWarning');
    expect(loadedPackages()).toContain('yaml');
  });

  it('loads prom-client on the first /metrics scrape and answers with the exposition', async () => {
    const res = await fetch(`${agent.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('version=0.0.4');
    const text = await res.text();
    expect(text).toContain('hostwatch_up');
    expect(text).toContain('process_cpu_seconds_total');
    expect(loadedPackages()).toContain('prom-client');
  });
});
