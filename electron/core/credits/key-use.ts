// When a key was last used, from the byok receipts that name it: the key cards (read through the router, so
// credits needs no vault internals) say which ids exist, and the vault's markUsed sets lastUsedAt.
import type { KeyCard } from '../../../shared/channels/keys';
import { NomeError, type WireResult } from '../../../shared/errors';

/** Sets each named key's lastUsedAt to the latest `at` given for it, never earlier than it already is, in
 *  one vault write; returns the ids no key of this host has (they are recorded all the same). */
export type MarkKeysUsed = (latest: ReadonlyMap<string, string>) => Promise<{ readonly unknown: readonly string[] }>;

/** The port wired in create-core: `keys:list` for the ids (stored and environment keys), then one
 *  `markUsed` for the stored keys whose lastUsedAt moves forward. The vault compares again under its lock,
 *  so two hosts recording at once cannot move a key's lastUsedAt back. Environment keys are known, but the
 *  vault keeps nothing for them, so their cards show no lastUsedAt. */
export function routerMarkKeysUsed(
  invoke: (channel: string, input: unknown) => Promise<WireResult>,
  markUsed: (uses: ReadonlyMap<string, string>) => Promise<void>,
): MarkKeysUsed {
  return async (latest) => {
    const listed = await invoke('keys:list', undefined);
    if (!listed.ok) throw new NomeError(listed.error.code, listed.error.message);
    const cards = new Map((listed.value as KeyCard[]).map((card) => [card.id, card]));
    const unknown: string[] = [];
    const later = new Map<string, string>();
    for (const [keyId, at] of latest) {
      const card = cards.get(keyId);
      if (!card) unknown.push(keyId);
      else if (card.source === 'stored' && (card.lastUsedAt === null || Date.parse(at) > Date.parse(card.lastUsedAt))) later.set(keyId, at);
    }
    // Receipts older than each key's last use (a batch recorded late) write nothing.
    if (later.size > 0) await markUsed(later);
    return { unknown };
  };
}
