// Requests that cross panels: "focus Add key" may be pressed on the Credits panel, before the Keys panel exists.
import { create } from 'zustand';

interface KeyboardState {
  /** Bumped on each request; Add key focuses itself when it sees a new value (or mounts with one pending). */
  addKeyRequest: number;
  addKeyHandled: number;
  sheetOpen: boolean;
  recheckAllRequest: number;
  requestAddKey(): void;
  markAddKeyHandled(): void;
  setSheetOpen(open: boolean): void;
  requestRecheckAll(): void;
}

export const useKeyboardStore = create<KeyboardState>((set) => ({
  addKeyRequest: 0,
  addKeyHandled: 0,
  sheetOpen: false,
  recheckAllRequest: 0,
  requestAddKey: () => set((state) => ({ addKeyRequest: state.addKeyRequest + 1 })),
  markAddKeyHandled: () => set((state) => ({ addKeyHandled: state.addKeyRequest })),
  setSheetOpen: (sheetOpen) => set({ sheetOpen }),
  requestRecheckAll: () => set((state) => ({ recheckAllRequest: state.recheckAllRequest + 1 })),
}));
