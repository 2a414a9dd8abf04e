import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPreferences } from '../../electron/core/status/status-preferences';
import { restoreWindowBounds, trackWindowState, windowStateKey, type TrackedWindow } from '../../electron/main/window-state';

const size = { width: 1040, height: 720, minWidth: 640, minHeight: 480 };
const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

class FakeWindow extends EventEmitter implements TrackedWindow {
  bounds = { x: 100, y: 80, width: 1200, height: 800 };
  maximized = false;
  destroyed = false;
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return this.maximized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('window state', () => {
  it('opens at the default size when nothing was saved', () => {
    expect(restoreWindowBounds(createMemoryPreferences(), screen, size)).toEqual({ width: 1040, height: 720, maximized: false });
  });

  it('puts the window back where it was when a display still shows it', () => {
    const store = createMemoryPreferences({ [windowStateKey]: { x: 300, y: 200, width: 900, height: 600, maximized: true } });
    expect(restoreWindowBounds(store, screen, size)).toEqual({ x: 300, y: 200, width: 900, height: 600, maximized: true });
  });

  it('keeps the size but lets the OS place it when its display is gone', () => {
    const store = createMemoryPreferences({ [windowStateKey]: { x: 2500, y: 100, width: 900, height: 600, maximized: false } });
    expect(restoreWindowBounds(store, screen, size)).toEqual({ width: 900, height: 600, maximized: false });
  });

  it('never opens smaller than the minimum, and ignores a damaged value', () => {
    const tiny = createMemoryPreferences({ [windowStateKey]: { x: 10, y: 10, width: 50, height: 20, maximized: false } });
    expect(restoreWindowBounds(tiny, screen, size)).toMatchObject({ width: 640, height: 480 });
    for (const damaged of ['nonsense', { x: 'a' }, null, { x: 1, y: 1, width: Number.NaN, height: 1, maximized: false }]) {
      expect(restoreWindowBounds(createMemoryPreferences({ [windowStateKey]: damaged }), screen, size)).toEqual({ width: 1040, height: 720, maximized: false });
    }
  });

  it('saves bounds once moves and resizes settle, and at once on close', () => {
    vi.useFakeTimers();
    const store = createMemoryPreferences();
    const win = new FakeWindow();
    trackWindowState(win, store, 400);
    win.emit('move');
    win.emit('resize');
    expect(store.get(windowStateKey)).toBeUndefined();
    vi.advanceTimersByTime(400);
    expect(store.get(windowStateKey)).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: false });
    win.bounds = { x: 5, y: 6, width: 700, height: 500 };
    win.maximized = true;
    win.emit('close');
    expect(store.get(windowStateKey)).toEqual({ x: 5, y: 6, width: 700, height: 500, maximized: true });
  });
});
