// Pure readers for the three status feed formats: Atlassian Statuspage summary.json, an RSS feed (xAI),
// and Google Cloud's incidents.json (facts §8). Each returns the health of what API keys use (the API
// components, or the Vertex product), the page-wide indicator beside it, and the active incidents.
import type { HealthComponent, HealthIncident, HealthIndicator, HealthScope } from '../../../shared/channels/status-pages';
import type { StatusPageComponent, StatusPageSource } from './status-page-sources';

export interface PageReading {
  readonly indicator: HealthIndicator;
  readonly description: string;
  readonly scope: HealthScope;
  readonly api: HealthComponent[];
  readonly page: { readonly indicator: HealthIndicator; readonly description: string } | null;
  readonly incidents: HealthIncident[];
  readonly otherIncidents: HealthIncident[];
  readonly note: string | null;
}

type Json = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

export class UnreadablePage extends Error {
  /** The page's host answered, but with an HTTP error or a body that cannot be read (not a network failure). */
  readonly pageAnswered: boolean;
  constructor(message: string, options: { pageAnswered?: boolean } = {}) {
    super(message);
    this.pageAnswered = options.pageAnswered ?? false;
  }
}

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

/** Component statuses (facts §8) on the indicator scale, the way the app status reads them: degraded and
 *  partial outage are degraded (`minor`), a component's major outage is a major outage. */
const componentIndicators: Record<string, HealthIndicator> = {
  operational: 'none',
  degraded_performance: 'minor',
  partial_outage: 'minor',
  major_outage: 'major',
  under_maintenance: 'maintenance',
  maintenance: 'maintenance',
};

const componentWords: Record<string, string> = {
  operational: 'operational',
  degraded_performance: 'degraded performance',
  partial_outage: 'partial outage',
  major_outage: 'major outage',
  under_maintenance: 'under maintenance',
  maintenance: 'under maintenance',
};

function rank(indicator: HealthIndicator): number {
  return ['unknown', 'none', 'maintenance', 'minor', 'major', 'critical'].indexOf(indicator);
}

function worst(indicators: readonly HealthIndicator[]): HealthIndicator | undefined {
  return [...indicators].sort((a, b) => rank(b) - rank(a))[0];
}

const sameName = (wanted: StatusPageComponent, name: string | null) => {
  const lower = name?.toLowerCase();
  const want = wanted.name.toLowerCase();
  // "Claude API" is listed as "Claude API (api.anthropic.com)".
  return lower === want || lower?.startsWith(`${want} (`) === true;
};

/** The page's component for each wanted one: by id, else by name; missing ones are left out. */
function findComponents(components: readonly Json[], wanted: readonly StatusPageComponent[]): { found: HealthComponent[]; missing: StatusPageComponent[] } {
  const found: HealthComponent[] = [];
  const missing: StatusPageComponent[] = [];
  for (const want of wanted) {
    const component = components.find((c) => c.id === want.id) ?? components.find((c) => sameName(want, str(c.name)));
    if (!component) {
      missing.push(want);
      continue;
    }
    const status = str(component.status) ?? 'unknown';
    found.push({ id: str(component.id) ?? want.id, name: str(component.name) ?? want.name, status, indicator: componentIndicators[status] ?? 'unknown' });
  }
  return { found, missing };
}

const incidentComponents = (incident: Json): Json[] => (Array.isArray(incident.components) ? incident.components.filter(isObject) : []);

export function parseStatuspageSummary(body: string, apiComponents: readonly StatusPageComponent[] = []): PageReading {
  const summary = json(body);
  const status = summary.status as Json | undefined;
  if (!status || typeof status !== 'object') throw new UnreadablePage('no "status" in summary.json');
  const page = { indicator: statuspageIndicator(status.indicator), description: str(status.description) ?? 'No description' };
  const active = (Array.isArray(summary.incidents) ? summary.incidents : [])
    .filter(isObject)
    .filter((incident) => incident.status !== 'resolved' && incident.status !== 'postmortem' && !incident.resolved_at);
  const toIncident = (incident: Json): HealthIncident => ({
    id: str(incident.id) ?? str(incident.name) ?? 'incident',
    name: str(incident.name) ?? 'Unnamed incident',
    impact: str(incident.impact),
    status: str(incident.status),
    startedAt: str(incident.started_at) ?? str(incident.created_at),
    url: str(incident.shortlink),
    components: incidentComponents(incident).flatMap((component) => str(component.name) ?? str(component.id) ?? []),
  });
  // An incident that lists components but no API one (claude.ai only) is kept apart; one that lists none
  // (incident.io's compatible feed) may be anyone's, so it stays with the API's.
  const touchesApi = (incident: Json) => {
    const listed = incidentComponents(incident);
    return listed.length === 0 || listed.some((component) => apiComponents.some((want) => component.id === want.id || sameName(want, str(component.name))));
  };
  if (apiComponents.length === 0) return { ...page, scope: 'page', api: [], page, incidents: active.map(toIncident), otherIncidents: [], note: null };
  const incidents = active.filter(touchesApi).map(toIncident);
  const otherIncidents = active.filter((incident) => !touchesApi(incident)).map(toIncident);

  const components = (Array.isArray(summary.components) ? summary.components : []).filter(isObject);
  const { found, missing } = findComponents(components, apiComponents);
  const missingNames = missing.map((component) => component.name).join(' or ');
  if (found.length === 0) {
    // The page was read, but not the part that matters: say so rather than pass the page off as the API.
    return { ...page, scope: 'page', api: [], page, incidents, otherIncidents, note: `The summary has no ${missingNames} component; this is the page-wide status` };
  }
  return {
    indicator: worst(found.map((component) => component.indicator))!,
    description: found.map((component) => `${component.name} ${componentWords[component.status] ?? component.status}`).join('; '),
    scope: 'api',
    api: found,
    page,
    incidents,
    otherIncidents,
    note: missing.length > 0 ? `The summary has no ${missingNames} component` : null,
  };
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
    components: (Array.isArray(incident.affected_products) ? incident.affected_products.filter(isObject) : []).flatMap((product) => str(product.title) ?? []),
  }));
  const indicator = worst(incidents.map((incident) => googleSeverity[incident.impact ?? ''] ?? 'minor')) ?? 'none';
  const description = incidents.length === 0 ? 'No active incidents' : `${incidents.length} active incident${incidents.length === 1 ? '' : 's'}`;
  // Filtered to the product API keys use, so this is the API's health; Google's page as a whole covers
  // every product and has no indicator worth showing beside it.
  return { indicator, description, scope: 'api', api: [], page: null, incidents, otherIncidents: [], note: null };
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
      incidents.push({ id: tag(item, 'guid') ?? tag(item, 'id') ?? title, name: title, impact: null, status: null, startedAt: new Date(published).toISOString(), url: linkOf(item), components: [] });
    }
  }
  const page = { indicator: incidents.length ? ('minor' as const) : ('none' as const), description: incidents.length ? `${incidents.length} recent incident${incidents.length === 1 ? '' : 's'}` : 'No recent incidents' };
  // A feed has no components: what it says is about the whole page.
  return { ...page, scope: 'page', api: [], page, incidents, otherIncidents: [], note: null };
}

export function parseStatusPage(source: StatusPageSource, body: string, nowMs: number, truncated = false): PageReading {
  switch (source.format) {
    case 'statuspage':
      return parseStatuspageSummary(body, source.apiComponents);
    case 'rss':
      return parseRssFeed(body, nowMs);
    case 'gcloud-incidents':
      return parseGcloudIncidents(body, source.productId, truncated);
  }
}
