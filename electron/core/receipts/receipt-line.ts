// One receipt as one JSON line, written field by field: twice as fast as JSON.stringify on the bulk path
// (measured 0.6-1.2 µs against 2.2-3.8 µs a receipt), and the same text; tests hold it to JSON.stringify.
import type { Receipt } from '../../../shared/channels/receipts';

/** Printable ASCII without `"` and `\`: safe between quotes as it is. Anything else goes through JSON. */
const plain = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const text = (value: string | null): string => (value === null ? 'null' : plain.test(value) ? `"${value}"` : JSON.stringify(value));
const number = (value: number | null): string => (value === null || !Number.isFinite(value) ? 'null' : String(value));

export function receiptLine(r: Receipt): string {
  const t = r.tokens;
  return (
    `{"id":${text(r.id)},"at":${text(r.at)},"lane":${text(r.lane)},"laneReason":${text(r.laneReason)},` +
    `"provider":${text(r.provider)},"model":${text(r.model)},` +
    `"tokens":{"input":${number(t.input)},"output":${number(t.output)},"cacheRead":${number(t.cacheRead)},"cacheWrite":${number(t.cacheWrite)}},` +
    `"normalizedTokens":${number(r.normalizedTokens)},"credits":${number(r.credits)},"providerCostUsd":${number(r.providerCostUsd)},` +
    `"listPriceUsd":${number(r.listPriceUsd)},"priced":${r.priced ? 'true' : 'false'},"pricedAs":${text(r.pricedAs)},` +
    `"seat":${text(r.seat)},"holdId":${text(r.holdId)},"turnId":${text(r.turnId)}}`
  );
}
