import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/channels/receipts';
import { costLanes } from '../../../shared/vocabulary';
import { receiptLine } from '../../../electron/core/receipts/receipt-line';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"quoted"', 'back\\slash', 'tab\there', 'line\nbreak', '\u2028', 'ünïcödé', '😀'));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const amount = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(-0), fc.constant(1e21), fc.constant(5e-7));

// Built in the field order the receipt builder uses, so the text can be compared with JSON.stringify.
const receiptArb: fc.Arbitrary<Receipt> = fc
  .tuple(anyText, anyText, fc.constantFrom(...costLanes), anyText, anyText, anyText, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), nullable(amount), nullable(amount), nullable(amount), nullable(amount), fc.boolean(), nullable(anyText), nullable(anyText), nullable(anyText), nullable(anyText))
  .map(([id, at, lane, laneReason, provider, model, [input, output, cacheRead, cacheWrite], normalizedTokens, credits, providerCostUsd, listPriceUsd, priced, pricedAs, seat, holdId, turnId]) => ({
    id, at, lane, laneReason, provider, model,
    tokens: { input: input!, output: output!, cacheRead: cacheRead!, cacheWrite: cacheWrite! },
    normalizedTokens, credits, providerCostUsd, listPriceUsd, priced, pricedAs, seat, holdId, turnId,
  }));

describe('receiptLine', () => {
  it('writes exactly what JSON.stringify writes, for any text and any number', () => {
    fc.assert(
      fc.property(receiptArb, (receipt) => {
        expect(receiptLine(receipt)).toBe(JSON.stringify(receipt));
      }),
      { numRuns: 3000 },
    );
  });

  it('never writes a raw newline inside a line', () => {
    fc.assert(
      fc.property(receiptArb, (receipt) => {
        expect(receiptLine(receipt)).not.toMatch(/\n/);
      }),
    );
  });
});
