// Pieces every provider's classify shares: JSON parsing that never throws, Retry-After, and the
// status-only fallback used when a body carries no discriminator (facts §0.1: status + body, status last).
import type { KeyState } from '../../../shared/vocabulary';
import type { Verdict } from './provider-adapter';

export type Json = Record<string, unknown>;

export function parseJsonObject(body: string): Json | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Retry-After in seconds: delta-seconds, or an HTTP date measured against the response's own Date header. */
export function retryAfterSeconds(headers: Readonly<Record<string, string>>): number | null {
  const raw = headers['retry-after']?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  const sent = Date.parse(headers.date ?? '');
  if (Number.isNaN(at) || Number.isNaN(sent)) return null;
  return Math.max(0, Math.round((at - sent) / 1000));
}

/** A state from the status alone, for answers whose body says nothing more specific. */
export function stateFromStatus(status: number): KeyState {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'invalid_key';
  if (status === 402) return 'no_credit';
  if (status === 403) return 'restricted';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'provider_down';
  return 'bad_endpoint';
}

export function looksLikeHtml(body: string): boolean {
  return /^\s*<(!doctype|html|head|body)/i.test(body);
}

/** A 2xx that is not a JSON object is not the API we asked (a captive portal, a web server's index page). */
export function notJsonVerdict(status: number, body: string): Verdict {
  const what = looksLikeHtml(body) ? 'an HTML page' : body.trim() === '' ? 'an empty body' : 'a body that is not JSON';
  return { state: 'bad_endpoint', providerCode: null, message: `HTTP ${status} answered with ${what}, not the provider's API`, retryAfterS: null };
}

/** A 2xx JSON answer without the list the check asked for: another server's API, not the provider's. */
export function notListVerdict(status: number, what: string): Verdict {
  return { state: 'bad_endpoint', providerCode: null, message: `HTTP ${status} answered JSON without ${what}, not the provider's API`, retryAfterS: null };
}

export function fallbackVerdict(status: number, headers: Readonly<Record<string, string>>, body: string, message: string | null): Verdict {
  const state = stateFromStatus(status);
  const described = message ?? (looksLikeHtml(body) ? `HTTP ${status} with an HTML page` : `HTTP ${status}`);
  return { state, providerCode: null, message: described, retryAfterS: state === 'rate_limited' || state === 'provider_down' ? retryAfterSeconds(headers) : null };
}
