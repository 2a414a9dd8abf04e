// Provider-reported figures (DeepSeek balance, OpenRouter key usage) as the vault keeps them on key cards,
// read through the router so credits needs no vault internals. Facts: ../shared/facts/providers.md §5, §7.
import type { KeyCard } from '../../../shared/channels/keys';
import type { WireResult } from '../../../shared/errors';
import type { FigureEntry } from './summarize';

export function figuresFromKeyCards(cards: readonly KeyCard[]): FigureEntry[] {
  return cards.flatMap((card) => {
    const figure = card.lastCheck?.figures;
    return figure ? [{ keyId: card.id, provider: card.provider, label: card.label, figure }] : [];
  });
}

/** The figures port wired in create-core: `keys:list`, then the figures of each card that has some. */
export function routerProviderFigures(invoke: (channel: string, input: unknown) => Promise<WireResult>): () => Promise<FigureEntry[]> {
  return async () => {
    const result = await invoke('keys:list', undefined);
    return result.ok ? figuresFromKeyCards(result.value as KeyCard[]) : [];
  };
}
