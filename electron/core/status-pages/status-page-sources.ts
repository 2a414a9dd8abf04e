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
  {
    provider: 'anthropic',
    name: 'Anthropic',
    pageUrl: 'https://status.claude.com',
    feedUrl: 'https://status.claude.com/api/v2/summary.json',
    format: 'statuspage',
    apiComponents: [{ id: 'k8w3r06qmzrp', name: 'Claude API' }],
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

/** The default sources with any `NOME_STATUS_PAGE_OPENAI=<url>`-style override applied. */
export function statusPageSourcesFromEnv(env: Readonly<Record<string, string | undefined>>): StatusPageSource[] {
  return defaultStatusPageSources.map((source) => {
    const override = env[`NOME_STATUS_PAGE_${source.provider.toUpperCase()}`];
    return override ? { ...source, feedUrl: override } : source;
  });
}
