// Provider platform health from the providers' public status pages, shown apart from key state:
// a key can be `ok` while its provider has a partial outage (DESIGN.md "Key states"; facts §8).
import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel';
import { providerIdSchema } from '../providers';

/** Statuspage's blended indicator, plus `maintenance` and `unknown` (never fetched, or unreadable). */
export const healthIndicatorSchema = z.enum(['none', 'minor', 'major', 'critical', 'maintenance', 'unknown']);
export type HealthIndicator = z.infer<typeof healthIndicatorSchema>;

export const healthIncidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Statuspage `impact`, Google `severity`; null when the feed has none. */
  impact: z.string().nullable(),
  /** e.g. investigating, identified, monitoring. */
  status: z.string().nullable(),
  startedAt: z.string().nullable(),
  url: z.string().nullable(),
  /** The names of the components the incident lists; empty when the feed does not say (incident.io's
   *  Statuspage-compatible feed leaves them out, facts §8), so its reach is unknown. */
  components: z.array(z.string()),
});
export type HealthIncident = z.infer<typeof healthIncidentSchema>;

/** One status page component that API keys depend on (Statuspage `components[]`), e.g. "Claude API". */
export const healthComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** As the page gives it: operational, degraded_performance, partial_outage, major_outage, under_maintenance. */
  status: z.string(),
  indicator: healthIndicatorSchema,
});
export type HealthComponent = z.infer<typeof healthComponentSchema>;

/** What `indicator` describes. `api`: the components (or, for Google Cloud, the product) that API keys use.
 *  `page`: the whole page, because the feed has no components (xAI's RSS) or the API component was missing
 *  from the summary (then `note` says so). */
export const healthScopeSchema = z.enum(['api', 'page']);
export type HealthScope = z.infer<typeof healthScopeSchema>;

export const providerHealthSchema = z.object({
  provider: providerIdSchema,
  name: z.string(),
  /** The human page to open. */
  pageUrl: z.string(),
  /** The health that matters for API keys: the API component(s) when the page lists them (see `scope`). */
  indicator: healthIndicatorSchema,
  description: z.string(),
  scope: healthScopeSchema,
  /** The API components found in the summary, with their own status; empty when `scope` is `page`. */
  api: z.array(healthComponentSchema),
  /** The page-wide indicator, kept as secondary information: a claude.ai outage shows here, not in
   *  `indicator`. Null before the first reading, and for Google Cloud, whose page covers every product. */
  page: z.object({ indicator: healthIndicatorSchema, description: z.string() }).nullable(),
  /** Active incidents that affect the API, or whose reach the feed does not say. */
  incidents: z.array(healthIncidentSchema),
  /** Active incidents that list components, none of them an API one (e.g. claude.ai only). */
  otherIncidents: z.array(healthIncidentSchema),
  /** Why `indicator` is less precise than it looks, e.g. the API component was missing from the summary. */
  note: z.string().nullable(),
  /** The host that answered the shown reading (e.g. `status.claude.com`, or `anthropic.statuspage.io` when the
   *  first refused and its fallback answered; `note` then says why); null before the first reading. */
  answeredBy: z.string().nullable(),
  /** When the shown data was fetched; null before the first success. */
  fetchedAt: z.string().nullable(),
  /** True when the last attempt failed and older data (or none) is shown. */
  stale: z.boolean(),
  /** Why the last attempt failed, one scrubbed line. */
  error: z.string().nullable(),
  nextRefreshAt: z.string().nullable(),
});
export type ProviderHealth = z.infer<typeof providerHealthSchema>;

export const statusPagesChannels = {
  'status-pages:list': defineChannel({
    summary: "Provider platform health from their status pages (cached; `refresh` fetches what is due now)",
    input: z.object({ refresh: z.boolean().default(false) }).optional(),
    output: z.array(providerHealthSchema),
  }),
};

export const statusPagesEvents = {
  // Emitted by core after any refresh (the background timer, or a `status-pages:list` that fetched) that changed
  // a reading, its error, or its age; the payload is the whole list, as `status-pages:list` gives it.
  'status-pages:changed': defineEvent({ summary: 'A provider status page reading changed (new data, error or age)', payload: z.array(providerHealthSchema) }),
};
