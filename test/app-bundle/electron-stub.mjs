// A recording stand-in for the `electron` module, for starting the BUILT tray bundle
// (dist/app/main.js) under plain Node. It implements only what the shell calls — a missing export
// fails at link time and a missing method throws, so the bundle's real use of Electron shows.
// Every call worth checking is sent to the test over the IPC channel as { kind, ... }; the test
// drives the app with { cmd: 'ready' | 'click', id? } messages.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Sends one record to the test (the child is spawned with an IPC channel). */
function record(kind, data = {}) {
  process.send?.({ kind, ...data });
}

// Electron's app path is the folder of the package.json that names the entry script.
function appPath() {
  let dir = dirname(process.argv[1] ?? process.cwd());
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const paths = { userData: mkdtempSync(join(tmpdir(), 'hostwatch-stub-userdata-')) };
let resolveReady;
const ready = new Promise((res) => (resolveReady = res));
let latestMenu = [];

class StubApp extends EventEmitter {
  isPackaged = false;
  dock = undefined;
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return ready;
  }
  setPath(name, value) {
    paths[name] = value;
  }
  getPath(name) {
    if (!(name in paths)) throw new Error(`stub app.getPath: unknown path "${name}"`);
    return paths[name];
  }
  getAppPath() {
    return appPath();
  }
  setAppUserModelId() {}
  getVersion() {
    return '0.1.0';
  }
  /** Only the main process, as Electron lists it before any window exists. */
  getAppMetrics() {
    const cpu = process.cpuUsage();
    return [
      {
        pid: process.pid,
        type: 'Browser',
        cpu: {
          percentCPUUsage: 0,
          cumulativeCPUUsage: (cpu.user + cpu.system) / 1e6,
          idleWakeupsPerSecond: 0,
        },
        memory: {
          workingSetSize: Math.round(process.memoryUsage.rss() / 1024),
          peakWorkingSetSize: 0,
        },
      },
    ];
  }
  getLoginItemSettings() {
    return { openAtLogin: false };
  }
  setLoginItemSettings() {}
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    record('quit', { prevented });
    if (prevented) return;
    this.emit('will-quit', { preventDefault() {} });
    this.emit('quit');
    // Electron ends the process once quitting is not prevented, whatever handles remain.
    setImmediate(() => process.exit(0));
  }
  exit(code = 0) {
    record('exit', { code });
    process.exit(code);
  }
}

/** The app singleton. */
export const app = new StubApp();

function image(path) {
  return { path, isEmpty: () => !existsSync(path), toJSON: () => ({ path }) };
}

/** nativeImage: images remember the path they were made from. */
export const nativeImage = {
  createFromPath(path) {
    record('nativeImage.createFromPath', { path });
    return image(path);
  },
  createEmpty: () => image(''),
};

/** Tray: records image, tooltip and menu changes. */
export class Tray extends EventEmitter {
  constructor(img) {
    super();
    record('tray.new', { image: img.path });
  }
  setImage(img) {
    record('tray.setImage', { image: img.path });
  }
  setToolTip(text) {
    record('tray.setToolTip', { text });
  }
  setContextMenu(menu) {
    record('tray.setContextMenu', { ids: menu.ids, about: menu.about });
  }
  destroy() {
    record('tray.destroy');
  }
}

function itemIds(template) {
  return template.flatMap((item) => [
    ...(item.id ? [item.id] : []),
    ...(Array.isArray(item.submenu) ? itemIds(item.submenu) : []),
  ]);
}

/** Menu: keeps the latest template so the test can click an item by id. */
export const Menu = {
  buildFromTemplate(template) {
    latestMenu = template;
    return { ids: itemIds(template), about: template.find((i) => i.id === 'about')?.label };
  },
};

function findItem(template, id) {
  for (const item of template) {
    if (item.id === id) return item;
    const sub = Array.isArray(item.submenu) ? findItem(item.submenu, id) : undefined;
    if (sub) return sub;
  }
  return undefined;
}

let nextId = 1;
class StubContents extends EventEmitter {
  id = nextId++;
  setWindowOpenHandler() {
    record('webContents.setWindowOpenHandler');
  }
  send(channel) {
    record('webContents.send', { channel });
  }
  isDestroyed() {
    return false;
  }
}

/** BrowserWindow: records its options and what it loads. */
export class BrowserWindow extends EventEmitter {
  webContents = new StubContents();
  #bounds;
  constructor(options) {
    super();
    this.#bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width,
      height: options.height,
    };
    record('BrowserWindow.new', { options });
  }
  loadFile(path, options) {
    record('BrowserWindow.loadFile', { path, options });
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    record('BrowserWindow.show');
  }
  hide() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  destroy() {
    record('BrowserWindow.destroy');
  }
  getBounds() {
    return this.#bounds;
  }
}

/** Notification: always supported here; shows are recorded. */
export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    record('Notification.show', { title: this.options.title });
  }
}

const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
/** screen: one 1920×1080 display. */
export const screen = { getPrimaryDisplay: () => display, getDisplayMatching: () => display };

/** session: records the lock-down handlers. */
export const session = {
  defaultSession: {
    webRequest: {
      onBeforeRequest: () => record('session.onBeforeRequest'),
      onHeadersReceived: () => record('session.onHeadersReceived'),
    },
    setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
  },
};

/** ipcMain: records handler channels. */
export const ipcMain = {
  handle: (channel) => record('ipcMain.handle', { channel }),
  removeHandler: (channel) => record('ipcMain.removeHandler', { channel }),
};

/** shell, dialog, powerMonitor: recorded, doing nothing. */
export const shell = {
  openExternal: (url) => (record('shell.openExternal', { url }), Promise.resolve()),
  openPath: (path) => (record('shell.openPath', { path }), Promise.resolve('')),
};
export const dialog = {
  showMessageBox: (options) => (
    record('dialog.showMessageBox', { title: options.title }),
    Promise.resolve({ response: 0 })
  ),
};
export const powerMonitor = new EventEmitter();
/** clipboard: recorded ("Copy address" in a host's submenu). */
export const clipboard = {
  writeText: (text) => record('clipboard.writeText', { text }),
};

/** safeStorage: no keyring here, as on a Linux box without one. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('stub safeStorage: encryption is not available');
  },
  decryptString: () => {
    throw new Error('stub safeStorage: encryption is not available');
  },
};

process.on('message', (msg) => {
  if (msg.cmd === 'ready') {
    record('app.ready');
    resolveReady();
    app.emit('ready');
  } else if (msg.cmd === 'click') {
    const item = findItem(latestMenu, msg.id);
    if (!item?.click) return record('click.missing', { id: msg.id });
    record('click', { id: msg.id });
    item.click(item, undefined, {});
  }
});
record('stub.loaded');
