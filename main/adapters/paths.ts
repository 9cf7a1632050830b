/**
 * Where the agent keeps its files: the platform's per-user application-data folder (XDG on
 * Linux, `~/Library/Application Support` on macOS, `%LOCALAPPDATA%` on Windows) and the log
 * folder inside it. The tray app uses Electron's `app.getPath('userData')` instead.
 */
import { join } from 'node:path';
import envPaths from 'env-paths';

/** The agent's per-user data folder, e.g. `~/.local/share/hostwatch` on Linux. */
export function defaultDataDir(): string {
  // An empty suffix: the default `-nodejs` suffix would leak an implementation detail into the path.
  return envPaths('hostwatch', { suffix: '' }).data;
}

/** The log folder inside a data folder. */
export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}
