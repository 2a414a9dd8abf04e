// Everything that shows the app status outside the window, wired to core: the tray (image, tooltip,
// menu), failure notifications, and the global shortcut that opens the settings window.
import { isChannelName } from '../../../shared/contract';
import { statusPreferencesSchema, statusReportSchema, notificationSchema, type StatusReport } from '../../../shared/channels/status';
import type { Core } from '../../core/create-core';
import { createMemoryPreferences, preferenceKeys, type PreferencesStore } from '../../core/status/status-preferences';
import type { ElectronModules } from '../electron-modules';
import { createOpenShortcut, type OpenShortcut } from '../global-shortcut';
import { createNotifier } from '../notifier';
import { createStatusTray, type StatusTray } from './status-tray';

/** Re-checks every key; the tray item is disabled while no such channel exists in the contract. */
export const recheckAllChannel = 'keys:check';

export interface StatusSurfaceOptions {
  readonly iconDir: string;
  readonly platform: NodeJS.Platform;
  openSettings(): void;
  quit(): void;
  /** Told when the configured shortcut could not be registered (taken by another app, or malformed). */
  onShortcutRefused?(accelerator: string): void;
  /** Remembers which refused shortcut was already announced (the window-state store); memory when absent. */
  readonly store?: PreferencesStore;
}

export interface StatusSurface {
  readonly tray: StatusTray;
  readonly shortcut: OpenShortcut;
  dispose(): void;
}

const starting: StatusReport = {
  status: 'ok',
  tooltip: 'NOME Settings',
  headline: 'Checking…',
  lines: ['Checking…'],
  providers: [],
  creditsLine: null,
};

export async function attachStatusSurface(electron: ElectronModules, core: Core, options: StatusSurfaceOptions): Promise<StatusSurface> {
  const recheckAll = isChannelName(recheckAllChannel) ? () => void core.router.invoke(recheckAllChannel, undefined) : null;
  const tray = createStatusTray(
    {
      Tray: electron.Tray,
      Menu: electron.Menu,
      nativeImage: electron.nativeImage,
      platform: options.platform,
      iconDir: options.iconDir,
      actions: { openSettings: options.openSettings, recheckAll, quit: options.quit },
    },
    starting,
  );
  const notifier = createNotifier(electron.Notification, options.openSettings);
  const shortcut = createOpenShortcut(electron.globalShortcut, options.openSettings);
  const store = options.store ?? createMemoryPreferences();
  // Without a handler, say so the way the user will see it: the shortcut silently doing nothing is worse.
  // Once per accelerator, though: another app holding it will still hold it at the next launch.
  const refused =
    options.onShortcutRefused ??
    ((accelerator: string) => {
      if (store.get(preferenceKeys.refusedShortcutNotified) === accelerator) return;
      store.set(preferenceKeys.refusedShortcutNotified, accelerator);
      notifier.show({
        episode: 'shortcut:refused',
        title: 'Shortcut not available',
        body: `${accelerator} is taken by another app or not a valid shortcut. Choose another in NOME Settings.`,
      });
    });
  const applyShortcut = (accelerator: string) => {
    if (!shortcut.apply(accelerator)) refused(accelerator);
    else if (shortcut.current() !== null) store.set(preferenceKeys.refusedShortcutNotified, null);
  };

  // Payloads come from our own core, but parsing keeps a contract slip from reaching the OS shell.
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (event === 'app:status-changed') {
      const report = statusReportSchema.safeParse(payload);
      if (report.success) tray.update(report.data);
    } else if (event === 'app:notification') {
      const notification = notificationSchema.safeParse(payload);
      if (notification.success) notifier.show(notification.data);
    } else if (event === 'app:preferences-changed') {
      const preferences = statusPreferencesSchema.safeParse(payload);
      if (preferences.success) applyShortcut(preferences.data.openSettingsShortcut);
    }
  });

  const [status, preferences] = await Promise.all([core.router.invoke('app:status', undefined), core.router.invoke('app:preferences', undefined)]);
  if (status.ok) tray.update(status.value as StatusReport);
  if (preferences.ok) applyShortcut((preferences.value as { openSettingsShortcut: string }).openSettingsShortcut);

  return {
    tray,
    shortcut,
    dispose() {
      unsubscribe();
      shortcut.dispose();
      tray.destroy();
    },
  };
}
