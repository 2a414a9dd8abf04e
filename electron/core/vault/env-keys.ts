// Environment keys: read-only cards for the provider variables a shell already exports. The vault never
// copies one on its own; importing is an explicit action (issue 3, Must have 3).
import type { KeyCard, LastCheck } from '../../../shared/channels/keys';
import { foreignHostWarningFor } from '../../../shared/endpoint-rules';
import { detectProvider, maskKey } from '../../../shared/key-detection';
import { providerIds, providers, type ProviderId } from '../../../shared/providers';

export interface EnvKey {
  readonly id: string;
  readonly variable: string;
  readonly provider: ProviderId;
  /** The key itself, or for GOOGLE_APPLICATION_CREDENTIALS the path of the credential file. */
  readonly value: string;
  readonly isFilePath: boolean;
  /** OPENAI_BASE_URL applies to OPENAI_API_KEY. */
  readonly baseUrl: string | null;
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
      const baseUrl = provider === 'openai' ? env.OPENAI_BASE_URL?.trim() || null : null;
      found.push({ id: `${envKeyPrefix}${variable}`, variable, provider, value, isFilePath: variable === 'GOOGLE_APPLICATION_CREDENTIALS', baseUrl, rank: rank++ });
    }
  }
  return found;
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
    warnings: [detection && foreignHostWarningFor(detection.homeHost, detection.label, key.provider, key.baseUrl)].filter((w): w is string => !!w),
    createdAt: null,
    updatedAt: null,
    lastCheckedAt: lastCheck?.checkedAt ?? null,
    lastUsedAt: null,
    lastCheck,
  };
}
