// The receipt log: append-only JSON Lines, one segment per UTC month (receipts/YYYY-MM.jsonl), and a
// rollup snapshot (receipts/rollup.json) covering a known byte length of each segment. Opening reads the
// snapshot and scans only bytes written after it; a torn last line is set aside and reported, never fatal.
import type { Receipt, ReceiptFilter } from '../../../shared/channels/receipts';
import { NomeError } from '../../../shared/errors';
import type { IncidentLog } from '../app/app-info';
import type { Clock, DataFiles } from '../ports';
import { receiptLine } from './receipt-line';
import { addReceipt, emptyRollup, type Rollup } from './rollup';
import { filterBounds, forEachLine, forEachReceiptBackwards, matchesFilter, monthOverlaps, parseLine } from './segment-lines';

export interface ReceiptLog {
  /** Reads the snapshot and catches up; safe to call again (later calls are no-ops). */
  open(): Promise<void>;
  /** Appends receipts (already built and scrubbed) and folds them into the rollup. */
  append(receipts: readonly Receipt[]): Promise<void>;
  /** The live rollup (after open). */
  rollup(): Rollup;
  /** Counts what other processes appended since (a few stats; new bytes only). */
  refresh(): Promise<void>;
  /** Newest first within each month, months newest first; `cursor` continues a previous page. */
  list(filter: ReceiptFilter, limit: number, cursor?: string): Promise<{ receipts: Receipt[]; nextCursor: string | null }>;
  /** Receipts matching the filter, oldest month first, from `cursor` on. `visit` gets where the line ends
   *  (a cursor to resume after it) and returns false to stop. */
  scan(filter: ReceiptFilter, visit: (receipt: Receipt, after: string) => boolean | void, cursor?: string): Promise<void>;
  /** Writes the rollup snapshot now. */
  flush(): Promise<void>;
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
}

const segmentName = /^(\d{4}-\d{2})\.jsonl$/;
const cursorPattern = /^(\d{4}-\d{2})@(\d+)$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createReceiptLog(options: ReceiptLogOptions): ReceiptLog {
  const { files, incidents, clock } = options;
  const dir = options.dir ?? 'receipts';
  const snapshotPath = `${dir}/rollup.json`;
  const segmentPath = (month: string) => `${dir}/${month}.jsonl`;
  const sync = options.sync ?? true;
  const snapshotEveryMs = options.snapshotEveryMs ?? 250;

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
    if (!bytes) return null;
    try {
      const value = JSON.parse(decoder.decode(bytes)) as Rollup;
      // The snapshot is derived data: one that does not read is rebuilt from the log, nothing is lost.
      if (value?.version !== 1 || typeof value.segments !== 'object' || typeof value.days !== 'object') return null;
      return value;
    } catch {
      return null;
    }
  }

  /** Folds bytes [start, end) of a segment into the rollup; sets aside a torn tail after the last newline. */
  async function catchUp(month: string, start: number, end: number): Promise<void> {
    const state = (rollup.segments[month] ??= { bytes: start, lines: 0 });
    const complete = await forEachLine(files, segmentPath(month), start, end, (line) => {
      const receipt = parseLine(line);
      if (receipt) addReceipt(rollup, receipt);
      else {
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

  let group: { receipts: Receipt[]; waiters: { resolve: () => void; reject: (error: unknown) => void }[] } | null = null;

  async function writeGroup(): Promise<void> {
    const current = group;
    group = null;
    if (!current) return;
    try {
      const byMonth = new Map<string, Receipt[]>();
      for (const receipt of current.receipts) {
        const month = receipt.at.slice(0, 7);
        let batch = byMonth.get(month);
        if (!batch) byMonth.set(month, (batch = []));
        batch.push(receipt);
      }
      for (const [month, batch] of byMonth) await appendMonth(month, batch);
      if (clock.now() - lastSnapshotAt >= snapshotEveryMs) await writeSnapshot();
      for (const waiter of current.waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of current.waiters) waiter.reject(error);
    }
  }

  function open(): Promise<void> {
    opened ??= serial(doOpen).catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  }

  async function appendMonth(month: string, batch: readonly Receipt[]): Promise<void> {
    await reconcile(month);
    const bytes = encodeLines(batch);
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
    state.lines += batch.length;
    for (const receipt of batch) addReceipt(rollup, receipt);
    dirty = true;
  }

  async function recountMonth(month: string, size: number): Promise<void> {
    for (const day of Object.keys(rollup.days)) if (day.startsWith(month)) delete rollup.days[day];
    rollup.unreadableLines -= rollup.segments[month]?.unreadable ?? 0;
    rollup.segments[month] = { bytes: 0, lines: 0 };
    await catchUp(month, 0, size);
  }

  return {
    open,
    append(receipts) {
      return open().then(
        () =>
          new Promise<void>((resolve, reject) => {
            // Group commit: batches that arrive while a write is in flight share the next write and fsync.
            // Each caller still returns only once its own receipts are on disk.
            if (!group) {
              group = { receipts: [], waiters: [] };
              void serial(writeGroup);
            }
            for (const receipt of receipts) group.receipts.push(receipt);
            group.waiters.push({ resolve, reject });
          }),
      );
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
      const bounds = filterBounds(filter);
      const parsedCursor = cursor ? cursorPattern.exec(cursor) : null;
      if (cursor && !parsedCursor) throw new NomeError('bad_input', 'cursor: not one this list gave out');
      const months = Object.keys(rollup.segments)
        .filter((month) => monthOverlaps(month, bounds))
        .filter((month) => !parsedCursor || month <= (parsedCursor[1] as string))
        .sort()
        .reverse();
      const out: Receipt[] = [];
      let lastReturned = '';
      let more = false;
      for (const month of months) {
        const committed = rollup.segments[month]?.bytes ?? 0;
        const end = parsedCursor && month === parsedCursor[1] ? Math.min(committed, Number(parsedCursor[2])) : committed;
        await forEachReceiptBackwards(files, segmentPath(month), end, (receipt, lineStart) => {
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
    },
    async scan(filter, visit, cursor) {
      await open();
      const bounds = filterBounds(filter);
      const parsedCursor = cursor ? cursorPattern.exec(cursor) : null;
      if (cursor && !parsedCursor) throw new NomeError('bad_input', 'cursor: not one this export gave out');
      const months = Object.keys(rollup.segments)
        .filter((month) => monthOverlaps(month, bounds))
        .filter((month) => !parsedCursor || month >= (parsedCursor[1] as string))
        .sort();
      for (const month of months) {
        const end = rollup.segments[month]?.bytes ?? 0;
        const start = parsedCursor && month === parsedCursor[1] ? Math.min(end, Number(parsedCursor[2])) : 0;
        let stopped = false;
        await forEachLine(files, segmentPath(month), start, end, (line, after) => {
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
    },
    flush() {
      return open().then(() => serial(async () => (dirty ? writeSnapshot() : undefined)));
    },
  };
}

/** The batch as UTF-8 JSON Lines. One join and one encode measured faster than encoding line by line. */
function encodeLines(batch: readonly Receipt[]): Uint8Array {
  return encoder.encode(`${batch.map(receiptLine).join('\n')}\n`);
}
