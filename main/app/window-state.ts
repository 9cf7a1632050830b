/**
 * The dashboard window's remembered size and position: a small JSON file in the data directory,
 * clamped on load to the display it would appear on so a window never opens off screen (e.g.
 * after a monitor was unplugged).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Rectangle } from 'electron';
import writeFileAtomic from 'write-file-atomic';

/** Default size of the dashboard window. */
export const DEFAULT_BOUNDS = { width: 1100, height: 760 } as const;

const MIN = { width: 480, height: 360 } as const;

/** Saved bounds; x/y absent means "let the OS place it". */
export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

/** Path of the window-state file. */
export function windowStatePath(dataDir: string): string {
  return join(dataDir, 'window-state.json');
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Reads saved bounds; anything missing or malformed gives the default size. */
export async function loadWindowBounds(dataDir: string): Promise<WindowBounds> {
  try {
    const raw: unknown = JSON.parse(await readFile(windowStatePath(dataDir), 'utf8'));
    if (typeof raw !== 'object' || raw === null) return DEFAULT_BOUNDS;
    const r = raw as Record<string, unknown>;
    if (!isNum(r.width) || !isNum(r.height)) return DEFAULT_BOUNDS;
    const size = { width: r.width, height: r.height };
    return isNum(r.x) && isNum(r.y) ? { ...size, x: r.x, y: r.y } : size;
  } catch {
    return DEFAULT_BOUNDS;
  }
}

/** Writes bounds atomically (a unique temp file + rename, so two closes may overlap). */
export async function saveWindowBounds(dataDir: string, bounds: Rectangle): Promise<void> {
  const { x, y, width, height } = bounds;
  await writeFileAtomic(windowStatePath(dataDir), JSON.stringify({ x, y, width, height }));
}

/**
 * Fits bounds into a display's work area: size shrunk to fit (never below a usable minimum),
 * position moved so the whole window is visible. Without a position the OS centres it.
 */
export function clampBounds(bounds: WindowBounds, workArea: Rectangle): WindowBounds {
  const width = Math.max(
    Math.min(bounds.width, workArea.width),
    Math.min(MIN.width, workArea.width),
  );
  const height = Math.max(
    Math.min(bounds.height, workArea.height),
    Math.min(MIN.height, workArea.height),
  );
  if (bounds.x === undefined || bounds.y === undefined) return { width, height };
  const x = Math.min(Math.max(bounds.x, workArea.x), workArea.x + workArea.width - width);
  const y = Math.min(Math.max(bounds.y, workArea.y), workArea.y + workArea.height - height);
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
  };
}
