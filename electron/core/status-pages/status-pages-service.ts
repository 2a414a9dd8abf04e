// Fetches and caches provider status pages. Fresh answers are kept for a TTL; failures back off
// (doubling, capped) and keep showing the last good reading marked stale. Never touches key state.
import type { ProviderHealth } from '../../../shared/channels/status-pages';
import { createCheckHttp } from '../checks/check-http';
import type { Clock } from '../ports';
import type { Scrubber } from '../scrub/scrubber';
import { parseStatusPage, UnreadablePage, type PageReading } from './parse-status-page';
import type { StatusPageSource } from './status-page-sources';

export interface StatusPagesDeps {
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  readonly scrubber: Scrubber;
  readonly sources: readonly StatusPageSource[];
  /** How long a good reading is reused (default 5 min). */
  readonly ttlMs?: number;
  /** First wait after a failure; doubles per failure up to maxBackoffMs (defaults 1 min, 1 h). */
  readonly backoffBaseMs?: number;
  readonly maxBackoffMs?: number;
  readonly deadlineMs?: number;
  /** Body cap per page (default 2 MiB); past it a page fails, except Google's history, which is cut. */
  readonly maxBytes?: number;
  /** Called once after a refresh that changed what `list` shows (see `seen`), with the new list. */
  readonly onChange?: (list: ProviderHealth[]) => void;
}

export interface StatusPages {
  /** Every source's health; fetches the ones that are due (`force`: also fresh ones not backing off). */
  list(force?: boolean): Promise<ProviderHealth[]>;
  /** Fetches only what is due; true when any reading changed. */
  refreshDue(): Promise<boolean>;
}

interface Entry {
  reading: PageReading | null;
  fetchedAt: number | null;
  error: string | null;
  failures: number;
  nextRefreshAt: number;
  inFlight: Promise<void> | null;
  /** Set when the reading came from the source's fallback: why the primary was passed over. */
  via: { primary: string } | null;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function createStatusPages(deps: StatusPagesDeps): StatusPages {
  const http = createCheckHttp(deps.fetch);
  const ttlMs = deps.ttlMs ?? 5 * 60_000;
  const backoffBaseMs = deps.backoffBaseMs ?? 60_000;
  const maxBackoffMs = deps.maxBackoffMs ?? 60 * 60_000;
  const entries = new Map<StatusPageSource, Entry>(deps.sources.map((source) => [source, { reading: null, fetchedAt: null, error: null, failures: 0, nextRefreshAt: 0, inFlight: null, via: null }]));

  /** One address read and parsed; an UnreadablePage says why, and whether another address may do better. */
  async function read(source: StatusPageSource, url: string): Promise<PageReading> {
    const outcome = await http.send(
      { method: 'GET', url, headers: { accept: 'application/json, application/rss+xml, application/xml;q=0.9, */*;q=0.5' } },
      // Statuspage summaries list every component; give them twice a key check's body cap. Google's
      // incidents.json is its whole history (megabytes), newest first: its first 2 MiB hold the open incidents.
      { deadlineMs: deps.deadlineMs ?? 10_000, maxBytes: deps.maxBytes ?? 2 * 1024 * 1024, overflow: source.format === 'gcloud-incidents' ? 'truncate' : 'fail' },
    );
    if (outcome.kind === 'failure') throw new UnreadablePage(`${outcome.state}: ${outcome.reason}`, { pageAnswered: (outcome.httpStatus ?? 0) >= 400 });
    // A 4xx/5xx is the page's host refusing (CloudFront's 405); a 1xx/3xx is odd but not that.
    if (outcome.status !== 200) throw new UnreadablePage(`HTTP ${outcome.status}`, { pageAnswered: outcome.status >= 400 });
    try {
      return parseStatusPage(source, outcome.body, deps.clock.now(), outcome.truncated ?? false);
    } catch (error) {
      if (error instanceof UnreadablePage) throw new UnreadablePage(error.message, { pageAnswered: true });
      throw error;
    }
  }

  async function fetchOne(source: StatusPageSource, entry: Entry): Promise<void> {
    try {
      try {
        entry.reading = await read(source, source.feedUrl);
        entry.via = null;
      } catch (error) {
        const fallback = source.fallback;
        if (!fallback || !(error instanceof UnreadablePage) || !error.pageAnswered) throw error;
        const primary = `${hostOf(source.feedUrl)} answered ${error.message}`;
        try {
          entry.reading = await read(source, fallback.feedUrl);
          entry.via = { primary };
        } catch (second) {
          throw new UnreadablePage(`${primary}; ${hostOf(fallback.feedUrl)}: ${second instanceof Error ? second.message : String(second)}`);
        }
      }
      const now = deps.clock.now();
      entry.fetchedAt = now;
      entry.error = null;
      entry.failures = 0;
      entry.nextRefreshAt = now + ttlMs;
    } catch (error) {
      const now = deps.clock.now();
      entry.failures += 1;
      entry.error = deps.scrubber.scrub(error instanceof Error ? error.message : String(error)).slice(0, 200);
      entry.nextRefreshAt = now + Math.min(maxBackoffMs, backoffBaseMs * 2 ** (entry.failures - 1));
    }
  }

  function refresh(source: StatusPageSource, entry: Entry): Promise<void> {
    entry.inFlight ??= fetchOne(source, entry).finally(() => {
      entry.inFlight = null;
    });
    return entry.inFlight;
  }

  function view(source: StatusPageSource, entry: Entry): ProviderHealth {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const fallback = entry.reading && entry.via ? source.fallback : undefined;
    const readFrom = fallback ? `Read from ${hostOf(fallback.feedUrl)}: ${entry.via!.primary}` : null;
    return {
      provider: source.provider,
      name: source.name,
      // The page whose data is shown: a host refusing every client would not open in a browser either.
      pageUrl: fallback?.pageUrl ?? source.pageUrl,
      indicator: entry.reading?.indicator ?? 'unknown',
      description: entry.reading?.description ?? (entry.error ? 'Status page could not be read' : 'Not checked yet'),
      // Before any reading: what the reading will describe when it comes.
      scope: entry.reading?.scope ?? (source.format === 'rss' || (source.format === 'statuspage' && !source.apiComponents?.length) ? 'page' : 'api'),
      api: entry.reading?.api ?? [],
      page: entry.reading?.page ?? null,
      incidents: entry.reading?.incidents ?? [],
      otherIncidents: entry.reading?.otherIncidents ?? [],
      note: [entry.reading?.note, readFrom].filter(Boolean).join('. ') || null,
      answeredBy: entry.reading ? hostOf(fallback ? fallback.feedUrl : source.feedUrl) : null,
      fetchedAt: iso(entry.fetchedAt),
      stale: entry.error !== null,
      error: entry.error,
      nextRefreshAt: iso(entry.nextRefreshAt || null),
    };
  }

  const views = () => [...entries].map(([source, entry]) => view(source, entry));
  /** What a reader sees change: the reading, its source, the error, and its age (a page read again). */
  const seen = () => JSON.stringify([...entries.values()].map((entry) => [entry.reading, entry.via, entry.error, entry.fetchedAt]));
  let announced = seen();

  async function refreshWhere(due: (entry: Entry, now: number) => boolean): Promise<boolean> {
    const now = deps.clock.now();
    const dueEntries = [...entries].filter(([, entry]) => due(entry, now));
    // A cached read (every app status refresh makes one) fetched nothing: nothing to compare or announce.
    if (dueEntries.length === 0) return false;
    const before = JSON.stringify([...entries.values()].map((entry) => [entry.reading, entry.error]));
    await Promise.all(dueEntries.map(([source, entry]) => refresh(source, entry)));
    // Whoever asked (the timer, a window's read, the app status), every listener hears of it once.
    const current = seen();
    if (current !== announced) {
      announced = current;
      deps.onChange?.(views());
    }
    return JSON.stringify([...entries.values()].map((entry) => [entry.reading, entry.error])) !== before;
  }

  return {
    async list(force = false) {
      // Forcing skips the TTL, never a failure's backoff: a failing page is not hammered.
      await refreshWhere((entry, now) => entry.nextRefreshAt <= now || (force && entry.failures === 0));
      return views();
    },
    refreshDue: () => refreshWhere((entry, now) => entry.nextRefreshAt <= now),
  };
}
