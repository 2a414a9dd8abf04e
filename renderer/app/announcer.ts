// One polite live region for the whole app: state changes are announced, not only drawn.
import { create } from 'zustand';

interface AnnouncerState {
  message: string;
  /** Bumped on every announcement so the same words twice are still read out. */
  serial: number;
  announce(message: string): void;
}

export const useAnnouncer = create<AnnouncerState>((set) => ({
  message: '',
  serial: 0,
  announce: (message) => set((state) => ({ message, serial: state.serial + 1 })),
}));

export const announce = (message: string) => useAnnouncer.getState().announce(message);
