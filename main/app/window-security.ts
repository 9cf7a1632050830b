/**
 * The dashboard window's lock-down (with the web preferences literal in window.ts): CSP,
 * navigation and popups denied, every web request outside our own renderer files blocked, permissions denied.
 * See https://www.electronjs.org/docs/latest/tutorial/security (items 2–4, 7, 11–15, 17, 20).
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/ports';

/** Whether a link may be handed to the OS browser: https only (never file:, javascript:, smb:…). */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Whether a renderer request may proceed: our own renderer files and DevTools only. */
export function isRequestAllowed(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'devtools:') return true;
  if (parsed.protocol !== 'file:') return false;
  const rel = relative(rendererDir, fileURLToPath(parsed));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The parts of webContents the lock-down touches. */
export type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Denies navigation and new windows; opens https links in the OS browser. */
export function lockDownContents(
  contents: LockableContents,
  openExternal: (url: string) => Promise<void>,
  logger: Logger,
): void {
  const external = (url: string): void => {
    if (!isExternalLinkAllowed(url)) return logger.warn(`blocked link ${url.slice(0, 200)}`);
    openExternal(url).catch((err: unknown) => logger.error('openExternal failed', err));
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    external(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    external(url);
    return { action: 'deny' };
  });
}

/** The parts of a session the lock-down touches. */
export interface LockableSession {
  readonly webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
}

/** Blocks every request but our renderer files, sets the CSP header, denies every permission. */
export function lockDownSession(
  session: LockableSession,
  rendererDir: string,
  logger: Logger,
): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, rendererDir);
    if (!allowed) logger.warn(`blocked request ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    // Our own files only, no eval, no remote anything; React and uPlot set element styles.
    // One literal so Electronegativity's CSP evaluator can read it.
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
