// Notification and shortcut preferences, kept in whatever key-value store the host hands in
// (electron-store in Electron, conf in Node hosts: both fit `PreferencesStore`); memory when none.
import {
  defaultOpenSettingsShortcut,
  statusPreferencesSchema,
  type StatusPreferences,
} from '../../../shared/channels/status';

/** The slice of electron-store / conf that preferences need. */
export interface PreferencesStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const preferenceKeys = {
  notificationsEnabled: 'status.notificationsEnabled',
  openSettingsShortcut: 'status.openSettingsShortcut',
  openEpisodes: 'status.openEpisodes',
  /** The accelerator the user was last told is unavailable, so a refused shortcut is not re-announced at
   *  every launch; cleared once a shortcut registers. */
  refusedShortcutNotified: 'status.refusedShortcutNotified',
} as const;

export const defaultStatusPreferences: StatusPreferences = {
  notificationsEnabled: true,
  openSettingsShortcut: defaultOpenSettingsShortcut,
};

export function createMemoryPreferences(initial: Record<string, unknown> = {}): PreferencesStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
  };
}

/** A hand-edited or damaged value falls back to its default instead of breaking the app. */
export function readStatusPreferences(store: PreferencesStore): StatusPreferences {
  const parsed = statusPreferencesSchema.safeParse({
    notificationsEnabled: store.get(preferenceKeys.notificationsEnabled) ?? defaultStatusPreferences.notificationsEnabled,
    openSettingsShortcut: store.get(preferenceKeys.openSettingsShortcut) ?? defaultStatusPreferences.openSettingsShortcut,
  });
  return parsed.success ? parsed.data : defaultStatusPreferences;
}

export function writeStatusPreferences(store: PreferencesStore, patch: Partial<StatusPreferences>): StatusPreferences {
  if (patch.notificationsEnabled !== undefined) store.set(preferenceKeys.notificationsEnabled, patch.notificationsEnabled);
  if (patch.openSettingsShortcut !== undefined) store.set(preferenceKeys.openSettingsShortcut, patch.openSettingsShortcut.trim());
  return readStatusPreferences(store);
}
