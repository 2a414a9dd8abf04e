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
}

export const defaultStatusPageSources: readonly StatusPageSource[] = [
  // incident.io serves an Atlassian-compatible summary.json (facts §8, OpenAI row).
  { provider: 'openai', name: 'OpenAI', pageUrl: 'https://status.openai.com', feedUrl: 'https://status.openai.com/api/v2/summary.json', format: 'statuspage' },
  { provider: 'anthropic', name: 'Anthropic', pageUrl: 'https://status.claude.com', feedUrl: 'https://status.claude.com/api/v2/summary.json', format: 'statuspage' },
  { provider: 'deepseek', name: 'DeepSeek', pageUrl: 'https://status.deepseek.com', feedUrl: 'https://status.deepseek.com/api/v2/summary.json', format: 'statuspage' },
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
