// Splits each day's usage by lane, in normalized tokens (USD list price x 1,000,000), so lanes stack on
// one scale. The daily series carries credits (credits lane), providerCostUsd (BYOK) and normalizedTokens
// (every lane); what is left after the first two is the no-credit lanes (sign-ins; local turns price at 0).
import type { CreditSummary } from '../../../shared/channels/credits';

export const chartLanes = [
  { id: 'credits', label: 'NOME Credits', color: 'var(--lane-credits)' },
  { id: 'byok', label: 'Your keys (BYOK)', color: 'var(--lane-byok)' },
  { id: 'other', label: 'Sign-ins & local', color: 'var(--lane-subscription)' },
] as const;
export type ChartLane = (typeof chartLanes)[number]['id'];

export interface DayStack {
  readonly date: string;
  readonly values: Readonly<Record<ChartLane, number>>;
  readonly total: number;
  readonly turns: number;
}

/** 1 credit = $0.001 = 1,000 normalized tokens (DESIGN.md "Credits, lanes and receipts"). */
const tokensPerCredit = 1000;

export function splitDailyByLane(daily: CreditSummary['daily']): DayStack[] {
  return daily.map((day) => {
    const credits = Math.max(0, day.credits * tokensPerCredit);
    const byok = Math.max(0, day.providerCostUsd * 1_000_000);
    const other = Math.max(0, day.normalizedTokens - credits - byok);
    return { date: day.date, values: { credits, byok, other }, total: credits + byok + other, turns: day.turns };
  });
}
