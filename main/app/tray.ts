/**
 * The tray controller: owns the Tray, caches one image per state, and throttles updates so a
 * burst of status pushes costs at most a few repaints, always ending on the latest state.
 */
import { join } from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import type { FleetSummary, Status } from '../shared/contract';
import type { Clock } from '../core/ports';
import { failingChecks, trayState, type TrayIcon } from '../core/tray-state';
import { buildMenuTemplate, type MenuActions, type MenuState } from './menu';
import { fleetView } from './tray-fleet';
import { fleetMenuAlerts } from './ack-menu';
import { withDeliveryLine } from './delivery-tray';
import { createAboutLine } from './about-line';

/** The part of Electron's Tray the controller uses. */
export interface TrayLike {
  setImage(image: NativeImage): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** Electron surfaces the tray needs (injected so tests run in plain Node). */
export interface TrayDeps {
  readonly Tray: new (image: NativeImage) => TrayLike;
  readonly nativeImage: { createFromPath(path: string): NativeImage };
  readonly Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
  /** Directory holding build/icons (inside the asar when packaged). */
  readonly iconDir: string;
  readonly platform: NodeJS.Platform;
  readonly clock: Pick<Clock, 'monotonic' | 'setTimeout'>;
}

/** Options of the tray controller. */
export interface TrayOptions {
  readonly actions: MenuActions;
  readonly openAtLogin: () => boolean;
  /** Minimum ms between repaints (default 500: at most two per second). */
  readonly minIntervalMs?: number;
  /** The app's version, for the menu's About line with Hostwatch's own cost; absent: no line. */
  readonly version?: string;
}

/** Drives the tray from status pushes. */
export interface TrayController {
  /** Records the latest status; repaints now or at the end of the throttle window. */
  update(status: Status | null): void;
  /** Records the latest fleet summary (hosts beyond the local one join the colour and menu). */
  updateFleet(fleet: FleetSummary | null): void;
  /** Rebuilds the menu (e.g. after start-at-login changed). */
  refreshMenu(): void;
  destroy(): void;
}

/** The icon file for a state on this platform (see scripts/make-icons.mjs). */
export function trayIconPath(iconDir: string, platform: NodeJS.Platform, icon: TrayIcon): string {
  // Windows picks the right size from the .ico; macOS loads the @2x sibling on Retina by itself;
  // Linux status areas scale down, so give them the sharper 32 px image.
  if (platform === 'win32') return join(iconDir, `tray-${icon}.ico`);
  if (platform === 'darwin') return join(iconDir, `tray-${icon}.png`);
  return join(iconDir, `tray-${icon}-32.png`);
}

/** Creates the tray (grey until the first status) and returns its controller. */
export function setupTray(deps: TrayDeps, options: TrayOptions): TrayController {
  const images = new Map<TrayIcon, NativeImage>();
  const image = (icon: TrayIcon): NativeImage => {
    let img = images.get(icon);
    if (!img) {
      img = deps.nativeImage.createFromPath(trayIconPath(deps.iconDir, deps.platform, icon));
      images.set(icon, img);
    }
    return img;
  };
  const interval = options.minIntervalMs ?? 500;
  const initial = trayState([], 'en');
  const tray = new deps.Tray(image(initial.icon));
  tray.setToolTip(initial.tooltip);
  // Delivered on Windows and macOS; AppIndicator never sends it, hence the menu item.
  tray.on('click', () => options.actions.openDashboard());

  let latest: Status | null = null;
  let fleet: FleetSummary | null = null;
  let shown = { icon: initial.icon, tooltip: initial.tooltip, menuKey: '' };
  let lastPaint = -Infinity;
  let cancelTimer: (() => void) | null = null;
  let destroyed = false;
  const about = options.version === undefined ? null : createAboutLine(options.version, deps.clock);

  const paint = (force = false): void => {
    lastPaint = deps.clock.monotonic();
    const language = latest?.language ?? 'en';
    const view = fleetView(latest, fleet);
    const fleetState = trayState(view.trayHosts, language);
    const state = {
      ...fleetState,
      tooltip: withDeliveryLine(fleetState.tooltip, latest?.delivery, language),
    };
    if (state.icon !== shown.icon) tray.setImage(image(state.icon));
    if (state.tooltip !== shown.tooltip) tray.setToolTip(state.tooltip);
    const menuState: MenuState = {
      language,
      paused: latest?.paused ?? false,
      snooze: latest?.snooze.all ?? null,
      openAtLogin: options.openAtLogin(),
      ...(failingChecks(latest) > 0 ? { failingChecks: failingChecks(latest) } : {}),
      ...(view.menuHosts.length > 0 ? { hosts: view.menuHosts } : {}),
      alerts: fleetMenuAlerts(latest, fleet, language),
      ...(about ? { about: about(latest?.selfCost, language) } : {}),
    };
    const menuKey = JSON.stringify(menuState);
    // Linux needs setContextMenu again after any change, so rebuild only when it differs.
    if (force || menuKey !== shown.menuKey) {
      tray.setContextMenu(
        deps.Menu.buildFromTemplate(buildMenuTemplate(menuState, options.actions)),
      );
    }
    shown = { icon: state.icon, tooltip: state.tooltip, menuKey };
  };
  paint(true);

  const schedule = (): void => {
    if (cancelTimer) return; // a repaint is already scheduled; it will pick up the latest state
    const wait = lastPaint + interval - deps.clock.monotonic();
    if (wait <= 0) return paint();
    cancelTimer = deps.clock.setTimeout(() => {
      cancelTimer = null;
      if (!destroyed) paint();
    }, wait);
  };

  return {
    update(status) {
      if (destroyed) return;
      latest = status;
      schedule();
    },
    updateFleet(summary) {
      if (destroyed) return;
      fleet = summary;
      schedule();
    },
    refreshMenu: () => {
      if (!destroyed) paint(true);
    },
    destroy() {
      destroyed = true;
      cancelTimer?.();
      tray.destroy();
    },
  };
}
