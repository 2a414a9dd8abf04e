import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/core/events';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import type { CreditStanding, ProviderHealth, StatusKey } from '../../../electron/core/status/compute-app-status';
import { createStatusFeature, type StatusSources } from '../../../electron/core/status/status-feature';
import { createMemoryPreferences } from '../../../electron/core/status/status-preferences';
import type { EventName } from '../../../shared/contract';
import { manualTimers } from '../../support/manual-timers';

function setup() {
  const inputs: { keys: StatusKey[]; health: ProviderHealth[]; credits: CreditStanding | null } = { keys: [], health: [], credits: null };
  let reads = 0;
  const sources: StatusSources = {
    readKeys: async () => {
      reads += 1;
      return inputs.keys;
    },
    readHealth: async () => inputs.health,
    readCredits: async () => inputs.credits,
  };
  const events = createEventBus();
  const seen: { event: EventName; payload: unknown }[] = [];
  events.subscribe((event, payload) => seen.push({ event, payload }));
  const manual = manualTimers();
  const feature = createStatusFeature({ events, scrubber: createMinimalScrubber(), preferences: createMemoryPreferences(), sources, triggers: ['keys:changed'], timers: manual.timers });
  const named = (name: EventName) => seen.filter((entry) => entry.event === name).map((entry) => entry.payload);
  return { inputs, events, feature, named, manual, reads: () => reads };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('status feature', () => {
  it('app:status computes from the sources on demand, without start()', async () => {
    const { inputs, feature, named } = setup();
    inputs.keys = [{ id: 'k', provider: 'openai', label: 'main', state: 'rate_limited' }];
    expect(await feature.handlers['app:status']()).toMatchObject({ status: 'attention', lines: ['OpenAI key "main" rate limited', 'OpenAI: key rate limited'] });
    expect(named('app:status-changed')).toEqual([]);
  });

  it('emits app:status-changed on start and again only when a trigger event changes the report', async () => {
    const { inputs, events, feature, named, manual } = setup();
    feature.start();
    await feature.refresh();
    expect(named('app:status-changed')).toHaveLength(1);

    events.emit('keys:changed' as EventName, undefined as never);
    await settle();
    await feature.refresh();
    expect(named('app:status-changed')).toHaveLength(1);

    inputs.keys = [{ id: 'k', provider: 'anthropic', label: 'main', state: 'invalid_key' }];
    events.emit('keys:changed' as EventName, undefined as never);
    await settle();
    await feature.refresh();
    expect(named('app:status-changed')).toHaveLength(2);
    expect(named('app:status-changed')[1]).toMatchObject({ status: 'failing' });
    // The notification waits for the window in which other keys' failures would join it.
    expect(named('app:notification')).toHaveLength(0);
    manual.fire();
    expect(named('app:notification')).toHaveLength(1);
    feature.dispose();
  });

  it('ignores events that are not triggers', async () => {
    const { events, feature, reads } = setup();
    feature.start();
    await feature.refresh();
    const before = reads();
    events.emit('app:info-changed', undefined as never);
    await settle();
    expect(reads()).toBe(before);
    feature.dispose();
  });

  it('a burst of changes coalesces into at most one extra pass', async () => {
    const { feature, reads } = setup();
    await Promise.all(Array.from({ length: 20 }, () => feature.refresh()));
    expect(reads()).toBeLessThanOrEqual(2);
  });

  it('a failing health or credits source leaves the key picture intact', async () => {
    const { inputs } = setup();
    inputs.keys = [{ id: 'k', provider: 'openai', label: 'main', state: 'ok' }];
    const broken = createStatusFeature({
      events: createEventBus(),
      scrubber: createMinimalScrubber(),
      preferences: createMemoryPreferences(),
      sources: { readKeys: async () => inputs.keys, readHealth: () => Promise.reject(new Error('status page down')), readCredits: () => Promise.reject(new Error('ledger busy')) },
      triggers: [],
      timers: manualTimers().timers,
    });
    expect((await broken.handlers['app:status']()).status).toBe('ok');
  });

  it('preferences default to notifications on and CmdOrCtrl+Shift+Comma, and changes are announced', async () => {
    const { feature, named } = setup();
    expect(await feature.handlers['app:preferences']()).toEqual({ notificationsEnabled: true, openSettingsShortcut: 'CmdOrCtrl+Shift+Comma' });
    const next = await feature.handlers['app:set-preferences']({ notificationsEnabled: false, openSettingsShortcut: ' Alt+F12 ' });
    expect(next).toEqual({ notificationsEnabled: false, openSettingsShortcut: 'Alt+F12' });
    expect(named('app:preferences-changed')).toEqual([next]);
  });
});
