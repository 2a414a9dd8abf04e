// Where the app status learns about keys, provider health and credits: through the router, so the status
// depends on the contract (keys:list, credits:summary, the status-pages channel), not on other features'
// insides. A channel this build does not have yet contributes nothing.
import { isChannelName } from '../../../shared/contract';
import type { WireResult } from '../../../shared/errors';
import { providerIdSchema } from '../../../shared/providers';
import { keyStateSchema } from '../../../shared/vocabulary';
import type { CreditStanding, HealthLevel, ProviderHealth, StatusKey } from './compute-app-status';
import type { StatusSources } from './status-feature';

type Invoke = (channel: string, input: unknown) => Promise<WireResult>;

/** Provider platform health (issue 4). Change the name here if the checks feature names it otherwise. */
export const healthChannel = 'status-pages:list';
export const healthChangedEvent = 'status-pages:changed';

/** Events after which the status may differ. */
export const statusTriggers = ['keys:changed', 'checks:state-changed', 'credits:changed', healthChangedEvent] as const;

/** Statuspage indicators and component statuses, incident.io's compatible feed, and plain words (facts §8). */
export function toHealthLevel(value: unknown): HealthLevel {
  switch (typeof value === 'string' ? value.toLowerCase() : '') {
    case 'operational':
    case 'none':
    case 'ok':
      return 'operational';
    case 'minor':
    case 'degraded':
    case 'degraded_performance':
    case 'partial_outage':
      return 'degraded';
    case 'maintenance':
    case 'under_maintenance':
      return 'maintenance';
    case 'major':
    case 'critical':
    case 'major_outage':
    case 'outage':
      return 'outage';
    default:
      return 'unknown';
  }
}

async function invokeIfPresent(invoke: Invoke, channel: string): Promise<WireResult | null> {
  if (!isChannelName(channel)) return null;
  return invoke(channel, undefined);
}

export function routerStatusSources(invoke: Invoke): StatusSources {
  return {
    async readKeys() {
      const result = await invokeIfPresent(invoke, 'keys:list');
      if (result === null) return [];
      // A vault that cannot be read must not look like "no keys": the caller keeps the last status.
      if (!result.ok) throw new Error(`keys:list failed: ${result.error.message}`);
      if (!Array.isArray(result.value)) return [];
      return result.value.flatMap((card: unknown): StatusKey[] => {
        const c = card as { id?: unknown; provider?: unknown; label?: unknown; state?: unknown } | null;
        const provider = providerIdSchema.safeParse(c?.provider);
        const state = keyStateSchema.safeParse(c?.state);
        if (!provider.success || !state.success || typeof c?.id !== 'string') return [];
        return [{ id: c.id, provider: provider.data, label: typeof c.label === 'string' ? c.label : '', state: state.data }];
      });
    },
    async readHealth() {
      const result = await invokeIfPresent(invoke, healthChannel);
      if (!result?.ok) return [];
      const value = result.value as unknown;
      const entries: unknown[] = Array.isArray(value) ? value : Array.isArray((value as { providers?: unknown })?.providers) ? (value as { providers: unknown[] }).providers : [];
      return entries.flatMap((entry): ProviderHealth[] => {
        const e = entry as { provider?: unknown; level?: unknown; indicator?: unknown; status?: unknown } | null;
        const provider = providerIdSchema.safeParse(e?.provider);
        return provider.success ? [{ provider: provider.data, level: toHealthLevel(e?.level ?? e?.indicator ?? e?.status) }] : [];
      });
    },
    async readCredits() {
      const result = await invokeIfPresent(invoke, 'credits:summary');
      if (!result?.ok) return null;
      const summary = result.value as { available?: unknown; runwayDays?: unknown; lowBalance?: { state?: unknown } } | null;
      const state = summary?.lowBalance?.state;
      // `unused`: the user does not use NOME Credits (no plan, no balance), so there is nothing to warn about.
      if (typeof summary?.available !== 'number' || state === 'unused') return null;
      return {
        available: summary.available,
        low: state === 'low' || state === 'empty',
        runwayDays: typeof summary.runwayDays === 'number' ? summary.runwayDays : null,
      } satisfies CreditStanding;
    },
  };
}
