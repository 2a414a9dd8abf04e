// Which status page each provider has and how to read it (facts §8). URLs are injectable through the env
// port (`NOME_STATUS_PAGE_<PROVIDER>`), so tests point them at loopback emulators, never the internet.
import type { ProviderId } from '../../../shared/providers';

export type StatusPageFormat = 'statuspage' | 'rss' | 'gcloud-incidents';

export interface StatusPageSource {
  readonly provider: ProviderId;
  readonly name: string;
  readonly pageUrl: string;
  readonly feedUrl: string;
  readonly format: StatusPageFormat;
  /** Google Cloud: the product whose incidents count ("Vertex Gemini API"). */
  readonly productId?: string;
  /** Statuspage: the components API keys depend on; their worst status is the provider's health. Matched by
   *  id, then by name (a page that re-creates a component keeps its name, not its id). */
  readonly apiComponents?: readonly StatusPageComponent[];
  /** Another address serving the same page, read when `feedUrl` answers an HTTP error (4xx/5xx) or a body
   *  that cannot be read (not JSON); `pageUrl` is then the page to open. Never tried after a network failure:
   *  that is this machine's connection, not the page. */
  readonly fallback?: { readonly feedUrl: string; readonly pageUrl: string };
}

export interface StatusPageComponent {
  readonly id: string;
  readonly name: string;
}

export const defaultStatusPageSources: readonly StatusPageSource[] = [
  // incident.io serves an Atlassian-compatible summary.json (facts §8, OpenAI row).
  // The API component of facts §8 is Chat Completions; Responses (the other endpoint keys generate with) is its
  // sibling in the "APIs" group as public monitors read the same summary [obs]. ChatGPT, Sora, Codex do not count.
  {
    provider: 'openai',
    name: 'OpenAI',
    pageUrl: 'https://status.openai.com',
    feedUrl: 'https://status.openai.com/api/v2/summary.json',
    format: 'statuspage',
    apiComponents: [
      { id: '01JMXBRMFE6N2NNT7DG6XZQ6PW', name: 'Chat Completions' },
      { id: '01JP8CD9JR3HR6Y7G4Q75N4DVW', name: 'Responses' },
    ],
  },
  // Claude API only: a claude.ai or Claude Code outage is not an API key's problem (facts §8 component ids).
  // Since 2026-09-17 a public monitor sees status.claude.com answer every client with a CloudFront 405 while
  // the same Statuspage page is served at anthropic.statuspage.io [obs]: that is the fallback.
  {
    provider: 'anthropic',
    name: 'Anthropic',
    pageUrl: 'https://status.claude.com',
    feedUrl: 'https://status.claude.com/api/v2/summary.json',
    format: 'statuspage',
    apiComponents: [{ id: 'k8w3r06qmzrp', name: 'Claude API' }],
    fallback: { feedUrl: 'https://anthropic.statuspage.io/api/v2/summary.json', pageUrl: 'https://anthropic.statuspage.io' },
  },
  {
    provider: 'deepseek',
    name: 'DeepSeek',
    pageUrl: 'https://status.deepseek.com',
    feedUrl: 'https://status.deepseek.com/api/v2/summary.json',
    format: 'statuspage',
    apiComponents: [{ id: 'j4n367d9mh3x', name: 'API Service' }],
  },
  // xAI documents only an RSS feed (facts §6, §8).
  { provider: 'xai', name: 'xAI', pageUrl: 'https://status.x.ai', feedUrl: 'https://status.x.ai/feed.xml', format: 'rss' },
  { provider: 'vertex', name: 'Google Cloud (Vertex Gemini API)', pageUrl: 'https://status.cloud.google.com', feedUrl: 'https://status.cloud.google.com/incidents.json', format: 'gcloud-incidents', productId: 'Z0FZJAMvEB4j3NbCJs6B' },
];

/** The default sources with any `NOME_STATUS_PAGE_OPENAI=<url>`-style override applied, and
 *  `NOME_STATUS_PAGE_ANTHROPIC_FALLBACK=<url>` for a fallback. A page pointed elsewhere keeps no default
 *  fallback: a test's emulator answering 404 must not send the app to the real internet. */
export function statusPageSourcesFromEnv(env: Readonly<Record<string, string | undefined>>): StatusPageSource[] {
  return defaultStatusPageSources.map((source) => {
    const name = `NOME_STATUS_PAGE_${source.provider.toUpperCase()}`;
    const override = env[name];
    const fallbackOverride = env[`${name}_FALLBACK`];
    if (!override && !fallbackOverride) return source;
    // A default fallback never outlives an override: it is dropped, or replaced by the fallback override.
    const { fallback, ...rest } = source;
    return {
      ...rest,
      ...(override ? { feedUrl: override } : {}),
      ...(fallbackOverride ? { fallback: { feedUrl: fallbackOverride, pageUrl: fallback?.pageUrl ?? source.pageUrl } } : {}),
    };
  });
}
