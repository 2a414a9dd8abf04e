import { describe, expect, it } from 'vitest';
import { chartLanes, splitDailyByLane } from '../../../../renderer/panels/credits/daily-lanes';
import { niceCeiling } from '../../../../renderer/panels/credits/chart-scale';

const lanes = (credits: [number, number], byok: [number, number], seat: [number, number], local: [number, number]) => ({
  credits: { normalizedTokens: credits[0], turns: credits[1] },
  byok: { normalizedTokens: byok[0], turns: byok[1] },
  'provider-subscription': { normalizedTokens: seat[0], turns: seat[1] },
  local: { normalizedTokens: local[0], turns: local[1] },
});

describe('splitDailyByLane', () => {
  it('gives each of the four lanes its own series on one normalized-token scale, legend order bottom to top', () => {
    expect(chartLanes.map((lane) => [lane.id, lane.label])).toEqual([
      ['credits', 'NOME Credits'],
      ['byok', 'Your keys (BYOK)'],
      ['provider-subscription', 'Provider sign-ins'],
      ['local', 'Local models'],
    ]);
    // 5 credits = 5,000 tokens; $0.002 BYOK = 2,000; a seat turn 3,000; a local turn has no list price.
    const [day] = splitDailyByLane([{ date: '2026-12-01', credits: 5, providerCostUsd: 0.002, normalizedTokens: 10_000, turns: 6, lanes: lanes([5000, 1], [2000, 1], [3000, 2], [0, 2]) }]);
    expect(day!.values).toEqual({ credits: 5000, byok: 2000, 'provider-subscription': 3000, local: 0 });
    expect(day!.total).toBe(10_000);
    expect(day!.turns).toBe(6);
  });

  it('in turns, local models show as their own series', () => {
    const [day] = splitDailyByLane([{ date: '2026-12-01', credits: 5, providerCostUsd: 0.002, normalizedTokens: 10_000, turns: 6, lanes: lanes([5000, 1], [2000, 1], [3000, 2], [0, 2]) }], 'turns');
    expect(day!.values).toEqual({ credits: 1, byok: 1, 'provider-subscription': 2, local: 2 });
    expect(day!.total).toBe(6);
  });

  it('a lane missing from a day counts 0, and a negative figure is never drawn', () => {
    const partial = { credits: { normalizedTokens: -1, turns: 1 } } as never;
    const [day] = splitDailyByLane([{ date: '2026-12-01', credits: 0, providerCostUsd: 0, normalizedTokens: 0, turns: 1, lanes: partial }]);
    expect(day!.values).toEqual({ credits: 0, byok: 0, 'provider-subscription': 0, local: 0 });
    expect(day!.total).toBe(0);
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
