// Reading receipts back out of the segments, for receipts:list (newest first) and receipts:export (oldest
// first), paged by a cursor `YYYY-MM@offset` that names a place in one segment. Only bytes the rollup
// already counts are read, so a page never shows a receipt the summary does not.
import type { Receipt, ReceiptFilter } from '../../../shared/channels/receipts';
import { NomeError } from '../../../shared/errors';
import type { DataFiles } from '../ports';
import { modelKeySeparator, type DayRollup, type SegmentState } from './rollup';
import { filterBounds, forEachLine, forEachReceiptBackwards, matchesFilter, monthOverlaps, parseLine } from './segment-lines';

export interface SegmentSource {
  readonly files: DataFiles;
  segmentPath(month: string): string;
  /** Counted bytes of each month's segment. */
  segments(): Readonly<Record<string, SegmentState>>;
  /** The rollup's days (totals by lane, provider and model), which cover the same counted bytes. */
  days?(): Readonly<Record<string, DayRollup>>;
}

/** Whether month `YYYY-MM` holds any receipt of the filter's lane, provider, model and key, by the rollup: a
 *  filter for a model used in one month of a long history reads that month's segment only, not every one. */
function monthMayMatch(source: SegmentSource, month: string, filter: ReceiptFilter): boolean {
  if (filter.lane === undefined && filter.provider === undefined && filter.model === undefined && filter.keyId === undefined) return true;
  const days = source.days?.();
  if (!days) return true;
  // Only byok receipts name a key, and the rollup keeps those by `provider \u0000 keyId`.
  if (filter.keyId !== undefined && filter.lane !== undefined && filter.lane !== 'byok') return false;
  for (const day in days) {
    if (!day.startsWith(month)) continue;
    if (filter.keyId !== undefined) {
      for (const key in (days[day] as DayRollup).keys ?? {}) {
        const [provider, keyId] = key.split(modelKeySeparator);
        if (keyId === filter.keyId && (filter.provider === undefined || provider === filter.provider)) return true;
      }
      continue;
    }
    for (const key in (days[day] as DayRollup).models) {
      const [lane, provider, model] = key.split(modelKeySeparator);
      if ((filter.lane === undefined || lane === filter.lane) && (filter.provider === undefined || provider === filter.provider) && (filter.model === undefined || model === filter.model)) return true;
    }
  }
  return false;
}

const cursorPattern = /^(\d{4}-\d{2})@(\d+)$/;

export async function listReceipts(
  source: SegmentSource,
  filter: ReceiptFilter,
  limit: number,
  cursor?: string,
): Promise<{ receipts: Receipt[]; nextCursor: string | null }> {
  const segments = source.segments();
  const bounds = filterBounds(filter);
  const parsedCursor = cursor ? cursorPattern.exec(cursor) : null;
  if (cursor && !parsedCursor) throw new NomeError('bad_input', 'cursor: not one this list gave out');
  const months = Object.keys(segments)
    .filter((month) => monthOverlaps(month, bounds))
    .filter((month) => !parsedCursor || month <= (parsedCursor[1] as string))
    .filter((month) => monthMayMatch(source, month, filter))
    .sort()
    .reverse();
  const out: Receipt[] = [];
  let lastReturned = '';
  let more = false;
  for (const month of months) {
    const committed = segments[month]?.bytes ?? 0;
    const end = parsedCursor && month === parsedCursor[1] ? Math.min(committed, Number(parsedCursor[2])) : committed;
    await forEachReceiptBackwards(source.files, source.segmentPath(month), end, (receipt, lineStart) => {
      if (!matchesFilter(receipt, filter, bounds)) return true;
      if (out.length === limit) {
        more = true;
        return false;
      }
      out.push(receipt);
      lastReturned = `${month}@${lineStart}`;
      return true;
    });
    if (more) break;
  }
  // The cursor names where the last receipt returned starts: the next page reads what lies before it.
  return { receipts: out, nextCursor: more ? lastReturned : null };
}

export async function scanReceipts(
  source: SegmentSource,
  filter: ReceiptFilter,
  visit: (receipt: Receipt, after: string) => boolean | void,
  cursor?: string,
): Promise<void> {
  const segments = source.segments();
  const bounds = filterBounds(filter);
  const parsedCursor = cursor ? cursorPattern.exec(cursor) : null;
  if (cursor && !parsedCursor) throw new NomeError('bad_input', 'cursor: not one this export gave out');
  const months = Object.keys(segments)
    .filter((month) => monthOverlaps(month, bounds))
    .filter((month) => !parsedCursor || month >= (parsedCursor[1] as string))
    .filter((month) => monthMayMatch(source, month, filter))
    .sort();
  for (const month of months) {
    const end = segments[month]?.bytes ?? 0;
    const start = parsedCursor && month === parsedCursor[1] ? Math.min(end, Number(parsedCursor[2])) : 0;
    let stopped = false;
    await forEachLine(source.files, source.segmentPath(month), start, end, (line, after) => {
      const receipt = parseLine(line);
      if (!receipt || !matchesFilter(receipt, filter, bounds)) return true;
      if (visit(receipt, `${month}@${after}`) === false) {
        stopped = true;
        return false;
      }
      return true;
    });
    if (stopped) return;
  }
}
