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

export const statuspageSummary = (indicator: string, description: string, incidents: unknown[] = []) =>
  JSON.stringify({
    page: { id: 'kctbh9vrtdwd', name: 'Provider', url: 'https://status.example', time_zone: 'Etc/UTC', updated_at: '2026-12-03T11:51:43.965Z' },
    status: { indicator, description },
    components: [{ id: 'k8w3r06qmzrp', name: 'API', status: indicator === 'none' ? 'operational' : 'partial_outage', group: false, group_id: null, position: 1 }],
    incidents,
    scheduled_maintenances: [],
  });

export const statuspageIncident = (id: string, name: string, status: string, impact: string) => ({
  id,
  name,
  status,
  impact,
  created_at: '2026-12-03T11:00:00.000Z',
  resolved_at: status === 'resolved' ? '2026-12-03T11:30:00.000Z' : null,
  shortlink: `https://stspg.io/${id}`,
  components: [],
  incident_updates: [],
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
