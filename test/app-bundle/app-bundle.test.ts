/**
 * The BUILT tray bundle, as a user's Electron loads it: dist/app/main.js started under plain Node
 * with `electron` resolved to a recording stub (register.mjs → electron-hooks.mjs →
 * electron-stub.mjs), driven through whenReady, the first tray image and tooltip from the real
 * engine and sampler worker, a window from the menu, a menu action and a clean quit; and
 * dist/app/preload.cjs, which must require nothing but `electron`. A bundling, path or ESM mistake
 * fails here instead of on a desktop.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, SHOW_HOST_CHANNEL, ipcChannel } from '../../main/shared/contract';
import { STATUS_RESYNC_CHANNEL } from '../../main/shared/channels';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(root, 'dist/app/main.js');
const PRELOAD = join(root, 'dist/app/preload.cjs');
const REGISTER = fileURLToPath(new URL('./register.mjs', import.meta.url));

interface Rec {
  kind: string;
  [key: string]: unknown;
}

/** The bundle under the stub, with helpers to wait for records and send commands. */
function startBundle() {
  const userData = mkdtempSync(join(tmpdir(), 'hostwatch-bundle-'));
  const child = fork(MAIN, [], {
    cwd: root,
    execArgv: ['--import', REGISTER],
    env: { ...process.env, HOSTWATCH_USER_DATA: userData },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const records: Rec[] = [];
  const waiters: { match: (r: Rec) => boolean; done: (r: Rec) => void }[] = [];
  child.on('message', (msg: Rec) => {
    records.push(msg);
    for (const w of waiters.splice(0)) {
      if (w.match(msg)) w.done(msg);
      else waiters.push(w);
    }
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return {
    userData,
    records,
    output: () => output,
    exited,
    send: (cmd: { cmd: string; id?: string }) => child.send(cmd),
    kill: () => child.kill('SIGKILL'),
    /** The first record (already seen or still to come) that matches, within 30 s. */
    waitFor(match: (r: Rec) => boolean, what: string): Promise<Rec> {
      const seen = records.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((res, rej) => {
        const timer = setTimeout(
          () => rej(new Error(`no ${what} within 30 s; output:\n${output}`)),
          30_000,
        );
        waiters.push({
          match,
          done: (r) => {
            clearTimeout(timer);
            res(r);
          },
        });
      });
    },
  };
}

describe('the built tray bundle under Node', () => {
  it('starts, shows real health in the tray, opens a locked-down window, pauses and quits cleanly', async () => {
    const app = startBundle();
    try {
      await app.waitFor((r) => r.kind === 'stub.loaded', 'stub loaded');
      // Nothing happens before Electron is ready: the engine waits for whenReady.
      expect(app.records.some((r) => r.kind === 'tray.new')).toBe(false);
      app.send({ cmd: 'ready' });

      const first = await app.waitFor((r) => r.kind === 'tray.new', 'a tray');
      expect(existsSync(first.image as string)).toBe(true);
      expect(first.image).toMatch(/tray-unknown-32\.png$/);
      // The contract's operations, every one, are handled over IPC, and the shown host.
      const handled = app.records.filter((r) => r.kind === 'ipcMain.handle').map((r) => r.channel);
      expect(handled).toEqual([
        ...OPERATION_NAMES.map((n) => ipcChannel(n)),
        SHOW_HOST_CHANNEL,
        STATUS_RESYNC_CHANNEL,
      ]);

      // The first real status, sampled by the worker the bundle found from its own path.
      const name = hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const sampled = new RegExp(`^${name} — (OK|WARNING|CRITICAL)`);
      const tip = await app.waitFor(
        (r) => r.kind === 'tray.setToolTip' && sampled.test(r.text as string),
        'a tooltip with sampled health',
      );
      const images = app.records.filter((r) => r.kind === 'tray.setImage');
      const health = /— (OK|WARNING|CRITICAL)/.exec(tip.text as string)?.[1]?.toLowerCase();
      expect(images.at(-1)?.image).toMatch(new RegExp(`tray-${health}-32\\.png$`));
      expect(existsSync(images.at(-1)?.image as string)).toBe(true);

      // The About line: the version and the measured own cost of the app's processes.
      await app.waitFor(
        (r) =>
          r.kind === 'tray.setContextMenu' &&
          /^Hostwatch 0\.1\.0 — [\d.]+% CPU · [\d.]+ MiB$/.test(String(r.about)),
        'an About line with own cost',
      );

      // Menu → window: the locked-down preferences and the real preload path.
      app.send({ cmd: 'click', id: 'open' });
      const win = await app.waitFor((r) => r.kind === 'BrowserWindow.new', 'a window');
      const prefs = (win.options as { webPreferences: Record<string, unknown> }).webPreferences;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        webSecurity: true,
      });
      expect(prefs.preload).toBe(PRELOAD);
      expect(existsSync(prefs.preload as string)).toBe(true);
      const loaded = await app.waitFor((r) => r.kind === 'BrowserWindow.loadFile', 'a page load');
      expect(loaded.path).toBe(join(root, 'dist/renderer/index.html'));
      expect(existsSync(loaded.path as string)).toBe(true);
      await app.waitFor((r) => r.kind === 'BrowserWindow.show', 'the window shown');
      expect(app.records.some((r) => r.kind === 'session.onBeforeRequest')).toBe(true);
      expect(app.records.some((r) => r.kind === 'webContents.setWindowOpenHandler')).toBe(true);

      // A menu action reaches the engine and comes back as tray state.
      app.send({ cmd: 'click', id: 'pause' });
      await app.waitFor(
        (r) => r.kind === 'tray.setToolTip' && /— monitoring paused$/.test(r.text as string),
        'the paused tooltip',
      );
      await app.waitFor(
        (r) => r.kind === 'tray.setContextMenu' && (r.ids as string[]).includes('resume'),
        'a menu offering resume',
      );

      // Quit: held back until the engine has stopped, then the tray goes and the process ends.
      app.send({ cmd: 'click', id: 'quit' });
      expect(await app.exited).toBe(0);
      const tail = app.records.map((r) =>
        r.kind === 'quit' ? `quit:${String(r.prevented)}` : r.kind,
      );
      const firstQuit = tail.indexOf('quit:true');
      expect(firstQuit).toBeGreaterThan(0);
      expect(
        tail.slice(firstQuit).filter((k) => k.startsWith('quit') || k === 'tray.destroy'),
      ).toEqual(['quit:true', 'tray.destroy', 'quit:false']);
      expect(app.output()).not.toMatch(/failed to start|Error/);
      // The engine ran for real in the data folder it was given.
      expect(existsSync(join(app.userData, 'settings.json'))).toBe(true);
    } finally {
      app.kill();
    }
  });

  it('has a preload that requires only electron and exposes exactly the contract', () => {
    const source = readFileSync(PRELOAD, 'utf8');
    const file = ts.createSourceFile(
      PRELOAD,
      source,
      ts.ScriptTarget.Latest,
      false,
      ts.ScriptKind.JS,
    );
    const required: string[] = [];
    let dynamic = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
          const arg = node.arguments[0];
          required.push(arg && ts.isStringLiteral(arg) ? arg.text : '<computed>');
        }
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) dynamic++;
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(dynamic).toBe(0);

    // Run it as the sandbox would, with only `electron` available.
    const exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: () => Promise.resolve(),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    runInNewContext(source, {
      module,
      exports: module.exports,
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`preload required ${id}`);
        return electron;
      },
    });
    expect(Object.keys(exposed)).toEqual(['hostwatch']);
    expect(Object.keys(exposed.hostwatch as object).sort()).toEqual(
      [...OPERATION_NAMES, 'on', 'showHost'].sort(),
    );
  });
});
