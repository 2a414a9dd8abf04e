import { describe, expect, it } from 'vitest';
import type { KeyCard } from '../../../../shared/channels/keys';
import { groupKeys, movedOrder } from '../../../../renderer/panels/keys/key-groups';

function card(id: string, provider: KeyCard['provider'], priority: number, readOnly = false): KeyCard {
  return {
    id, provider, label: id, masked: `sk-…${id}`, kind: 'api', state: 'ok', storage: { cipher: 'aes-256-gcm:file', weaker: true },
    source: readOnly ? 'OPENAI_API_KEY' : 'stored', readOnly, precedence: null, priority, baseUrl: null, headerNames: [], options: {},
    needsReentry: false, warnings: [], createdAt: null, updatedAt: null, lastCheckedAt: null, lastUsedAt: null, lastCheck: null,
  };
}

describe('groupKeys', () => {
  it('groups by provider in catalog order and sorts each group by priority', () => {
    const groups = groupKeys([card('b', 'anthropic', 1), card('x', 'xai', 0), card('a', 'anthropic', 0), card('o', 'openai', 0)]);
    expect(groups.map((g) => g.provider)).toEqual(['openai', 'anthropic', 'xai']);
    expect(groups[1]!.cards.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('puts environment keys after every stored key of their provider', () => {
    const groups = groupKeys([card('env', 'openai', 0, true), card('s2', 'openai', 1), card('s1', 'openai', 0)]);
    expect(groups[0]!.cards.map((c) => c.id)).toEqual(['s1', 's2', 'env']);
  });
});

describe('movedOrder', () => {
  const cards = [card('a', 'openai', 0), card('b', 'openai', 1), card('c', 'openai', 2), card('z', 'anthropic', 0), card('env', 'openai', 0, true)];

  it('swaps a key with its neighbour and names only stored keys of that provider', () => {
    expect(movedOrder(cards, 'b', -1)).toEqual({ provider: 'openai', ids: ['b', 'a', 'c'] });
    expect(movedOrder(cards, 'b', 1)).toEqual({ provider: 'openai', ids: ['a', 'c', 'b'] });
  });

  it('refuses to move past either end, a read-only key, or an unknown id', () => {
    expect(movedOrder(cards, 'a', -1)).toBeNull();
    expect(movedOrder(cards, 'c', 1)).toBeNull();
    expect(movedOrder(cards, 'env', 1)).toBeNull();
    expect(movedOrder(cards, 'nope', 1)).toBeNull();
  });
});
