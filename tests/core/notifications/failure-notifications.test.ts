import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/core/events';
import { createFailureNotifications } from '../../../electron/core/notifications/failure-notifications';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { createMemoryPreferences, writeStatusPreferences } from '../../../electron/core/status/status-preferences';
import type { StatusKey } from '../../../electron/core/status/compute-app-status';
import type { AppNotification } from '../../../shared/channels/status';
import type { ProviderId } from '../../../shared/providers';
import type { KeyState } from '../../../shared/vocabulary';
import { manualTimers } from '../../support/manual-timers';

const key = (state: KeyState, label = 'work', id = 'k1', provider: ProviderId = 'openai'): StatusKey => ({ id, provider, label, state });

function setup(preferences = createMemoryPreferences()) {
  const events = createEventBus();
  const seen: AppNotification[] = [];
  events.subscribe((event, payload) => {
    if (event === 'app:notification') seen.push(payload as AppNotification);
  });
  const manual = manualTimers();
  const notifications = createFailureNotifications({ events, scrubber: createMinimalScrubber(), preferences, timers: manual.timers });
  /** Closes the open window, as its timer would after 2 s. */
  const windowCloses = () => {
    expect(manual.pending.size).toBe(1);
    expect(manual.fire()).toBe(2_000);
  };
  return { seen, preferences, notifications, manual, windowCloses };
}

// Three keys of a user whose proxy started answering 401, or whose billing ran dry.
const work = (state: KeyState) => key(state, 'Work', 'a', 'anthropic');
const team = (state: KeyState) => key(state, 'Team', 'b', 'openai');
const side = (state: KeyState) => key(state, 'Side', 'c', 'gemini');
const later = (state: KeyState) => key(state, 'Later', 'd', 'deepseek');

describe('createFailureNotifications', () => {
  it('emits one app:notification per episode, once its window closes', () => {
    const { seen, notifications, windowCloses } = setup();
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    expect(seen).toEqual([]);
    windowCloses();
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ episode: 'key:k1', title: 'OpenAI key needs attention' });
  });

  it('three keys failing in one sweep give one notification naming the count', () => {
    const { seen, notifications, manual, windowCloses } = setup();
    notifications.observe({ keys: [work('ok'), team('ok'), side('ok')], credits: null });
    // A sweep's results arrive one check at a time, each a fresh snapshot.
    notifications.observe({ keys: [work('invalid_key'), team('ok'), side('ok')], credits: null });
    notifications.observe({ keys: [work('invalid_key'), team('no_credit'), side('unchecked')], credits: null });
    notifications.observe({ keys: [work('invalid_key'), team('no_credit'), side('invalid_key')], credits: null });
    expect(seen).toEqual([]);
    expect(manual.pending.size).toBe(1);
    windowCloses();
    expect(seen).toEqual([
      { episode: 'key:a key:b key:c', title: '3 keys failing', body: 'Anthropic "Work" rejected, OpenAI "Team" out of credit, +1 more. Open NOME Settings to fix them.' },
    ]);
  });

  it('a key failing 10 minutes later gets its own notification, in the single-key wording', () => {
    const { seen, notifications, windowCloses } = setup();
    notifications.observe({ keys: [work('invalid_key'), team('invalid_key'), side('invalid_key'), later('ok')], credits: null });
    windowCloses();
    // Ten minutes on, the three are still failing (silent) and a fourth key fails.
    notifications.observe({ keys: [work('invalid_key'), team('invalid_key'), side('invalid_key'), later('no_credit')], credits: null });
    windowCloses();
    expect(seen.map((n) => n.title)).toEqual(['3 keys failing', 'DeepSeek key needs attention']);
    expect(seen[1]).toEqual({
      episode: 'key:d',
      title: 'DeepSeek key needs attention',
      body: 'Your DeepSeek key "Later" has no credit left with the provider. Open NOME Settings to top it up or switch keys.',
    });
  });

  it('recovery then a new failure of one of the three gives a fresh notification for it alone', () => {
    const { seen, notifications, manual, windowCloses } = setup();
    notifications.observe({ keys: [work('invalid_key'), team('invalid_key'), side('invalid_key')], credits: null });
    windowCloses();
    notifications.observe({ keys: [work('invalid_key'), team('ok'), side('invalid_key')], credits: null });
    expect(manual.pending.size).toBe(0);
    notifications.observe({ keys: [work('invalid_key'), team('no_credit'), side('invalid_key')], credits: null });
    windowCloses();
    expect(seen.map((n) => n.episode)).toEqual(['key:a key:b key:c', 'key:b']);
    expect(seen[1]!.body).toBe('Your OpenAI key "Team" has no credit left with the provider. Open NOME Settings to top it up or switch keys.');
  });

  it('a key that fails, recovers and fails again inside one window is named once', () => {
    const { seen, notifications, windowCloses } = setup();
    notifications.observe({ keys: [work('invalid_key'), team('ok')], credits: null });
    notifications.observe({ keys: [work('ok'), team('ok')], credits: null });
    notifications.observe({ keys: [work('no_credit'), team('invalid_key')], credits: null });
    windowCloses();
    expect(seen).toEqual([{ episode: 'key:a key:b', title: '2 keys failing', body: 'Anthropic "Work" out of credit, OpenAI "Team" rejected. Open NOME Settings to fix them.' }]);
  });

  it('credits running low is its own notification, at once, even while key failures wait for their window', () => {
    const { seen, notifications, windowCloses } = setup();
    notifications.observe({ keys: [work('invalid_key'), team('invalid_key')], credits: { available: 40, low: true, runwayDays: 1 } });
    expect(seen.map((n) => n.episode)).toEqual(['credits:low']);
    windowCloses();
    expect(seen.map((n) => n.episode)).toEqual(['credits:low', 'key:a key:b']);
  });

  it('silenced notifications emit nothing, and turning them back on does not replay the open episode', () => {
    const { seen, preferences, notifications, manual } = setup();
    writeStatusPreferences(preferences, { notificationsEnabled: false });
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    notifications.observe({ keys: [work('invalid_key'), team('invalid_key'), side('invalid_key')], credits: { available: 40, low: true, runwayDays: 1 } });
    expect(manual.pending.size).toBe(0);
    writeStatusPreferences(preferences, { notificationsEnabled: true });
    notifications.observe({ keys: [key('invalid_key')], credits: null });
    expect(seen).toEqual([]);
    notifications.observe({ keys: [key('ok')], credits: null });
    notifications.observe({ keys: [key('no_credit')], credits: null });
    manual.fire();
    expect(seen).toHaveLength(1);
  });

  it('silencing while a window is open drops what it held', () => {
    const { seen, preferences, notifications, windowCloses } = setup();
    notifications.observe({ keys: [work('invalid_key'), team('invalid_key')], credits: null });
    writeStatusPreferences(preferences, { notificationsEnabled: false });
    windowCloses();
    expect(seen).toEqual([]);
  });

  it('open episodes survive a restart, so the same failure is not announced twice', () => {
    const preferences = createMemoryPreferences();
    const first = setup(preferences);
    first.notifications.observe({ keys: [key('invalid_key')], credits: null });
    first.windowCloses();
    const second = setup(preferences);
    second.notifications.observe({ keys: [key('invalid_key')], credits: null });
    expect(second.manual.pending.size).toBe(0);
    expect(first.seen).toHaveLength(1);
    expect(second.seen).toEqual([]);
  });

  it('dispose announces what the open window holds and stops its timer', () => {
    const { seen, notifications, manual } = setup();
    notifications.observe({ keys: [work('invalid_key'), team('invalid_key')], credits: null });
    notifications.dispose();
    expect(manual.pending.size).toBe(0);
    expect(seen.map((n) => n.title)).toEqual(['2 keys failing']);
  });

  it('a secret pasted into a label is scrubbed out of the notification', () => {
    const secret = `sk-proj-${'A1b2C3d4'.repeat(6)}`;
    const { seen, notifications, windowCloses } = setup();
    notifications.observe({ keys: [key('invalid_key', secret)], credits: null });
    windowCloses();
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain(secret.slice(8, 24));
  });

  it('a secret in a label is scrubbed before a summary shortens it, so no piece of it survives the cut', () => {
    const anthropic = `sk-ant-api03-${'Qw8rT5yU'.repeat(11)}-AbCdEfAA`;
    const openai = `sk-proj-${'Zx9vB7nM'.repeat(6)}`;
    const { seen, notifications, windowCloses } = setup();
    // Cut to 32 characters, these labels end in "sk-ant-api03-Qw8rT…" and "sk-proj-Zx9vB7nMZx…": fragments no
    // pattern recognises and no known secret matches, so only scrubbing the whole label first removes them.
    notifications.observe({ keys: [key('invalid_key', `Prod billing ${anthropic}`, 'a', 'anthropic'), key('no_credit', `Prod billing ${openai}`, 'b'), side('invalid_key')], credits: null });
    windowCloses();
    expect(seen).toHaveLength(1);
    const text = JSON.stringify(seen);
    expect(text).not.toContain('Qw8rT');
    expect(text).not.toContain('Zx9vB7');
    expect(seen[0]!.title).toBe('3 keys failing');
  });
});
