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
});
export type HealthIncident = z.infer<typeof healthIncidentSchema>;

export const providerHealthSchema = z.object({
  provider: providerIdSchema,
  name: z.string(),
  /** The human page to open. */
  pageUrl: z.string(),
  indicator: healthIndicatorSchema,
  description: z.string(),
  incidents: z.array(healthIncidentSchema),
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
  'status-pages:changed': defineEvent({ summary: 'A provider status page changed', payload: z.array(providerHealthSchema) }),
};
