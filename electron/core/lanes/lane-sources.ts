// Where lane availability learns about keys, credits and the user's own endpoints: through the router, so the
// lanes feature depends on the contract (keys:list, credits:summary), not on the vault's or ledger's insides.
// A channel this build does not have yet simply contributes nothing.
import type { WireResult } from '../../../shared/errors';
import { providerIdSchema } from '../../../shared/providers';
import { keyStateSchema } from '../../../shared/vocabulary';
import { loopbackUrl, type LocalServerTarget } from '../local-servers/loopback';
import type { LaneKey } from './compute-lanes';

/** What the lanes learn from the key cards, from one read of them: the keys (BYOK lanes) and the user's
 *  OpenAI-compatible endpoints on loopback (probed as local servers). */
export interface LaneCards {
  readonly keys: readonly LaneKey[];
  readonly endpoints: readonly LocalServerTarget[];
}

export interface LaneSources {
  cards(): Promise<LaneCards>;
  creditsAvailable(): Promise<number | null>;
}

export const noLaneSources: LaneSources = {
  cards: async () => ({ keys: [], endpoints: [] }),
  creditsAvailable: async () => null,
};

type Invoke = (channel: string, input: unknown) => Promise<WireResult>;

interface CardLike {
  provider: string;
  label: string;
  state: string;
  baseUrl: string | null;
}

function asCards(result: WireResult): CardLike[] {
  if (!result.ok || !Array.isArray(result.value)) return [];
  return result.value.filter((card): card is CardLike => typeof card === 'object' && card !== null && typeof (card as CardLike).provider === 'string');
}

function laneCardsOf(cards: readonly CardLike[]): LaneCards {
  return {
    keys: cards.flatMap((card): LaneKey[] => {
      const provider = providerIdSchema.safeParse(card.provider);
      const state = keyStateSchema.safeParse(card.state);
      return provider.success && state.success ? [{ provider: provider.data, label: String(card.label), state: state.data }] : [];
    }),
    // Only loopback endpoints are local servers; a remote OpenAI-compatible key is a BYOK lane, not probed here.
    endpoints: cards.flatMap((card): LocalServerTarget[] => {
      const url = card.provider === 'openai-compatible' && card.baseUrl ? loopbackUrl(card.baseUrl) : null;
      return url ? [{ server: 'custom', label: String(card.label || 'Your endpoint'), url }] : [];
    }),
  };
}

export function routerLaneSources(invoke: Invoke): LaneSources {
  return {
    cards: async () => laneCardsOf(asCards(await invoke('keys:list', undefined))),
    async creditsAvailable() {
      const result = await invoke('credits:summary', undefined);
      const available = result.ok ? (result.value as { available?: unknown } | null)?.available : undefined;
      return typeof available === 'number' && Number.isFinite(available) ? available : null;
    },
  };
}
