/**
 * E2E harness: the real agent process on a temp data dir and a fresh headless Chromium driven
 * by playwright-core. Both bind or talk to 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser as PlaywrightBrowser,
  type BrowserContext,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import type { SettingsView } from '../../main/shared/contract';
import type { Language } from '../../main/shared/format';
import type { Settings } from '../../main/shared/settings';

/** Chromium flags for a quiet, offline, sandbox-less headless run. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/** Debian's Chromium, which playwright-core drives. */
const CHROMIUM_PATH = '/usr/bin/chromium';

/** A running agent. */
export interface Agent {
  readonly url: string;
  readonly dataDir: string;
  readonly proc: ChildProcess;
  /** Output so far (for failure messages). */
  output(): string;
  /** Stops the agent and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `node dist/agent.js` on a free port and waits for its "listening" line. */
export function startAgent(dataDir: string, port = 0): Promise<Agent> {
  const proc = spawn(
    process.execPath,
    ['dist/agent.js', '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Hostwatch agent listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!.replace(/\/$/, ''),
          dataDir,
          proc,
          output: () => out,
          stop: () =>
            new Promise<void>((done) => {
              if (proc.exitCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agent exited with ${code}:\n${out}`));
    });
  });
}

/** A fresh browser profile with console errors collected. */
export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh user-data-dir. */
export async function launchBrowser(
  options: {
    colorScheme?: 'light' | 'dark';
    width?: number;
    height?: number;
    /** Extra Chromium flags (e.g. file access for the tray window's file:// renderer). */
    args?: readonly string[];
  } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'hostwatch-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    // A failed request's message does not name it; its location does.
    const url = m.location().url;
    if (m.type() === 'error') errors.push(url ? `${m.text()} (${url})` : m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Launches Chromium without a profile, for tests that open contexts of their own. */
export function launchChromium(): Promise<PlaywrightBrowser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The phone viewport the e2e tests open at unless they test a width of their own. */
export const PHONE = { width: 390, height: 844 } as const;

/** What the settings helpers need of an agent: this harness's or `test/agent`'s process. */
export type AgentAt = Pick<Agent, 'url'>;

/** The agent's settings view, through its HTTP API. */
export async function getSettingsView(agent: AgentAt): Promise<SettingsView> {
  const res = await fetch(`${agent.url}/api/settings`);
  expect(res.status).toBe(200);
  return (await res.json()) as SettingsView;
}

/** Saves settings through the agent's HTTP API; fails the test with the body when refused. */
export async function putSettings(agent: AgentAt, settings: Settings): Promise<void> {
  const res = await fetch(`${agent.url}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ settings }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Switches the agent's UI language through its settings (the page must be reloaded). */
export async function setLanguage(agent: AgentAt, language: Language): Promise<void> {
  const { settings } = await getSettingsView(agent);
  await putSettings(agent, { ...settings, general: { ...settings.general, language } });
}

/** How far the page scrolls sideways, and the first element that sticks out (for the message). */
export function sideOverflow(
  page: Page,
): Promise<{ scroll: number; inner: number; culprit: string }> {
  return page.evaluate(() => {
    const inner = window.innerWidth;
    let culprit = '';
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > inner + 0.5) {
        culprit = `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} right=${Math.round(r.right)}`;
        break;
      }
    }
    return { scroll: document.scrollingElement!.scrollWidth, inner, culprit };
  });
}

/**
 * Fails the test when the page scrolls sideways, naming what sticks out. With `shotsDir`, also
 * saves a full-page screenshot named after `what`, for looking at.
 */
export async function expectNoSideScroll(
  page: Page,
  what: string,
  shotsDir?: string,
): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const o = await sideOverflow(page);
  expect(o.scroll, `${what}: ${o.culprit}`).toBeLessThanOrEqual(o.inner);
  if (shotsDir) {
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({
      path: join(shotsDir, `${what.replace(/\W+/g, '-')}.png`),
      fullPage: true,
    });
  }
}

/** A fresh temp data dir. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hostwatch-e2e-'));
}
