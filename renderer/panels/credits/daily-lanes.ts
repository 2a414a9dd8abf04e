// Splits each day's usage into the four lanes, one chart series each. In normalized tokens (USD list price x
// 1,000,000) the lanes stack on one scale whatever model ran; local turns have no list price, so they are 0
// there and show in the turns view. The summary's daily points carry the per-lane split (`lanes`).
import type { CreditSummary } from '../../../shared/channels/credits';
import type { CostLane } from '../../../shared/vocabulary';

/** Drawn bottom to top in this order; the colours are the theme's lane colours (seats panel dots too). */
export const chartLanes = [
  { id: 'credits', label: 'NOME Credits', color: 'var(--lane-credits)' },
  { id: 'byok', label: 'Your keys (BYOK)', color: 'var(--lane-byok)' },
  { id: 'provider-subscription', label: 'Provider sign-ins', color: 'var(--lane-subscription)' },
  { id: 'local', label: 'Local models', color: 'var(--lane-local)' },
] as const satisfies readonly { id: CostLane; label: string; color: string }[];
export type ChartLane = (typeof chartLanes)[number]['id'];

export type ChartMeasure = 'normalizedTokens' | 'turns';

export interface DayStack {
  readonly date: string;
  readonly values: Readonly<Record<ChartLane, number>>;
  readonly total: number;
  readonly turns: number;
}

export function splitDailyByLane(daily: CreditSummary['daily'], measure: ChartMeasure = 'normalizedTokens'): DayStack[] {
  return daily.map((day) => {
    const values = Object.fromEntries(chartLanes.map((lane) => [lane.id, Math.max(0, day.lanes[lane.id]?.[measure] ?? 0)])) as Record<ChartLane, number>;
    const total = chartLanes.reduce((sum, lane) => sum + values[lane.id], 0);
    return { date: day.date, values, total, turns: day.turns };
  });
}
