import { describe, expect, it } from 'vitest';
import type { KeyCard } from '../../../../shared/channels/keys';
import type { KeyState } from '../../../../shared/vocabulary';
import { describeStateChanges } from '../../../../renderer/panels/keys/state-changes';

function card(id: string, state: KeyState): KeyCard {
  return {
    id, provider: 'anthropic', label: id, masked: `sk-ant-…${id}`, kind: 'api', state, storage: { cipher: 'x', weaker: false },
    source: 'stored', readOnly: false, precedence: null, priority: 0, baseUrl: null, headerNames: [], options: {},
    needsReentry: false, warnings: [], createdAt: null, updatedAt: null, lastCheckedAt: null, lastUsedAt: null, lastCheck: null,
  };
}

describe('describeStateChanges', () => {
  it('names a key whose state changed, with its new state and next step', () => {
    expect(describeStateChanges([card('Work', 'ok')], [card('Work', 'invalid_key')], 0)).toEqual([
      'Anthropic key Work is now Key rejected. Replace key.',
    ]);
  });

  it('says nothing for unchanged, new or removed keys', () => {
    expect(describeStateChanges([card('a', 'ok'), card('gone', 'ok')], [card('a', 'ok'), card('new', 'invalid_key')], 0)).toEqual([]);
  });
});
