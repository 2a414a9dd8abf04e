// The recent receipt ids a runtime-given id is checked against, so a receipts:record the runtime retries
// after a timeout counts once. Bounded: it forgets the oldest beyond `capacity`, so memory stays flat
// however long the ledger grows (the window is described at receipts:record in shared/channels/receipts.ts).
import type { Receipt } from '../../../shared/channels/receipts';
import type { DataFiles } from '../ports';
import type { SegmentState } from './rollup';
import { forEachLineBackwards, idOfLine } from './segment-lines';

export interface ReceiptIdWindow {
  has(id: string): boolean;
  /** An id about to be written: known at once, so a retry arriving mid-write is caught too. */
  hold(id: string): void;
  /** Held ids whose write failed: forgotten, so the runtime's retry records them. */
  release(ids: readonly string[]): void;
  /** Held ids now on disk: kept until `capacity` newer ones push them out. */
  commit(ids: readonly string[]): void;
  /** An id found on disk (a segment's tail, another process's append). */
  remember(id: string): void;
}

export function createReceiptIdWindow(capacity: number): ReceiptIdWindow {
  const known = new Set<string>();
  // Committed ids oldest first, as a ring: `next` is the slot the next id takes (and the oldest id's slot).
  const ring: (string | undefined)[] = [];
  let next = 0;
  const keep = (id: string) => {
    if (ring.length < capacity) ring.push(id);
    else {
      const oldest = ring[next];
      if (oldest !== undefined) known.delete(oldest);
      ring[next] = id;
      next = (next + 1) % capacity;
    }
  };
  return {
    has: (id) => known.has(id),
    hold: (id) => void known.add(id),
    release(ids) {
      for (const id of ids) known.delete(id);
    },
    commit(ids) {
      for (const id of ids) {
        known.add(id);
        keep(id);
      }
    },
    remember(id) {
      if (known.has(id)) return;
      known.add(id);
      keep(id);
    },
  };
}

/** The ids of the newest `count` receipts on disk (counted bytes only), oldest first. */
export async function readRecentIds(
  files: DataFiles,
  segments: Readonly<Record<string, SegmentState>>,
  segmentPath: (month: string) => string,
  count: number,
): Promise<string[]> {
  const found: string[] = [];
  for (const month of Object.keys(segments).sort().reverse()) {
    if (found.length >= count) break;
    await forEachLineBackwards(files, segmentPath(month), segments[month]?.bytes ?? 0, (line) => {
      const id = idOfLine(line);
      if (id !== null) found.push(id);
      return found.length < count;
    });
  }
  return found.reverse();
}

export interface MaybeDuplicate {
  readonly index: number;
  readonly receipt: Receipt;
}

/** Splits a call's receipts when it arrives: given ids not yet known are held and written with the call;
 *  known ones wait for the group's write, since the write that holds them may still fail. */
export function holdNewIds(
  window: ReceiptIdWindow,
  receipts: readonly Receipt[],
  given: readonly boolean[],
): { fresh: Receipt[]; freshGiven: boolean[]; maybeDuplicates: MaybeDuplicate[] } {
  const fresh: Receipt[] = [];
  const freshGiven: boolean[] = [];
  const maybeDuplicates: MaybeDuplicate[] = [];
  receipts.forEach((receipt, index) => {
    const isGiven = given[index] === true;
    if (isGiven && window.has(receipt.id)) return void maybeDuplicates.push({ index, receipt });
    if (isGiven) window.hold(receipt.id);
    fresh.push(receipt);
    freshGiven.push(isGiven);
  });
  return { fresh, freshGiven, maybeDuplicates };
}

/** When the group is written (every earlier write has finished): an id still known is a duplicate; one
 *  whose earlier write failed is held again and written late, with this group. */
export function settleMaybeDuplicates(window: ReceiptIdWindow, maybe: readonly MaybeDuplicate[]): { late: Receipt[]; mine: number[] } {
  const late: Receipt[] = [];
  const mine: number[] = [];
  for (const { index, receipt } of maybe) {
    if (window.has(receipt.id)) mine.push(index);
    else {
      window.hold(receipt.id);
      late.push(receipt);
    }
  }
  return { late, mine };
}
