// Provider health from loopback status pages: the three formats, caching, backoff on failure, stale data
// kept, and a failing page that never touches a key's state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providerHealthSchema } from '../../../shared/channels/status-pages';
import { leadingArrayElements } from '../../../electron/core/status-pages/parse-status-page';
import { createStatusPages } from '../../../electron/core/status-pages/status-pages-service';
import { defaultStatusPageSources, statusPageSourcesFromEnv, type StatusPageSource } from '../../../electron/core/status-pages/status-page-sources';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { atomFeed, gcloudIncident, pageComponent, rssFeed, startStatusPageEmulator, statuspageIncident, statuspageSummary, type StatusPageEmulator, type StatuspageProvider, type SummaryOptions } from '../../emulators/status-page-emulator';

let pages: StatusPageEmulator;
let now: number;
const clock = { now: () => now };
const vertexProduct = 'Z0FZJAMvEB4j3NbCJs6B';

beforeEach(async () => {
  pages = await startStatusPageEmulator();
  now = Date.parse('2026-12-03T12:00:00Z');
});
afterEach(async () => {
  await pages.close();
});

function sources(): StatusPageSource[] {
  return statusPageSourcesFromEnv({
    NOME_STATUS_PAGE_OPENAI: `${pages.url}/openai/api/v2/summary.json`,
    NOME_STATUS_PAGE_ANTHROPIC: `${pages.url}/anthropic/api/v2/summary.json`,
    NOME_STATUS_PAGE_DEEPSEEK: `${pages.url}/deepseek/api/v2/summary.json`,
    NOME_STATUS_PAGE_XAI: `${pages.url}/xai/feed.xml`,
    NOME_STATUS_PAGE_VERTEX: `${pages.url}/gcloud/incidents.json`,
  });
}

function healthyEverywhere() {
  pages.set('/openai/api/v2/summary.json', { status: 200, body: statuspageSummary('openai') });
  pages.set('/anthropic/api/v2/summary.json', { status: 200, body: statuspageSummary('anthropic') });
  pages.set('/deepseek/api/v2/summary.json', { status: 200, body: statuspageSummary('deepseek') });
  pages.set('/xai/feed.xml', { status: 200, contentType: 'application/rss+xml', body: rssFeed([]) });
  pages.set('/gcloud/incidents.json', { status: 200, body: '[]' });
}

const service = (extra: Partial<Parameters<typeof createStatusPages>[0]> = {}) =>
  createStatusPages({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber(), sources: sources(), ttlMs: 60_000, backoffBaseMs: 30_000, ...extra });

/** Every page healthy but `provider`'s summary, built from `options`; that provider's entry after one read. */
async function readSummary(provider: StatuspageProvider, options: SummaryOptions) {
  healthyEverywhere();
  pages.set(`/${provider}/api/v2/summary.json`, { status: 200, body: statuspageSummary(provider, options) });
  return (await service().list()).find((e) => e.provider === provider)!;
}

describe('status pages', () => {
  it('default sources are the providers with machine-readable pages, on the providers own hosts', () => {
    expect(defaultStatusPageSources.map((s) => [s.provider, new URL(s.feedUrl).host])).toEqual([
      ['openai', 'status.openai.com'],
      ['anthropic', 'status.claude.com'],
      ['deepseek', 'status.deepseek.com'],
      ['xai', 'status.x.ai'],
      ['vertex', 'status.cloud.google.com'],
    ]);
  });

  it('reads every format when all is well', async () => {
    healthyEverywhere();
    const list = await service().list();
    for (const entry of list) providerHealthSchema.parse(entry);
    expect(list.map((e) => [e.provider, e.indicator, e.scope, e.page?.indicator ?? null, e.stale])).toEqual([
      ['openai', 'none', 'api', 'none', false],
      ['anthropic', 'none', 'api', 'none', false],
      ['deepseek', 'none', 'api', 'none', false],
      // A feed has no components: its reading is the page's.
      ['xai', 'none', 'page', 'none', false],
      // Filtered to the Vertex Gemini API product; Google's page as a whole has no indicator of its own here.
      ['vertex', 'none', 'api', null, false],
    ]);
    expect(list.map((e) => e.description)).toEqual([
      'Chat Completions operational; Responses operational',
      'Claude API (api.anthropic.com) operational',
      'API Service operational',
      'No recent incidents',
      'No active incidents',
    ]);
  });

  it('before the first reading every source is unknown and says what its reading will describe', async () => {
    const list = await service({ sources: sources().map((s) => ({ ...s, feedUrl: 'http://127.0.0.1:1/down' })) }).list();
    for (const entry of list) providerHealthSchema.parse(entry);
    expect(list.map((e) => [e.provider, e.indicator, e.scope, e.page, e.api, e.otherIncidents])).toEqual([
      ['openai', 'unknown', 'api', null, [], []],
      ['anthropic', 'unknown', 'api', null, [], []],
      ['deepseek', 'unknown', 'api', null, [], []],
      ['xai', 'unknown', 'page', null, [], []],
      ['vertex', 'unknown', 'api', null, [], []],
    ]);
  });

  it('Statuspage: the API component sets the indicator; only unresolved incidents, with the components they list', async () => {
    const claudeApi = pageComponent('anthropic', 'Claude API (api.anthropic.com)');
    const anthropic = await readSummary('anthropic', {
      statuses: { 'Claude API (api.anthropic.com)': 'degraded_performance' },
      incidents: [statuspageIncident('a1', 'Elevated errors on Claude API', 'investigating', 'minor', [claudeApi]), statuspageIncident('a0', 'Old', 'resolved', 'major', [claudeApi])],
    });
    expect(anthropic).toMatchObject({
      indicator: 'minor',
      description: 'Claude API (api.anthropic.com) degraded performance',
      scope: 'api',
      api: [{ id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)', status: 'degraded_performance', indicator: 'minor' }],
      page: { indicator: 'minor', description: 'Partially Degraded Service' },
      otherIncidents: [],
      note: null,
    });
    expect(anthropic.incidents).toEqual([
      { id: 'a1', name: 'Elevated errors on Claude API', impact: 'minor', status: 'investigating', startedAt: '2026-12-03T11:00:00.000Z', url: 'https://stspg.io/a1', components: ['Claude API (api.anthropic.com)'] },
    ]);
  });

  it('a claude.ai-only outage leaves the Anthropic API healthy, the outage visible as a non-API incident and in the page indicator', async () => {
    const anthropic = await readSummary('anthropic', {
      statuses: { 'claude.ai': 'major_outage', 'Claude Code': 'degraded_performance' },
      incidents: [statuspageIncident('c1', 'claude.ai unavailable', 'identified', 'critical', [pageComponent('anthropic', 'claude.ai'), pageComponent('anthropic', 'Claude Code')])],
    });
    expect(anthropic).toMatchObject({
      indicator: 'none',
      description: 'Claude API (api.anthropic.com) operational',
      scope: 'api',
      page: { indicator: 'critical', description: 'Major System Outage' },
      incidents: [],
      note: null,
    });
    expect(anthropic.otherIncidents.map((i) => [i.id, i.name, i.impact, i.components])).toEqual([['c1', 'claude.ai unavailable', 'critical', ['claude.ai', 'Claude Code']]]);
  });

  it('an API component outage is a major outage, and an incident listing the API with other components counts for the API', async () => {
    const anthropic = await readSummary('anthropic', {
      statuses: { 'Claude API (api.anthropic.com)': 'major_outage', 'claude.ai': 'partial_outage' },
      incidents: [statuspageIncident('x1', 'Elevated errors across Claude', 'investigating', 'critical', [pageComponent('anthropic', 'claude.ai'), pageComponent('anthropic', 'Claude API (api.anthropic.com)')])],
    });
    expect(anthropic).toMatchObject({ indicator: 'major', description: 'Claude API (api.anthropic.com) major outage', scope: 'api', page: { indicator: 'critical' }, otherIncidents: [] });
    expect(anthropic.incidents.map((i) => i.id)).toEqual(['x1']);
  });

  it('OpenAI: the worst of Chat Completions and Responses counts, ChatGPT does not; an incident that lists no components stays with the API', async () => {
    const openai = await readSummary('openai', {
      statuses: { Responses: 'partial_outage', Conversations: 'major_outage', 'Codex API': 'degraded_performance' },
      // incident.io's compatible feed leaves an incident's components empty (facts §8): its reach is unknown.
      incidents: [statuspageIncident('o1', 'Increased error rates', 'investigating', 'major'), statuspageIncident('o2', 'Codex tasks stuck', 'monitoring', 'minor', [pageComponent('openai', 'Codex API')])],
    });
    expect(openai).toMatchObject({ indicator: 'minor', description: 'Chat Completions operational; Responses partial outage', scope: 'api', page: { indicator: 'critical' }, note: null });
    expect(openai.api.map((c) => [c.name, c.indicator])).toEqual([
      ['Chat Completions', 'none'],
      ['Responses', 'minor'],
    ]);
    expect(openai.incidents.map((i) => [i.id, i.components])).toEqual([['o1', []]]);
    expect(openai.otherIncidents.map((i) => [i.id, i.components])).toEqual([['o2', ['Codex API']]]);
  });

  it('DeepSeek: its API Service component is the health; an outage of the web chat alone is not', async () => {
    expect(await readSummary('deepseek', { statuses: { 'Web Chat Service': 'major_outage' } })).toMatchObject({ indicator: 'none', scope: 'api', page: { indicator: 'critical' } });
    pages.set('/deepseek/api/v2/summary.json', { status: 200, body: statuspageSummary('deepseek', { statuses: { 'API Service': 'under_maintenance' } }) });
    expect((await service().list(true)).find((e) => e.provider === 'deepseek')).toMatchObject({ indicator: 'maintenance', description: 'API Service under maintenance', scope: 'api' });
  });

  it('a summary without the API component falls back to the page-wide indicator and says so', async () => {
    const anthropic = await readSummary('anthropic', {
      without: ['Claude API (api.anthropic.com)'],
      statuses: { 'claude.ai': 'partial_outage' },
      incidents: [statuspageIncident('c2', 'claude.ai slow', 'investigating', 'major', [pageComponent('anthropic', 'claude.ai')])],
    });
    expect(anthropic).toMatchObject({
      indicator: 'major',
      description: 'Partial System Outage',
      scope: 'page',
      api: [],
      page: { indicator: 'major', description: 'Partial System Outage' },
      note: 'The summary has no Claude API component; this is the page-wide status',
      stale: false,
    });
    // The incident still names only claude.ai, so it is still not the API's.
    expect(anthropic.otherIncidents.map((i) => i.id)).toEqual(['c2']);
  });

  it('OpenAI with neither API component falls back to the page and names both', async () => {
    expect(await readSummary('openai', { without: ['Chat Completions', 'Responses'], statuses: { Conversations: 'major_outage' } })).toMatchObject({
      indicator: 'critical',
      scope: 'page',
      note: 'The summary has no Chat Completions or Responses component; this is the page-wide status',
    });
  });

  it('one of two API components missing: the one present counts, and the note names the missing one', async () => {
    expect(await readSummary('openai', { without: ['Responses'], statuses: { 'Chat Completions': 'degraded_performance' } })).toMatchObject({
      indicator: 'minor',
      scope: 'api',
      api: [{ name: 'Chat Completions', status: 'degraded_performance' }],
      note: 'The summary has no Responses component',
    });
  });

  it('a component re-created under a new id is still found by its name', async () => {
    healthyEverywhere();
    const summary = JSON.parse(statuspageSummary('anthropic', { statuses: { 'Claude API (api.anthropic.com)': 'major_outage' } })) as { components: { id: string; name: string }[] };
    summary.components = summary.components.map((c) => (c.id === 'k8w3r06qmzrp' ? { ...c, id: 'n3wc0mp0n3nt' } : c));
    pages.set('/anthropic/api/v2/summary.json', { status: 200, body: JSON.stringify(summary) });
    expect((await service().list()).find((e) => e.provider === 'anthropic')).toMatchObject({ indicator: 'major', scope: 'api', api: [{ id: 'n3wc0mp0n3nt', status: 'major_outage' }], note: null });
  });

  it('an unknown page indicator or component status is unknown, not healthy', async () => {
    healthyEverywhere();
    pages.set('/openai/api/v2/summary.json', { status: 200, body: statuspageSummary('openai', { indicator: 'weird', description: 'Something' }) });
    pages.set('/anthropic/api/v2/summary.json', { status: 200, body: statuspageSummary('anthropic', { statuses: { 'Claude API (api.anthropic.com)': 'wobbly' } }) });
    pages.set('/deepseek/api/v2/summary.json', { status: 200, body: statuspageSummary('deepseek', { without: ['API Service'], indicator: 'weird' }) });
    const list = await service().list();
    expect(list.find((e) => e.provider === 'openai')).toMatchObject({ indicator: 'none', page: { indicator: 'unknown' } });
    expect(list.find((e) => e.provider === 'anthropic')).toMatchObject({ indicator: 'unknown', description: 'Claude API (api.anthropic.com) wobbly', scope: 'api' });
    expect(list.find((e) => e.provider === 'deepseek')).toMatchObject({ indicator: 'unknown', scope: 'page' });
  });

  it('RSS (xAI): a recent unresolved item is an incident; resolved or old ones are not', async () => {
    healthyEverywhere();
    pages.set('/xai/feed.xml', {
      status: 200,
      contentType: 'application/rss+xml',
      body: rssFeed([
        { title: 'Degraded performance on grok-4', description: 'We are investigating elevated latency &amp; errors.', pubDate: 'Thu, 03 Dec 2026 11:10:00 GMT' },
        { title: 'API errors', description: 'This incident has been resolved.', pubDate: 'Thu, 03 Dec 2026 09:00:00 GMT' },
        { title: 'Old outage', description: 'Investigating', pubDate: 'Mon, 30 Nov 2026 09:00:00 GMT' },
      ]),
    });
    const xai = (await service().list()).find((e) => e.provider === 'xai')!;
    expect(xai.indicator).toBe('minor');
    expect(xai.incidents.map((i) => i.name)).toEqual(['Degraded performance on grok-4']);
  });

  it('an Atom feed is read too: a recent unresolved entry is an incident, not a calm page', async () => {
    healthyEverywhere();
    pages.set('/xai/feed.xml', {
      status: 200,
      contentType: 'application/atom+xml',
      body: atomFeed([
        { title: 'Elevated API errors', summary: 'We are investigating.', updated: '2026-12-03T11:30:00Z', link: 'https://status.x.ai/incidents/7' },
        { title: 'Login issues', summary: 'This incident has been resolved.', updated: '2026-12-03T10:00:00Z', link: 'https://status.x.ai/incidents/6' },
      ]),
    });
    const xai = (await service().list()).find((e) => e.provider === 'xai')!;
    expect(xai.indicator).toBe('minor');
    expect(xai.incidents).toEqual([{ id: 'https://status.x.ai/incidents/7', name: 'Elevated API errors', impact: null, status: null, startedAt: '2026-12-03T11:30:00.000Z', url: 'https://status.x.ai/incidents/7', components: [] }]);
  });

  it('Google Cloud: only open incidents of the Vertex Gemini product count, severity sets the indicator', async () => {
    healthyEverywhere();
    pages.set('/gcloud/incidents.json', {
      status: 200,
      body: JSON.stringify([
        gcloudIncident('g1', vertexProduct, 'high', null, 'Vertex Gemini API requests failing in us-central1'),
        gcloudIncident('g2', vertexProduct, 'low', '2026-12-03T09:00:00+00:00', 'Resolved earlier'),
        gcloudIncident('g3', 'otherProduct', 'high', null, 'BigQuery slow'),
      ]),
    });
    const vertex = (await service().list()).find((e) => e.provider === 'vertex')!;
    expect(vertex.indicator).toBe('critical');
    expect(vertex.incidents.map((i) => [i.id, i.impact, i.url, i.components])).toEqual([['g1', 'high', 'https://status.cloud.google.com/incidents/g1', ['Vertex Gemini API']]]);
    expect(vertex).toMatchObject({ scope: 'api', page: null, otherIncidents: [] });
  });

  it("Google's incidents.json past the body cap is read from its first part: the open Vertex incident at the top counts", async () => {
    healthyEverywhere();
    // Newest first, then a long resolved history, far over the cap, so the text is cut mid-incident.
    const history = Array.from({ length: 400 }, (_, i) => gcloudIncident(`old${i}`, vertexProduct, 'medium', '2026-01-01T00:00:00+00:00', `Resolved incident ${i} ${'x'.repeat(800)}`));
    const body = JSON.stringify([gcloudIncident('open1', vertexProduct, 'medium', null, 'Vertex Gemini API elevated latency'), ...history]);
    expect(body.length).toBeGreaterThan(256 * 1024);
    pages.set('/gcloud/incidents.json', { status: 200, body });
    const list = await service({ maxBytes: 64 * 1024 }).list();
    const vertex = list.find((e) => e.provider === 'vertex')!;
    expect(vertex).toMatchObject({ indicator: 'major', stale: false, error: null });
    expect(vertex.incidents.map((i) => i.id)).toEqual(['open1']);
  });

  it('a Statuspage summary past the body cap is not cut: it is unknown with the reason', async () => {
    healthyEverywhere();
    pages.set('/openai/api/v2/summary.json', { status: 200, body: statuspageSummary('openai', { description: 'x'.repeat(100 * 1024) }) });
    const openai = (await service({ maxBytes: 64 * 1024 }).list()).find((e) => e.provider === 'openai')!;
    expect(openai).toMatchObject({ indicator: 'unknown', stale: true });
    expect(openai.error).toMatch(/over 65536 bytes/);
  });

  it('the prefix reader keeps only complete elements, and brackets or quotes inside strings do not fool it', () => {
    const text = '[{"id":"a","t":"has ] and } and \\" inside"},{"id":"b","n":[1,{"x":2}]},{"id":"c","t":"cut her';
    expect(leadingArrayElements(text)).toEqual([
      { id: 'a', t: 'has ] and } and " inside' },
      { id: 'b', n: [1, { x: 2 }] },
    ]);
    expect(leadingArrayElements('[]')).toEqual([]);
    expect(() => leadingArrayElements('{"not":"a list"}')).toThrow(/not a list/);
  });

  it('answers are cached for the TTL; refresh fetches again only after it', async () => {
    healthyEverywhere();
    const health = service();
    await health.list();
    await health.list();
    expect(pages.hits('/openai/api/v2/summary.json')).toBe(1);
    now += 61_000;
    expect(await health.refreshDue()).toBe(false);
    expect(pages.hits('/openai/api/v2/summary.json')).toBe(2);
    await health.list(true);
    expect(pages.hits('/openai/api/v2/summary.json')).toBe(3);
  });

  it('a failing page keeps its last reading, marked stale, and backs off (doubling)', async () => {
    healthyEverywhere();
    const health = service();
    await health.list();
    pages.set('/openai/api/v2/summary.json', { status: 503, contentType: 'text/html', body: '<html>Service Unavailable</html>' });
    now += 61_000;
    const afterFailure = (await health.list()).find((e) => e.provider === 'openai')!;
    expect(afterFailure).toMatchObject({ indicator: 'none', stale: true, error: 'HTTP 503', fetchedAt: '2026-12-03T12:00:00.000Z' });
    expect(pages.hits('/openai/api/v2/summary.json')).toBe(2);
    // Inside the first 30 s backoff: not fetched, even when forced.
    now += 20_000;
    await health.list(true);
    expect(pages.hits('/openai/api/v2/summary.json')).toBe(2);
    now += 11_000;
    await health.list();
    expect(pages.hits('/openai/api/v2/summary.json')).toBe(3);
    // Second failure: 60 s.
    now += 45_000;
    await health.list();
    expect(pages.hits('/openai/api/v2/summary.json')).toBe(3);
    pages.set('/openai/api/v2/summary.json', { status: 200, body: statuspageSummary('openai', { statuses: { 'Chat Completions': 'major_outage' } }) });
    now += 16_000;
    const recovered = (await health.list()).find((e) => e.provider === 'openai')!;
    expect(recovered).toMatchObject({ indicator: 'major', stale: false, error: null });
  });

  it('a page that is not JSON, or unreachable, is unknown with a reason, and the others still answer', async () => {
    healthyEverywhere();
    pages.set('/deepseek/api/v2/summary.json', { status: 200, contentType: 'text/html', body: '<html>hello</html>' });
    const list = await service({ sources: sources().map((s) => (s.provider === 'xai' ? { ...s, feedUrl: 'http://127.0.0.1:1/feed.xml' } : s)) }).list();
    expect(list.find((e) => e.provider === 'deepseek')).toMatchObject({ indicator: 'unknown', stale: true, error: 'the status page did not answer with JSON' });
    expect(list.find((e) => e.provider === 'xai')).toMatchObject({ indicator: 'unknown', stale: true });
    expect(list.find((e) => e.provider === 'xai')!.error).toMatch(/^unreachable: /);
    expect(list.find((e) => e.provider === 'openai')!.indicator).toBe('none');
  });
});

// status.claude.com answering every client with CloudFront's 405 since 2026-09-17 [obs], while
// anthropic.statuspage.io serves the same page: two emulators, so the hosts differ as they do for real.
describe('Anthropic fallback page', () => {
  let mirror: StatusPageEmulator;
  beforeEach(async () => {
    mirror = await startStatusPageEmulator();
  });
  afterEach(async () => {
    await mirror.close();
  });

  const cloudFront405 = { status: 405, contentType: 'text/html', body: '<html><head><title>ERROR: The request could not be satisfied</title></head><body><h1>405 ERROR</h1>Generated by cloudfront (CloudFront)</body></html>' };
  const withFallback = () =>
    statusPageSourcesFromEnv({
      NOME_STATUS_PAGE_ANTHROPIC: `${pages.url}/anthropic/api/v2/summary.json`,
      NOME_STATUS_PAGE_ANTHROPIC_FALLBACK: `${mirror.url}/api/v2/summary.json`,
    }).filter((s) => s.provider === 'anthropic');
  const anthropic = async (health: ReturnType<typeof service>) => (await health.list(true)).find((e) => e.provider === 'anthropic')!;

  it('the default Anthropic source falls back to anthropic.statuspage.io, whose host the app may open', () => {
    const source = defaultStatusPageSources.find((s) => s.provider === 'anthropic')!;
    expect(source.fallback).toEqual({ feedUrl: 'https://anthropic.statuspage.io/api/v2/summary.json', pageUrl: 'https://anthropic.statuspage.io' });
    // A test pointing the page at an emulator never falls back to the real internet.
    expect(statusPageSourcesFromEnv({ NOME_STATUS_PAGE_ANTHROPIC: 'http://127.0.0.1:9/x.json' }).find((s) => s.provider === 'anthropic')!.fallback).toBeUndefined();
  });

  it("CloudFront's 405 from the primary: read from the fallback, which host answered said in the result", async () => {
    pages.set('/anthropic/api/v2/summary.json', cloudFront405);
    mirror.set('/api/v2/summary.json', { status: 200, body: statuspageSummary('anthropic', { statuses: { 'Claude API (api.anthropic.com)': 'partial_outage' } }) });
    const entry = await anthropic(service({ sources: withFallback() }));
    providerHealthSchema.parse(entry);
    expect(entry).toMatchObject({ indicator: 'minor', scope: 'api', stale: false, error: null, answeredBy: new URL(mirror.url).host, pageUrl: 'https://anthropic.statuspage.io' });
    expect(entry.note).toBe(`Read from ${new URL(mirror.url).host}: ${new URL(pages.url).host} answered HTTP 405`);
    expect([pages.hits('/anthropic/api/v2/summary.json'), mirror.hits('/api/v2/summary.json')]).toEqual([1, 1]);
  });

  it('a non-JSON 200 from the primary falls back too; a healthy primary is read alone and named', async () => {
    pages.set('/anthropic/api/v2/summary.json', { status: 200, contentType: 'text/html', body: '<html>Just a moment…</html>' });
    mirror.set('/api/v2/summary.json', { status: 200, body: statuspageSummary('anthropic') });
    const health = service({ sources: withFallback() });
    expect(await anthropic(health)).toMatchObject({ indicator: 'none', answeredBy: new URL(mirror.url).host, note: `Read from ${new URL(mirror.url).host}: ${new URL(pages.url).host} answered the status page did not answer with JSON` });
    pages.set('/anthropic/api/v2/summary.json', { status: 200, body: statuspageSummary('anthropic') });
    now += 61_000;
    const back = await anthropic(health);
    expect(back).toMatchObject({ answeredBy: new URL(pages.url).host, note: null, pageUrl: 'https://status.claude.com' });
    expect(mirror.hits('/api/v2/summary.json')).toBe(1);
  });

  it('both failing: unknown, with both reasons; a network failure of the primary is not a reason to try the fallback', async () => {
    pages.set('/anthropic/api/v2/summary.json', cloudFront405);
    mirror.set('/api/v2/summary.json', { status: 503, contentType: 'text/html', body: '<html>Service Unavailable</html>' });
    expect(await anthropic(service({ sources: withFallback() }))).toMatchObject({
      indicator: 'unknown',
      stale: true,
      answeredBy: null,
      error: `${new URL(pages.url).host} answered HTTP 405; ${new URL(mirror.url).host}: HTTP 503`,
    });
    const unreachable = withFallback().map((s) => ({ ...s, feedUrl: 'http://127.0.0.1:1/api/v2/summary.json' }));
    const before = mirror.hits('/api/v2/summary.json');
    const entry = await anthropic(service({ sources: unreachable }));
    expect(entry.error).toMatch(/^unreachable: /);
    expect(mirror.hits('/api/v2/summary.json')).toBe(before);
  });
});

describe('status pages change announcements', () => {
  it('any refresh that changes a reading calls onChange once with the list; a cached read calls nothing', async () => {
    healthyEverywhere();
    const calls: { provider: string; indicator: string }[][] = [];
    const health = service({ onChange: (list) => calls.push(list) });
    await health.list();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((e) => e.indicator)).toEqual(['none', 'none', 'none', 'none', 'none']);
    await health.list(); // inside the TTL: nothing fetched, nothing announced
    expect(calls).toHaveLength(1);
    pages.set('/anthropic/api/v2/summary.json', { status: 200, body: statuspageSummary('anthropic', { statuses: { 'Claude API (api.anthropic.com)': 'major_outage' } }) });
    await health.list(true);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.find((e) => e.provider === 'anthropic')!.indicator).toBe('major');
    // Two callers joining the same fetch announce it once.
    now += 61_000;
    await Promise.all([health.list(), health.refreshDue()]);
    expect(calls).toHaveLength(3);
  });
});
