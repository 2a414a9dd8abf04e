// xAI: `GET /v1/api-key` introspects the key without spending tokens; its flags and acls decide (facts §6).
import { providers } from '../../../../shared/providers';
import { fallbackVerdict, field, notJsonVerdict, parseJsonObject, retryAfterSeconds, text } from '../classify-common';
import type { SimpleAdapter, Verdict } from '../provider-adapter';
import { joinUrl } from './join-url';

function classifyIntrospection(json: Record<string, unknown>): Verdict {
  const ok = (state: Verdict['state'], providerCode: string | null, message: string): Verdict => ({ state, providerCode, message, retryAfterS: null });
  if (json.api_key_blocked === true) return ok('invalid_key', 'api_key_blocked', 'xAI reports this key as blocked');
  if (json.api_key_disabled === true) return ok('invalid_key', 'api_key_disabled', 'xAI reports this key as disabled');
  if (json.team_blocked === true) return ok('restricted', 'team_blocked', "xAI reports the key's team as blocked");
  const acls = Array.isArray(json.acls) ? json.acls.filter((acl): acl is string => typeof acl === 'string') : null;
  // A key whose acls grant no model or endpoint can authenticate but not run anything.
  if (acls && !acls.some((acl) => acl.startsWith('api-key:model:') || acl.startsWith('api-key:endpoint:'))) {
    return ok('restricted', 'acls', `xAI key acls allow no models or endpoints (${acls.length} acl${acls.length === 1 ? '' : 's'})`);
  }
  return ok('ok', null, 'key accepted');
}

export function classifyXai(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const json = parseJsonObject(body);
  if (status >= 200 && status < 300) return json ? classifyIntrospection(json) : notJsonVerdict(status, body);
  if (!json) return fallbackVerdict(status, headers, body, null);
  // xAI's errors are flat: `{"code": "<grpc text>", "error": "<message>"}` (facts §6).
  const message = text(json.error) ?? text(field(json, 'error', 'message')) ?? `HTTP ${status}`;
  const providerCode = text(json.code);
  const verdict = (state: Verdict['state'], retryAfterS: number | null = null): Verdict => ({ state, providerCode, message, retryAfterS });
  if (status === 400) return /incorrect api key|invalid api key/i.test(message) ? verdict('invalid_key') : verdict('bad_endpoint');
  if (status === 401) return verdict('invalid_key');
  if (status === 403) return /credits|licenses/i.test(message) ? verdict('no_credit') : verdict('restricted');
  if (status === 429) return verdict('rate_limited', retryAfterSeconds(headers));
  if (status >= 500) return verdict('provider_down', retryAfterSeconds(headers));
  return { ...fallbackVerdict(status, headers, body, message), providerCode };
}

export const xaiAdapter: SimpleAdapter = {
  kind: 'simple',
  provider: 'xai',
  request(target) {
    const root = target.baseUrl ?? providers.xai.defaultApiRoot!;
    return { method: 'GET', url: joinUrl(root, 'v1/api-key'), headers: { ...target.headers, authorization: `Bearer ${target.secret}`, accept: 'application/json' } };
  },
  classify: classifyXai,
};
