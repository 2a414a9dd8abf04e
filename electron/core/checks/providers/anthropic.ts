// Anthropic: `GET /v1/models?limit=1` (an admin key: `GET /v1/organizations/api_keys?limit=1`) with `x-api-key`
// and the required `anthropic-version` (facts §2).
import { detectProvider } from '../../../../shared/key-detection';
import { providers } from '../../../../shared/providers';
import { fallbackVerdict, field, notJsonVerdict, notListVerdict, parseJsonObject, retryAfterSeconds, text } from '../classify-common';
import type { SimpleAdapter, Verdict } from '../provider-adapter';
import { joinUrl } from './join-url';

export function classifyAnthropic(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const json = parseJsonObject(body);
  if (status >= 200 && status < 300) {
    if (!json) return notJsonVerdict(status, body);
    // Both lists it asks for (models, admin api_keys) are `{"data":[…],"has_more",…}` (facts §2).
    return Array.isArray(json.data) ? { state: 'ok', providerCode: null, message: 'key accepted', retryAfterS: null } : notListVerdict(status, 'a "data" list');
  }
  const message = text(field(json, 'error', 'message'));
  const type = text(field(json, 'error', 'type'));
  const detailCode = text(field(json, 'error', 'details', 'error_code'));
  const verdict = (state: Verdict['state'], retryAfterS: number | null = null, providerCode = detailCode ?? type): Verdict => ({
    state,
    providerCode,
    message: message ?? `HTTP ${status}`,
    retryAfterS,
  });
  if (!json) return fallbackVerdict(status, headers, body, null);

  // 400 is overloaded: a bad request, a spend limit the org set, or "credit balance is too low" (facts §2).
  if (status === 400) {
    if (message && /credit balance is too low|spend limit|usage limit/i.test(message)) return verdict('no_credit');
    return verdict('bad_endpoint');
  }
  if (status === 401) {
    // Only a browser Origin gets this 401; it says nothing about the key (facts §0.5, §2).
    if (message?.startsWith('CORS requests are not allowed')) return verdict('restricted');
    return verdict('invalid_key');
  }
  if (status === 402) return verdict('no_credit');
  if (status === 403) return verdict('restricted');
  if (status === 404) return verdict('bad_endpoint');
  // 429 is a rate limit or the usage-tier spend cap, which has no retry-after and must not be retried (facts §2).
  if (status === 429) return detailCode === 'enforced_spend_limit_reached' ? verdict('no_credit') : verdict('rate_limited', retryAfterSeconds(headers));
  if (status >= 500) return verdict('provider_down', retryAfterSeconds(headers));
  return { ...fallbackVerdict(status, headers, body, message), providerCode: detailCode ?? type };
}

/** Admin keys (`sk-ant-admin01-`, by the shared key shapes) work only on the Admin API; its key list proves
 *  one, with the same headers (facts §2). */
function isAdminKey(secret: string): boolean {
  const detection = detectProvider(secret);
  return detection.provider === 'anthropic' && detection.kind === 'admin';
}

export const anthropicAdapter: SimpleAdapter = {
  kind: 'simple',
  provider: 'anthropic',
  request(target) {
    const root = target.baseUrl ?? providers.anthropic.defaultApiRoot!;
    return {
      method: 'GET',
      url: joinUrl(root, isAdminKey(target.secret) ? 'v1/organizations/api_keys?limit=1' : 'v1/models?limit=1'),
      headers: { ...target.headers, 'x-api-key': target.secret, 'anthropic-version': '2023-06-01', accept: 'application/json' },
    };
  },
  classify: classifyAnthropic,
};
