// What changed between two lists of key cards, in words for the live region: a background re-check that
// turns a key from Working to Key rejected is announced, not only redrawn.
import type { KeyCard } from '../../../shared/channels/keys';
import { providers } from '../../../shared/providers';
import { describeState } from './key-state-text';

/** One sentence per key whose state changed; nothing for new, removed or unchanged keys. */
export function describeStateChanges(before: readonly KeyCard[], after: readonly KeyCard[], now: number): string[] {
  const previous = new Map(before.map((card) => [card.id, card.state]));
  const lines: string[] = [];
  for (const card of after) {
    const was = previous.get(card.id);
    if (was === undefined || was === card.state) continue;
    const text = describeState(card.state, { provider: card.provider, retryAfterS: card.lastCheck?.retryAfterS ?? null, checkedAt: card.lastCheck?.checkedAt ?? null, now });
    const next = text.next ? ` ${text.next.text}.` : '';
    lines.push(`${providers[card.provider].displayName} key ${card.label || card.masked} is now ${text.label}.${next}`);
  }
  return lines;
}
