import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiptInputSchema } from '../../../shared/channels/receipts';
import { fastParseReceiptInput } from '../../../electron/core/receipts/fast-receipt-input';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
// Mostly valid values with the edges mixed in, so that many inputs take the fast path and the property bites.
const text = fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 40 }), weight: 8 }, fc.string({ minLength: 60, maxLength: 210 }), fc.constantFrom('', 'anthropic', 'sk-x'));
const count = fc.oneof({ arbitrary: fc.nat(), weight: 12 }, fc.integer({ min: -3, max: 3 }), fc.double(), fc.constant(1e13), fc.constant('5' as unknown as number));
const date = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-12-03T12:00:00Z', '2026-12-03T12:00:00.000+02:00', '2026-13-03T12:00:00.000Z', '2026-02-30T12:00:00.000Z', 'yesterday', ''),
);
const inputArb = fc.record(
  {
    id: maybe(fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,80}$/), text)),
    at: maybe(date),
    lane: fc.constantFrom('credits', 'byok', 'local', 'provider-subscription', 'credits', 'byok', 'free', ''),
    laneReason: text,
    provider: text,
    model: text,
    tokens: fc.oneof(
      { arbitrary: fc.record({ input: maybe(count), output: maybe(count), cacheRead: maybe(count), cacheWrite: maybe(count) }, { requiredKeys: [] }), weight: 8 },
      fc.record({ input: maybe(count), output: maybe(count), cacheRead: maybe(count), cacheWrite: maybe(count) }, { requiredKeys: [] }),
      fc.constant(null),
      fc.constant({ input: 1, extra: 2 }),
    ),
    seat: maybe(text),
    holdId: maybe(fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,80}$/), text)),
    turnId: maybe(text),
    listPriceUsd: maybe(fc.oneof({ arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }), weight: 6 }, fc.double({ min: 1e6, max: 2e6, noNaN: true }), fc.constant(-1), fc.constant(Number.NaN))),
    keyId: maybe(fc.oneof(fc.constantFrom('key_0123456789abcdef0123', 'env:OPENAI_API_KEY'), fc.stringMatching(/^[A-Za-z0-9._:-]{1,80}$/), text)),
    unknownKey: maybe(fc.constant(1)),
  },
  { requiredKeys: ['lane', 'laneReason', 'provider', 'model', 'tokens'] },
);

const strip = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

describe('fast receipt input', () => {
  it('accepts only what the schema accepts, and yields exactly what the schema yields', () => {
    let accepted = 0;
    fc.assert(
      fc.property(inputArb, (raw) => {
        const input = strip(raw);
        const fast = fastParseReceiptInput(input);
        if (fast === null) return;
        accepted += 1;
        const slow = receiptInputSchema.safeParse(input);
        expect(slow.success).toBe(true);
        expect(fast).toEqual(slow.data);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(25); // the property is about accepted inputs: make sure there are enough
  });

  it('takes the fast path for the well-formed receipts a runtime sends', () => {
    const input = { lane: 'byok', laneReason: 'user key', provider: 'openai', model: 'gpt-4o', at: '2026-12-03T12:00:00.000Z', tokens: { input: 10, output: 2 } };
    expect(fastParseReceiptInput(input)).toEqual(receiptInputSchema.parse(input));
    expect(fastParseReceiptInput({ ...input, lane: 'provider-subscription' })).toBeNull(); // no seat: the schema words the error
    expect(fastParseReceiptInput({ ...input, at: '2026-12-03T14:00:00+02:00' })).toBeNull(); // offsets go through the schema
    const named = { ...input, keyId: 'key_0123456789abcdef0123' };
    expect(fastParseReceiptInput(named)).toEqual(receiptInputSchema.parse(named));
    expect(fastParseReceiptInput(named)?.keyId).toBe('key_0123456789abcdef0123');
  });

  it('a keyId on any lane but byok goes to the schema, which refuses it naming the field', () => {
    for (const lane of ['credits', 'local']) {
      const input = { lane, laneReason: 'default', provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: { input: 10 }, keyId: 'key_0123456789abcdef0123' };
      expect(fastParseReceiptInput(input)).toBeNull();
      const parsed = receiptInputSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['keyId'], message: expect.stringMatching(/only a byok receipt names a key/) })]);
    }
    const seat = { lane: 'provider-subscription', seat: 'claude-code:max', laneReason: 'seat', provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: {}, keyId: 'key_0123456789abcdef0123' };
    expect(receiptInputSchema.safeParse(seat).success).toBe(false);
  });
});

describe('fast receipt input dates', () => {
  it('takes a canonical UTC date on the fast path exactly when it is a real instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2400 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        (year, month, day, hour, minute) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          const at = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00.000Z`;
          const real = Number.isFinite(Date.parse(at)) && new Date(at).toISOString() === at;
          const input = { lane: 'local', laneReason: 'r', provider: 'p', model: 'm', tokens: {}, at };
          expect(fastParseReceiptInput(input) !== null).toBe(real);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
