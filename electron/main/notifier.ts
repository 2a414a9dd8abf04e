// Shows core's `app:notification` events as OS notifications; a click opens the settings window.
// The text arrives already built and scrubbed by core, which also decides when (one per failure episode).
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { AppNotification } from '../../shared/channels/status';

export interface NotificationModule {
  new (options: NotificationConstructorOptions): Notification;
  isSupported(): boolean;
}

export interface Notifier {
  show(notification: AppNotification): boolean;
}

export function createNotifier(NotificationClass: NotificationModule, onClick: () => void): Notifier {
  // Electron drops a notification's click handler once the object is garbage collected: keep each one
  // until it closes.
  const live = new Set<Notification>();
  return {
    show({ title, body }) {
      if (!NotificationClass.isSupported()) return false;
      const shown = new NotificationClass({ title, body, silent: false });
      live.add(shown);
      shown.on('click', () => onClick());
      shown.on('close', () => live.delete(shown));
      shown.show();
      return true;
    },
  };
}
