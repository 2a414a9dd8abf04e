// Receipts as UTF-8 JSON Lines, written field by field straight into one byte buffer: building each line as
// a string, joining and encoding them cost ~4.5 µs a receipt, the largest share of bulk recording; bytes
// written directly cost about a fifth of that. The text is exactly JSON.stringify's (tests hold it to it),
// except that a null keyId is left out: most receipts name no key, lines written before keyId existed have
// none, and readers take a missing keyId as null (13 bytes and ~0.2 µs a receipt saved in bulk recording).
import type { Receipt } from '../../../shared/channels/receipts';

const encoder = new TextEncoder();
const ascii = (text: string): Uint8Array => encoder.encode(text);

// The fixed text between values, in the field order the receipt builder uses.
const keys = {
  id: ascii('{"id":'),
  at: ascii(',"at":'),
  lane: ascii(',"lane":'),
  laneReason: ascii(',"laneReason":'),
  provider: ascii(',"provider":'),
  model: ascii(',"model":'),
  input: ascii(',"tokens":{"input":'),
  output: ascii(',"output":'),
  cacheRead: ascii(',"cacheRead":'),
  cacheWrite: ascii(',"cacheWrite":'),
  normalizedTokens: ascii('},"normalizedTokens":'),
  credits: ascii(',"credits":'),
  providerCostUsd: ascii(',"providerCostUsd":'),
  listPriceUsd: ascii(',"listPriceUsd":'),
  priced: ascii(',"priced":'),
  pricedAs: ascii(',"pricedAs":'),
  seat: ascii(',"seat":'),
  holdId: ascii(',"holdId":'),
  turnId: ascii(',"turnId":'),
  keyId: ascii(',"keyId":'),
};
const nullText = ascii('null');
const trueText = ascii('true');
const falseText = ascii('false');
const quote = 0x22;

/** Writes the receipts as JSON Lines (each ending in '\n') into one buffer; returns the bytes written. */
export function receiptLines(receipts: readonly Receipt[]): Uint8Array {
  let buffer = new Uint8Array(Math.max(1024, receipts.length * 448));
  let at = 0;
  // Lane reasons, providers, models and prices repeat across a batch: their bytes are made once.
  const repeated = new Map<string, Uint8Array>();

  const room = (bytes: number) => {
    if (at + bytes <= buffer.length) return;
    const grown = new Uint8Array(Math.max(buffer.length * 2, at + bytes));
    grown.set(buffer.subarray(0, at));
    buffer = grown;
  };
  const put = (bytes: Uint8Array) => {
    room(bytes.length);
    for (let index = 0; index < bytes.length; index++) buffer[at++] = bytes[index] as number;
  };
  /** Text needing no escape (printable ASCII but `"` and `\`) is copied as it is; other text goes through
   *  JSON.stringify and the UTF-8 encoder. */
  const text = (value: string | null) => {
    if (value === null) return put(nullText);
    room(value.length + 2);
    const start = at;
    buffer[at++] = quote;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code < 0x20 || code > 0x7e || code === quote || code === 0x5c) {
        at = start;
        return put(encoder.encode(JSON.stringify(value)));
      }
      buffer[at++] = code;
    }
    buffer[at++] = quote;
  };
  const repeatedText = (value: string | null) => {
    if (value === null) return put(nullText);
    let bytes = repeated.get(value);
    if (!bytes) repeated.set(value, (bytes = encoder.encode(JSON.stringify(value))));
    put(bytes);
  };
  const number = (value: number | null) => {
    if (value === null || !Number.isFinite(value)) return put(nullText);
    if (value >= 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value)) {
      // Whole non-negative numbers (token counts, most amounts): digits written from the right.
      let digits = 1;
      for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
      room(digits);
      let rest = value;
      for (let index = at + digits - 1; index >= at; index--) {
        buffer[index] = 48 + (rest % 10);
        rest = Math.floor(rest / 10);
      }
      at += digits;
      return;
    }
    const written = String(value); // the same digits JSON.stringify writes for a finite number
    room(written.length);
    for (let index = 0; index < written.length; index++) buffer[at++] = written.charCodeAt(index);
  };

  for (const r of receipts) {
    const t = r.tokens;
    put(keys.id);
    text(r.id);
    put(keys.at);
    text(r.at);
    put(keys.lane);
    repeatedText(r.lane);
    put(keys.laneReason);
    repeatedText(r.laneReason);
    put(keys.provider);
    repeatedText(r.provider);
    put(keys.model);
    repeatedText(r.model);
    put(keys.input);
    number(t.input);
    put(keys.output);
    number(t.output);
    put(keys.cacheRead);
    number(t.cacheRead);
    put(keys.cacheWrite);
    number(t.cacheWrite);
    put(keys.normalizedTokens);
    number(r.normalizedTokens);
    put(keys.credits);
    number(r.credits);
    put(keys.providerCostUsd);
    number(r.providerCostUsd);
    put(keys.listPriceUsd);
    number(r.listPriceUsd);
    put(keys.priced);
    put(r.priced ? trueText : falseText);
    put(keys.pricedAs);
    repeatedText(r.pricedAs);
    put(keys.seat);
    repeatedText(r.seat);
    put(keys.holdId);
    text(r.holdId);
    put(keys.turnId);
    text(r.turnId);
    if (r.keyId !== null) {
      put(keys.keyId);
      repeatedText(r.keyId);
    }
    room(2);
    buffer[at++] = 0x7d; // }
    buffer[at++] = 0x0a; // \n
  }
  return buffer.subarray(0, at);
}
