// Pure readers for the three status feed formats: Atlassian Statuspage summary.json, an RSS feed (xAI),
// and Google Cloud's incidents.json (facts §8). Each returns the indicator and the active incidents.
import type { HealthIncident, HealthIndicator } from '../../../shared/channels/status-pages';
import type { StatusPageSource } from './status-page-sources';

export interface PageReading {
  readonly indicator: HealthIndicator;
  readonly description: string;
  readonly incidents: HealthIncident[];
}

type Json = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

export class UnreadablePage extends Error {}

function json(body: string): Json {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null) return value as Json;
  } catch {
    // fall through
  }
  throw new UnreadablePage('the status page did not answer with JSON');
}

/** Statuspage indicators: none | minor | major | critical; anything else is shown as unknown (CodexBar does too). */
function statuspageIndicator(value: unknown): HealthIndicator {
  return value === 'none' || value === 'minor' || value === 'major' || value === 'critical' || value === 'maintenance' ? value : 'unknown';
}

export function parseStatuspageSummary(body: string): PageReading {
  const summary = json(body);
  const status = summary.status as Json | undefined;
  if (!status || typeof status !== 'object') throw new UnreadablePage('no "status" in summary.json');
  const incidents = (Array.isArray(summary.incidents) ? summary.incidents : [])
    .filter((incident): incident is Json => typeof incident === 'object' && incident !== null)
    .filter((incident) => incident.status !== 'resolved' && incident.status !== 'postmortem' && !incident.resolved_at)
    .map((incident) => ({
      id: str(incident.id) ?? str(incident.name) ?? 'incident',
      name: str(incident.name) ?? 'Unnamed incident',
      impact: str(incident.impact),
      status: str(incident.status),
      startedAt: str(incident.started_at) ?? str(incident.created_at),
      url: str(incident.shortlink),
    }));
  return { indicator: statuspageIndicator(status.indicator), description: str(status.description) ?? 'No description', incidents };
}

const googleSeverity: Record<string, HealthIndicator> = { low: 'minor', medium: 'major', high: 'critical' };

/** The complete elements at the start of a JSON array whose text was cut off (a capped download). */
export function leadingArrayElements(text: string): unknown[] {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '[') throw new UnreadablePage('incidents.json is not a list');
  const elements: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementStart = -1;
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 0) elementStart = i;
      depth += 1;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break; // the array itself ended
      depth -= 1;
      if (depth === 0) {
        try {
          elements.push(JSON.parse(text.slice(elementStart, i + 1)));
        } catch {
          throw new UnreadablePage('incidents.json is not a list of JSON objects');
        }
      }
    }
  }
  return elements;
}

/** Google Cloud's incidents.json is the whole history, newest first, and runs to megabytes; the service reads
 *  only its first part (`truncated`), where the open incidents are, and keeps the complete entries in it. */
export function parseGcloudIncidents(body: string, productId: string | undefined, truncated = false): PageReading {
  const list: unknown = truncated ? leadingArrayElements(body) : json(body);
  if (!Array.isArray(list)) throw new UnreadablePage('incidents.json is not a list');
  const active = list
    .filter((incident): incident is Json => typeof incident === 'object' && incident !== null)
    // An incident is active while `end` is empty (facts §8, Vertex row).
    .filter((incident) => !str(incident.end))
    .filter((incident) => !productId || (Array.isArray(incident.affected_products) && incident.affected_products.some((product) => (product as Json)?.id === productId)));
  const incidents = active.map((incident) => ({
    id: str(incident.id) ?? 'incident',
    name: str(incident.external_desc) ?? str((incident.most_recent_update as Json | undefined)?.text)?.split('\n')[0] ?? str(incident.service_name) ?? 'Incident',
    impact: str(incident.severity),
    status: str((incident.most_recent_update as Json | undefined)?.status),
    startedAt: str(incident.begin),
    url: str(incident.uri) ? `https://status.cloud.google.com/${str(incident.uri)}` : null,
  }));
  const worst = incidents.map((incident) => googleSeverity[incident.impact ?? ''] ?? 'minor').sort((a, b) => rank(b) - rank(a))[0];
  return { indicator: worst ?? 'none', description: incidents.length === 0 ? 'No active incidents' : `${incidents.length} active incident${incidents.length === 1 ? '' : 's'}`, incidents };
}

function rank(indicator: HealthIndicator): number {
  return ['unknown', 'none', 'maintenance', 'minor', 'major', 'critical'].indexOf(indicator);
}

function tag(item: string, name: string): string | null {
  const match = new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`, 'i').exec(item);
  if (!match) return null;
  return match[1]!.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
}

/** A link's target: RSS `<link>url</link>`, or Atom `<link href="url"/>`. */
function linkOf(item: string): string | null {
  const atom = /<link\b[^>]*\bhref="([^"]+)"/i.exec(item);
  return atom ? atom[1]!.replace(/&amp;/g, '&') : tag(item, 'link');
}

/** xAI publishes only a feed (facts §6): an item is taken as an active incident when it is recent (48 h)
 *  and does not read as resolved. The feed has no machine-readable state [UNCERTAIN, facts §6: no JSON
 *  API]. RSS `<item>` and Atom `<entry>` are both read, so a feed that changes format is not read as calm. */
export function parseRssFeed(body: string, nowMs: number): PageReading {
  if (!/<rss[\s>]|<feed[\s>]/i.test(body)) throw new UnreadablePage('the status feed is not RSS');
  const items = body.match(/<(item|entry)[\s>][\s\S]*?<\/\1>/gi) ?? [];
  const incidents: HealthIncident[] = [];
  for (const item of items) {
    const title = tag(item, 'title') ?? 'Incident';
    const description = tag(item, 'description') ?? tag(item, 'summary') ?? tag(item, 'content') ?? '';
    const published = Date.parse(tag(item, 'pubDate') ?? tag(item, 'updated') ?? tag(item, 'published') ?? '');
    const recent = !Number.isNaN(published) && nowMs - published < 48 * 3_600_000;
    const resolved = /\b(resolved|completed|operational)\b/i.test(`${title} ${description.slice(0, 400)}`);
    if (recent && !resolved) {
      incidents.push({ id: tag(item, 'guid') ?? tag(item, 'id') ?? title, name: title, impact: null, status: null, startedAt: new Date(published).toISOString(), url: linkOf(item) });
    }
  }
  return { indicator: incidents.length ? 'minor' : 'none', description: incidents.length ? `${incidents.length} recent incident${incidents.length === 1 ? '' : 's'}` : 'No recent incidents', incidents };
}

export function parseStatusPage(source: StatusPageSource, body: string, nowMs: number, truncated = false): PageReading {
  switch (source.format) {
    case 'statuspage':
      return parseStatuspageSummary(body);
    case 'rss':
      return parseRssFeed(body, nowMs);
    case 'gcloud-incidents':
      return parseGcloudIncidents(body, source.productId, truncated);
  }
}
