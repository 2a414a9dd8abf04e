// A turn's USD list price from the bundled @pydantic/genai-prices data (no network), and the design's units:
// 1 credit = $0.001, normalized tokens = USD x 1,000,000. Amounts are carried as whole nano-dollars so
// sums are exact: credits = nano / 1e6, normalized tokens = nano / 1e3.
import type { calcPrice as CalcPrice, ConditionalPrice, ModelInfo, ModelPrice, Provider } from '@pydantic/genai-prices';
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

/** Rates per million tokens below the first tier, when a price has no per-request fee. A missing cache
 *  rate is the input rate: genai-prices then counts those tokens inside input_tokens. */
interface FlatRates {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly tierStart: number;
}

/** One entry of a price list that changes by date or time of day, in the order genai-prices checks them. */
interface ConditionalRates {
  readonly rates: FlatRates;
  /** True when this entry applies at `at` (ms); no constraint always applies. */
  readonly applies: (at: number) => boolean;
}

interface ResolvedModel {
  readonly provider: Provider;
  readonly model: ModelInfo;
  /** Set when every price of the model is flat below its tiers; else calcPrice decides each turn. */
  readonly flat: FlatRates | readonly ConditionalRates[] | null;
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
function flatRates(price: ModelPrice): FlatRates | null {
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
  return { input, output, cacheRead: rate('cache_read_mtok') ?? input, cacheWrite: rate('cache_write_mtok') ?? input, tierStart };
}

const timeOfDay = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;
const msPerDay = 86_400_000;

/** A time-of-day constraint's bound as ms into the UTC day, read the way genai-prices reads it; null if odd. */
function msIntoUtcDay(text: string): number | null {
  const match = timeOfDay.exec(text);
  if (!match) return null;
  const [, hours, minutes, seconds, fraction = '', zone, sign, offsetHours = '00', offsetMinutes = '00'] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const local = (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction}`)) * 1000;
  const offset = zone === 'Z' ? 0 : (sign === '+' ? 1 : -1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return (local - offset + msPerDay) % msPerDay;
}

/** A price list by date or time of day as rates with their conditions; null when one entry is not flat or
 *  has a condition this does not know (calcPrice then decides). */
function conditionalRates(prices: readonly ConditionalPrice[]): ConditionalRates[] | null {
  const out: ConditionalRates[] = [];
  for (const entry of prices) {
    const rates = flatRates(entry.prices);
    if (!rates) return null;
    const constraint = entry.constraint;
    if (constraint === undefined) out.push({ rates, applies: () => true });
    else if (constraint.type === 'start_date') {
      const start = new Date(constraint.start_date).getTime();
      if (Number.isNaN(start)) return null;
      out.push({ rates, applies: (at) => at >= start });
    } else if (constraint.type === 'time_of_date') {
      const start = msIntoUtcDay(constraint.start_time);
      const end = msIntoUtcDay(constraint.end_time);
      if (start === null || end === null) return null;
      const into = (at: number) => ((at % msPerDay) + msPerDay) % msPerDay;
      out.push({ rates, applies: end < start ? (at) => into(at) >= start || into(at) < end : (at) => into(at) >= start && into(at) < end });
    } else return null;
  }
  return out.length ? out : null;
}

/** The rates genai-prices would pick at `at`: the last entry whose condition holds, else the first. */
function ratesAt(flat: FlatRates | readonly ConditionalRates[], at: number): FlatRates {
  if (!Array.isArray(flat)) return flat as FlatRates;
  const list = flat as readonly ConditionalRates[];
  for (let index = list.length - 1; index >= 0; index--) if ((list[index] as ConditionalRates).applies(at)) return (list[index] as ConditionalRates).rates;
  return (list[0] as ConditionalRates).rates;
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
      if (probe) {
        const prices = probe.model.prices;
        found = { provider: probe.provider, model: probe.model, flat: Array.isArray(prices) ? conditionalRates(prices) : flatRates(prices as ModelPrice) };
      }
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
      const when = at ?? Date.now();
      const flat = match.flat === null ? null : ratesAt(match.flat, when);
      if (flat && tokens.input + tokens.cacheRead + tokens.cacheWrite < flat.tierStart) {
        const usd = (tokens.input * flat.input + tokens.output * flat.output + tokens.cacheRead * flat.cacheRead + tokens.cacheWrite * flat.cacheWrite) / 1_000_000;
        return { priced: true, nano: usdToNano(usd), pricedAs };
      }
      const narrowed: Provider = { ...match.provider, models: [match.model] };
      const result = calcPrice(toGenaiUsage(tokens), match.model.id, { provider: narrowed, timestamp: new Date(when) });
      if (!result) return { priced: false, nano: null, pricedAs: `${pricedAs} has no price for this usage` };
      return { priced: true, nano: usdToNano(result.total_price), pricedAs };
    },
  };
}
