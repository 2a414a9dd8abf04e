// Numbers, money, dates and "2 min ago" for people, with Intl in the user's own locale.
// Read through globalThis so the same helpers load in Node tests, where there is no navigator.
const locale = (globalThis as { navigator?: { language?: string } }).navigator?.language || 'en';

const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 4, minimumFractionDigits: 2 });
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
const dayLong = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' });
const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });

export const formatInteger = (value: number): string => integer.format(value);
export const formatCompact = (value: number): string => compact.format(value);
export const formatCredits = (value: number): string => `${integer.format(value)} credits`;
export const formatPercent = (ratio: number): string => percent.format(ratio);
export const formatDay = (iso: string): string => day.format(new Date(iso));
export const formatDate = (iso: string): string => dayLong.format(new Date(iso));
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

export function formatMoney(value: number, currency = 'USD'): string {
  if (currency === 'USD') return usd.format(value);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 }).format(value);
  } catch {
    // A currency code Intl does not know still reads fine as "12.50 XYZ".
    return `${integer.format(value)} ${currency}`;
  }
}

/** "just now", "2 minutes ago", "yesterday": coarse on purpose, a settings page needs no seconds. */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  // Compare the rounded figure, not the raw seconds: 59 min 50 s reads "1 hour ago", never "60 minutes ago".
  if (Math.round(abs / 60) < 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (Math.round(abs / 3600) < 24) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

/** "40 s", "3 min": how long until a retry. */
export function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(0, Math.ceil(seconds))} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
