// Credit channels: the account (plan, top-ups, holds) and the credit summary the surface shows.
// Definitions: DESIGN.md "Credits, lanes and receipts" (1 credit = $0.001; normalized tokens = USD x 1,000,000).
import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel';
import { costLaneSchema } from '../vocabulary';
import { providerFigureSchema } from './checks';
import { tokenUsageSchema } from './receipts';

const credits = z.number().nonnegative().max(1e12);

export const planSchema = z.object({
  name: z.string().min(1).max(80),
  /** Credits included each period. */
  monthlyAllocation: credits,
  /** Day of the month (UTC) a period starts; 29-31 fall back to the month's last day. */
  anchorDay: z.number().int().min(1).max(31),
});
export type Plan = z.infer<typeof planSchema>;

export const laneTotalsSchema = z.object({
  turns: z.number().int(),
  credits: z.number(),
  normalizedTokens: z.number(),
  providerCostUsd: z.number(),
  tokens: tokenUsageSchema,
  /** Turns with no known list price: not in the money figures, never counted as free. */
  unpricedTurns: z.number().int(),
});
export type LaneTotals = z.infer<typeof laneTotalsSchema>;

export const modelTotalsSchema = laneTotalsSchema.extend({ lane: costLaneSchema, provider: z.string(), model: z.string() });
export type ModelTotals = z.infer<typeof modelTotalsSchema>;

export const dailyPointSchema = z.object({
  /** UTC date, YYYY-MM-DD. */
  date: z.string(),
  credits: z.number(),
  normalizedTokens: z.number(),
  providerCostUsd: z.number(),
  turns: z.number().int(),
  /** The same day per lane (every lane present), so the chart draws one series per lane: normalized tokens
   *  (local turns price at 0) and turns. */
  lanes: z.record(costLaneSchema, z.object({ normalizedTokens: z.number(), turns: z.number().int() })),
});

export const topUpSchema = z.object({
  id: z.string(),
  credits: z.number(),
  remaining: z.number(),
  at: z.string(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
  note: z.string().nullable(),
});
export type TopUp = z.infer<typeof topUpSchema>;

export const holdSchema = z.object({
  id: z.string(),
  credits: z.number(),
  at: z.string(),
  expiresAt: z.string(),
  turnId: z.string().nullable(),
});
export type Hold = z.infer<typeof holdSchema>;

/** A provider's own figure beside NOME's estimate for the same provider: shown apart, never merged. */
export const providerReportedSchema = z.object({
  keyId: z.string(),
  provider: z.string(),
  label: z.string().nullable(),
  figure: providerFigureSchema,
  ageSeconds: z.number(),
  /** NOME's all-time BYOK estimate (a key's reported usage is all-time too), USD: over the receipts naming
   *  this key when any do (`estimateScope: key`), else over the provider's receipts that name no key. */
  nomeEstimateUsd: z.number(),
  /** `key`: the estimate is this key's own; `provider`: no receipt names this key, so the estimate is
   *  provider-wide (every key of the provider, with receipts that name no key). The note says which. */
  estimateScope: z.enum(['key', 'provider']),
  /** Provider-counted usage minus NOME's estimate, where both count the same thing (OpenRouter usage); else null. */
  gapUsd: z.number().nullable(),
  note: z.string(),
});
export type ProviderReported = z.infer<typeof providerReportedSchema>;

export const lowBalanceStateSchema = z.enum(['unused', 'ok', 'low', 'empty']);

export const creditSummarySchema = z.object({
  source: z.enum(['local', 'remote']),
  asOf: z.string(),
  totalBalance: z.number(),
  available: z.number(),
  held: z.number(),
  holds: z.array(holdSchema),
  usedThisPeriod: z.number(),
  includedMonthlyAllocation: z.number(),
  allocationRemaining: z.number(),
  plan: planSchema.nullable(),
  /** Plain words when there is no plan or balance: the other lanes need none. */
  note: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  resetsAt: z.string(),
  byLane: z.record(costLaneSchema, laneTotalsSchema),
  byModel: z.array(modelTotalsSchema),
  daily: z.array(dailyPointSchema),
  burnRatePerDay: z.number(),
  burnWindowDays: z.number().int(),
  runwayDays: z.number().nullable(),
  runwayText: z.string(),
  lowBalance: z.object({ threshold: z.number(), state: lowBalanceStateSchema }),
  topUps: z.array(topUpSchema),
  /** The ledger behind the balance: totalBalance = granted - debited - forfeited. */
  ledger: z.object({ granted: z.number(), debited: z.number(), forfeited: z.number() }),
  unpricedTurns: z.number().int(),
  providerReported: z.array(providerReportedSchema),
});
export type CreditSummary = z.infer<typeof creditSummarySchema>;

export const creditChannels = {
  'credits:summary': defineChannel({
    summary: 'Balance, available, period usage, allocation, per-lane and per-model totals, daily series, runway',
    input: z.void(),
    output: creditSummarySchema,
  }),
  'credits:set-plan': defineChannel({
    summary: 'Set the plan (monthly allocation and period anchor day), or null for no plan',
    input: z.object({ plan: planSchema.nullable() }),
    output: creditSummarySchema,
  }),
  'credits:top-up': defineChannel({
    summary: 'Add credits, optionally expiring',
    input: z.object({
      credits: credits.positive(),
      expiresAt: z.iso.datetime({ offset: true }).optional(),
      note: z.string().max(120).optional(),
    }),
    output: topUpSchema,
  }),
  'credits:hold': defineChannel({
    summary: 'Hold credits for a turn in flight (settled by its receipt, or released)',
    input: z.object({
      credits: credits.positive(),
      turnId: z.string().min(1).max(120).optional(),
      /** A hold nobody settles lapses after this; default 15 minutes. */
      ttlSeconds: z.number().int().min(1).max(86_400).default(900),
    }),
    output: holdSchema,
  }),
  'credits:release': defineChannel({
    summary: 'Release a hold without debiting',
    input: z.object({ holdId: z.string().min(1).max(80) }),
    output: z.object({ released: z.boolean() }),
  }),
  'credits:set-threshold': defineChannel({
    summary: 'Set the low-balance threshold, in credits',
    input: z.object({ credits }),
    output: creditSummarySchema,
  }),
  'credits:price': defineChannel({
    summary: "A turn's list price for a provider, model and token usage, without recording it",
    input: z.object({ provider: z.string().min(1).max(64), model: z.string().min(1).max(160), tokens: tokenUsageSchema }),
    output: z.object({
      priced: z.boolean(),
      usd: z.number().nullable(),
      credits: z.number().nullable(),
      normalizedTokens: z.number().nullable(),
      pricedAs: z.string().nullable(),
    }),
  }),
};

export const creditEvents = {
  'credits:changed': defineEvent({
    summary: 'Receipts were recorded or the account changed; read credits:summary again',
    payload: z.object({ reason: z.enum(['receipts', 'account']), at: z.string() }),
  }),
};
