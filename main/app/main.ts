/**
 * The tray app's composition root: takes the single-instance lock, starts the engine (composed
 * with the window and IPC by compose-app.ts) and wires each feature with setupX(deps). Logic
 * lives in the feature modules, which are tested in plain Node with fakes for these Electron
 * objects.
 */
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  clipboard,
  dialog,
  // eslint-disable-next-line no-restricted-syntax -- handed to ipc.ts (via compose-app.ts), the only file that registers handlers
  ipcMain,
  nativeImage,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { systemClock } from '../adapters/clock';
import { LOCAL_HOST_ID, type FleetSummary, type Status } from '../shared/contract';
import { openDeliveredIds } from '../adapters/fleet/delivered-ids';
import { composeApp } from './compose-app';
import { appProcessCosts } from './about-line';
import { claimSingleInstance, setupPower, setupQuit } from './lifecycle';
import { createLoginItem, launchCommand } from './login-item';
import { createMenuActions } from './menu';
import {
  acknowledgeFromNotification,
  createDesktopChannel,
  createNoticeNotifier,
  notifyOrFallback,
} from './notifications';
import { createRemoteEventNotifier } from './remote-notifications';
import { setupAlertmanagers } from './alertmanager-notifier';
import { strings } from './strings';
import { setupTray } from './tray';
import { setupWindow } from './window';

/** Also the Windows AppUserModelId (notifications are attributed to it) and the builder appId. */
const APP_ID = 'io.hostwatch.app';
const distApp = import.meta.dirname; // dist/app, inside app.asar when packaged
const rendererDir = join(distApp, '..', 'renderer');
const iconDir = join(app.getAppPath(), 'build', 'icons');

let showWindow = (_route?: string): void => undefined; // replaced once the window exists

// Moves all state elsewhere (smoke tests, a second profile); must happen before `ready`.
if (process.env.HOSTWATCH_USER_DATA) app.setPath('userData', process.env.HOSTWATCH_USER_DATA);

if (claimSingleInstance(app, () => showWindow())) {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('Hostwatch failed to start', err);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  app.dock?.hide(); // tray-only on macOS (LSUIElement in the packaged Info.plist)
  const dataDir = app.getPath('userData');
  const { engine, window } = await composeApp({
    dataDir,
    safeStorage,
    platform: process.platform,
    workerPath: join(distApp, '..', 'sampler-worker.js'),
    // Renderer, GPU and utility processes join the own-cost figures (issue 11).
    otherProcesses: () => appProcessCosts(app.getAppMetrics()),
    ipcMain,
    rendererUrl: pathToFileURL(rendererDir + sep).href,
    window: (e) =>
      setupWindow({
        BrowserWindow,
        screen,
        session: session.defaultSession,
        openExternal: (url) => shell.openExternal(url),
        dataDir,
        preloadPath: join(distApp, 'preload.cjs'),
        rendererDir,
        iconPath: join(iconDir, 'icon.png'),
        logger: e.logger('window'),
      }),
  });
  const log = engine.logger('app');
  let latest: Status | null = null;
  showWindow = (route) =>
    void window.show(route).catch((err: unknown) => log.error('showing the window failed', err));

  const loginItem = createLoginItem({
    platform: process.platform,
    app,
    env: process.env,
    homedir: homedir(),
    command: launchCommand(process.env, app.isPackaged, process.execPath, app.getAppPath()),
  });
  const notify = notifyOrFallback(Notification, (title, body) => {
    dialog
      .showMessageBox({ type: 'info', title, message: title, detail: body })
      .catch(() => undefined);
  });
  const tray = setupTray(
    { Tray, nativeImage, Menu, iconDir, platform: process.platform, clock: systemClock },
    {
      openAtLogin: () => loginItem.isEnabled(),
      version: app.getVersion(),
      actions: createMenuActions({
        api: engine.api,
        openDashboard: () => showWindow(),
        openHost: (host) => showWindow(`/${encodeURIComponent(host)}/status`),
        copyText: (text) => void clipboard.writeText(text),
        openPath: (path) => shell.openPath(path),
        logDir: engine.logDir,
        setOpenAtLogin: (on) => loginItem.setEnabled(on),
        notify,
        refresh: () => tray.refreshMenu(),
        language: () => latest?.language ?? 'en',
        quit: () => app.quit(),
        logger: engine.logger('menu'),
      }),
    },
  );
  const noticeNotifier = createNoticeNotifier(notify);
  let fleet: FleetSummary | null = null;
  engine.api.on('status', (status) => {
    if (status.hostId !== LOCAL_HOST_ID) return; // followed hosts reach the tray via the fleet
    latest = status;
    tray.update(status);
    noticeNotifier(status);
    // The fleet push comes only on change; asking each tick keeps the menu's headlines fresh.
    void engine.api.getFleet(undefined).then((r) => {
      if (r.ok) tray.updateFleet((fleet = r.value));
    });
  });
  engine.api.on('fleet', (summary) => tray.updateFleet((fleet = summary)));
  const remoteNotifier = createRemoteEventNotifier({
    Notification,
    delivered: openDeliveredIds(join(dataDir, 'delivered-notifications.json'), log),
    openRoute: (route) => showWindow(route),
    hostName: (host) => fleet?.hosts.find((h) => h.id === host)?.name ?? host,
    language: () => latest?.language ?? 'en',
    logger: engine.logger('notifications'),
  });
  engine.api.on('event', remoteNotifier);
  engine.addChannel(
    createDesktopChannel({
      Notification,
      openRoute: (route) => showWindow(route),
      onUnsupported: (message) => {
        log.warn(message);
        // The message comes in the alert's language; the notice keeps English and its code.
        const english = strings('en').notificationsUnsupported;
        engine.addNotice(
          'notifications-unsupported',
          'warning',
          english,
          'notifications-unsupported',
        );
      },
      logger: engine.logger('notifications'),
      // Notification buttons exist on macOS and Windows only; elsewhere a click opens the
      // Events view at the alert, where it can be acknowledged.
      ...(process.platform === 'darwin' || process.platform === 'win32'
        ? { acknowledge: acknowledgeFromNotification(engine.api, engine.logger('notifications')) }
        : {}),
    }),
  );
  setupPower(powerMonitor, engine);
  setupQuit(app, {
    beforeStop: () => window.allowClose(),
    engine,
    afterStop: () => tray.destroy(),
    logger: log,
  });
  await engine.start();
  // Alertmanager as a source (issue 10): its alerts join the fleet; one notification per new one.
  setupAlertmanagers({
    subscribe: (listener) => engine.onAlertmanagerAlerts(listener),
    desktop: async () => {
      const view = await engine.api.getSettings({});
      return view.ok ? view.value.settings.notifications.desktop : false;
    },
    notify,
    language: () => latest?.language ?? 'en',
    logger: engine.logger('alertmanager'),
  });
  if (process.argv.includes('--show')) showWindow();
}
