import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/channels/receipts';
import { costLanes } from '../../../shared/vocabulary';
import { receiptLines } from '../../../electron/core/receipts/receipt-line';

const decoder = new TextDecoder();

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"quoted"', 'back\\slash', 'tab\there', 'line\nbreak', '\u2028', 'ünïcödé', '😀'));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const amount = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(-0), fc.constant(1e21), fc.constant(5e-7));

// Built in the field order the receipt builder uses, so the text can be compared with JSON.stringify.
const receiptArb: fc.Arbitrary<Receipt> = fc
  .tuple(anyText, anyText, fc.constantFrom(...costLanes), anyText, anyText, anyText, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), nullable(amount), nullable(amount), nullable(amount), nullable(amount), fc.boolean(), nullable(anyText), nullable(anyText), nullable(anyText), nullable(anyText), nullable(anyText))
  .map(([id, at, lane, laneReason, provider, model, [input, output, cacheRead, cacheWrite], normalizedTokens, credits, providerCostUsd, listPriceUsd, priced, pricedAs, seat, holdId, turnId, keyId]) => ({
    id, at, lane, laneReason, provider, model,
    tokens: { input: input!, output: output!, cacheRead: cacheRead!, cacheWrite: cacheWrite! },
    normalizedTokens, credits, providerCostUsd, listPriceUsd, priced, pricedAs, seat, holdId, turnId, keyId,
  }));

/** JSON.stringify's text, but a null keyId left out (the line writer does not write it; readers take it as null). */
const json = (receipt: Receipt) => JSON.stringify(receipt.keyId === null ? { ...receipt, keyId: undefined } : receipt);

describe('receiptLines', () => {
  it('writes exactly what JSON.stringify writes, one line each, for any text and any number', () => {
    fc.assert(
      fc.property(receiptArb, (receipt) => {
        expect(decoder.decode(receiptLines([receipt]))).toBe(`${json(receipt)}\n`);
      }),
      { numRuns: 3000 },
    );
  });

  it('a batch is its lines in order, with repeated text and a buffer that grows past its first guess', () => {
    // Long texts overflow the first buffer (448 bytes a receipt); small batches repeat the same values.
    const long = fc.string({ minLength: 300, maxLength: 2000 });
    const batch = fc.array(fc.oneof(receiptArb, receiptArb.chain((r) => long.map((laneReason) => ({ ...r, laneReason })))), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(batch, fc.nat(5), (receipts, repeat) => {
        const withRepeats = receipts.concat(receipts.slice(0, repeat));
        expect(decoder.decode(receiptLines(withRepeats))).toBe(withRepeats.map((r) => `${json(r)}\n`).join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out a null keyId and writes a named one last, so a line reads back as the receipt it was', () => {
    fc.assert(
      fc.property(receiptArb, (receipt) => {
        const text = decoder.decode(receiptLines([receipt]));
        expect(text.includes('"keyId"')).toBe(receipt.keyId !== null);
        const read = JSON.parse(text) as Receipt;
        expect({ ...read, keyId: read.keyId ?? null }).toEqual(JSON.parse(JSON.stringify(receipt)));
      }),
      { numRuns: 500 },
    );
  });

  it('never writes a raw newline inside a line', () => {
    fc.assert(
      fc.property(receiptArb, (receipt) => {
        expect(decoder.decode(receiptLines([receipt])).slice(0, -1)).not.toMatch(/\n/);
      }),
    );
  });
});
