// The global shortcut that opens the settings window from anywhere (default CmdOrCtrl+Shift+Comma,
// configurable through `app:set-preferences`). Only our own accelerator is ever unregistered.
import type { GlobalShortcut } from 'electron';

export interface OpenShortcut {
  /** Registers `accelerator` in place of the current one; '' turns it off. False when the OS refused it
   *  (taken by another app, or not a valid accelerator); the previous one is then gone too. */
  apply(accelerator: string): boolean;
  current(): string | null;
  dispose(): void;
}

export function createOpenShortcut(globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>, onPress: () => void): OpenShortcut {
  let registered: string | null = null;
  const release = () => {
    if (registered) globalShortcut.unregister(registered);
    registered = null;
  };
  return {
    apply(accelerator) {
      const wanted = accelerator.trim();
      if (wanted === registered) return true;
      release();
      if (wanted === '') return true;
      let ok: boolean;
      try {
        ok = globalShortcut.register(wanted, onPress);
      } catch {
        // Electron throws on a malformed accelerator; a bad preference must not stop the app starting.
        ok = false;
      }
      if (ok) registered = wanted;
      return ok;
    },
    current: () => registered,
    dispose: release,
  };
}
