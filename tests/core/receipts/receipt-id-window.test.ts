import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/channels/receipts';
import { createIncidentLog } from '../../../electron/core/app/app-info';
import type { DataFiles } from '../../../electron/core/ports';
import { createMemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { createReceiptIdWindow } from '../../../electron/core/receipts/receipt-id-window';
import { createReceiptLog } from '../../../electron/core/receipts/receipt-log';
import { idOfLine } from '../../../electron/core/receipts/segment-lines';

const clock = { now: () => Date.parse('2026-12-03T12:00:00.000Z') };
const encoder = new TextEncoder();

function receipt(id: string, at = '2026-12-01T00:00:00.000Z'): Receipt {
  return {
    id, at, lane: 'credits', laneReason: 'test', provider: 'anthropic', model: 'claude-sonnet-4-5',
    tokens: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 },
    normalizedTokens: 1000, credits: 1, providerCostUsd: 0, listPriceUsd: 0.001, priced: true,
    pricedAs: 'anthropic/claude-sonnet-4-5', seat: null, holdId: null, turnId: null, keyId: null,
  };
}

const logOn = (files: DataFiles, idWindow?: number) =>
  createReceiptLog({ files, incidents: createIncidentLog(() => undefined), clock, sync: false, idWindow });
const given = (receipts: Receipt[]) => ({ givenIds: receipts.map(() => true) });

describe('receipt id window', () => {
  it('forgets the oldest committed id once more than its capacity are kept', () => {
    const window = createReceiptIdWindow(3);
    window.commit(['a', 'b', 'c']);
    expect(['a', 'b', 'c'].every((id) => window.has(id))).toBe(true);
    window.commit(['d']);
    expect(window.has('a')).toBe(false);
    expect(['b', 'c', 'd'].every((id) => window.has(id))).toBe(true);
    window.remember('e');
    expect(window.has('b')).toBe(false);
  });

  it('a held id is known at once and forgotten when its write fails', () => {
    const window = createReceiptIdWindow(10);
    window.hold('x');
    expect(window.has('x')).toBe(true);
    window.release(['x']);
    expect(window.has('x')).toBe(false);
  });

  it('reads a line\'s id without parsing it, and parses lines it cannot read that way', () => {
    expect(idOfLine(encoder.encode(JSON.stringify(receipt('r-plain.1'))))).toBe('r-plain.1');
    expect(idOfLine(encoder.encode(JSON.stringify(receipt('with "quote"'))))).toBe('with "quote"');
    const { id, ...rest } = receipt('later-key');
    expect(idOfLine(encoder.encode(JSON.stringify({ ...rest, id })))).toBe('later-key'); // id not first
    expect(idOfLine(encoder.encode('not json'))).toBeNull();
  });
});

describe('receipt log with given ids', () => {
  it('an id older than the window is written again (the bound is what keeps memory flat)', async () => {
    const log = logOn(createMemoryDataFiles(), 2);
    await log.append([receipt('a')], given([receipt('a')]));
    await log.append([receipt('b'), receipt('c')], given([receipt('b'), receipt('c')]));
    expect((await log.append([receipt('a')], given([receipt('a')]))).duplicates).toEqual([]);
    expect((await log.append([receipt('c')], given([receipt('c')]))).duplicates).toEqual([0]);
  });

  it('when the first write of an id fails, a retry queued behind that write is written, not dropped', async () => {
    const memory = createMemoryDataFiles();
    let failing: { entered: () => void; gate: Promise<void> } | null = null;
    const files: DataFiles = {
      ...memory,
      async append(path, data, options) {
        if (!failing) return memory.append(path, data, options);
        const { entered, gate } = failing;
        failing = null;
        entered();
        await gate;
        throw new Error('ENOSPC: no space left on device');
      },
    };
    const log = logOn(files);
    await log.append([receipt('warm-up')], given([receipt('warm-up')]));
    let release = () => {};
    const writing = new Promise<void>((entered) => {
      failing = { entered, gate: new Promise<void>((resolve) => (release = resolve)) };
    });
    const first = log.append([receipt('x')], given([receipt('x')]));
    await writing; // the first call's write has started: the retry goes into the next write
    const retry = log.append([receipt('x')], given([receipt('x')]));
    release();
    await expect(first).rejects.toThrow(/no space/);
    expect((await retry).duplicates).toEqual([]);
    expect((await log.list({}, 10)).receipts.map((r) => r.id)).toEqual(['x', 'warm-up']);
  });

  it('ids another process appended are caught after this one counts them', async () => {
    const files = createMemoryDataFiles();
    const app = logOn(files);
    const cli = logOn(files);
    await app.append([receipt('app-1')], given([receipt('app-1')])); // the app's window is loaded
    await cli.append([receipt('from-cli')], given([receipt('from-cli')]));
    await app.refresh();
    expect((await app.append([receipt('from-cli')], given([receipt('from-cli')]))).duplicates).toEqual([0]);
  });
});
