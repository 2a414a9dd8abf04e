// DeepSeek: `GET /user/balance` proves the key and reports the balance in one call (facts §5).
import { providers } from '../../../../shared/providers';
import { field, parseJsonObject } from '../classify-common';
import type { ReportedFigure, SimpleAdapter, Verdict } from '../provider-adapter';
import { classifyOpenAi } from './openai';
import { joinUrl } from './join-url';

/** Amounts arrive as strings ("110.00"); the first balance entry is the headline, the rest go in detail. */
function balanceFigure(json: Record<string, unknown>): ReportedFigure {
  const infos = Array.isArray(json.balance_infos) ? (json.balance_infos as unknown[]) : [];
  const amount = (value: unknown) => (typeof value === 'string' || typeof value === 'number') && Number.isFinite(Number(value)) ? Number(value) : null;
  const detail: Record<string, string | number | boolean | null> = {};
  infos.forEach((info, index) => {
    const currency = String(field(info, 'currency') ?? `#${index}`);
    detail[`${currency}.total_balance`] = amount(field(info, 'total_balance'));
    detail[`${currency}.granted_balance`] = amount(field(info, 'granted_balance'));
    detail[`${currency}.topped_up_balance`] = amount(field(info, 'topped_up_balance'));
  });
  const first = infos[0];
  return {
    source: 'deepseek-balance',
    currency: typeof field(first, 'currency') === 'string' ? (field(first, 'currency') as string) : null,
    remaining: amount(field(first, 'total_balance')),
    limit: null,
    usage: null,
    isAvailable: typeof json.is_available === 'boolean' ? json.is_available : null,
    detail,
  };
}

export function classifyDeepSeek(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const json = parseJsonObject(body);
  if (status === 200 && json && 'is_available' in json) {
    const figures = balanceFigure(json);
    // `is_available:false` means the account cannot call the API: a billing block, not a bad key (facts §5).
    if (json.is_available === false) {
      return { state: 'no_credit', providerCode: 'is_available_false', message: 'DeepSeek reports the account cannot call the API (no balance)', retryAfterS: null, figures };
    }
    return { state: 'ok', providerCode: null, message: 'key accepted', retryAfterS: null, figures };
  }
  if (status === 200 && json) return { state: 'bad_endpoint', providerCode: null, message: 'HTTP 200 without a DeepSeek balance body', retryAfterS: null };
  // DeepSeek's error bodies are OpenAI-shaped, and 402 is "Insufficient Balance" (facts §5).
  return classifyOpenAi(status, headers, body);
}

export const deepSeekAdapter: SimpleAdapter = {
  kind: 'simple',
  provider: 'deepseek',
  request(target) {
    const root = target.baseUrl ?? providers.deepseek.defaultApiRoot!;
    return { method: 'GET', url: joinUrl(root, 'user/balance'), headers: { ...target.headers, authorization: `Bearer ${target.secret}`, accept: 'application/json' } };
  },
  classify: classifyDeepSeek,
};
