// OpenAI-compatible endpoints: `GET {base}/models` with an optional Bearer key, or a preset's own check
// (OpenRouter `GET /key`, which also reports the key's limit and usage) (facts §7).
import { field, notJsonVerdict, parseJsonObject } from '../classify-common';
import type { CheckTarget } from '../key-check-service';
import type { ReportedFigure, SimpleAdapter, Verdict } from '../provider-adapter';
import { classifyOpenAi } from './openai';
import { compatiblePresets } from './openai-compatible-presets';
import { joinUrl } from './join-url';

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function openRouterFigure(data: unknown): ReportedFigure {
  const detail: Record<string, string | number | boolean | null> = {};
  for (const name of ['limit_reset', 'usage_daily', 'usage_weekly', 'usage_monthly', 'byok_usage', 'is_free_tier', 'include_byok_in_limit', 'expires_at']) {
    const value = field(data, name);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) detail[name] = value;
  }
  return {
    source: 'openrouter-key',
    // OpenRouter counts in its credits, which are US dollars.
    currency: 'USD',
    remaining: numberOrNull(field(data, 'limit_remaining')),
    limit: numberOrNull(field(data, 'limit')),
    usage: numberOrNull(field(data, 'usage')),
    isAvailable: null,
    detail,
  };
}

/** OpenRouter `/key`: 200 with `data`; a capped key with nothing left cannot spend (facts §7). */
export function classifyOpenRouterKey(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const json = parseJsonObject(body);
  if (status >= 200 && status < 300) {
    if (!json) return notJsonVerdict(status, body);
    const data = json.data;
    if (typeof data !== 'object' || data === null) return { state: 'bad_endpoint', providerCode: null, message: `HTTP ${status} without OpenRouter key data`, retryAfterS: null };
    const figures = openRouterFigure(data);
    if (figures.remaining !== null && figures.remaining <= 0) {
      return { state: 'no_credit', providerCode: 'limit_reached', message: 'OpenRouter reports no limit remaining on this key', retryAfterS: null, figures };
    }
    return { state: 'ok', providerCode: null, message: 'key accepted', retryAfterS: null, figures };
  }
  return classifyOpenAi(status, headers, body);
}

/** Generic compatible servers: OpenAI's envelope where they have one; 503 "Loading model" on llama.cpp is down for now. */
export function classifyCompatible(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  return classifyOpenAi(status, headers, body);
}

/** The preset named in the target, or OpenRouter recognised by its host (its `/models` would prove nothing). */
export function resolvePreset(target: CheckTarget): string | undefined {
  if (target.options.preset) return target.options.preset;
  if (!target.baseUrl) return undefined;
  try {
    return new URL(target.baseUrl).hostname === 'openrouter.ai' ? 'openrouter' : undefined;
  } catch {
    return undefined;
  }
}

export const openAiCompatibleAdapter: SimpleAdapter = {
  kind: 'simple',
  provider: 'openai-compatible',
  request(target) {
    const presetId = resolvePreset(target);
    const preset = presetId ? compatiblePresets[presetId] : undefined;
    if (presetId && !preset) {
      return { problem: { state: 'bad_endpoint', providerCode: null, message: `unknown preset "${presetId.slice(0, 40)}"`, retryAfterS: null } };
    }
    const root = target.baseUrl ?? preset?.apiRoot ?? null;
    if (!root) return { problem: { state: 'bad_endpoint', providerCode: null, message: 'an OpenAI-compatible key needs a base URL', retryAfterS: null } };
    const headers: Record<string, string> = { ...target.headers, accept: 'application/json' };
    // Local servers accept no key; sending an empty Bearer would make some of them answer 401.
    if (target.secret.trim() !== '') headers.authorization = `Bearer ${target.secret}`;
    return { method: 'GET', url: joinUrl(root, preset?.checkPath ?? 'models'), headers };
  },
  classify: classifyCompatible,
  // OpenRouter's `/key` has its own body.
  classifierFor: (target) => (resolvePreset(target) === 'openrouter' ? classifyOpenRouterKey : classifyCompatible),
};
