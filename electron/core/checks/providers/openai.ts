// OpenAI: `GET {root}/models` with a Bearer key, or the admin key list for an admin key (facts §1). Also the
// classifier OpenAI-style APIs reuse.
import { detectProvider } from '../../../../shared/key-detection';
import { providers } from '../../../../shared/providers';
import { fallbackVerdict, field, notJsonVerdict, notListVerdict, parseJsonObject, retryAfterSeconds, text } from '../classify-common';
import type { SimpleAdapter, Verdict } from '../provider-adapter';
import { joinUrl } from './join-url';

/** 429 codes that mean billing, not throttling: "Do not retry" (facts §1, "Out of credits / spend caps"). */
const billingCodes = new Set([
  'insufficient_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
  'billing_hard_limit_reached',
]);

/** Classifies an OpenAI-envelope answer `{"error":{"message","type","code"}}`. */
export function classifyOpenAi(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const json = parseJsonObject(body);
  if (status >= 200 && status < 300) {
    return json ? { state: 'ok', providerCode: null, message: 'key accepted', retryAfterS: null } : notJsonVerdict(status, body);
  }
  const message = text(field(json, 'error', 'message'));
  const rawCode = field(json, 'error', 'code');
  const code = text(rawCode) ?? (typeof rawCode === 'number' ? String(rawCode) : null);
  const type = text(field(json, 'error', 'type'));
  const providerCode = code ?? type;
  const verdict = (state: Verdict['state'], retryAfterS: number | null = null): Verdict => ({
    state,
    providerCode,
    message: message ?? `HTTP ${status}`,
    retryAfterS,
  });

  // Restricted project keys answer 401 or 403 with "Missing scopes" (facts §1): a real key, narrowed.
  if ((status === 401 || status === 403) && message?.includes('Missing scopes')) return verdict('restricted');
  // An org or project IP allowlist refuses this host: the key itself is fine (facts §1, "Other auth failures").
  if (status === 401 && message && /IP not authorized/i.test(message)) return verdict('restricted');
  if (status === 401) return verdict('invalid_key');
  if (status === 403) return verdict('restricted');
  if (status === 429) {
    if ((code && billingCodes.has(code)) || type === 'insufficient_quota') return verdict('no_credit');
    return verdict('rate_limited', retryAfterSeconds(headers));
  }
  if (status === 402) return verdict('no_credit');
  if (status >= 500) return verdict('provider_down', retryAfterSeconds(headers));
  if (!json) return fallbackVerdict(status, headers, body, null);
  return { ...fallbackVerdict(status, headers, body, message), providerCode };
}

/** Admin keys (`sk-admin-`, by the shared key shapes) cannot list models or run inference; the admin key list
 *  proves one instead (facts §1). */
function isAdminKey(secret: string): boolean {
  const detection = detectProvider(secret);
  return detection.provider === 'openai' && detection.kind === 'admin';
}

/** OpenAI itself: its model list and admin key list are `{"object":"list","data":[…]}`, so a 200 without `data`
 *  came from some other server. (Compatible servers vary; they keep the lenient classifyOpenAi.) */
export function classifyOpenAiCheck(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const verdict = classifyOpenAi(status, headers, body);
  if (verdict.state === 'ok' && !Array.isArray(parseJsonObject(body)?.data)) return notListVerdict(status, 'a "data" list');
  return verdict;
}

export const openAiAdapter: SimpleAdapter = {
  kind: 'simple',
  provider: 'openai',
  request(target) {
    const root = target.baseUrl ?? providers.openai.defaultApiRoot!;
    const path = isAdminKey(target.secret) ? 'organization/admin_api_keys?limit=1' : 'models';
    const headers: Record<string, string> = { authorization: `Bearer ${target.secret}`, accept: 'application/json' };
    if (target.options.organization) headers['openai-organization'] = target.options.organization;
    if (target.options.project) headers['openai-project'] = target.options.project;
    return { method: 'GET', url: joinUrl(root, path), headers: { ...target.headers, ...headers } };
  },
  classify: classifyOpenAiCheck,
};
