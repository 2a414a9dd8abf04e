// A turn's USD list price from the bundled @pydantic/genai-prices data (no network), and the design's units:
// 1 credit = $0.001, normalized tokens = USD x 1,000,000. Amounts are carried as whole nano-dollars so
// sums are exact: credits = nano / 1e6, normalized tokens = nano / 1e3.
import type { calcPrice as CalcPrice, ModelInfo, ModelPrice, Provider } from '@pydantic/genai-prices';
import type { TokenUsage } from '../../../shared/channels/receipts';

export const nanoPerUsd = 1e9;
export const nanoPerCredit = 1e6;
export const nanoPerNormalizedToken = 1e3;

export const usdToNano = (usd: number): number => Math.round(usd * nanoPerUsd);
export const nanoToCredits = (nano: number): number => nano / nanoPerCredit;
export const creditsToNano = (credits: number): number => Math.round(credits * nanoPerCredit);
export const nanoToNormalizedTokens = (nano: number): number => nano / nanoPerNormalizedToken;
export const nanoToUsd = (nano: number): number => nano / nanoPerUsd;

export type TurnPrice =
  | { readonly priced: true; readonly nano: number; readonly pricedAs: string }
  | { readonly priced: false; readonly nano: null; readonly pricedAs: string };

/** Our catalog ids (shared/providers.ts) where genai-prices names the provider differently. Vertex bills
 *  Gemini at Google's list price; openai-compatible has no one provider, so the model name decides. */
const pricingProviderIds: Readonly<Record<string, string | undefined>> = {
  gemini: 'google',
  vertex: 'google',
  xai: 'x-ai',
  'openai-compatible': undefined,
};

interface ResolvedModel {
  readonly provider: Provider;
  readonly model: ModelInfo;
  /** Rates per million tokens when the price is flat (no tiers, dates or per-request fees); else null. */
  readonly flat: { input: number; output: number; cacheRead: number | null; cacheWrite: number | null; tierStart: number } | null;
}

const fastPathKeys = new Set(['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok']);
/** Price keys for usage a text turn never reports (audio, images, searches): they cannot change its price. */
const ignorableKey = /audio|image|video|search|_1h_/;

interface Tiered {
  base: number;
  tiers: { start: number; price: number }[];
}
const isTiered = (value: unknown): value is Tiered =>
  typeof value === 'object' && value !== null && typeof (value as Tiered).base === 'number' && Array.isArray((value as Tiered).tiers);

/** genai-prices costs 13-18 µs a call (it rebuilds tiers each time); below the first tier a price is a dot
 *  product, so it is worked out here, and tests check it agrees with calcPrice on every model of our providers. */
function flatRates(prices: ModelInfo['prices']): ResolvedModel['flat'] {
  if (Array.isArray(prices)) return null; // prices that change by date or time of day: calcPrice decides
  const price = prices as ModelPrice;
  let tierStart = Number.POSITIVE_INFINITY;
  for (const [key, value] of Object.entries(price)) {
    if (value === undefined) continue;
    if (fastPathKeys.has(key)) {
      if (isTiered(value)) for (const tier of value.tiers) tierStart = Math.min(tierStart, tier.start);
      else if (typeof value !== 'number') return null;
    } else if (!ignorableKey.test(key)) {
      return null; // e.g. requests_kcount, a per-request fee
    }
  }
  const rate = (key: string): number | null => {
    const value = price[key];
    if (typeof value === 'number') return value;
    return isTiered(value) ? value.base : null;
  };
  const input = rate('input_mtok');
  const output = rate('output_mtok');
  if (input === null || output === null) return null;
  return { input, output, cacheRead: rate('cache_read_mtok'), cacheWrite: rate('cache_write_mtok'), tierStart };
}

export function toGenaiUsage(tokens: TokenUsage): Record<string, number> {
  return {
    // genai-prices counts cache reads and writes inside input_tokens (its README, "Cached input tokens").
    input_tokens: tokens.input + tokens.cacheRead + tokens.cacheWrite,
    output_tokens: tokens.output,
    cache_read_tokens: tokens.cacheRead,
    cache_write_tokens: tokens.cacheWrite,
  };
}

export function pricingProviderId(provider: string): string | undefined {
  return Object.hasOwn(pricingProviderIds, provider) ? pricingProviderIds[provider] : provider;
}

export interface TurnPricer {
  /** `at` (ms) picks date-dependent prices; default now. */
  price(provider: string, model: string, tokens: TokenUsage, at?: number): TurnPrice;
}

/** Loads the bundled price data on first use: importing it costs 70-110 ms, which every CLI command that
 *  never prices a turn (keys, status) would otherwise pay at start. */
export async function loadTurnPricer(): Promise<TurnPricer> {
  const { calcPrice } = await import('@pydantic/genai-prices');
  return createTurnPricer(calcPrice);
}

export function createTurnPricer(calcPrice: typeof CalcPrice): TurnPricer {
  const resolved = new Map<string, ResolvedModel | null>();
  const resolve = (provider: string, model: string): ResolvedModel | null => {
    const key = `${provider}\u0000${model}`;
    if (resolved.has(key)) return resolved.get(key) ?? null;
    let found: ResolvedModel | null = null;
    try {
      const probe = calcPrice({ input_tokens: 1, output_tokens: 1 }, model, { providerId: pricingProviderId(provider) });
      if (probe) found = { provider: probe.provider, model: probe.model, flat: flatRates(probe.model.prices) };
    } catch {
      found = null; // an unknown provider id throws in some versions: it is simply unpriced
    }
    resolved.set(key, found);
    return found;
  };

  return {
    price(provider, model, tokens, at) {
      const match = resolve(provider, model);
      if (!match) return { priced: false, nano: null, pricedAs: 'no list price for this provider and model' };
      const pricedAs = `${match.provider.id}/${match.model.id}`;
      const flat = match.flat;
      const totalInput = tokens.input + tokens.cacheRead + tokens.cacheWrite;
      if (flat && totalInput < flat.tierStart && (flat.cacheRead !== null || tokens.cacheRead === 0) && (flat.cacheWrite !== null || tokens.cacheWrite === 0)) {
        const usd =
          (tokens.input * flat.input + tokens.output * flat.output + tokens.cacheRead * (flat.cacheRead ?? 0) + tokens.cacheWrite * (flat.cacheWrite ?? 0)) /
          1_000_000;
        return { priced: true, nano: usdToNano(usd), pricedAs };
      }
      const narrowed: Provider = { ...match.provider, models: [match.model] };
      const result = calcPrice(toGenaiUsage(tokens), match.model.id, { provider: narrowed, ...(at === undefined ? {} : { timestamp: new Date(at) }) });
      if (!result) return { priced: false, nano: null, pricedAs: `${pricedAs} has no price for this usage` };
      return { priced: true, nano: usdToNano(result.total_price), pricedAs };
    },
  };
}
