// Gemini API: `GET /v1beta/models?pageSize=1` with `x-goog-api-key` (never `?key=`: URLs end up in logs) (facts §3).
import { providers } from '../../../../shared/providers';
import { fallbackVerdict, field, notJsonVerdict, parseJsonObject, retryAfterSeconds, text } from '../classify-common';
import type { SimpleAdapter, Verdict } from '../provider-adapter';
import { joinUrl } from './join-url';

/** google.rpc.Status details: the ErrorInfo reason and a RetryInfo delay ("41s"). */
function readDetails(json: unknown): { reason: string | null; retryDelayS: number | null } {
  const details = field(json, 'error', 'details');
  let reason: string | null = null;
  let retryDelayS: number | null = null;
  if (Array.isArray(details)) {
    for (const detail of details) {
      reason ??= text(field(detail, 'reason'));
      const delay = text(field(detail, 'retryDelay'));
      const match = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
      if (match) retryDelayS = Number(match[1]);
    }
  }
  return { reason, retryDelayS };
}

export function classifyGemini(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const json = parseJsonObject(body);
  if (status >= 200 && status < 300) {
    return json ? { state: 'ok', providerCode: null, message: 'key accepted', retryAfterS: null } : notJsonVerdict(status, body);
  }
  if (!json) return fallbackVerdict(status, headers, body, null);
  const message = text(field(json, 'error', 'message')) ?? `HTTP ${status}`;
  const rpcStatus = text(field(json, 'error', 'status'));
  const { reason, retryDelayS } = readDetails(json);
  const providerCode = reason ?? rpcStatus;
  const verdict = (state: Verdict['state'], retryAfterS: number | null = null): Verdict => ({ state, providerCode, message, retryAfterS });

  // 400 is a bad request or a bad key; only the ErrorInfo reason tells them apart (facts §3).
  if (reason === 'API_KEY_INVALID' || reason === 'API_KEY_EXPIRED') return verdict('invalid_key');
  if (reason === 'ACCESS_TOKEN_TYPE_UNSUPPORTED') return verdict('invalid_key');
  if (status === 400 && rpcStatus === 'FAILED_PRECONDITION') return verdict('no_credit');
  if (status === 400) return verdict('bad_endpoint');
  if (status === 401) return verdict('invalid_key');
  // A key reported as leaked is blocked for good: it must be replaced, like a revoked one.
  if (status === 403 && /leaked/i.test(message)) return verdict('invalid_key');
  if (status === 403) return verdict('restricted');
  if (status === 429) return verdict('rate_limited', retryDelayS ?? retryAfterSeconds(headers));
  if (status >= 500) return verdict('provider_down', retryAfterSeconds(headers));
  return { ...fallbackVerdict(status, headers, body, message), providerCode };
}

export const geminiAdapter: SimpleAdapter = {
  kind: 'simple',
  provider: 'gemini',
  request(target) {
    const root = target.baseUrl ?? providers.gemini.defaultApiRoot!;
    return {
      method: 'GET',
      url: joinUrl(root, 'v1beta/models?pageSize=1'),
      headers: { ...target.headers, 'x-goog-api-key': target.secret, accept: 'application/json' },
    };
  },
  classify: classifyGemini,
};
