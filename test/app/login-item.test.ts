import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartPath,
  createLoginItem,
  desktopEntry,
  launchCommand,
} from '../../main/app/login-item';

let dir = '';
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hw-login-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const noApp = {
  getLoginItemSettings: () => {
    throw new Error('not on linux');
  },
  setLoginItemSettings: () => {
    throw new Error('not on linux');
  },
};

describe('start at login', () => {
  it('writes and removes an XDG autostart entry under XDG_CONFIG_HOME on Linux', async () => {
    const env = { XDG_CONFIG_HOME: join(dir, 'xdg') };
    const item = createLoginItem({
      platform: 'linux',
      app: noApp,
      env,
      homedir: join(dir, 'home'),
      command: ['/opt/Hostwatch/hostwatch'],
    });
    const file = join(dir, 'xdg', 'autostart', 'hostwatch.desktop');
    expect(item.isEnabled()).toBe(false);
    await item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application\nName=Hostwatch\n');
    expect(text).toContain('Exec=/opt/Hostwatch/hostwatch\n');
    await item.setEnabled(false);
    expect(existsSync(file)).toBe(false);
    expect(item.isEnabled()).toBe(false);
    await item.setEnabled(false); // removing twice is fine
  });

  it('defaults to ~/.config and ignores a relative XDG_CONFIG_HOME (per the spec)', () => {
    expect(autostartPath({}, '/home/ann')).toBe('/home/ann/.config/autostart/hostwatch.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'rel' }, '/home/ann')).toBe(
      '/home/ann/.config/autostart/hostwatch.desktop',
    );
  });

  it('quotes Exec arguments with spaces and specials', () => {
    expect(desktopEntry(['/home/ann/Apps/Host watch.AppImage', '100%'])).toContain(
      'Exec="/home/ann/Apps/Host watch.AppImage" 100%%\n',
    );
    expect(desktopEntry(['/opt/a"b$c'])).toContain('Exec="/opt/a\\"b\\$c"\n');
  });

  it('uses the OS login items on macOS and Windows', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      let settings: Record<string, unknown> = {};
      const app = {
        getLoginItemSettings: () => ({ openAtLogin: settings.openAtLogin === true }),
        setLoginItemSettings: (s: Record<string, unknown>) => void (settings = s),
      };
      const item = createLoginItem({
        platform,
        app: app as never,
        env: {},
        homedir: dir,
        command: ['C:\\Hostwatch\\Hostwatch.exe'],
      });
      await item.setEnabled(true);
      expect(item.isEnabled()).toBe(true);
      expect(settings.openAtLogin).toBe(true);
      expect(existsSync(join(dir, '.config'))).toBe(false);
    }
  });

  it('starts the AppImage itself, the packaged binary, or electron with the app in development', () => {
    expect(
      launchCommand(
        { APPIMAGE: '/home/ann/Hostwatch.AppImage' },
        true,
        '/tmp/.mount_x/hostwatch',
        '/tmp/.mount_x/resources/app.asar',
      ),
    ).toEqual(['/home/ann/Hostwatch.AppImage']);
    expect(
      launchCommand({}, true, '/opt/Hostwatch/hostwatch', '/opt/Hostwatch/resources/app.asar'),
    ).toEqual(['/opt/Hostwatch/hostwatch']);
    expect(launchCommand({}, false, '/repo/node_modules/electron/dist/electron', '/repo')).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/repo',
    ]);
  });
});
