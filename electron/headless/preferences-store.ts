// Opens the small preferences file (notifications, shortcut, window bounds) without letting a damaged file
// stop the app: a file that does not parse is moved aside, never replaced in place, and a fresh one starts.
// Plain Node: the Node hosts open it with conf, Electron with electron-store (a conf subclass), same file.
import { existsSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import type { StoreIncident } from '../../shared/channels/app';
import { createMemoryPreferences, type PreferencesStore } from '../core/status/status-preferences';

export interface OpenedPreferences {
  readonly store: PreferencesStore;
  /** The damaged file moved aside, for `app:info`; null when the file opened. */
  readonly incident: StoreIncident | null;
}

/** `open` builds electron-store (or conf), whose constructor throws on a file that is not valid JSON. */
export function openPreferencesStore(path: string, open: () => PreferencesStore, now: () => Date = () => new Date()): OpenedPreferences {
  try {
    return { store: open(), incident: null };
  } catch (error) {
    if (!existsSync(path)) throw error;
    const at = now();
    const setAsideAs = `${path.replace(/\.json$/, '')}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}.json`;
    renameSync(path, setAsideAs);
    // Named relative to the data dir, as app:info finds set-aside files there.
    const incident: StoreIncident = { kind: 'corrupt_store_set_aside', file: basename(path), setAsideAs: basename(setAsideAs), at: at.toISOString() };
    try {
      return { store: open(), incident };
    } catch {
      // Still unopenable (a read-only dir, say): preferences live in memory for this run rather than not at all.
      return { store: createMemoryPreferences(), incident };
    }
  }
}

/** Opens on first use, so CLI commands that never read a preference never create the file. */
export function lazyPreferencesStore(open: () => PreferencesStore): PreferencesStore {
  let store: PreferencesStore | null = null;
  const opened = () => (store ??= open());
  return {
    get: (key) => opened().get(key),
    set: (key, value) => opened().set(key, value),
  };
}
