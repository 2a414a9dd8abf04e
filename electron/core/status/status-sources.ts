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

/** How long the status waits for status pages before going on without them. A page that is due may be
 *  fetched inside `status-pages:list`; when it answers, `status-pages:changed` brings the status up to date. */
export const healthWaitMs = 1500;

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

function withinDeadline<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function routerStatusSources(invoke: Invoke, options: { healthWaitMs?: number } = {}): StatusSources {
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
      const result = await withinDeadline(invokeIfPresent(invoke, healthChannel), options.healthWaitMs ?? healthWaitMs, null);
      if (!result?.ok) return [];
      const value = result.value as unknown;
      const entries: unknown[] = Array.isArray(value) ? value : Array.isArray((value as { providers?: unknown })?.providers) ? (value as { providers: unknown[] }).providers : [];
      // `indicator` is the health of what API keys use (the API components); the page-wide one, which a
      // claude.ai or ChatGPT outage moves, is `page.indicator` and is deliberately not read here.
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
