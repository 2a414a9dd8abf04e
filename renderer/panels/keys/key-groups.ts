// Orders key cards for the panel: providers in catalog order, each provider's keys by priority.
import type { KeyCard } from '../../../shared/channels/keys';
import { providerIds, type ProviderId } from '../../../shared/providers';

export interface KeyGroup {
  readonly provider: ProviderId;
  readonly cards: readonly KeyCard[];
}

export function groupKeys(cards: readonly KeyCard[]): KeyGroup[] {
  const byProvider = new Map<ProviderId, KeyCard[]>();
  for (const card of cards) {
    const list = byProvider.get(card.provider);
    if (list) list.push(card);
    else byProvider.set(card.provider, [card]);
  }
  const groups: KeyGroup[] = [];
  for (const provider of providerIds) {
    const list = byProvider.get(provider);
    if (!list) continue;
    // Environment keys come after every stored key of their provider, whatever priority they carry.
    list.sort((a, b) => Number(a.readOnly) - Number(b.readOnly) || a.priority - b.priority);
    groups.push({ provider, cards: list });
  }
  return groups;
}

/** The stored ids of one provider after moving `id` by `delta` places, or null when it cannot move. */
export function movedOrder(cards: readonly KeyCard[], id: string, delta: -1 | 1): { provider: ProviderId; ids: string[] } | null {
  const card = cards.find((c) => c.id === id);
  if (!card || card.readOnly) return null;
  const ids = cards
    .filter((c) => c.provider === card.provider && !c.readOnly)
    .sort((a, b) => a.priority - b.priority)
    .map((c) => c.id);
  const from = ids.indexOf(id);
  const to = from + delta;
  if (to < 0 || to >= ids.length) return null;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return { provider: card.provider, ids };
}
