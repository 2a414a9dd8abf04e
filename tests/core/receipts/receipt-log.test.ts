import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/channels/receipts';
import { createIncidentLog } from '../../../electron/core/app/app-info';
import type { DataFiles } from '../../../electron/core/ports';
import { createMemoryDataFiles, type MemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { createReceiptLog } from '../../../electron/core/receipts/receipt-log';
import { receiptLines } from '../../../electron/core/receipts/receipt-line';

const clock = { now: () => Date.parse('2026-12-03T12:00:00.000Z') };
const decoder = new TextDecoder();

function receipt(index: number, overrides: Partial<Receipt> = {}): Receipt {
  return {
    id: `r${index}`,
    at: new Date(Date.parse('2026-12-01T00:00:00.000Z') + index * 60_000).toISOString(),
    lane: 'credits',
    laneReason: 'test',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    tokens: { input: 100 + index, output: 10, cacheRead: 0, cacheWrite: 0 },
    normalizedTokens: 1000,
    credits: 1,
    providerCostUsd: 0,
    listPriceUsd: 0.001,
    priced: true,
    pricedAs: 'anthropic/claude-sonnet-4-5',
    seat: null,
    holdId: null,
    turnId: null,
    keyId: null,
    ...overrides,
  };
}

function open(files: DataFiles) {
  const incidents = createIncidentLog(() => undefined);
  return { log: createReceiptLog({ files, incidents, clock, sync: false }), incidents };
}

/** Writes only the first `keep` bytes of the next append, then the process is gone: every later call fails. */
function crashingAt(files: MemoryDataFiles, keep: number): DataFiles {
  let dead = false;
  const gone = () => Promise.reject(new Error('process gone'));
  return {
    read: (...a) => (dead ? gone() : files.read(...a)),
    readRange: (...a) => (dead ? gone() : files.readRange(...a)),
    size: (...a) => (dead ? gone() : files.size(...a)),
    list: (...a) => (dead ? gone() : files.list(...a)),
    writeAtomic: (...a) => (dead ? gone() : files.writeAtomic(...a)),
    truncate: (...a) => (dead ? gone() : files.truncate(...a)),
    remove: (...a) => (dead ? gone() : files.remove(...a)),
    async append(path, data, options) {
      if (dead) return gone();
      dead = true;
      await files.append(path, data.slice(0, keep), options);
      throw new Error('simulated crash');
    },
  };
}

/** Writes only the first `keep` bytes of the next append and fails it (disk full); the process lives on. */
function failingAt(files: MemoryDataFiles, keep: number): DataFiles & { arm(): void } {
  let armed = false;
  return {
    ...files,
    arm: () => (armed = true),
    async append(path, data, options) {
      if (!armed) return files.append(path, data, options);
      armed = false;
      await files.append(path, data.slice(0, keep), options);
      throw new Error('ENOSPC: no space left on device');
    },
  };
}

/** A second log over the same files that records which segments it reads (after opening). */
async function countingReader(files: MemoryDataFiles) {
  const read = new Set<string>();
  const counting: DataFiles = { ...files, readRange: (path, start, end) => (read.add(path), files.readRange(path, start, end)) };
  const { log: reader } = open(counting);
  await reader.open();
  read.clear();
  return { reader, read };
}

const turns = (log: ReturnType<typeof open>['log']) =>
  Object.values(log.rollup().days).reduce((sum, day) => sum + Object.values(day.lanes).reduce((s, t) => s + t.turns, 0), 0);

describe('receipt log', () => {
  it('appends JSON Lines into one segment per month and lists them newest first, paged', async () => {
    const files = createMemoryDataFiles();
    const { log } = open(files);
    const december = Array.from({ length: 15 }, (_, i) => receipt(i));
    const november = Array.from({ length: 10 }, (_, i) => receipt(100 + i, { at: `2026-11-${String(10 + i).padStart(2, '0')}T00:00:00.000Z` }));
    await log.append([...november, ...december]);
    expect([...files.contents.keys()].filter((k) => k.endsWith('.jsonl')).sort()).toEqual(['receipts/2026-11.jsonl', 'receipts/2026-12.jsonl']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await log.list({}, 7, cursor);
      seen.push(...page.receipts.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...december.map((r) => r.id).reverse(), ...november.map((r) => r.id).reverse()]);
  });

  it('a late batch lists by when it was recorded within its month, and by its own month across months', async () => {
    // The documented order (shared/channels/receipts.ts): months newest first by each receipt's `at`;
    // within a month, last recorded first, so a late batch shows before newer turns recorded earlier.
    const { log } = open(createMemoryDataFiles());
    await log.append([receipt(10), receipt(11)]); // 2026-12-01 00:10, 00:11
    await log.append([receipt(1), receipt(2, { at: '2026-11-30T23:00:00.000Z' })]); // late: 00:01, and November
    expect((await log.list({}, 10)).receipts.map((r) => r.id)).toEqual(['r1', 'r11', 'r10', 'r2']);
  });

  it('filters by lane, provider, model and period', async () => {
    const { log } = open(createMemoryDataFiles());
    await log.append([
      receipt(1),
      receipt(2, { lane: 'byok', provider: 'openai', model: 'gpt-4o' }),
      receipt(3, { lane: 'local', provider: 'ollama', model: 'qwen' }),
      receipt(4, { at: '2026-11-02T00:00:00.000Z' }),
    ]);
    expect((await log.list({ lane: 'byok' }, 50)).receipts.map((r) => r.id)).toEqual(['r2']);
    expect((await log.list({ provider: 'ollama' }, 50)).receipts.map((r) => r.id)).toEqual(['r3']);
    expect((await log.list({ model: 'claude-sonnet-4-5' }, 50)).receipts.map((r) => r.id)).toEqual(['r1', 'r4']);
    expect((await log.list({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, 50)).receipts.map((r) => r.id)).toEqual(['r4']);
    const scanned: string[] = [];
    await log.scan({ lane: 'credits' }, (r) => {
      scanned.push(r.id);
    });
    expect(scanned).toEqual(['r4', 'r1']);
  });

  it('a filter reads only the months whose rollup holds a match, and pages the same as a full read', async () => {
    const files = createMemoryDataFiles();
    const { log } = open(files);
    const rare = { lane: 'byok' as const, provider: 'xai', model: 'grok-4' };
    await log.append([
      receipt(1, { at: '2026-10-05T00:00:00.000Z' }),
      receipt(2, { at: '2026-11-02T00:00:00.000Z', ...rare }),
      receipt(3, { at: '2026-11-03T00:00:00.000Z' }),
      receipt(4, { at: '2026-11-04T00:00:00.000Z', ...rare }),
      ...Array.from({ length: 30 }, (_, i) => receipt(10 + i)),
    ]);
    const { reader, read } = await countingReader(files);
    expect((await reader.list({ model: 'grok-4' }, 50)).receipts.map((r) => r.id)).toEqual(['r4', 'r2']);
    expect([...read]).toEqual(['receipts/2026-11.jsonl']);
    read.clear();
    const scanned: string[] = [];
    await reader.scan({ provider: 'xai', lane: 'byok' }, (r) => void scanned.push(r.id));
    expect(scanned).toEqual(['r2', 'r4']);
    expect([...read]).toEqual(['receipts/2026-11.jsonl']);
    // Nothing matches anywhere: no segment is read at all.
    read.clear();
    expect(await reader.list({ lane: 'local' }, 50)).toEqual({ receipts: [], nextCursor: null });
    expect(read.size).toBe(0);
    // Paging with a filter still walks every match once, across months.
    const pages: string[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await reader.list({ lane: 'credits' }, 7, cursor ?? undefined);
      pages.push(...page.receipts.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([...Array.from({ length: 30 }, (_, i) => `r${39 - i}`), 'r3', 'r1']);
  });

  it('filters by key: only the byok receipts naming that key, reading only the months whose rollup names it, in list, scan and export order', async () => {
    const files = createMemoryDataFiles();
    const { log } = open(files);
    const byok = (index: number, at: string, keyId: string | null, provider = 'openai') => receipt(index, { at, lane: 'byok', provider, model: 'gpt-4o', keyId });
    await log.append([
      byok(1, '2026-10-05T00:00:00.000Z', 'key_a'),
      byok(2, '2026-11-02T00:00:00.000Z', 'key_b'),
      byok(3, '2026-11-03T00:00:00.000Z', null),
      byok(4, '2026-12-01T00:04:00.000Z', 'key_a'),
      receipt(5),
      byok(6, '2026-12-01T00:06:00.000Z', 'env:OPENAI_API_KEY'),
    ]);
    const { reader, read } = await countingReader(files);
    expect((await reader.list({ keyId: 'key_a' }, 50)).receipts.map((r) => r.id)).toEqual(['r4', 'r1']);
    expect([...read].sort()).toEqual(['receipts/2026-10.jsonl', 'receipts/2026-12.jsonl']);
    read.clear();
    expect((await reader.list({ keyId: 'key_b' }, 50)).receipts.map((r) => r.id)).toEqual(['r2']);
    expect([...read]).toEqual(['receipts/2026-11.jsonl']);
    expect((await reader.list({ keyId: 'env:OPENAI_API_KEY' }, 50)).receipts.map((r) => r.id)).toEqual(['r6']);
    // Combined with the other filters; a key no receipt names, or a lane that never names a key, reads nothing.
    expect((await reader.list({ keyId: 'key_a', from: '2026-11-01T00:00:00Z' }, 50)).receipts.map((r) => r.id)).toEqual(['r4']);
    expect((await reader.list({ keyId: 'key_a', provider: 'anthropic' }, 50)).receipts).toEqual([]);
    read.clear();
    expect(await reader.list({ keyId: 'key_gone' }, 50)).toEqual({ receipts: [], nextCursor: null });
    expect(await reader.list({ keyId: 'key_a', lane: 'credits' }, 50)).toEqual({ receipts: [], nextCursor: null });
    expect(read.size).toBe(0);
    const scanned: string[] = [];
    await reader.scan({ keyId: 'key_a' }, (r) => void scanned.push(r.id));
    expect(scanned).toEqual(['r1', 'r4']);
    // Paged one at a time, every receipt of the key once.
    const pages: string[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await reader.list({ keyId: 'key_a' }, 1, cursor ?? undefined);
      pages.push(...page.receipts.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual(['r4', 'r1']);
  });

  it('a fresh open reads the snapshot and scans no receipt bytes when nothing came after it', async () => {
    const files = createMemoryDataFiles();
    const first = open(files).log;
    await first.append(Array.from({ length: 50 }, (_, i) => receipt(i)));
    await first.flush();
    let rangeReads = 0;
    const counting: DataFiles = { ...files, readRange: (...args) => (rangeReads++, files.readRange(...args)) };
    const second = open(counting).log;
    await second.open();
    expect(rangeReads).toBe(0);
    expect(turns(second)).toBe(50);
  });

  it('catches up from the snapshot on bytes appended after it (another process, or no snapshot yet)', async () => {
    const files = createMemoryDataFiles();
    const first = open(files).log;
    await first.append([receipt(1)]);
    await first.flush();
    const other = open(files).log;
    await other.append([receipt(2), receipt(3)]); // this one never flushes its snapshot
    const third = open(files).log;
    await third.open();
    expect(turns(third)).toBe(3);
    // The first instance sees the other's receipts before it appends again.
    await first.append([receipt(4)]);
    expect(turns(first)).toBe(4);
  });

  it('rebuilds from the log when the snapshot does not read', async () => {
    const files = createMemoryDataFiles();
    const { log } = open(files);
    await log.append(Array.from({ length: 20 }, (_, i) => receipt(i)));
    await log.flush();
    files.contents.set('receipts/rollup.json', new TextEncoder().encode('{"version":1,"segm'));
    const rebuilt = open(files).log;
    await rebuilt.open();
    expect(turns(rebuilt)).toBe(20);
  });

  it('counts a complete line that is not a receipt, keeps it, and sums only receipts', async () => {
    const files = createMemoryDataFiles();
    await files.append('receipts/2026-12.jsonl', new TextEncoder().encode(`${JSON.stringify(receipt(1))}\n{"nonsense":true}\n`));
    const { log } = open(files);
    await log.open();
    expect(turns(log)).toBe(1);
    expect(log.rollup().unreadableLines).toBe(1);
  });

  it('a crash at any byte of an append leaves a recoverable log: complete lines kept, the torn tail set aside and reported', async () => {
    const before = [receipt(1), receipt(2)];
    const batch = [receipt(3), receipt(4), receipt(5)];
    const batchBytes = receiptLines(batch);
    for (let keep = 0; keep < batchBytes.length; keep++) {
      const files = createMemoryDataFiles();
      const setup = open(files).log;
      await setup.append(before);
      await setup.flush();
      const goodSize = files.contents.get('receipts/2026-12.jsonl')!.length;

      const crashing = open(crashingAt(files, keep)).log;
      await expect(crashing.append(batch)).rejects.toMatchObject({ code: 'storage_failed' });

      // A new process opens the same files: nothing fatal, nothing silently lost.
      const { log, incidents } = open(files);
      await log.open();
      const partial = batchBytes.slice(0, keep);
      const completeLines = partial.filter((b) => b === 0x0a).length;
      expect(turns(log)).toBe(2 + completeLines);
      const segment = files.contents.get('receipts/2026-12.jsonl')!;
      expect(segment.length === 0 || segment[segment.length - 1] === 0x0a).toBe(true);
      const torn = keep - (partial.lastIndexOf(0x0a) + 1);
      const asides = [...files.contents.keys()].filter((k) => k.includes('.torn-'));
      if (torn > 0) {
        expect(asides).toHaveLength(1);
        expect(incidents.list()).toEqual([expect.objectContaining({ kind: 'torn_tail_set_aside', file: 'receipts/2026-12.jsonl' })]);
        expect(decoder.decode(files.contents.get(asides[0]!)!)).toBe(decoder.decode(partial.slice(keep - torn)));
        expect(segment.length).toBe(goodSize + keep - torn);
      } else {
        expect(asides).toHaveLength(0);
        expect(incidents.list()).toHaveLength(0);
      }
      // The log takes new receipts after recovery, and the list agrees with the rollup.
      await log.append([receipt(9)]);
      const listed = await log.list({}, 1000);
      expect(listed.receipts).toHaveLength(turns(log));
    }
  });

  it('a write that fails part-way sets the whole batch aside, so a retry does not count a turn twice', async () => {
    const batch = [receipt(3), receipt(4)];
    const batchBytes = receiptLines(batch);
    for (const keep of [0, 10, batchBytes.indexOf(0x0a) + 1, batchBytes.length - 1]) {
      const files = createMemoryDataFiles();
      const incidents = createIncidentLog(() => undefined);
      const failing = failingAt(files, keep);
      const log = createReceiptLog({ files: failing, incidents, clock, sync: false });
      await log.append([receipt(1)]);
      failing.arm();
      await expect(log.append(batch)).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringMatching(/ENOSPC/) });
      expect(turns(log)).toBe(1);
      expect(incidents.list()).toHaveLength(keep > 0 ? 1 : 0);
      await log.append(batch); // the retry
      expect(turns(log)).toBe(3);
      const reopened = open(files).log;
      await reopened.open();
      expect(turns(reopened)).toBe(3);
    }
  });

  it('batches that arrive while a write is in flight share the next write (group commit), in order', async () => {
    const files = createMemoryDataFiles();
    let appends = 0;
    const counting: DataFiles = { ...files, append: (...args) => (appends++, files.append(...args)) };
    const { log } = open(counting);
    await log.open();
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append([receipt(i * 2), receipt(i * 2 + 1)])));
    expect(appends).toBeLessThanOrEqual(2); // ten batches, one or two writes: they queued behind each other
    const ids: string[] = [];
    await log.scan({}, (r) => {
      ids.push(r.id);
    });
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
  });

  it('when a shared write fails, every batch in it is told so and none of it is counted', async () => {
    const files = createMemoryDataFiles();
    const failing = failingAt(files, 100);
    const incidents = createIncidentLog(() => undefined);
    const log = createReceiptLog({ files: failing, incidents, clock, sync: false });
    await log.append([receipt(0)]);
    failing.arm();
    const first = log.append([receipt(1)]);
    const second = log.append([receipt(2)]);
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(turns(log)).toBe(1);
  });

  it('two processes appending to one month at once both end up counting every receipt exactly once', async () => {
    const files = createMemoryDataFiles();
    const other = open(files).log;
    await other.open();
    let interleave = true;
    // The other process writes between this one's size check and its own write.
    const racing: DataFiles = {
      ...files,
      async append(path, data, options) {
        if (interleave) {
          interleave = false;
          await other.append([receipt(100), receipt(101)]);
        }
        return files.append(path, data, options);
      },
    };
    const mine = open(racing).log;
    await mine.append([receipt(1)]);
    await mine.append([receipt(2)]);
    expect(turns(mine)).toBe(4);
    expect(mine.rollup().unreadableLines).toBe(0);
    const listed = await mine.list({}, 10);
    expect(listed.receipts.map((r) => r.id).sort()).toEqual(['r1', 'r100', 'r101', 'r2']);
    const fresh = open(files).log;
    await fresh.open();
    expect(turns(fresh)).toBe(4);
  });

  it('reports the torn tail it finds on open as an incident naming the file and where it went', async () => {
    const files = createMemoryDataFiles();
    const line = JSON.stringify(receipt(1));
    await files.append('receipts/2026-12.jsonl', new TextEncoder().encode(`${line}\n${line.slice(0, 40)}`));
    const { log, incidents } = open(files);
    await log.open();
    expect(incidents.list()).toEqual([
      expect.objectContaining({ kind: 'torn_tail_set_aside', file: 'receipts/2026-12.jsonl', setAsideAs: expect.stringMatching(/^receipts\/2026-12\.jsonl\.torn-/) }),
    ]);
    expect(turns(log)).toBe(1);
  });

  it("per-key byok totals (receipts naming their key) are the same from the live rollup, its snapshot and a rebuild from the segments", async () => {
    const files = createMemoryDataFiles();
    const { log } = open(files);
    const byok = (index: number, keyId: string | null) => receipt(index, { lane: 'byok', provider: 'openrouter', credits: 0, providerCostUsd: 0.25, keyId });
    await log.append([byok(1, 'key_a'), byok(2, 'key_a'), byok(3, 'key_b'), byok(4, null), receipt(5, { keyId: null })]);
    const keysOf = (rollup: ReturnType<typeof log.rollup>) => {
      const totals: Record<string, { turns: number; providerCostNano: number }> = {};
      for (const day of Object.values(rollup.days)) {
        for (const [key, t] of Object.entries(day.keys ?? {})) {
          const into = (totals[key] ??= { turns: 0, providerCostNano: 0 });
          into.turns += t.turns;
          into.providerCostNano += t.providerCostNano;
        }
      }
      return totals;
    };
    const expected = { 'openrouter\u0000key_a': { turns: 2, providerCostNano: 500_000_000 }, 'openrouter\u0000key_b': { turns: 1, providerCostNano: 250_000_000 } };
    expect(keysOf(log.rollup())).toEqual(expected);
    await log.flush();
    const fromSnapshot = open(files).log;
    await fromSnapshot.open();
    expect(keysOf(fromSnapshot.rollup())).toEqual(expected);
    files.contents.delete('receipts/rollup.json');
    const rebuilt = open(files).log;
    await rebuilt.open();
    expect(keysOf(rebuilt.rollup())).toEqual(expected);
  });

  it('a line written before receipts named their key reads back with keyId null', async () => {
    const files = createMemoryDataFiles();
    const { keyId: _none, ...older } = receipt(1);
    await files.append('receipts/2026-12.jsonl', new TextEncoder().encode(`${JSON.stringify(older)}\n`), { sync: false });
    const { log } = open(files);
    const [listed] = (await log.list({}, 10)).receipts;
    expect(listed).toMatchObject({ id: 'r1', keyId: null });
  });
});
