// Turns each new failure episode into an `app:notification` event, unless the user silenced them.
// Key episodes that begin within one window (a sweep, a proxy rejecting every key) become one event when the
// window closes, so N keys failing at once is one OS notification, not N. Credits-low is never held back.
// Open episodes persist in the preferences store, so a restart does not repeat a notification already seen.
import type { AppNotification } from '../../../shared/channels/status';
import type { EventBus } from '../events';
import type { Timers } from '../ports';
import type { Scrubber } from '../scrub/scrubber';
import type { StatusKey } from '../status/compute-app-status';
import { preferenceKeys, readStatusPreferences, type PreferencesStore } from '../status/status-preferences';
import { keyFailureNotification, stepEpisodes, type EpisodeSnapshot } from './failure-episodes';

export interface FailureNotifications {
  /** Feeds the current failures; a key episode that just began is announced when its window closes. */
  observe(snapshot: EpisodeSnapshot): void;
  /** Announces what the open window holds now and stops its timer. */
  dispose(): void;
}

export interface FailureNotificationsDeps {
  readonly events: EventBus;
  readonly scrubber: Scrubber;
  readonly preferences: PreferencesStore;
  readonly timers: Timers;
  /** Key episodes that begin within this long of the first one share its notification. */
  readonly windowMs?: number;
}

/** Long enough for one sweep of checks against a proxy that answers at once; short enough to feel prompt. */
export const defaultNotificationWindowMs = 2_000;

function readOpenEpisodes(store: PreferencesStore): Set<string> {
  const stored = store.get(preferenceKeys.openEpisodes);
  return new Set(Array.isArray(stored) ? stored.filter((value): value is string => typeof value === 'string') : []);
}

export function createFailureNotifications(deps: FailureNotificationsDeps): FailureNotifications {
  let open = readOpenEpisodes(deps.preferences);
  /** Keys whose episode began in the open window, by id (a key that fails twice in it counts once). */
  const pending = new Map<string, StatusKey>();
  let timer: unknown = null;
  const enabled = () => readStatusPreferences(deps.preferences).notificationsEnabled;

  const emit = (notification: AppNotification) => {
    deps.events.emit('app:notification', {
      episode: notification.episode,
      title: deps.scrubber.scrub(notification.title),
      body: deps.scrubber.scrub(notification.body),
    });
  };

  const flush = () => {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = null;
    // Labels are user text; the scrubber catches a secret pasted into one by mistake. Each label is scrubbed
    // whole before a summary shortens it, since a cut secret may no longer look like one.
    const keys = [...pending.values()].map((key) => ({ ...key, label: deps.scrubber.scrub(key.label) }));
    pending.clear();
    // Silenced while the window was open: the user's latest choice wins.
    if (keys.length > 0 && enabled()) emit(keyFailureNotification(keys as [StatusKey, ...StatusKey[]]));
  };

  return {
    observe(snapshot) {
      const step = stepEpisodes(open, snapshot);
      const changed = step.open.size !== open.size || [...step.open].some((episode) => !open.has(episode));
      open = new Set(step.open);
      if (changed) deps.preferences.set(preferenceKeys.openEpisodes, [...open].sort());
      // Silenced episodes are still tracked, so turning notifications back on never replays old failures.
      if (!enabled()) return;
      if (step.credits) emit(step.credits);
      for (const key of step.failedKeys) {
        pending.delete(key.id);
        pending.set(key.id, key);
      }
      if (pending.size > 0 && timer === null) timer = deps.timers.setTimeout(flush, deps.windowMs ?? defaultNotificationWindowMs);
    },
    dispose: flush,
  };
}
