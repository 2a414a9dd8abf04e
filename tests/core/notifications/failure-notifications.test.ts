import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/core/events';
import { createFailureNotifications } from '../../../electron/core/notifications/failure-notifications';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { createMemoryPreferences, writeStatusPreferences } from '../../../electron/core/status/status-preferences';
import type { StatusKey } from '../../../electron/core/status/compute-app-status';
import type { KeyState } from '../../../shared/vocabulary';

const key = (state: KeyState, label = 'work'): StatusKey => ({ id: 'k1', provider: 'openai', label, state });

function setup(preferences = createMemoryPreferences()) {
  const events = createEventBus();
  const seen: unknown[] = [];
  events.subscribe((event, payload) => {
    if (event === 'app:notification') seen.push(payload);
  });
  return { seen, preferences, notifications: createFailureNotifications({ events, scrubber: createMinimalScrubber(), preferences }) };
}

describe('createFailureNotifications', () => {
  it('emits one app:notification per episode', () => {
    const { seen, notifications } = setup();
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ episode: 'key:k1', title: 'OpenAI key needs attention' });
  });

  it('silenced notifications emit nothing, and turning them back on does not replay the open episode', () => {
    const { seen, preferences, notifications } = setup();
    writeStatusPreferences(preferences, { notificationsEnabled: false });
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    writeStatusPreferences(preferences, { notificationsEnabled: true });
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    expect(seen).toEqual([]);
    notifications.observe({ keys: [key('ok')], credits: null });
    notifications.observe({ keys: [key('no_credit')], credits: null });
    expect(seen).toHaveLength(1);
  });

  it('open episodes survive a restart, so the same failure is not announced twice', () => {
    const preferences = createMemoryPreferences();
    const first = setup(preferences);
    first.notifications.observe({ keys: [key('invalid_key')], credits: null });
    const second = setup(preferences);
    second.notifications.observe({ keys: [key('invalid_key')], credits: null });
    expect(first.seen).toHaveLength(1);
    expect(second.seen).toEqual([]);
  });

  it('a secret pasted into a label is scrubbed out of the notification', () => {
    const secret = `sk-proj-${'A1b2C3d4'.repeat(6)}`;
    const { seen, notifications } = setup();
    notifications.observe({ keys: [key('invalid_key', secret)], credits: null });
    expect(JSON.stringify(seen)).not.toContain(secret);
  });
});
