/**
 * Start at login: app.setLoginItemSettings on macOS and Windows; on Linux, where Electron has no
 * login items, an XDG autostart entry in $XDG_CONFIG_HOME/autostart (default ~/.config/autostart),
 * per https://specifications.freedesktop.org/autostart-spec/latest/.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from 'electron';

/** Reads and changes start-at-login. */
export interface LoginItem {
  /** Whether the app starts at login (synchronous: the menu checkbox needs it). */
  isEnabled(): boolean;
  setEnabled(on: boolean): Promise<void>;
}

/** What the login item needs. */
export interface LoginItemDeps {
  readonly platform: NodeJS.Platform;
  readonly app: Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>;
  readonly env: NodeJS.ProcessEnv;
  readonly homedir: string;
  /** The command that starts the app: [executable, ...args]. */
  readonly command: readonly string[];
}

/** The command that starts this app at login: the AppImage itself when run from one. */
export function launchCommand(
  env: NodeJS.ProcessEnv,
  isPackaged: boolean,
  execPath: string,
  appPath: string,
): string[] {
  if (env.APPIMAGE) return [env.APPIMAGE];
  return isPackaged ? [execPath] : [execPath, appPath];
}

/** Path of the Linux autostart entry. */
export function autostartPath(env: NodeJS.ProcessEnv, homedir: string): string {
  const config =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/')
      ? env.XDG_CONFIG_HOME
      : join(homedir, '.config');
  return join(config, 'autostart', 'hostwatch.desktop');
}

/** Quotes one Exec argument per the Desktop Entry spec ("quoting" section). */
function quoteExecArg(arg: string): string {
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(arg)) return arg.replace(/%/g, '%%');
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

/** The autostart .desktop file for a command. */
export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Hostwatch',
    'Comment=Server-health monitor',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Icon=hostwatch',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Creates the platform's login item. */
export function createLoginItem(deps: LoginItemDeps): LoginItem {
  if (deps.platform === 'linux') {
    const path = autostartPath(deps.env, deps.homedir);
    return {
      isEnabled: () => existsSync(path),
      async setEnabled(on) {
        if (!on) return rm(path, { force: true });
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, desktopEntry(deps.command), { mode: 0o644 });
      },
    };
  }
  const [path, ...args] = deps.command;
  // Windows matches the entry by path and args, so pass the same ones when reading.
  const options = deps.platform === 'win32' && path ? { path, args } : {};
  return {
    isEnabled: () => deps.app.getLoginItemSettings(options).openAtLogin,
    setEnabled(on) {
      deps.app.setLoginItemSettings({ openAtLogin: on, ...options });
      return Promise.resolve();
    },
  };
}
