// The credit summary, pure: from the rollup's per-day totals, the account and the clock. Never reads receipts.
import type { CreditSummary, Hold, LaneTotals, ModelTotals, Plan, ProviderReported } from '../../../shared/channels/credits';
import type { ProviderFigure } from '../../../shared/channels/checks';
import { costLanes, type CostLane } from '../../../shared/vocabulary';
import { addTotals, emptyTotals, modelKeySeparator, type DayRollup, type Totals } from '../receipts/rollup';
import { computeBalance, planAt, type PlanChange, type TopUpRecord } from './balance';
import { dayKey, dayMs, dayStartOf, periodContaining, startOfDay } from './billing-period';
import { nanoToCredits, nanoToNormalizedTokens, nanoToUsd } from './price-turn';

export interface HoldRecord {
  readonly id: string;
  readonly nano: number;
  readonly at: string;
  readonly expiresAt: string;
  readonly turnId: string | null;
}

export interface AccountState {
  readonly version: 1;
  readonly planHistory: PlanChange[];
  readonly topUps: TopUpRecord[];
  readonly holds: HoldRecord[];
  /** Credits; below it the balance state is `low`. */
  readonly lowBalanceThreshold: number;
}

export const defaultLowBalanceThreshold = 1000;

export function emptyAccount(): AccountState {
  return { version: 1, planHistory: [], topUps: [], holds: [], lowBalanceThreshold: defaultLowBalanceThreshold };
}

export interface FigureEntry {
  readonly keyId: string;
  readonly provider: string;
  readonly label: string | null;
  readonly figure: ProviderFigure;
}

export interface SummaryInput {
  readonly now: number;
  readonly days: Readonly<Record<string, DayRollup>>;
  readonly account: AccountState;
  readonly figures: readonly FigureEntry[];
}

export const burnWindowDays = 7;
const round = (value: number, places = 6) => Math.round(value * 10 ** places) / 10 ** places;

function toLaneTotals(totals: Totals): LaneTotals {
  return {
    turns: totals.turns,
    credits: nanoToCredits(totals.creditsNano),
    normalizedTokens: nanoToNormalizedTokens(totals.normalizedNano),
    providerCostUsd: nanoToUsd(totals.providerCostNano),
    tokens: { input: totals.input, output: totals.output, cacheRead: totals.cacheRead, cacheWrite: totals.cacheWrite },
    unpricedTurns: totals.unpriced,
  };
}

export function activeHolds(account: AccountState, now: number): HoldRecord[] {
  return account.holds.filter((hold) => Date.parse(hold.expiresAt) > now);
}

function runwayText(available: number, burn: number): { days: number | null; text: string } {
  if (available <= 0) return { days: 0, text: 'no credits available' };
  if (burn <= 0) return { days: null, text: `no credits used in the last ${burnWindowDays} days` };
  const days = available / burn;
  const shown = days < 1 ? 'less than a day' : `about ${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'}`;
  return { days: round(days, 2), text: `${shown} at the ${burnWindowDays}-day pace` };
}

/** NOME's all-time BYOK estimate in nano-dollars: per key over the receipts naming it, and per provider over
 *  its receipts that name no key (all of the provider's, less those naming a key). */
interface ByokEstimates {
  readonly byKey: Map<string, { nano: number; turns: number }>;
  readonly unnamedByProvider: Map<string, number>;
}

const addTo = (map: Map<string, number>, key: string, nano: number) => map.set(key, (map.get(key) ?? 0) + nano);

function addByokEstimates(into: ByokEstimates, day: DayRollup): void {
  for (const [modelKey, totals] of Object.entries(day.models)) {
    const [lane, provider] = modelKey.split(modelKeySeparator);
    if (lane === 'byok' && provider !== undefined) addTo(into.unnamedByProvider, provider, totals.providerCostNano);
  }
  for (const [key, totals] of Object.entries(day.keys ?? {})) {
    const [provider = '', keyId = ''] = key.split(modelKeySeparator);
    const entry = into.byKey.get(keyId) ?? { nano: 0, turns: 0 };
    entry.nano += totals.providerCostNano;
    entry.turns += totals.turns;
    into.byKey.set(keyId, entry);
    addTo(into.unnamedByProvider, provider, -totals.providerCostNano);
  }
}

/** Provider-reported figures beside NOME's own all-time BYOK estimate: of that key, from the receipts that
 *  name it; else of the provider, from its receipts that name no key (several keys of one provider cannot be
 *  told apart there, so the note says the estimate is provider-wide). Receipts naming another key are never
 *  counted against this one. */
function reportFigures(input: SummaryInput, estimates: ByokEstimates): ProviderReported[] {
  return input.figures.map((entry) => {
    const provider = entry.figure.source === 'openrouter-key' ? 'openrouter' : entry.provider;
    const own = estimates.byKey.get(entry.keyId);
    const unnamedNano = estimates.unnamedByProvider.get(provider) ?? 0;
    const estimate = round(nanoToUsd(own ? own.nano : unnamedNano), 9);
    const comparable = entry.figure.source === 'openrouter-key' && entry.figure.usage !== null;
    const what = comparable
      ? 'OpenRouter counts usage on the key, NOME estimates from its receipts at list price; the gap is shown, not merged.'
      : 'The provider reports a balance, not usage: read it beside NOME’s estimate of what this key spent.';
    const scope = own
      ? `NOME’s estimate is this key’s own: ${own.turns} receipt${own.turns === 1 ? '' : 's'} name it${unnamedNano > 0 ? `; $${round(nanoToUsd(unnamedNano), 6)} of ${provider} receipts name no key and are not counted here` : ''}.`
      : `Provider-wide: no receipt names this key, so NOME’s estimate covers every ${provider} BYOK receipt that names no key, whichever ${provider} key ran it.`;
    return {
      keyId: entry.keyId,
      provider: entry.provider,
      label: entry.label,
      figure: entry.figure,
      ageSeconds: Math.max(0, Math.round((input.now - Date.parse(entry.figure.reportedAt)) / 1000)),
      nomeEstimateUsd: estimate,
      estimateScope: own ? ('key' as const) : ('provider' as const),
      gapUsd: comparable ? round((entry.figure.usage as number) - estimate, 9) : null,
      note: `${what} ${scope}`,
    };
  });
}

export function summarizeCredits(input: SummaryInput): Omit<CreditSummary, 'source'> {
  const { now, days, account } = input;
  const plan: Plan | null = planAt(account.planHistory, now);
  const period = periodContaining(now, plan?.anchorDay ?? 1);
  const today = startOfDay(now);

  const byLane = Object.fromEntries(costLanes.map((lane) => [lane, emptyTotals()])) as Record<CostLane, Totals>;
  const byModel = new Map<string, Totals>();
  const dailyByKey = new Map<string, Totals>();
  const dailyLanesByKey = new Map<string, DayRollup['lanes']>();
  const debitsByDay: [number, number][] = [];
  const byok: ByokEstimates = { byKey: new Map(), unnamedByProvider: new Map() };
  let burnNano = 0;
  let unpricedTurns = 0;

  for (const [key, day] of Object.entries(days)) {
    const dayStart = dayStartOf(key);
    const credits = day.lanes.credits?.creditsNano ?? 0;
    if (credits) debitsByDay.push([dayStart, credits]);
    addByokEstimates(byok, day);
    if (dayStart > today - burnWindowDays * dayMs && dayStart <= today) burnNano += credits;
    if (dayStart < period.start || dayStart >= period.end) continue;
    const daily = emptyTotals();
    for (const [lane, totals] of Object.entries(day.lanes)) {
      if (lane in byLane) addTotals(byLane[lane as CostLane], totals);
      addTotals(daily, totals);
      unpricedTurns += totals.unpriced;
    }
    dailyByKey.set(key, daily);
    dailyLanesByKey.set(key, day.lanes);
    for (const [modelKey, totals] of Object.entries(day.models)) {
      let into = byModel.get(modelKey);
      if (!into) byModel.set(modelKey, (into = emptyTotals()));
      addTotals(into, totals);
    }
  }

  const balance = computeBalance({ now, planHistory: account.planHistory, topUps: account.topUps, debitsByDay });
  const holds = activeHolds(account, now);
  const heldNano = holds.reduce((sum, hold) => sum + hold.nano, 0);
  const availableNano = balance.balanceNano - heldNano;
  const burnRate = nanoToCredits(burnNano) / burnWindowDays;
  const runway = runwayText(nanoToCredits(availableNano), burnRate);

  const daily = [];
  for (let day = period.start; day < period.end && day <= today; day += dayMs) {
    const totals = dailyByKey.get(dayKey(day)) ?? emptyTotals();
    daily.push({
      date: dayKey(day),
      credits: nanoToCredits(totals.creditsNano),
      normalizedTokens: nanoToNormalizedTokens(totals.normalizedNano),
      providerCostUsd: nanoToUsd(totals.providerCostNano),
      turns: totals.turns,
      lanes: Object.fromEntries(
        costLanes.map((lane) => {
          const of = dailyLanesByKey.get(dayKey(day))?.[lane];
          return [lane, { normalizedTokens: nanoToNormalizedTokens(of?.normalizedNano ?? 0), turns: of?.turns ?? 0 }];
        }),
      ) as Record<CostLane, { normalizedTokens: number; turns: number }>,
    });
  }

  const models: ModelTotals[] = [...byModel.entries()]
    .map(([key, totals]) => {
      const [lane, provider, model] = key.split(modelKeySeparator) as [CostLane, string, string];
      return { lane, provider, model, ...toLaneTotals(totals) };
    })
    .sort((a, b) => b.normalizedTokens - a.normalizedTokens || b.turns - a.turns);

  const everGranted = balance.grantedNano > 0 || balance.debitedNano > 0;
  const threshold = account.lowBalanceThreshold;
  const available = nanoToCredits(availableNano);
  const state = !everGranted ? 'unused' : available <= 0 ? 'empty' : available < threshold ? 'low' : 'ok';
  const allocation = nanoToCredits(balance.allocationNano);
  const toHold = (hold: HoldRecord): Hold => ({ id: hold.id, credits: nanoToCredits(hold.nano), at: hold.at, expiresAt: hold.expiresAt, turnId: hold.turnId });

  return {
    asOf: new Date(now).toISOString(),
    totalBalance: nanoToCredits(balance.balanceNano),
    available,
    held: nanoToCredits(heldNano),
    holds: holds.map(toHold),
    usedThisPeriod: nanoToCredits(byLane.credits.creditsNano),
    includedMonthlyAllocation: plan?.monthlyAllocation ?? 0,
    allocationRemaining: nanoToCredits(balance.allocationNano - balance.allocationUsedNano),
    plan,
    note:
      plan === null && account.topUps.length === 0
        ? 'No plan and no credits. Only the NOME Credits lane uses credits: BYOK keys, local models and provider seats need none.'
        : allocation === 0 && plan !== null
          ? 'This plan includes no monthly credits; top-ups fund the NOME Credits lane. BYOK, local and seat lanes need none.'
          : null,
    periodStart: new Date(period.start).toISOString(),
    periodEnd: new Date(period.end).toISOString(),
    resetsAt: new Date(period.end).toISOString(),
    byLane: Object.fromEntries(costLanes.map((lane) => [lane, toLaneTotals(byLane[lane])])) as Record<CostLane, LaneTotals>,
    byModel: models,
    daily,
    burnRatePerDay: round(burnRate),
    burnWindowDays,
    runwayDays: runway.days,
    runwayText: runway.text,
    lowBalance: { threshold, state },
    topUps: account.topUps.map((topUp) => ({
      id: topUp.id,
      credits: nanoToCredits(topUp.nano),
      remaining: nanoToCredits(balance.topUpRemaining.get(topUp.id) ?? topUp.nano),
      at: topUp.at,
      expiresAt: topUp.expiresAt,
      expired: balance.topUpExpired.has(topUp.id),
      note: topUp.note,
    })),
    ledger: {
      granted: nanoToCredits(balance.grantedNano),
      debited: nanoToCredits(balance.debitedNano),
      forfeited: nanoToCredits(balance.forfeitedNano),
    },
    unpricedTurns,
    providerReported: reportFigures(input, byok),
  };
}
