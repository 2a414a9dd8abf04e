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
  return groupKeyUses(async (latest) => {
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
  });
}

/** Group commit, as the receipt log does: batches that arrive while a vault write is in flight share the
 *  next one (each still returns once its own uses are written). A key-store write is an atomic file write
 *  with its fsync, several milliseconds; one per batch in a row would cap bulk recording well below its
 *  target (measured in docs/PERFORMANCE.md). The ids a caller gets back as unknown may include other
 *  batches' ids: callers look up only their own. */
function groupKeyUses(mark: MarkKeysUsed): MarkKeysUsed {
  let queued: { readonly uses: Map<string, string>; readonly result: ReturnType<MarkKeysUsed> } | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  return (latest) => {
    if (!queued) {
      const uses = new Map<string, string>();
      const result = tail.then(() => {
        queued = null; // from here on, new uses wait for the next write
        return mark(uses);
      });
      queued = { uses, result };
      tail = result.catch(() => undefined);
    }
    // Canonical UTC times (receipts' `at`) compare as text.
    for (const [keyId, at] of latest) {
      const seen = queued.uses.get(keyId);
      if (seen === undefined || at > seen) queued.uses.set(keyId, at);
    }
    return queued.result;
  };
}
