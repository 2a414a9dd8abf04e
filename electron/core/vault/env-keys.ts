// Environment keys: read-only cards for the provider variables a shell already exports. The vault never
// copies one on its own; importing is an explicit action (issue 3, Must have 3).
import type { KeyCard, LastCheck } from '../../../shared/channels/keys';
import { checkBaseUrl, foreignHostWarningFor } from '../../../shared/endpoint-rules';
import { detectProvider, maskKey } from '../../../shared/key-detection';
import { providerIds, providers, type ProviderId } from '../../../shared/providers';

export interface EnvKey {
  readonly id: string;
  readonly variable: string;
  readonly provider: ProviderId;
  /** The key itself, or for GOOGLE_APPLICATION_CREDENTIALS the path of the credential file. */
  readonly value: string;
  readonly isFilePath: boolean;
  /** OPENAI_BASE_URL applies to OPENAI_API_KEY, once it passes the base-URL rules. */
  readonly baseUrl: string | null;
  /** A warning about OPENAI_BASE_URL: plain http off the local network, or unusable (see `unusable`). */
  readonly baseUrlNote: string | null;
  /** Set when OPENAI_BASE_URL breaks the base-URL rules: the key is then not checked at all. */
  readonly unusable: boolean;
  /** 0 for the variable that wins among its provider's variables. */
  readonly rank: number;
}

export const envKeyPrefix = 'env:';

/** Every provider variable that is set and not blank, in each provider's precedence order. */
export function readEnvKeys(env: Readonly<Record<string, string | undefined>>): EnvKey[] {
  const found: EnvKey[] = [];
  for (const provider of providerIds) {
    let rank = 0;
    for (const variable of providers[provider].envVars) {
      const value = env[variable]?.trim();
      if (!value) continue;
      const base = provider === 'openai' ? envBaseUrl(env.OPENAI_BASE_URL) : { baseUrl: null, baseUrlNote: null, unusable: false };
      found.push({ id: `${envKeyPrefix}${variable}`, variable, provider, value, isFilePath: variable === 'GOOGLE_APPLICATION_CREDENTIALS', ...base, rank: rank++ });
    }
  }
  return found;
}

/** OPENAI_BASE_URL under the same rules as a typed base URL. One that breaks them (userinfo, a query, not
 *  http) is never shown: it may hold a password. Nor is the key sent anywhere else instead: other tools send
 *  it to that URL, and it may be a proxy's key that the official API must not see. */
function envBaseUrl(raw: string | undefined): { baseUrl: string | null; baseUrlNote: string | null; unusable: boolean } {
  if (!raw?.trim()) return { baseUrl: null, baseUrlNote: null, unusable: false };
  const verdict = checkBaseUrl(raw);
  if (!verdict.ok) return { baseUrl: null, baseUrlNote: `OPENAI_BASE_URL cannot be used: ${verdict.message} This key is not checked until it is fixed.`, unusable: true };
  return { baseUrl: verdict.url, baseUrlNote: verdict.warning, unusable: false };
}

function precedenceNote(key: EnvKey, all: readonly EnvKey[]): string {
  const name = providers[key.provider].displayName;
  const siblings = all.filter((other) => other.provider === key.provider && other.id !== key.id);
  const order =
    siblings.length === 0
      ? ''
      : key.rank === 0
        ? ` It wins over ${siblings.map((s) => s.variable).join(', ')}, which ${siblings.length === 1 ? 'is' : 'are'} also set.`
        : ` ${all.find((other) => other.provider === key.provider && other.rank === 0)?.variable} is also set and wins over it.`;
  const base = key.baseUrl ? ` OPENAI_BASE_URL sends it to ${key.baseUrl}.` : '';
  const what = key.isFilePath ? `Read from the credential file ${key.variable} points to.` : `Read from ${key.variable} in the environment.`;
  return `${what} Stored ${name} keys are tried first, in their order; this one comes after them.${order}${base} It cannot be edited here; import it to keep it in the vault.`;
}

/** The read-only card for one environment key; `storedCount` stored keys of its provider come first. */
export function envKeyCard(key: EnvKey, all: readonly EnvKey[], storedCount: number, lastCheck: LastCheck | null): KeyCard {
  const detection = key.isFilePath ? null : detectProvider(key.value);
  const fileName = key.value.split(/[\\/]/).pop() ?? key.value;
  return {
    id: key.id,
    provider: key.provider,
    label: `${key.variable} (environment)`,
    masked: detection ? maskKey(key.value, detection) : `credentials file ${fileName}`,
    kind: key.isFilePath ? 'service-account' : (detection?.kind ?? 'unknown'),
    state: lastCheck?.state ?? 'unchecked',
    storage: { cipher: 'environment', weaker: false },
    source: key.variable,
    readOnly: true,
    precedence: precedenceNote(key, all),
    priority: storedCount + key.rank,
    baseUrl: key.baseUrl,
    headerNames: [],
    options: {},
    needsReentry: false,
    warnings: [detection && foreignHostWarningFor(detection.homeHost, detection.label, key.provider, key.baseUrl), key.baseUrlNote].filter((w): w is string => !!w),
    createdAt: null,
    updatedAt: null,
    lastCheckedAt: lastCheck?.checkedAt ?? null,
    lastUsedAt: null,
    lastCheck,
  };
}
