// Remembers the settings window's position and size in the preferences store, and puts it back only
// where a display still shows it (a monitor unplugged since must not leave the window off-screen).
import type { Rectangle } from 'electron';
import type { PreferencesStore } from '../core/status/status-preferences';

export interface SavedWindowState {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface WindowSize {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

/** The slice of BrowserWindow the tracker watches. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export const windowStateKey = 'window.settings';

function isSavedState(value: unknown): value is SavedWindowState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof v[k] === 'number' && Number.isFinite(v[k])) && typeof v.maximized === 'boolean';
}

/** How much of the window's title bar area must stay on a display for the saved position to be used. */
const minVisible = 64;

function overlapsWorkArea(bounds: Rectangle, area: Rectangle): boolean {
  const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
  return width >= minVisible && height >= Math.min(minVisible, bounds.height) && bounds.y >= area.y - 8;
}

/** The options to open the window with: the saved bounds if a display still shows them, else the defaults
 *  (saved size, centred by the OS). A damaged value is ignored, never fatal. */
export function restoreWindowBounds(
  store: PreferencesStore,
  workAreas: readonly Rectangle[],
  size: WindowSize,
): { x?: number; y?: number; width: number; height: number; maximized: boolean } {
  const saved = store.get(windowStateKey);
  if (!isSavedState(saved)) return { width: size.width, height: size.height, maximized: false };
  const width = Math.max(size.minWidth, Math.round(saved.width));
  const height = Math.max(size.minHeight, Math.round(saved.height));
  const bounds = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
  if (workAreas.some((area) => overlapsWorkArea(bounds, area))) return { ...bounds, maximized: saved.maximized };
  return { width, height, maximized: saved.maximized };
}

/** Saves the window's normal bounds after moves and resizes settle, and at once when it closes. */
export function trackWindowState(win: TrackedWindow, store: PreferencesStore, delayMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const state: SavedWindowState = { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: win.isMaximized() };
    store.set(windowStateKey, state);
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  for (const event of ['resize', 'move'] as const) win.on(event, later);
  for (const event of ['maximize', 'unmaximize', 'close'] as const) win.on(event, save);
  return save;
}
