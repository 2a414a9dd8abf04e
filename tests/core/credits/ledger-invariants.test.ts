// The summary invariants end to end: receipts go through receipts:record (validation, pricing, the log and its
// rollup) and the account through its channels, then credits:summary is checked against the receipts read
// back with receipts:list. The pure summary is checked the same way in summarize.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditSummary } from '../../../shared/channels/credits';
import type { Receipt } from '../../../shared/channels/receipts';
import { costLanes } from '../../../shared/vocabulary';
import { createCore } from '../../../electron/core/create-core';
import { routerCall, testPorts } from '../../support/test-core';

const now = Date.parse('2026-12-20T12:00:00.000Z');
const day = 86_400_000;

const models = [
  { provider: 'anthropic', model: 'claude-sonnet-4-5' },
  { provider: 'openai', model: 'gpt-4o-mini' },
  { provider: 'deepseek', model: 'deepseek-chat' },
  { provider: 'openai-compatible', model: 'team-finetune-v2' }, // no list price: unpriced
];
const turnArb = fc.record({
  lane: fc.constantFrom(...costLanes),
  which: fc.integer({ min: 0, max: models.length - 1 }),
  // Back into November: the summary counts this period only, the balance all of it.
  minutesAgo: fc.integer({ min: 0, max: 40 * 24 * 60 }),
  input: fc.integer({ min: 0, max: 200_000 }),
  output: fc.integer({ min: 0, max: 20_000 }),
  cacheRead: fc.integer({ min: 0, max: 100_000 }),
  listPriceUsd: fc.option(fc.integer({ min: 0, max: 5_000_000 }).map((micro) => micro / 1e6), { nil: undefined, freq: 5 }),
});
type Turn = typeof turnArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(turn: Turn) {
  const { provider, model } = models[turn.which]!;
  return {
    at: new Date(now - turn.minutesAgo * 60_000).toISOString(),
    lane: turn.lane,
    laneReason: 'property test',
    provider,
    model,
    tokens: { input: turn.input, output: turn.output, cacheRead: turn.cacheRead },
    ...(turn.lane === 'provider-subscription' ? { seat: 'claude-code:max' } : {}),
    ...(turn.listPriceUsd === undefined ? {} : { listPriceUsd: turn.listPriceUsd }),
  };
}

async function ledgerAfter(turns: readonly Turn[], topUps: readonly number[], holdCredits: number) {
  const core = createCore(testPorts({ clock: { now: () => now } }));
  const call = routerCall(core);
  for (const credits of topUps) await call('credits:top-up', { credits });
  const granted = topUps.reduce((total, credits) => total + credits, 0);
  if (holdCredits <= granted) await call('credits:hold', { credits: holdCredits, turnId: 'in-flight' });
  const before = await call<CreditSummary>('credits:summary');
  if (turns.length) await call('receipts:record', { receipts: turns.map(inputOf), echo: false });
  const summary = await call<CreditSummary>('credits:summary');
  const receipts: Receipt[] = [];
  for (let cursor: string | null | undefined; cursor !== null; ) {
    const page: { receipts: Receipt[]; nextCursor: string | null } = await call('receipts:list', { limit: 1000, ...(cursor ? { cursor } : {}) });
    receipts.push(...page.receipts);
    cursor = page.nextCursor;
  }
  await core.dispose();
  return { before, summary, receipts };
}

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-6);
const sum = (receipts: readonly Receipt[], pick: (receipt: Receipt) => number | null) => receipts.reduce((total, receipt) => total + (pick(receipt) ?? 0), 0);

describe('ledger invariants through the channels (fast-check)', () => {
  it('balance = grants - debits, available = balance - holds, only the credits lane moves it, and the receipts sum to the summary', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(turnArb, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 3 }), fc.integer({ min: 1, max: 20_000 }), async (turns, topUps, holdCredits) => {
        const { before, summary, receipts } = await ledgerAfter(turns, topUps, holdCredits);
        expect(receipts).toHaveLength(turns.length);

        const debits = sum(receipts.filter((r) => r.lane === 'credits'), (r) => r.credits);
        const granted = topUps.reduce((total, credits) => total + credits, 0);
        close(summary.ledger.granted, granted);
        close(summary.ledger.debited, debits);
        close(summary.totalBalance, granted - debits);
        close(summary.held, holdCredits <= granted ? holdCredits : 0);
        close(summary.available, summary.totalBalance - summary.held);
        // Only credits-lane turns moved the balance; every other lane's receipt carries no credits.
        close(before.totalBalance - summary.totalBalance, debits);
        expect(receipts.filter((r) => r.lane !== 'credits').every((r) => r.credits === 0)).toBe(true);
        // An unpriced turn is flagged, carries no amount, and is counted as unpriced, never as free.
        for (const r of receipts.filter((x) => !x.priced)) expect(r.listPriceUsd).toBeNull();

        const inPeriod = receipts.filter((r) => r.at >= summary.periodStart && r.at < summary.periodEnd);
        for (const lane of costLanes) {
          const mine = inPeriod.filter((r) => r.lane === lane);
          expect(summary.byLane[lane].turns).toBe(mine.length);
          expect(summary.byLane[lane].unpricedTurns).toBe(mine.filter((r) => !r.priced).length);
          close(summary.byLane[lane].credits, sum(mine, (r) => r.credits));
          close(summary.byLane[lane].normalizedTokens, sum(mine, (r) => r.normalizedTokens));
          close(summary.byLane[lane].providerCostUsd, sum(mine, (r) => r.providerCostUsd));
          expect(summary.byLane[lane].tokens.input).toBe(sum(mine, (r) => r.tokens.input));
        }
        close(summary.usedThisPeriod, sum(inPeriod.filter((r) => r.lane === 'credits'), (r) => r.credits));
        expect(summary.byModel.reduce((total, m) => total + m.turns, 0)).toBe(inPeriod.length);
        expect(summary.daily.reduce((total, d) => total + d.turns, 0)).toBe(inPeriod.length);
        expect(summary.unpricedTurns).toBe(inPeriod.filter((r) => !r.priced).length);
        // Normalized tokens are the list price in USD x 1,000,000; credits are USD / 0.001 (credits lane).
        for (const r of receipts.filter((x) => x.priced && x.lane !== 'local')) close(r.normalizedTokens!, r.listPriceUsd! * 1e6);
        for (const r of receipts.filter((x) => x.priced && x.lane === 'credits')) close(r.credits!, r.listPriceUsd! * 1000);
      }),
      { numRuns: 40 },
    );
  });
});
