import { calcPrice } from '@pydantic/genai-prices';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTurnPricer, pricingProviderId, toGenaiUsage, usdToNano } from '../../../electron/core/credits/price-turn';

const pricer = createTurnPricer(calcPrice);
const tokens = fc.record({
  input: fc.integer({ min: 0, max: 400_000 }),
  output: fc.integer({ min: 0, max: 100_000 }),
  cacheRead: fc.integer({ min: 0, max: 400_000 }),
  cacheWrite: fc.integer({ min: 0, max: 100_000 }),
});

// Models the agent runtime sends for our catalog providers (and OpenRouter), as genai-prices names them.
const models: [string, string][] = [
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-opus-4-1'],
  ['anthropic', 'claude-3-5-haiku-latest'],
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4.1'],
  ['openai', 'gpt-5'],
  ['openai', 'o3'],
  ['gemini', 'gemini-2.5-pro'],
  ['gemini', 'gemini-2.5-flash'],
  ['vertex', 'gemini-2.5-pro'],
  ['deepseek', 'deepseek-chat'],
  ['deepseek', 'deepseek-reasoner'],
  ['xai', 'grok-4'],
  ['xai', 'grok-3-mini'],
  ['openrouter', 'openai/gpt-4o'],
  ['openrouter', 'anthropic/claude-sonnet-4'],
];

describe('priceTurn', () => {
  it('agrees with genai-prices calcPrice, to the nano-dollar, for every model, any usage and any time', () => {
    // Any instant 2024-2027, so prices that change by date or by time of day (DeepSeek's off-peak hours) are
    // checked on both sides of every boundary.
    const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-12-31T23:59:59Z') });
    fc.assert(
      fc.property(fc.constantFrom(...models), tokens, instant, ([provider, model], usage, at) => {
        const ours = pricer.price(provider, model, usage, at);
        const reference = calcPrice(toGenaiUsage(usage), model, { providerId: pricingProviderId(provider), timestamp: new Date(at) });
        expect(reference).not.toBeNull();
        expect(ours.priced).toBe(true);
        expect(Math.abs((ours.nano as number) - usdToNano(reference!.total_price))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('prices DeepSeek by its time of day, as genai-prices does: off-peak hours cost less', () => {
    const usage = { input: 10_000, output: 1000, cacheRead: 5000, cacheWrite: 0 };
    for (const at of ['2026-12-03T00:29:59.999Z', '2026-12-03T00:30:00.000Z', '2026-12-03T16:29:59.999Z', '2026-12-03T16:30:00.000Z', '2026-12-03T23:00:00.000Z']) {
      const reference = calcPrice(toGenaiUsage(usage), 'deepseek-chat', { providerId: 'deepseek', timestamp: new Date(at) });
      expect(pricer.price('deepseek', 'deepseek-chat', usage, Date.parse(at)).nano).toBe(usdToNano(reference!.total_price));
    }
    const peak = pricer.price('deepseek', 'deepseek-chat', usage, Date.parse('2026-12-03T01:00:00.000Z')).nano!;
    const offPeak = pricer.price('deepseek', 'deepseek-chat', usage, Date.parse('2026-12-03T20:00:00.000Z')).nano!;
    expect(peak).not.toBe(offPeak);
  });

  it('prices a known turn in the design units: $0.006 is 6 credits and 6,000 normalized tokens', () => {
    // claude-sonnet-4-5 below 200k input: $3 per million in, $15 per million out.
    const price = pricer.price('anthropic', 'claude-sonnet-4-5', { input: 1000, output: 200, cacheRead: 0, cacheWrite: 0 });
    expect(price).toEqual({ priced: true, nano: 6_000_000, pricedAs: 'anthropic/claude-sonnet-4-5' });
  });

  it('an unknown model is unpriced, never free', () => {
    const price = pricer.price('openai-compatible', 'team-finetune-v2', { input: 1000, output: 100, cacheRead: 0, cacheWrite: 0 });
    expect(price.priced).toBe(false);
    expect(price.nano).toBeNull();
  });

  it('maps catalog ids to genai-prices providers (gemini and vertex to google, xai to x-ai)', () => {
    expect(pricingProviderId('gemini')).toBe('google');
    expect(pricingProviderId('vertex')).toBe('google');
    expect(pricingProviderId('xai')).toBe('x-ai');
    expect(pricingProviderId('openai-compatible')).toBeUndefined();
    expect(pricingProviderId('openrouter')).toBe('openrouter');
  });

  it('cache reads cost less than fresh input for a model with a cache rate', () => {
    const fresh = pricer.price('anthropic', 'claude-sonnet-4-5', { input: 10_000, output: 0, cacheRead: 0, cacheWrite: 0 });
    const cached = pricer.price('anthropic', 'claude-sonnet-4-5', { input: 0, output: 0, cacheRead: 10_000, cacheWrite: 0 });
    expect(cached.nano!).toBeLessThan(fresh.nano!);
  });
});
