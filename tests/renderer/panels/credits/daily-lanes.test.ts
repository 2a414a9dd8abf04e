import { describe, expect, it } from 'vitest';
import { splitDailyByLane } from '../../../../renderer/panels/credits/daily-lanes';
import { niceCeiling } from '../../../../renderer/panels/credits/chart-scale';

describe('splitDailyByLane', () => {
  it('splits a day into credits, BYOK and the no-credit lanes on one normalized-token scale', () => {
    // 5 credits = $0.005 = 5,000 tokens; $0.002 BYOK = 2,000; 10,000 in all leaves 3,000 for sign-ins/local.
    const [day] = splitDailyByLane([{ date: '2026-12-01', credits: 5, providerCostUsd: 0.002, normalizedTokens: 10_000, turns: 4 }]);
    expect(day!.values).toEqual({ credits: 5000, byok: 2000, other: 3000 });
    expect(day!.total).toBe(10_000);
    expect(day!.turns).toBe(4);
  });

  it('never draws a negative remainder when rounding makes the parts exceed the total', () => {
    const [day] = splitDailyByLane([{ date: '2026-12-01', credits: 1, providerCostUsd: 0, normalizedTokens: 999.9, turns: 1 }]);
    expect(day!.values.other).toBe(0);
  });
});

describe('niceCeiling', () => {
  it('rounds an axis top up to a round number', () => {
    expect(niceCeiling(1_325_000)).toBe(2_000_000);
    expect(niceCeiling(930)).toBe(1000);
    expect(niceCeiling(240)).toBe(250);
    expect(niceCeiling(1)).toBe(1);
  });
});
