import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayMs, periodContaining } from '../../../electron/core/credits/billing-period';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const period = (at: string, anchorDay: number) => {
  const { start, end } = periodContaining(Date.parse(at), anchorDay);
  return [iso(start), iso(end)];
};

describe('billing periods', () => {
  it('start on the anchor day, UTC, and end on the next one', () => {
    expect(period('2026-12-03T15:00:00Z', 1)).toEqual(['2026-12-01', '2027-01-01']);
    expect(period('2026-12-03T15:00:00Z', 20)).toEqual(['2026-11-20', '2026-12-20']);
    expect(period('2026-12-20T00:00:00Z', 20)).toEqual(['2026-12-20', '2027-01-20']);
    expect(period('2026-12-19T23:59:59.999Z', 20)).toEqual(['2026-11-20', '2026-12-20']);
  });

  it('an anchor of 29-31 falls back to a short month\'s last day, and comes back after it', () => {
    expect(period('2027-02-15T12:00:00Z', 31)).toEqual(['2027-01-31', '2027-02-28']);
    expect(period('2027-02-28T12:00:00Z', 31)).toEqual(['2027-02-28', '2027-03-31']);
    expect(period('2027-04-30T12:00:00Z', 31)).toEqual(['2027-04-30', '2027-05-31']);
    expect(period('2028-02-29T12:00:00Z', 30)).toEqual(['2028-02-29', '2028-03-30']); // leap year
    expect(period('2027-01-05T12:00:00Z', 29)).toEqual(['2026-12-29', '2027-01-29']);
  });

  it('periods hold the instant, run 28 to 31 days, and each ends where the next starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), fc.integer({ min: 1, max: 31 }), (ms, anchorDay) => {
        const { start, end } = periodContaining(ms, anchorDay);
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(end);
        expect((end - start) / dayMs).toBeGreaterThanOrEqual(28);
        expect((end - start) / dayMs).toBeLessThanOrEqual(31);
        expect(periodContaining(end, anchorDay).start).toBe(end);
        expect(periodContaining(start - 1, anchorDay).end).toBe(start);
        expect(new Date(start).getUTCDate()).toBe(Math.min(anchorDay, new Date(Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 0)).getUTCDate()));
      }),
      { numRuns: 2000 },
    );
  });
});
