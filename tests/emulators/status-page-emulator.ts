// A loopback status-page server: Statuspage summary.json, an RSS feed and Google Cloud incidents.json,
// with bodies a test can swap or break. Shared by the status-pages tests and the CLI test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StatusPageAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
}

export interface StatusPageEmulator {
  readonly url: string;
  /** Path -> answer; a missing path is a 404. */
  set(path: string, answer: StatusPageAnswer): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
export type StatuspageProvider = 'openai' | 'anthropic' | 'deepseek';

interface PageComponent {
  readonly id: string;
  readonly name: string;
}

/** The three Statuspage-style pages as their summary.json lists them, several components each. Ids from facts
 *  §8 (Claude API, claude.ai, Claude Code, Chat Completions, DeepSeek's API) or as public monitors read them
 *  (Responses, Embeddings, Conversations, Codex API, Login, the Claude page id); the rest are placeholders. */
export const statuspagePages: Record<StatuspageProvider, { page: { id: string; name: string; url: string }; components: readonly PageComponent[] }> = {
  anthropic: {
    page: { id: 'tymt9n04zgry', name: 'Claude', url: 'https://status.claude.com' },
    components: [
      { id: 'rwppv331jlwc', name: 'claude.ai' },
      { id: '0qbwn08sd68x', name: 'platform.claude.com' },
      { id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)' },
      { id: 'yyzkbfz2thpt', name: 'Claude Code' },
    ],
  },
  openai: {
    page: { id: '01JMXBRMFE0000000000000000', name: 'OpenAI', url: 'https://status.openai.com' },
    components: [
      { id: '01JMXBRMFE6N2NNT7DG6XZQ6PW', name: 'Chat Completions' },
      { id: '01JP8CD9JR3HR6Y7G4Q75N4DVW', name: 'Responses' },
      { id: '01JMXBRMFEV0AJ0VVS68N9CD6R', name: 'Embeddings' },
      { id: '01JMXBNJXGV1T5GT2M9XA83XNG', name: 'Conversations' },
      { id: '01KMP3KP5MGE23B80K1EK4S8PV', name: 'Codex API' },
      { id: '01JMXBNJXG1S2D9V65P1ZZTD94', name: 'Login' },
    ],
  },
  deepseek: {
    page: { id: 'hcvdxq9r7lk5', name: 'DeepSeek Service', url: 'https://status.deepseek.com' },
    components: [
      { id: 'j4n367d9mh3x', name: 'API Service' },
      { id: 'x3q2kmp0v9fd', name: 'Web Chat Service' },
    ],
  },
};

/** One component of a page by name (as a test names it: 'claude.ai', 'Claude API (api.anthropic.com)'). */
export function pageComponent(provider: StatuspageProvider, name: string): PageComponent {
  const component = statuspagePages[provider].components.find((c) => c.name === name);
  if (!component) throw new Error(`no component ${name} on the ${provider} page`);
  return component;
}

// Statuspage blends the worst component into the page indicator and its words.
const blended: Record<ComponentStatus, [indicator: string, description: string]> = {
  operational: ['none', 'All Systems Operational'],
  under_maintenance: ['maintenance', 'Service Under Maintenance'],
  degraded_performance: ['minor', 'Partially Degraded Service'],
  partial_outage: ['major', 'Partial System Outage'],
  major_outage: ['critical', 'Major System Outage'],
};
const severity: ComponentStatus[] = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];

export interface SummaryOptions {
  /** Component name -> status (a ComponentStatus, or any string a page might invent); the rest are operational. */
  readonly statuses?: Readonly<Record<string, string>>;
  readonly incidents?: readonly unknown[];
  /** Component names the summary leaves out. */
  readonly without?: readonly string[];
  /** Override the blended page status (an odd indicator, a huge description). */
  readonly indicator?: string;
  readonly description?: string;
}

/** A provider's summary.json: page, blended status, every component, incidents, no maintenances. */
export function statuspageSummary(provider: StatuspageProvider, options: SummaryOptions = {}): string {
  const { page, components } = statuspagePages[provider];
  const listed = components
    .filter((component) => !options.without?.includes(component.name))
    .map((component, index) => ({
      id: component.id,
      name: component.name,
      status: options.statuses?.[component.name] ?? 'operational',
      created_at: '2025-02-20T00:00:00.000Z',
      updated_at: '2026-12-03T11:51:43.965Z',
      position: index + 1,
      description: null,
      showcase: true,
      start_date: null,
      group_id: null,
      page_id: page.id,
      group: false,
      only_show_if_degraded: false,
    }));
  const worstStatus = listed.map((component) => component.status).sort((a, b) => severity.indexOf(b as ComponentStatus) - severity.indexOf(a as ComponentStatus))[0] ?? 'operational';
  const [indicator, description] = blended[worstStatus as ComponentStatus] ?? blended.operational;
  return JSON.stringify({
    page: { ...page, time_zone: 'Etc/UTC', updated_at: '2026-12-03T11:51:43.965Z' },
    components: listed,
    incidents: options.incidents ?? [],
    scheduled_maintenances: [],
    status: { indicator: options.indicator ?? indicator, description: options.description ?? description },
  });
}

/** An incident as summary.json lists it; `components` are the ones it affects (empty: the feed does not say). */
export const statuspageIncident = (id: string, name: string, status: string, impact: string, components: readonly PageComponent[] = []) => ({
  id,
  name,
  status,
  impact,
  created_at: '2026-12-03T11:00:00.000Z',
  updated_at: '2026-12-03T11:20:00.000Z',
  monitoring_at: null,
  resolved_at: status === 'resolved' ? '2026-12-03T11:30:00.000Z' : null,
  shortlink: `https://stspg.io/${id}`,
  started_at: '2026-12-03T11:00:00.000Z',
  page_id: 'tymt9n04zgry',
  components: components.map((component, index) => ({ id: component.id, name: component.name, status: 'degraded_performance', position: index + 1, group: false, group_id: null })),
  incident_updates: [{ id: `${id}-u1`, status, body: 'We are investigating this issue.', created_at: '2026-12-03T11:00:00.000Z', incident_id: id }],
});

export const rssFeed = (items: { title: string; description: string; pubDate: string; link?: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>xAI Status</title><link>https://status.x.ai</link>${items
    .map((item) => `<item><title><![CDATA[${item.title}]]></title><description><![CDATA[${item.description}]]></description><pubDate>${item.pubDate}</pubDate><link>${item.link ?? 'https://status.x.ai/incidents/1'}</link><guid>${item.link ?? item.title}</guid></item>`)
    .join('')}</channel></rss>`;

export const atomFeed = (entries: { title: string; summary: string; updated: string; link: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>xAI Status</title><id>https://status.x.ai</id>${entries
    .map((entry) => `<entry><id>${entry.link}</id><title type="html">${entry.title}</title><updated>${entry.updated}</updated><link rel="alternate" href="${entry.link}"/><summary type="html">${entry.summary}</summary></entry>`)
    .join('')}</feed>`;

export const gcloudIncident = (id: string, productId: string, severity: string, end: string | null, text: string) => ({
  id,
  number: '1',
  begin: '2026-12-03T10:00:00+00:00',
  ...(end ? { end } : {}),
  external_desc: text,
  severity,
  service_name: 'Vertex Gemini API',
  affected_products: [{ title: 'Vertex Gemini API', id: productId }],
  most_recent_update: { status: end ? 'AVAILABLE' : 'SERVICE_DISRUPTION', text },
  uri: `incidents/${id}`,
});

export async function startStatusPageEmulator(): Promise<StatusPageEmulator> {
  const answers = new Map<string, StatusPageAnswer>();
  const counts = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const answer = answers.get(path);
    if (!answer) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    set: (path, answer) => void answers.set(path, answer),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
