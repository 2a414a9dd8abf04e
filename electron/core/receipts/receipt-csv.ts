// Receipts as CSV (RFC 4180): one row per receipt, a fixed header, fields quoted where they need it.
import type { Receipt } from '../../../shared/channels/receipts';

export const csvHeader = [
  'id', 'at', 'lane', 'lane_reason', 'provider', 'model', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens',
  'normalized_tokens', 'credits', 'provider_cost_usd', 'list_price_usd', 'priced', 'priced_as', 'seat', 'turn_id', 'hold_id', 'key_id',
] as const;

function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ makes spreadsheets run a formula; a quote mark in front keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function receiptToCsvRow(r: Receipt): string {
  return [
    r.id, r.at, r.lane, r.laneReason, r.provider, r.model, r.tokens.input, r.tokens.output, r.tokens.cacheRead, r.tokens.cacheWrite,
    r.normalizedTokens, r.credits, r.providerCostUsd, r.listPriceUsd, r.priced, r.pricedAs, r.seat, r.turnId, r.holdId, r.keyId,
  ].map(field).join(',');
}

export function receiptsToCsv(receipts: Iterable<Receipt>, options: { header?: boolean } = {}): string {
  const lines = options.header === false ? [] : [csvHeader.join(',')];
  for (const receipt of receipts) lines.push(receiptToCsvRow(receipt));
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}
