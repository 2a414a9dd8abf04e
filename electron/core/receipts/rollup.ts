// The rollup: per-day totals by lane and by model, so the credit summary never rescans the receipt log.
// Money is kept in whole nano-dollars (see credits/price-turn.ts) so sums are exact.
import type { Receipt } from '../../../shared/channels/receipts';
import { creditsToNano, nanoPerNormalizedToken, nanoPerUsd } from '../credits/price-turn';

export interface Totals {
  turns: number;
  creditsNano: number;
  normalizedNano: number;
  providerCostNano: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  unpriced: number;
}

export interface DayRollup {
  lanes: Record<string, Totals>;
  /** Keyed by `lane \u0000 provider \u0000 model`. */
  models: Record<string, Totals>;
  /** `byok` receipts that name their key, keyed by `provider \u0000 keyId`, so each key's provider figure
   *  is compared with its own turns. Absent in snapshots and days that have none. */
  keys?: Record<string, Totals>;
}

export interface SegmentState {
  /** Bytes of the segment the rollup covers; everything past this is scanned on open. */
  bytes: number;
  lines: number;
  /** Lines of this segment that did not parse as receipts. */
  unreadable?: number;
}

export interface Rollup {
  version: 1;
  segments: Record<string, SegmentState>;
  days: Record<string, DayRollup>;
  /** Complete lines that did not parse as receipts: kept in place, counted, never summed. */
  unreadableLines: number;
}

export const modelKeySeparator = '\u0000';

export function emptyRollup(): Rollup {
  return { version: 1, segments: {}, days: {}, unreadableLines: 0 };
}

export function emptyTotals(): Totals {
  return { turns: 0, creditsNano: 0, normalizedNano: 0, providerCostNano: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, unpriced: 0 };
}

export function addTotals(into: Totals, from: Totals): void {
  into.turns += from.turns;
  into.creditsNano += from.creditsNano;
  into.normalizedNano += from.normalizedNano;
  into.providerCostNano += from.providerCostNano;
  into.input += from.input;
  into.output += from.output;
  into.cacheRead += from.cacheRead;
  into.cacheWrite += from.cacheWrite;
  into.unpriced += from.unpriced;
}

function addReceiptTo(totals: Totals, receipt: Receipt, credits: number, normalized: number, cost: number): void {
  totals.turns += 1;
  totals.creditsNano += credits;
  totals.normalizedNano += normalized;
  totals.providerCostNano += cost;
  totals.input += receipt.tokens.input;
  totals.output += receipt.tokens.output;
  totals.cacheRead += receipt.tokens.cacheRead;
  totals.cacheWrite += receipt.tokens.cacheWrite;
  if (!receipt.priced) totals.unpriced += 1;
}

/** Days only: a batch folds its receipts into one of these before its write, and it is merged after. */
export type DayTotals = Pick<Rollup, 'days'>;

export function addReceipt(rollup: DayTotals, receipt: Receipt): void {
  const day = receipt.at.slice(0, 10);
  const dayRollup = (rollup.days[day] ??= { lanes: {}, models: {} });
  const credits = receipt.credits === null ? 0 : creditsToNano(receipt.credits);
  const normalized = receipt.normalizedTokens === null ? 0 : Math.round(receipt.normalizedTokens * nanoPerNormalizedToken);
  const cost = receipt.providerCostUsd === null ? 0 : Math.round(receipt.providerCostUsd * nanoPerUsd);
  addReceiptTo((dayRollup.lanes[receipt.lane] ??= emptyTotals()), receipt, credits, normalized, cost);
  const modelKey = `${receipt.lane}${modelKeySeparator}${receipt.provider}${modelKeySeparator}${receipt.model}`;
  addReceiptTo((dayRollup.models[modelKey] ??= emptyTotals()), receipt, credits, normalized, cost);
  if (receipt.keyId && receipt.lane === 'byok') {
    addReceiptTo(((dayRollup.keys ??= {})[`${receipt.provider}${modelKeySeparator}${receipt.keyId}`] ??= emptyTotals()), receipt, credits, normalized, cost);
  }
}

/** Adds a batch's day totals (folded before its write) into the rollup once the write is on disk. */
export function mergeDays(into: DayTotals, from: DayTotals): void {
  for (const day in from.days) {
    const source = from.days[day] as DayRollup;
    const target = (into.days[day] ??= { lanes: {}, models: {} });
    for (const lane in source.lanes) addTotals((target.lanes[lane] ??= emptyTotals()), source.lanes[lane] as Totals);
    for (const model in source.models) addTotals((target.models[model] ??= emptyTotals()), source.models[model] as Totals);
    if (source.keys) for (const key in source.keys) addTotals(((target.keys ??= {})[key] ??= emptyTotals()), source.keys[key] as Totals);
  }
}

const decoder = new TextDecoder();

/** A rollup snapshot as written, or null when it does not read: the snapshot is derived data, so one that
 *  does not read is rebuilt from the log and nothing is lost. */
export function parseRollup(bytes: Uint8Array): Rollup | null {
  try {
    const value = JSON.parse(decoder.decode(bytes)) as Rollup;
    if (value?.version !== 1 || typeof value.segments !== 'object' || typeof value.days !== 'object') return null;
    return value;
  } catch {
    return null;
  }
}

/** A light check that a parsed line is a receipt this code wrote: full schema parsing of a million lines
 *  on a cold start would cost seconds, and every line was validated before it was written. */
export function looksLikeReceipt(value: unknown): value is Receipt {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Receipt>;
  return (
    typeof r.id === 'string' &&
    typeof r.at === 'string' &&
    typeof r.lane === 'string' &&
    typeof r.provider === 'string' &&
    typeof r.model === 'string' &&
    typeof r.priced === 'boolean' &&
    typeof r.tokens === 'object' &&
    r.tokens !== null
  );
}
