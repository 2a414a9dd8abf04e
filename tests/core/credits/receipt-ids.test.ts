import { describe, expect, it } from 'vitest';
import type { CreditSummary } from '../../../shared/channels/credits';
import type { Receipt } from '../../../shared/channels/receipts';
import { createCore } from '../../../electron/core/create-core';
import { createMemoryDataFiles, type MemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { routerCall, testPorts } from '../../support/test-core';

const start = Date.parse('2026-12-03T12:00:00.000Z');

/** A core over `files`; a second core on the same files is the next process (a restart). */
function setup(files: MemoryDataFiles = createMemoryDataFiles()) {
  const core = createCore(testPorts({ clock: { now: () => start }, files }));
  return { core, call: routerCall(core), files };
}

type Recorded = { recordedCount: number; recorded: Receipt[]; duplicates: number };
const turn = (overrides: Record<string, unknown> = {}) => ({
  lane: 'credits',
  laneReason: 'NOME Credits: default lane',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  tokens: { input: 1000, output: 200 }, // 6 credits each
  ...overrides,
});
const lines = (files: MemoryDataFiles) =>
  [...files.contents].filter(([path]) => path.endsWith('.jsonl')).reduce((sum, [, bytes]) => sum + bytes.filter((byte) => byte === 0x0a).length, 0);
const debited = async (call: ReturnType<typeof setup>['call']) => (await call<CreditSummary>('credits:summary')).ledger.debited;

describe('receipt ids the runtime gives', () => {
  it('the same id twice in one batch is written once and reported as one duplicate', async () => {
    const { call, files } = setup();
    const result = await call<Recorded>('receipts:record', { receipts: [turn({ id: 'turn-1' }), turn({ id: 'turn-1' }), turn({ id: 'turn-2' })] });
    expect(result).toMatchObject({ recordedCount: 2, duplicates: 1 });
    expect(result.recorded.map((r) => r.id)).toEqual(['turn-1', 'turn-2']);
    expect(lines(files)).toBe(2);
    expect(await debited(call)).toBe(12);
  });

  it('a retried call counts nothing twice, and its new receipts are still recorded', async () => {
    const { call, files } = setup();
    await call('receipts:record', { receipts: [turn({ id: 'a' }), turn({ id: 'b' })] });
    const retry = await call<Recorded>('receipts:record', { receipts: [turn({ id: 'a' }), turn({ id: 'b' }), turn({ id: 'c' })] });
    expect(retry).toMatchObject({ recordedCount: 1, duplicates: 2 });
    expect(retry.recorded.map((r) => r.id)).toEqual(['c']);
    expect(lines(files)).toBe(3);
    expect(await debited(call)).toBe(18);
  });

  it('a retry that arrives while the first call is still writing is caught too', async () => {
    const { call, files } = setup();
    const [first, retry] = await Promise.all([
      call<Recorded>('receipts:record', { receipts: [turn({ id: 'slow' })] }),
      call<Recorded>('receipts:record', { receipts: [turn({ id: 'slow' })] }),
    ]);
    expect([first.duplicates, retry.duplicates].sort()).toEqual([0, 1]);
    expect(lines(files)).toBe(1);
  });

  it('after a restart, an id recorded by the previous process is still a duplicate', async () => {
    const files = createMemoryDataFiles();
    const before = setup(files);
    await before.call('receipts:record', { receipts: [turn({ id: 'before-restart' }), turn()] });
    await before.core.dispose();
    const after = setup(files);
    const retry = await after.call<Recorded>('receipts:record', { receipts: [turn({ id: 'before-restart' })] });
    expect(retry).toMatchObject({ recordedCount: 0, duplicates: 1 });
    expect(lines(files)).toBe(2);
    expect(await debited(after.call)).toBe(12);
  });

  it('receipts without a runtime id get NOME ids and are never taken for duplicates, even when identical', async () => {
    const { call, files } = setup();
    const first = await call<Recorded>('receipts:record', { receipts: [turn(), turn(), turn()] });
    const second = await call<Recorded>('receipts:record', { receipts: [turn(), turn({ id: 'given' })] });
    expect(first).toMatchObject({ recordedCount: 3, duplicates: 0 });
    expect(second).toMatchObject({ recordedCount: 2, duplicates: 0 });
    expect(new Set([...first.recorded, ...second.recorded].map((r) => r.id)).size).toBe(5);
    expect(lines(files)).toBe(5);
  });

  it('a duplicate does not settle its hold again', async () => {
    const { call } = setup();
    await call('credits:top-up', { credits: 100 });
    const hold = await call<{ id: string }>('credits:hold', { credits: 10 });
    await call('receipts:record', { receipts: [turn({ id: 'held', holdId: hold.id })] });
    const retry = await call<Recorded>('receipts:record', { receipts: [turn({ id: 'held', holdId: hold.id })] });
    expect(retry.duplicates).toBe(1);
    expect((await call<CreditSummary>('credits:summary')).available).toBe(94);
  });
});
