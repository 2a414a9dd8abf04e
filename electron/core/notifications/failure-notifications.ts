// Turns each new failure episode into one `app:notification` event, unless the user silenced them.
// Open episodes persist in the preferences store, so a restart does not repeat a notification already seen.
import type { EventBus } from '../events';
import type { Scrubber } from '../scrub/scrubber';
import { preferenceKeys, readStatusPreferences, type PreferencesStore } from '../status/status-preferences';
import { stepEpisodes, type EpisodeSnapshot } from './failure-episodes';

export interface FailureNotifications {
  /** Feeds the current failures; emits one event per episode that just began. */
  observe(snapshot: EpisodeSnapshot): void;
}

function readOpenEpisodes(store: PreferencesStore): Set<string> {
  const stored = store.get(preferenceKeys.openEpisodes);
  return new Set(Array.isArray(stored) ? stored.filter((value): value is string => typeof value === 'string') : []);
}

export function createFailureNotifications(deps: { events: EventBus; scrubber: Scrubber; preferences: PreferencesStore }): FailureNotifications {
  let open = readOpenEpisodes(deps.preferences);
  return {
    observe(snapshot) {
      const step = stepEpisodes(open, snapshot);
      const changed = step.open.size !== open.size || [...step.open].some((episode) => !open.has(episode));
      open = new Set(step.open);
      if (changed) deps.preferences.set(preferenceKeys.openEpisodes, [...open].sort());
      // Silenced episodes are still tracked, so turning notifications back on never replays old failures.
      if (!readStatusPreferences(deps.preferences).notificationsEnabled) return;
      for (const notification of step.started) {
        // Labels are user text; the scrubber catches a secret pasted into one by mistake.
        deps.events.emit('app:notification', {
          episode: notification.episode,
          title: deps.scrubber.scrub(notification.title),
          body: deps.scrubber.scrub(notification.body),
        });
      }
    },
  };
}
