import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/channels/receipts';
import { costLanes } from '../../../shared/vocabulary';
import { creditsToNano } from '../../../electron/core/credits/price-turn';
import { emptyAccount, summarizeCredits, type AccountState } from '../../../electron/core/credits/summarize';
import { addReceipt, emptyRollup } from '../../../electron/core/receipts/rollup';

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const now = Date.parse('2026-12-03T15:00:00.000Z');
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const laneArb = fc.constantFrom(...costLanes);
const receiptArb = fc.record({
  lane: laneArb,
  daysAgo: fc.integer({ min: 0, max: 70 }),
  micro: fc.integer({ min: 0, max: 50_000_000 }), // credits x 1e6
  provider: fc.constantFrom('anthropic', 'openai', 'deepseek'),
  model: fc.constantFrom('m1', 'm2'),
  priced: fc.boolean(),
});
const topUpArb = fc.record({
  credits: fc.integer({ min: 1, max: 100_000 }),
  daysAgo: fc.integer({ min: 0, max: 70 }),
  expiresInDays: fc.option(fc.integer({ min: -40, max: 60 }), { nil: null }),
});
const accountArb = fc.record({
  plan: fc.option(fc.record({ monthlyAllocation: fc.integer({ min: 0, max: 50_000 }), anchorDay: fc.integer({ min: 1, max: 31 }), sinceDaysAgo: fc.integer({ min: 0, max: 90 }) }), { nil: null }),
  topUps: fc.array(topUpArb, { maxLength: 5 }),
  holds: fc.array(fc.record({ credits: fc.integer({ min: 1, max: 500 }), expired: fc.boolean() }), { maxLength: 3 }),
});

function receiptOf(r: Omit<ValueOf<typeof receiptArb>, 'provider' | 'model'> & { provider: string; model: string }, index: number): Receipt {
  const credits = r.micro / 1e6;
  const priced = r.lane === 'local' ? true : r.priced;
  return {
    id: `r${index}`,
    at: iso(now - r.daysAgo * day - (index % 1000)),
    lane: r.lane,
    laneReason: 'test',
    provider: r.provider,
    model: r.model,
    tokens: { input: index, output: 1, cacheRead: 0, cacheWrite: 0 },
    normalizedTokens: priced ? r.micro / 1000 : null,
    credits: r.lane === 'credits' ? (priced ? credits : null) : 0,
    providerCostUsd: r.lane === 'byok' ? (priced ? credits / 1000 : null) : 0,
    listPriceUsd: priced ? credits / 1000 : null,
    priced,
    pricedAs: null,
    seat: r.lane === 'provider-subscription' ? 'seat' : null,
    holdId: null,
    turnId: null,
    keyId: null,
  };
}

function accountOf(a: ValueOf<typeof accountArb>): AccountState {
  return {
    ...emptyAccount(),
    planHistory: a.plan ? [{ since: iso(now - a.plan.sinceDaysAgo * day), plan: { name: 'P', monthlyAllocation: a.plan.monthlyAllocation, anchorDay: a.plan.anchorDay } }] : [],
    topUps: a.topUps.map((t, i) => ({
      id: `t${i}`,
      nano: creditsToNano(t.credits),
      at: iso(now - t.daysAgo * day),
      expiresAt: t.expiresInDays === null ? null : iso(now - t.daysAgo * day + Math.max(1, t.daysAgo + t.expiresInDays) * day),
      note: null,
    })),
    holds: a.holds.map((h, i) => ({ id: `h${i}`, nano: creditsToNano(h.credits), at: iso(now - 1000), expiresAt: iso(h.expired ? now - 1 : now + 60_000), turnId: null })),
  };
}

function summarize(receipts: Receipt[], account: AccountState) {
  const rollup = emptyRollup();
  for (const receipt of receipts) addReceipt(rollup, receipt);
  return summarizeCredits({ now, days: rollup.days, account, figures: [] });
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6);

describe('credit summary invariants (fast-check)', () => {
  it('balance = granted - debited - forfeited, and available = balance - active holds', () => {
    fc.assert(
      fc.property(fc.array(receiptArb, { maxLength: 60 }), accountArb, (rs, a) => {
        const account = accountOf(a);
        const s = summarize(rs.map(receiptOf), account);
        close(s.totalBalance, s.ledger.granted - s.ledger.debited - s.ledger.forfeited);
        const held = a.holds.filter((h) => !h.expired).reduce((sum, h) => sum + h.credits, 0);
        close(s.held, held);
        close(s.available, s.totalBalance - held);
      }),
      { numRuns: 300 },
    );
  });

  it('plan changes (another allocation, another anchor day, or none) keep the ledger whole and one allocation current', () => {
    const changeArb = fc.record({
      sinceDaysAgo: fc.integer({ min: 0, max: 90 }),
      plan: fc.option(fc.record({ monthlyAllocation: fc.integer({ min: 0, max: 50_000 }), anchorDay: fc.integer({ min: 1, max: 31 }) }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(receiptArb, { maxLength: 40 }), fc.array(changeArb, { minLength: 1, maxLength: 4 }), fc.array(topUpArb, { maxLength: 3 }), (rs, changes, topUps) => {
        const account: AccountState = {
          ...accountOf({ plan: null, topUps, holds: [] }),
          planHistory: changes.map((c) => ({ since: iso(now - c.sinceDaysAgo * day), plan: c.plan && { name: 'P', ...c.plan } })),
        };
        const s = summarize(rs.map(receiptOf), account);
        close(s.totalBalance, s.ledger.granted - s.ledger.debited - s.ledger.forfeited);
        // Only the plan in force now has an allocation to show, and never more than it includes.
        expect(s.allocationRemaining).toBeGreaterThanOrEqual(0);
        expect(s.allocationRemaining).toBeLessThanOrEqual(s.includedMonthlyAllocation);
        if (s.plan === null) expect(s.allocationRemaining).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('a plan replaced mid-period by one with another anchor day: the old allocation lapses at the change', () => {
    const account: AccountState = {
      ...emptyAccount(),
      planHistory: [
        { since: '2026-10-03T00:00:00.000Z', plan: { name: 'A', monthlyAllocation: 10_000, anchorDay: 1 } },
        { since: '2026-12-02T09:00:00.000Z', plan: { name: 'B', monthlyAllocation: 20_000, anchorDay: 15 } },
      ],
    };
    // 3,000 used under A on 1 December; 1,000 on 2 December, the day B took over.
    const spend = (micro: number, at: string, index: number) => ({ ...receiptOf({ lane: 'credits', daysAgo: 0, micro, provider: 'openai', model: 'm1', priced: true }, index), at });
    const s = summarize([spend(3_000_000_000, '2026-12-01T10:00:00.000Z', 1), spend(1_000_000_000, '2026-12-02T10:00:00.000Z', 2)], account);
    expect(s).toMatchObject({ includedMonthlyAllocation: 20_000, allocationRemaining: 19_000, totalBalance: 19_000, periodStart: '2026-11-15T00:00:00.000Z' });
    // Granted: A for October, November and December (10,000 each), B for the period from 15 November (20,000).
    // Lapsed: A's October and November, and the 7,000 of A's December left when B took over.
    expect(s.ledger).toEqual({ granted: 50_000, debited: 4_000, forfeited: 27_000 });
  });

  it('debited equals the sum of credits over credit-lane receipts', () => {
    fc.assert(
      fc.property(fc.array(receiptArb, { maxLength: 60 }), accountArb, (rs, a) => {
        const receipts = rs.map(receiptOf);
        const s = summarize(receipts, accountOf(a));
        const sum = receipts.filter((r) => r.lane === 'credits').reduce((total, r) => total + (r.credits ?? 0), 0);
        close(s.ledger.debited, sum);
      }),
      { numRuns: 200 },
    );
  });

  it('without a plan or expiry, balance = top-ups - debits', () => {
    fc.assert(
      fc.property(fc.array(receiptArb, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }), (rs, topUps) => {
        const receipts = rs.map(receiptOf);
        const account = { ...emptyAccount(), topUps: topUps.map((credits, i) => ({ id: `t${i}`, nano: creditsToNano(credits), at: iso(now - 80 * day), expiresAt: null, note: null })) };
        const s = summarize(receipts, account);
        const debits = receipts.filter((r) => r.lane === 'credits').reduce((total, r) => total + (r.credits ?? 0), 0);
        close(s.totalBalance, topUps.reduce((x, y) => x + y, 0) - debits);
      }),
      { numRuns: 200 },
    );
  });

  it('no lane but credits moves the balance', () => {
    fc.assert(
      fc.property(fc.array(receiptArb, { maxLength: 40 }), fc.array(receiptArb, { maxLength: 40 }), accountArb, (base, extra, a) => {
        const account = accountOf(a);
        const receipts = base.map(receiptOf);
        const others = extra.filter((r) => r.lane !== 'credits').map((r, i) => receiptOf(r, 10_000 + i));
        const before = summarize(receipts, account);
        const after = summarize([...receipts, ...others], account);
        close(after.totalBalance, before.totalBalance);
        close(after.available, before.available);
      }),
      { numRuns: 200 },
    );
  });

  it('the sum over receipts in the period equals the summary, per lane, per model and per day', () => {
    fc.assert(
      fc.property(fc.array(receiptArb, { maxLength: 80 }), accountArb, (rs, a) => {
        const receipts = rs.map(receiptOf);
        const s = summarize(receipts, accountOf(a));
        const inPeriod = receipts.filter((r) => r.at >= s.periodStart && r.at < s.periodEnd);
        for (const lane of costLanes) {
          const mine = inPeriod.filter((r) => r.lane === lane);
          expect(s.byLane[lane].turns).toBe(mine.length);
          close(s.byLane[lane].credits, mine.reduce((t, r) => t + (r.credits ?? 0), 0));
          close(s.byLane[lane].normalizedTokens, mine.reduce((t, r) => t + (r.normalizedTokens ?? 0), 0));
          close(s.byLane[lane].providerCostUsd, mine.reduce((t, r) => t + (r.providerCostUsd ?? 0), 0));
          expect(s.byLane[lane].unpricedTurns).toBe(mine.filter((r) => !r.priced).length);
        }
        close(s.usedThisPeriod, s.byLane.credits.credits);
        expect(s.byModel.reduce((t, m) => t + m.turns, 0)).toBe(inPeriod.length);
        expect(s.daily.reduce((t, d) => t + d.turns, 0)).toBe(inPeriod.length);
        close(s.daily.reduce((t, d) => t + d.credits, 0), s.usedThisPeriod);
        // Each day split by lane (the chart's four series): every lane present, matching that day's receipts.
        for (const d of s.daily) {
          expect(Object.keys(d.lanes).sort()).toEqual([...costLanes].sort());
          for (const lane of costLanes) {
            const mine = inPeriod.filter((r) => r.lane === lane && r.at.slice(0, 10) === d.date);
            expect(d.lanes[lane].turns).toBe(mine.length);
            close(d.lanes[lane].normalizedTokens, mine.reduce((t, r) => t + (r.normalizedTokens ?? 0), 0));
          }
          close(costLanes.reduce((t, lane) => t + d.lanes[lane].normalizedTokens, 0), d.normalizedTokens);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('credit summary', () => {
  it('with no plan and nothing bought, says plainly that BYOK, local and seat lanes need no credits', () => {
    const s = summarize([], emptyAccount());
    expect(s.totalBalance).toBe(0);
    expect(s.includedMonthlyAllocation).toBe(0);
    expect(s.plan).toBeNull();
    expect(s.lowBalance.state).toBe('unused');
    expect(s.note).toMatch(/BYOK keys, local models and provider seats need none/);
  });

  it('an unpriced credit turn is counted as unpriced, not as a free turn', () => {
    const r = receiptOf({ lane: 'credits', daysAgo: 0, micro: 5_000_000, provider: 'openai', model: 'm1', priced: false }, 1);
    const s = summarize([r], emptyAccount());
    expect(s.byLane.credits.turns).toBe(1);
    expect(s.byLane.credits.unpricedTurns).toBe(1);
    expect(s.unpricedTurns).toBe(1);
  });

  it('period, allocation remaining, burn rate and runway follow the plan anchor day', () => {
    const account: AccountState = {
      ...emptyAccount(),
      planHistory: [{ since: iso(now - 100 * day), plan: { name: 'Pro', monthlyAllocation: 10_000, anchorDay: 20 } }],
    };
    // 700 credits a day for the last 7 days.
    const receipts = Array.from({ length: 7 }, (_, i) => receiptOf({ lane: 'credits', daysAgo: i, micro: 700_000_000, provider: 'anthropic', model: 'm1', priced: true }, i));
    const s = summarize(receipts, account);
    expect(s.periodStart).toBe('2026-11-20T00:00:00.000Z');
    expect(s.periodEnd).toBe('2026-12-20T00:00:00.000Z');
    expect(s.usedThisPeriod).toBe(4900);
    expect(s.allocationRemaining).toBe(5100);
    expect(s.totalBalance).toBe(5100);
    expect(s.burnRatePerDay).toBe(700);
    expect(s.runwayText).toBe('about 7 days at the 7-day pace');
    expect(s.daily).toHaveLength(14);
  });

  it('unused allocation lapses at period end and an expired top-up is forfeited', () => {
    const account: AccountState = {
      ...emptyAccount(),
      planHistory: [{ since: iso(Date.parse('2026-10-15T00:00:00Z')), plan: { name: 'Pro', monthlyAllocation: 1000, anchorDay: 1 } }],
      topUps: [{ id: 't1', nano: creditsToNano(500), at: '2026-11-05T00:00:00.000Z', expiresAt: '2026-11-25T00:00:00.000Z', note: null }],
    };
    const s = summarize([], account);
    // October, November and December allocations granted; October and November lapsed unused; the top-up expired.
    expect(s.ledger.granted).toBe(3500);
    expect(s.ledger.forfeited).toBe(2500);
    expect(s.totalBalance).toBe(1000);
    expect(s.topUps[0]).toMatchObject({ expired: true, remaining: 0 });
  });

  it('low balance: below the threshold is low, at or below zero is empty', () => {
    const base: AccountState = { ...emptyAccount(), lowBalanceThreshold: 100, topUps: [{ id: 't', nano: creditsToNano(150), at: iso(now - day), expiresAt: null, note: null }] };
    expect(summarize([], base).lowBalance.state).toBe('ok');
    const spent = receiptOf({ lane: 'credits', daysAgo: 0, micro: 60_000_000, provider: 'openai', model: 'm1', priced: true }, 1);
    expect(summarize([spent], base).lowBalance.state).toBe('low');
    const all = receiptOf({ lane: 'credits', daysAgo: 0, micro: 150_000_000, provider: 'openai', model: 'm1', priced: true }, 2);
    expect(summarize([all], base).lowBalance.state).toBe('empty');
  });

  it('shows provider figures beside the estimate with their age, and the gap only where both count usage', () => {
    const rollup = emptyRollup();
    addReceipt(rollup, { ...receiptOf({ lane: 'byok', daysAgo: 1, micro: 2_000_000_000, provider: 'openrouter', model: 'openai/gpt-4o', priced: true }, 1) });
    const figure = { reportedAt: iso(now - 90_000), currency: 'USD', remaining: 74.5, limit: 100, isAvailable: true, detail: {} };
    const s = summarizeCredits({
      now,
      days: rollup.days,
      account: emptyAccount(),
      figures: [
        { keyId: 'k1', provider: 'openai-compatible', label: 'OpenRouter', figure: { ...figure, source: 'openrouter-key', usage: 25.5 } },
        { keyId: 'k2', provider: 'deepseek', label: null, figure: { ...figure, source: 'deepseek-balance', currency: 'CNY', usage: null, limit: null } },
      ],
    });
    expect(s.providerReported[0]).toMatchObject({ keyId: 'k1', ageSeconds: 90, nomeEstimateUsd: 2, gapUsd: 23.5 });
    expect(s.providerReported[1]).toMatchObject({ keyId: 'k2', gapUsd: null, nomeEstimateUsd: 0 });
    // The provider's numbers never move NOME's own figures.
    expect(s.byLane.byok.providerCostUsd).toBe(2);
  });
});
