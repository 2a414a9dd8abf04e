// A batch of receipts as what its write needs: per month, the JSON Lines bytes, the line count, the day
// totals to fold in once the bytes are on disk, and the runtime-given ids it carries. Encoding happens when
// a call arrives, so it overlaps the write before it, and the receipt objects can be collected while the
// bytes wait for their fsync (holding them across it got them promoted and raised GC time).
import type { Receipt } from '../../../shared/channels/receipts';
import { receiptLines } from './receipt-line';
import { addReceipt, mergeDays, type DayTotals } from './rollup';

export interface MonthPart {
  readonly month: string;
  readonly bytes: Uint8Array;
  readonly lines: number;
  readonly totals: DayTotals;
  /** Runtime-given ids of these receipts (NOME-made ids need no duplicate check). */
  readonly ids: readonly string[];
}

/** Parts in the order each month first appears. `given[i]` says receipt i's id came from the runtime. */
export function encodeByMonth(receipts: readonly Receipt[], given?: readonly boolean[]): MonthPart[] {
  const byMonth = new Map<string, { receipts: Receipt[]; totals: DayTotals; ids: string[] }>();
  for (let index = 0; index < receipts.length; index++) {
    const receipt = receipts[index] as Receipt;
    const month = receipt.at.slice(0, 7);
    let part = byMonth.get(month);
    if (!part) byMonth.set(month, (part = { receipts: [], totals: { days: {} }, ids: [] }));
    part.receipts.push(receipt);
    addReceipt(part.totals, receipt);
    if (given?.[index]) part.ids.push(receipt.id);
  }
  return [...byMonth].map(([month, part]) => ({
    month,
    bytes: receiptLines(part.receipts),
    lines: part.receipts.length,
    totals: part.totals,
    ids: part.ids,
  }));
}

/** One part per month (first-appearance order), the bytes of each month kept in call order. */
export function joinByMonth(parts: readonly MonthPart[]): MonthPart[] {
  const byMonth = new Map<string, MonthPart[]>();
  for (const part of parts) {
    const same = byMonth.get(part.month);
    if (same) same.push(part);
    else byMonth.set(part.month, [part]);
  }
  return [...byMonth.values()].map((same) => {
    if (same.length === 1) return same[0] as MonthPart;
    const bytes = new Uint8Array(same.reduce((sum, part) => sum + part.bytes.length, 0));
    const totals: DayTotals = { days: {} };
    let offset = 0;
    for (const part of same) {
      bytes.set(part.bytes, offset);
      offset += part.bytes.length;
      mergeDays(totals, part.totals);
    }
    return { month: (same[0] as MonthPart).month, bytes, lines: same.reduce((sum, part) => sum + part.lines, 0), totals, ids: same.flatMap((part) => part.ids) };
  });
}
