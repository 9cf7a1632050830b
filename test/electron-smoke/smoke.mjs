// Electron smoke test: starts the real app with Playwright's _electron and checks the seams that
// unit tests can only fake. It needs the Electron binary (downloaded by `npm install` when the
// network allows it) and a display, so it is NOT part of `npm test`. Run it with:
//   npm run build && node test/electron-smoke/smoke.mjs
// (on a headless Linux box: xvfb-run -a node test/electron-smoke/smoke.mjs)
import { _electron as electron } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const userData = mkdtempSync(join(tmpdir(), 'hostwatch-smoke-'));
const OPERATIONS = [
  'getStatus',
  'getHistory',
  'getEvents',
  'getSettings',
  'saveSettings',
  'sendTestEmail',
  'snooze',
  'setMaintenance',
  'setPaused',
];

const app = await electron.launch({
  cwd: root,
  args: ['.', '--show'],
  env: { ...process.env, HOSTWATCH_USER_DATA: userData },
  timeout: 60_000,
});
try {
  const page = await app.firstWindow();
  await page.waitForFunction(() => typeof window.hostwatch === 'object');

  // Exactly the contract crosses the bridge; no Node in the page.
  assert.deepEqual(
    await page.evaluate(() => Object.keys(window.hostwatch).sort()),
    [...OPERATIONS, 'on'].sort(),
  );
  assert.deepEqual(await page.evaluate(() => [typeof require, typeof process, typeof module]), [
    'undefined',
    'undefined',
    'undefined',
  ]);

  // IPC works and validates.
  const status = await page.evaluate(() => window.hostwatch.getStatus());
  assert.equal(status.ok, true);
  const invalid = await page.evaluate(() => window.hostwatch.setPaused({ paused: 'yes' }));
  assert.equal(invalid.ok, false);
  assert.equal(invalid.error.code, 'invalid');
  const settings = await page.evaluate(() => window.hostwatch.getSettings());
  assert.equal(typeof settings.value.secrets.smtpPassword, 'boolean');

  // A pushed status arrives through on(), with the payload only.
  const pushed = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const off = window.hostwatch.on('status', (...args) => {
          off();
          resolve(args.length);
        });
      }),
  );
  assert.equal(pushed, 1);

  // The lock-down holds in the real browser.
  assert.equal(
    await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    ),
    'blocked',
  );
  assert.equal(await page.evaluate(() => window.open('https://example.com/')), null);
  const prefs = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0].webContents.getLastWebPreferences(),
  );
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);

  // Closing the window hides it; the app keeps running in the tray.
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
  assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), 1);
  console.log('Electron smoke test passed.');
} finally {
  await app.close(); // quits through before-quit: the engine stops cleanly
  rmSync(userData, { recursive: true, force: true });
}
