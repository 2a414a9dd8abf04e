// The status feature: `app:status`, the preferences channels, and a watcher that recomputes the status
// whenever one of its sources announces a change, emits `app:status-changed` when it differs, and feeds
// the failure notifications.
import type { StatusReport } from '../../../shared/channels/status';
import type { EventBus } from '../events';
import type { Timers } from '../ports';
import type { Handlers } from '../router';
import type { Scrubber } from '../scrub/scrubber';
import { createFailureNotifications } from '../notifications/failure-notifications';
import { computeAppStatus, type CreditStanding, type ProviderHealth, type StatusInputs, type StatusKey } from './compute-app-status';
import { readStatusPreferences, writeStatusPreferences, type PreferencesStore } from './status-preferences';

/** Where the inputs come from; create-core adapts the vault, the status pages and the credit summary. */
export interface StatusSources {
  readKeys(): Promise<readonly StatusKey[]>;
  readHealth(): Promise<readonly ProviderHealth[]>;
  /** null when there is no credit account to read. */
  readCredits(): Promise<CreditStanding | null>;
}

export const noStatusSources: StatusSources = {
  readKeys: async () => [],
  readHealth: async () => [],
  readCredits: async () => null,
};

export interface StatusFeatureDeps {
  readonly events: EventBus;
  readonly scrubber: Scrubber;
  readonly preferences: PreferencesStore;
  readonly sources: StatusSources;
  /** Events after which the inputs may differ (e.g. `keys:changed`); names of other features' events. */
  readonly triggers: readonly string[];
  /** Drive the window in which key failures that begin together share one notification. */
  readonly timers: Timers;
}

export interface StatusFeature {
  readonly handlers: Pick<Handlers, 'app:status' | 'app:preferences' | 'app:set-preferences'>;
  start(): void;
  dispose(): void;
  /** Recomputes now; concurrent calls coalesce into one more pass. */
  refresh(): Promise<void>;
}

/** Health and credits are extras: a status page or ledger that fails leaves the key picture intact. */
async function readInputs(sources: StatusSources): Promise<StatusInputs> {
  const [keys, health, credits] = await Promise.all([
    sources.readKeys(),
    sources.readHealth().catch(() => []),
    sources.readCredits().catch(() => null),
  ]);
  return { keys, health, credits };
}

function scrubReport(report: StatusReport, scrubber: Scrubber): StatusReport {
  return {
    ...report,
    tooltip: scrubber.scrub(report.tooltip),
    headline: scrubber.scrub(report.headline),
    lines: report.lines.map((line) => scrubber.scrub(line)),
    providers: report.providers.map((entry) => ({ ...entry, line: scrubber.scrub(entry.line) })),
  };
}

export function createStatusFeature(deps: StatusFeatureDeps): StatusFeature {
  const notifications = createFailureNotifications(deps);
  const triggers = new Set(deps.triggers);
  let last: string | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let unsubscribe: (() => void) | null = null;

  const compute = async () => {
    const inputs = await readInputs(deps.sources);
    return { inputs, report: scrubReport(computeAppStatus(inputs), deps.scrubber) };
  };

  const recomputeOnce = async () => {
    const { inputs, report } = await compute();
    notifications.observe({ keys: inputs.keys, credits: inputs.credits });
    const serialized = JSON.stringify(report);
    if (serialized === last) return;
    last = serialized;
    deps.events.emit('app:status-changed', report);
  };

  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await recomputeOnce();
        } catch {
          // A source that cannot be read now keeps the last status; the next change tries again.
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    handlers: {
      'app:status': async () => (await compute()).report,
      'app:preferences': () => readStatusPreferences(deps.preferences),
      'app:set-preferences': (patch) => {
        const next = writeStatusPreferences(deps.preferences, patch);
        deps.events.emit('app:preferences-changed', next);
        return next;
      },
    },
    start() {
      unsubscribe ??= deps.events.subscribe((event) => {
        if (triggers.has(event)) void refresh();
      });
      void refresh();
    },
    dispose() {
      unsubscribe?.();
      unsubscribe = null;
      notifications.dispose();
    },
    refresh,
  };
}
