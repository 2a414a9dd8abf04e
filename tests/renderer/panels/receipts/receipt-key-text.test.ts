import { describe, expect, it } from 'vitest';
import type { KeyCard } from '../../../../shared/channels/keys';
import { keyOptionText, receiptKeyText } from '../../../../renderer/panels/receipts/receipt-key-text';

function card(id: string, label: string, masked: string): KeyCard {
  return {
    id, provider: 'openai', label, masked, kind: 'api', state: 'ok', storage: { cipher: 'aes-256-gcm:file', weaker: true },
    source: 'stored', readOnly: false, precedence: null, priority: 0, baseUrl: null, headerNames: [], options: {},
    needsReentry: false, warnings: [], createdAt: null, updatedAt: null, lastCheckedAt: null, lastUsedAt: null, lastCheck: null,
  };
}

const keys = { cards: [card('key_a', 'Team key', 'sk-proj-…A1b2'), card('key_b', '', 'sk-proj-…Z9y8')], loaded: true, error: null };

describe('receiptKeyText', () => {
  it("a byok receipt shows its key's label with the masked form, or the masked form alone when there is no label", () => {
    expect(receiptKeyText({ lane: 'byok', keyId: 'key_a' }, keys)).toEqual({ name: 'Team key', masked: 'sk-proj-…A1b2' });
    expect(receiptKeyText({ lane: 'byok', keyId: 'key_b' }, keys)).toEqual({ name: 'sk-proj-…Z9y8', masked: null });
  });

  it('an id no longer among the keys is a removed key, once the key list has read', () => {
    const name = (keyId: string, known: Parameters<typeof receiptKeyText>[1]) => receiptKeyText({ lane: 'byok', keyId }, known).name;
    expect(name('key_gone', keys)).toBe('removed key');
    expect(name('key_gone', { cards: [], loaded: false, error: null })).toBe('…');
    expect(name('key_gone', { cards: [], loaded: true, error: 'keys:list failed' })).toBe('key_gone');
  });

  it('a byok receipt that names no key says so, and other lanes have no key', () => {
    expect(receiptKeyText({ lane: 'byok', keyId: null }, keys)).toEqual({ name: 'not named', masked: null });
    expect(receiptKeyText({ lane: 'credits', keyId: null }, keys)).toEqual({ name: '—', masked: null });
  });
});

describe('keyOptionText', () => {
  it('names the key by label and masked form, so two keys with one label differ', () => {
    expect(keyOptionText(keys.cards[0]!)).toBe('Team key · sk-proj-…A1b2');
    expect(keyOptionText(keys.cards[1]!)).toBe('sk-proj-…Z9y8');
  });
});
