// The provider catalog: ids, display names, API roots and the provider pages a user is sent to.
// Facts: ../shared/facts/providers.md (§1–§7 for roots and key shapes, §8 for status pages).
import { z } from 'zod';

export const providerIds = ['openai', 'anthropic', 'gemini', 'vertex', 'deepseek', 'xai', 'openai-compatible'] as const;
export const providerIdSchema = z.enum(providerIds);
export type ProviderId = z.infer<typeof providerIdSchema>;

export interface ProviderInfo {
  readonly id: ProviderId;
  readonly displayName: string;
  /** The API root `--base-url` replaces; null where the user must give one (openai-compatible) or the
   *  credential names its own endpoint (Vertex reads `token_uri` from the service-account JSON). */
  readonly defaultApiRoot: string | null;
  /** The official API host; a first-party key sent elsewhere triggers a warning. */
  readonly officialHost: string | null;
  readonly keyPageUrl: string | null;
  readonly billingPageUrl: string | null;
  readonly statusPageUrl: string | null;
  /** The same status page at another address, linked when the first refuses (core's status-page fallback). */
  readonly statusPageFallbackUrl?: string;
  /** What a key looks like, in words, for the entry field's hint. */
  readonly keyShapeHint: string;
  /** Environment variables the vault reads as read-only keys, in precedence order. */
  readonly envVars: readonly string[];
}

export const providers: Readonly<Record<ProviderId, ProviderInfo>> = {
  openai: {
    id: 'openai',
    displayName: 'OpenAI',
    defaultApiRoot: 'https://api.openai.com/v1',
    officialHost: 'api.openai.com',
    keyPageUrl: 'https://platform.openai.com/api-keys',
    billingPageUrl: 'https://platform.openai.com/settings/organization/billing/overview',
    statusPageUrl: 'https://status.openai.com',
    keyShapeHint: 'Starts with sk-proj-, sk-svcacct- or sk-admin- (older keys: sk-…)',
    envVars: ['OPENAI_API_KEY'],
  },
  anthropic: {
    id: 'anthropic',
    displayName: 'Anthropic',
    defaultApiRoot: 'https://api.anthropic.com',
    officialHost: 'api.anthropic.com',
    keyPageUrl: 'https://console.anthropic.com/settings/keys',
    billingPageUrl: 'https://console.anthropic.com/settings/billing',
    statusPageUrl: 'https://status.claude.com',
    // status.claude.com answers every client with CloudFront's 405 since 2026-09-17 [obs]; Statuspage serves it here too.
    statusPageFallbackUrl: 'https://anthropic.statuspage.io',
    keyShapeHint: 'Starts with sk-ant-api03- (admin keys: sk-ant-admin01-)',
    envVars: ['ANTHROPIC_API_KEY'],
  },
  gemini: {
    id: 'gemini',
    displayName: 'Google Gemini',
    defaultApiRoot: 'https://generativelanguage.googleapis.com',
    officialHost: 'generativelanguage.googleapis.com',
    keyPageUrl: 'https://aistudio.google.com/apikey',
    billingPageUrl: 'https://aistudio.google.com/usage',
    statusPageUrl: 'https://aistudio.google.com/status',
    keyShapeHint: 'Starts with AQ. (auth keys) or AIza (standard keys, retired in 2026)',
    // Google's SDKs read both and let GOOGLE_API_KEY win when both are set ("Both GOOGLE_API_KEY and
    // GEMINI_API_KEY are set. Using GOOGLE_API_KEY.": google-genai `_api_client.py`, @google/genai).
    envVars: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
  },
  vertex: {
    id: 'vertex',
    displayName: 'Google Vertex AI',
    defaultApiRoot: null,
    officialHost: 'aiplatform.googleapis.com',
    keyPageUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
    billingPageUrl: 'https://console.cloud.google.com/billing',
    statusPageUrl: 'https://status.cloud.google.com',
    keyShapeHint: 'A service-account JSON file (type "service_account") or ADC credentials',
    envVars: ['GOOGLE_APPLICATION_CREDENTIALS'],
  },
  deepseek: {
    id: 'deepseek',
    displayName: 'DeepSeek',
    defaultApiRoot: 'https://api.deepseek.com',
    officialHost: 'api.deepseek.com',
    keyPageUrl: 'https://platform.deepseek.com/api_keys',
    billingPageUrl: 'https://platform.deepseek.com/top_up',
    statusPageUrl: 'https://status.deepseek.com',
    keyShapeHint: 'sk- followed by 32 lowercase letters and digits',
    envVars: ['DEEPSEEK_API_KEY'],
  },
  xai: {
    id: 'xai',
    displayName: 'xAI',
    defaultApiRoot: 'https://api.x.ai',
    officialHost: 'api.x.ai',
    keyPageUrl: 'https://console.x.ai',
    billingPageUrl: 'https://console.x.ai',
    statusPageUrl: 'https://status.x.ai',
    keyShapeHint: 'Starts with xai-',
    envVars: ['XAI_API_KEY'],
  },
  'openai-compatible': {
    id: 'openai-compatible',
    displayName: 'OpenAI-compatible endpoint',
    defaultApiRoot: null,
    officialHost: null,
    keyPageUrl: null,
    billingPageUrl: null,
    statusPageUrl: null,
    keyShapeHint: 'Whatever the endpoint expects; local servers often need no key',
    envVars: [],
  },
};

/** Hosts the app may open in the system browser: every provider page above, nothing else. */
export const externalLinkHosts: readonly string[] = [
  ...new Set(
    Object.values(providers)
      .flatMap((p) => [p.keyPageUrl, p.billingPageUrl, p.statusPageUrl, p.statusPageFallbackUrl ?? null])
      .filter((url): url is string => url !== null)
      .map((url) => new URL(url).host),
  ),
];
