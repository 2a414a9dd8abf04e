import { describe, expect, it } from 'vitest';
import { costLanes } from '../../../shared/vocabulary';
import { demoReceiptInputs } from '../../../electron/core/demo/seed-demo';

describe('demoReceiptInputs', () => {
  const now = Date.parse('2026-12-03T18:00:00Z');
  const inputs = demoReceiptInputs(now);
  const times = inputs.map((input) => Date.parse(input.at!));

  it('records turns in time order, as a runtime does, so "newest first" lists read right', () => {
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('covers every lane over 30 days and nothing after now', () => {
    expect(new Set(inputs.map((input) => input.lane))).toEqual(new Set(costLanes));
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(new Set(times.map((time) => new Date(time).toISOString().slice(0, 10))).size).toBe(30);
  });
});
