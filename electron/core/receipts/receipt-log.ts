// The receipt log: append-only JSON Lines, one segment per UTC month (receipts/YYYY-MM.jsonl), and a
// rollup snapshot (receipts/rollup.json) covering a known byte length of each segment. Opening reads the
// snapshot and scans only bytes written after it; a torn last line is set aside and reported, never fatal.
import type { Receipt, ReceiptFilter } from '../../../shared/channels/receipts';
import { NomeError } from '../../../shared/errors';
import type { IncidentLog } from '../app/app-info';
import type { Clock, DataFiles } from '../ports';
import { encodeByMonth, joinByMonth, type MonthPart } from './month-parts';
import { listReceipts, scanReceipts, type SegmentSource } from './read-receipts';
import { createReceiptIdWindow, holdNewIds, readRecentIds, settleMaybeDuplicates, type MaybeDuplicate } from './receipt-id-window';
import { addReceipt, emptyRollup, mergeDays, parseRollup, type Rollup } from './rollup';
import { forEachLine, parseLine } from './segment-lines';

export interface ReceiptLog {
  /** Reads the snapshot and catches up; safe to call again (later calls are no-ops). */
  open(): Promise<void>;
  /** Appends receipts (already built and scrubbed) and folds them into the rollup. A receipt whose id the
   *  runtime gave (`givenIds[i]`) and that is already in the recent-id window is not written again: its
   *  index comes back in `duplicates`. */
  append(receipts: readonly Receipt[], options?: { readonly givenIds?: readonly boolean[] }): Promise<AppendResult>;
  /** The live rollup (after open). */
  rollup(): Rollup;
  /** Counts what other processes appended since (a few stats; new bytes only). */
  refresh(): Promise<void>;
  /** Months newest first (by `at`); within a month the last recorded first; `cursor` continues a page. */
  list(filter: ReceiptFilter, limit: number, cursor?: string): Promise<{ receipts: Receipt[]; nextCursor: string | null }>;
  /** Receipts matching the filter, oldest month first, from `cursor` on. `visit` gets where the line ends
   *  (a cursor to resume after it) and returns false to stop. */
  scan(filter: ReceiptFilter, visit: (receipt: Receipt, after: string) => boolean | void, cursor?: string): Promise<void>;
  /** Writes the rollup snapshot now. */
  flush(): Promise<void>;
}

export interface AppendResult {
  /** Indexes (into the appended receipts) of those not written because their id was already recorded. */
  readonly duplicates: readonly number[];
}

export interface ReceiptLogOptions {
  readonly files: DataFiles;
  readonly incidents: IncidentLog;
  readonly clock: Clock;
  /** Folder inside the data dir; default `receipts`. */
  readonly dir?: string;
  /** fsync each batch before it counts as recorded (default true; the bench measures both). */
  readonly sync?: boolean;
  /** Snapshot at most this often while appending (default 250 ms); open() scans what came after. */
  readonly snapshotEveryMs?: number;
  /** How many recent ids a runtime-given id is checked against (default 50,000). */
  readonly idWindow?: number;
}

/** The ids of the last this-many receipts, plus the runtime-given ids this process wrote since (as many),
 *  catch a retried receipts:record: ~5 MB at most, read from the segments' tails at the first given id. */
export const defaultIdWindow = 50_000;

interface PendingCall {
  readonly parts: readonly MonthPart[];
  /** Receipts whose given id was already known when the call came: decided when the group is written. */
  readonly maybeDuplicates: readonly MaybeDuplicate[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const segmentName = /^(\d{4}-\d{2})\.jsonl$/;
const encoder = new TextEncoder();

export function createReceiptLog(options: ReceiptLogOptions): ReceiptLog {
  const { files, incidents, clock } = options;
  const dir = options.dir ?? 'receipts';
  const snapshotPath = `${dir}/rollup.json`;
  const segmentPath = (month: string) => `${dir}/${month}.jsonl`;
  const sync = options.sync ?? true;
  const snapshotEveryMs = options.snapshotEveryMs ?? 250;
  const idCapacity = options.idWindow ?? defaultIdWindow;
  const ids = createReceiptIdWindow(idCapacity);
  // Built on the first runtime-given id, so opening for a summary never reads the segments' tails.
  let idsLoaded: Promise<void> | null = null;
  let idsReady = false;

  let rollup: Rollup = emptyRollup();
  let opened: Promise<void> | null = null;
  let lastSnapshotAt = 0;
  let dirty = false;
  // Appends, recovery and snapshots run one at a time, in call order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function writeSnapshot(): Promise<void> {
    await files.writeAtomic(snapshotPath, encoder.encode(JSON.stringify(rollup)));
    lastSnapshotAt = clock.now();
    dirty = false;
  }

  async function readSnapshot(): Promise<Rollup | null> {
    const bytes = await files.read(snapshotPath);
    return bytes ? parseRollup(bytes) : null;
  }

  /** Folds bytes [start, end) of a segment into the rollup; sets aside a torn tail after the last newline. */
  async function catchUp(month: string, start: number, end: number): Promise<void> {
    const state = (rollup.segments[month] ??= { bytes: start, lines: 0 });
    const complete = await forEachLine(files, segmentPath(month), start, end, (line) => {
      const receipt = parseLine(line);
      if (receipt) {
        addReceipt(rollup, receipt);
        if (idsReady) ids.remember(receipt.id);
      } else {
        rollup.unreadableLines += 1;
        state.unreadable = (state.unreadable ?? 0) + 1;
      }
      state.lines += 1;
    });
    state.bytes = complete;
    if (complete < end) await setAsideTail(month, complete, end);
    dirty = true;
  }

  async function setAsideTail(month: string, from: number, to: number): Promise<void> {
    const path = segmentPath(month);
    const tail = await files.readRange(path, from, to);
    const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
    const aside = `${dir}/${month}.jsonl.torn-${stamp}-${from}`;
    await files.writeAtomic(aside, tail);
    await files.truncate(path, from);
    incidents.record({ kind: 'torn_tail_set_aside', file: path, setAsideAs: aside, at: new Date(clock.now()).toISOString() });
  }

  async function monthsOnDisk(): Promise<string[]> {
    const names = await files.list(dir);
    return names.flatMap((name) => segmentName.exec(name)?.[1] ?? []).sort();
  }

  /** Brings one segment's rollup up to the file's length (another process may have appended). */
  async function reconcile(month: string): Promise<void> {
    const size = (await files.size(segmentPath(month))) ?? 0;
    const known = rollup.segments[month]?.bytes ?? 0;
    if (size > known) await catchUp(month, known, size);
    else if (size < known) throw new NomeError('storage_failed', `${segmentPath(month)} is shorter than the receipts already counted from it`);
  }

  async function doOpen(): Promise<void> {
    const snapshot = await readSnapshot();
    const months = await monthsOnDisk();
    const sizes = new Map<string, number>();
    for (const month of months) sizes.set(month, (await files.size(segmentPath(month))) ?? 0);
    const consistent =
      snapshot !== null && Object.entries(snapshot.segments).every(([month, state]) => (sizes.get(month) ?? -1) >= state.bytes);
    rollup = consistent ? snapshot : emptyRollup();
    for (const month of months) {
      const known = rollup.segments[month]?.bytes ?? 0;
      const size = sizes.get(month) ?? 0;
      if (size > known) await catchUp(month, known, size);
    }
    if (dirty || snapshot === null) await writeSnapshot();
  }

  function loadIds(): Promise<void> {
    const load = async () => {
      const recent = await readRecentIds(files, rollup.segments, segmentPath, idCapacity);
      for (const id of recent) ids.remember(id);
      idsReady = true;
    };
    idsLoaded ??= serial(load).catch((error: unknown) => {
      idsLoaded = null;
      throw error;
    });
    return idsLoaded;
  }

  let group: PendingCall[] | null = null;

  async function writeGroup(): Promise<void> {
    const calls = group ?? [];
    group = null;
    const parts: MonthPart[] = [];
    const duplicates: number[][] = [];
    for (const call of calls) {
      parts.push(...call.parts);
      // Known when the call came; if the write that held the id failed since, it is written now.
      const { late, mine } = settleMaybeDuplicates(ids, call.maybeDuplicates);
      if (late.length) parts.push(...encodeByMonth(late, late.map(() => true)));
      duplicates.push(mine);
    }
    const months = joinByMonth(parts);
    let written = 0;
    try {
      for (const part of months) {
        await appendMonth(part);
        ids.commit(part.ids);
        written += 1;
      }
      if (clock.now() - lastSnapshotAt >= snapshotEveryMs) await writeSnapshot();
      calls.forEach((call, index) => call.resolve({ duplicates: duplicates[index] as number[] }));
    } catch (error) {
      for (const part of months.slice(written)) ids.release(part.ids);
      for (const call of calls) call.reject(error);
    }
  }

  function open(): Promise<void> {
    opened ??= serial(doOpen).catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  }

  async function appendMonth(part: MonthPart): Promise<void> {
    const { month, bytes } = part;
    await reconcile(month);
    try {
      await files.append(segmentPath(month), bytes, { sync });
    } catch (error) {
      // The batch failed as a whole: whatever part of it reached the file is set aside (kept, reported), so
      // the caller's retry cannot count a turn twice. Only a process that dies mid-write leaves complete
      // lines of a batch in place; the next open keeps those and sets aside the torn rest.
      const known = rollup.segments[month]?.bytes ?? 0;
      const size = await files.size(segmentPath(month)).catch(() => null);
      if (size !== null && size > known) await setAsideTail(month, known, size).catch(() => undefined);
      throw new NomeError('storage_failed', `could not append receipts to ${segmentPath(month)}: ${(error as Error).message}`);
    }
    const state = (rollup.segments[month] ??= { bytes: 0, lines: 0 });
    const expected = state.bytes + bytes.length;
    const size = await files.size(segmentPath(month));
    if (size !== expected) {
      // Another process (the app and a CLI `receipts record`) appended between our check and our write, so
      // our offsets are off: count this month again from its file. Rare, and exact.
      await recountMonth(month, size ?? 0);
      return;
    }
    state.bytes = expected;
    state.lines += part.lines;
    mergeDays(rollup, part.totals);
    dirty = true;
  }

  async function recountMonth(month: string, size: number): Promise<void> {
    for (const day of Object.keys(rollup.days)) if (day.startsWith(month)) delete rollup.days[day];
    rollup.unreadableLines -= rollup.segments[month]?.unreadable ?? 0;
    rollup.segments[month] = { bytes: 0, lines: 0 };
    await catchUp(month, 0, size);
  }

  const source: SegmentSource = { files, segmentPath, segments: () => rollup.segments, days: () => rollup.days };

  return {
    open,
    async append(receipts, options) {
      await open();
      const given = options?.givenIds;
      const anyGiven = given?.includes(true) ?? false;
      if (anyGiven) await loadIds();
      // From here to joining the group nothing awaits, so the check and the hold see every earlier call.
      const { fresh, freshGiven, maybeDuplicates } = anyGiven ? holdNewIds(ids, receipts, given ?? []) : { fresh: receipts, freshGiven: given, maybeDuplicates: [] };
      const parts = encodeByMonth(fresh, freshGiven);
      return new Promise<AppendResult>((resolve, reject) => {
        // Group commit: calls that arrive while a write is in flight share the next write and fsync.
        // Each caller still returns only once its own receipts are on disk.
        if (!group) {
          group = [];
          void serial(writeGroup);
        }
        group.push({ parts, maybeDuplicates, resolve, reject });
      });
    },
    rollup: () => rollup,
    refresh() {
      return open().then(() =>
        serial(async () => {
          for (const month of await monthsOnDisk()) await reconcile(month);
        }),
      );
    },
    async list(filter, limit, cursor) {
      await open();
      return listReceipts(source, filter, limit, cursor);
    },
    async scan(filter, visit, cursor) {
      await open();
      return scanReceipts(source, filter, visit, cursor);
    },
    flush() {
      return open().then(() => serial(async () => (dirty ? writeSnapshot() : undefined)));
    },
  };
}
