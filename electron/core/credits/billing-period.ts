// Billing periods: a period starts on the plan's anchor day (UTC) each month; 29-31 clamp to short months.
export const dayMs = 86_400_000;

export interface Period {
  /** Inclusive, ms since the epoch. */
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

function anchorIn(year: number, month: number, anchorDay: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(anchorDay, lastDay));
}

export function periodContaining(ms: number, anchorDay: number): Period {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const thisAnchor = anchorIn(year, month, anchorDay);
  if (ms >= thisAnchor) return { start: thisAnchor, end: anchorIn(year, month + 1, anchorDay) };
  return { start: anchorIn(year, month - 1, anchorDay), end: thisAnchor };
}

export const startOfDay = (ms: number): number => Math.floor(ms / dayMs) * dayMs;
export const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayStartOf = (key: string): number => Date.parse(`${key}T00:00:00.000Z`);
