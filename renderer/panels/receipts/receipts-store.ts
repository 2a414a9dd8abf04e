// Receipts, one page at a time (cursor paging from `receipts:list`), with the filter the user chose.
// New receipts announce themselves through `credits:changed`; the first page is then read again.
import { create } from 'zustand';
import type { Receipt, ReceiptFilter } from '../../../shared/channels/receipts';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';
import { connectOnce } from '../../bridge/resync';

export const pageSize = 25;

interface ReceiptsState {
  filter: ReceiptFilter;
  receipts: Receipt[];
  /** Cursors of the pages before this one; the last is the current page's cursor. */
  cursors: (string | undefined)[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  setFilter(filter: ReceiptFilter): Promise<void>;
  loadPage(cursor: string | undefined, cursors: (string | undefined)[]): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  exportCsv(): Promise<{ rows: number; text: string }>;
}

export const useReceiptsStore = create<ReceiptsState>((set, get) => ({
  filter: {},
  receipts: [],
  cursors: [undefined],
  nextCursor: null,
  loading: false,
  error: null,

  async setFilter(filter) {
    set({ filter });
    await get().loadPage(undefined, [undefined]);
  },

  async loadPage(cursor, cursors) {
    set({ loading: true });
    try {
      const page = await nome()['receipts:list']({ ...get().filter, limit: pageSize, ...(cursor ? { cursor } : {}) });
      set({ receipts: page.receipts, nextCursor: page.nextCursor, cursors, error: null });
    } catch (error) {
      set({ error: describeError(error) });
    } finally {
      set({ loading: false });
    }
  },

  async next() {
    const { nextCursor, cursors } = get();
    if (nextCursor) await get().loadPage(nextCursor, [...cursors, nextCursor]);
  },

  async previous() {
    const cursors = get().cursors.slice(0, -1);
    if (cursors.length > 0) await get().loadPage(cursors.at(-1), cursors);
  },

  async exportCsv() {
    // Long histories come in pages (the header only on the first); follow the cursor to the end.
    const filter = get().filter;
    const parts: string[] = [];
    let rows = 0;
    let cursor: string | undefined;
    do {
      const page = await nome()['receipts:export']({ ...filter, format: 'csv', ...(cursor ? { cursor } : {}) });
      parts.push(page.text);
      rows += page.rows;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { rows, text: parts.join('') };
  },
}));

/** Reads the first page again, when the reader is on it: only the first page moves when a turn is recorded (or
 *  while the event stream was closed), and a reader on page 3 is left where they are. */
function readFirstPage(): void {
  if (useReceiptsStore.getState().cursors.length === 1) void useReceiptsStore.getState().loadPage(undefined, [undefined]);
}

export const connectReceiptsStore = connectOnce(readFirstPage, () =>
  nome().on('credits:changed', (change) => {
    if (change.reason === 'receipts') readFirstPage();
  }),
);
