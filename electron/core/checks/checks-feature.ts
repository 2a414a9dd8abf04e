// The checks feature: the key check service behind the scheduler, `checks:schedule`, and the
// `checks:state-changed` event. The vault hands its keys:add / keys:check to `scheduler.service`.
import type { CheckScheduleInfo } from '../../../shared/channels/checks';
import type { Feature, FeatureContext } from '../create-core';
import type { Handlers } from '../router';
import type { PreferencesStore } from '../status/status-preferences';
import { createCheckScheduler, defaultCheckIntervalMs, type CheckScheduler, type CheckTargetSource } from './check-scheduler';
import { createKeyCheckService, type CheckService } from './create-key-check-service';
import { compatiblePresets } from './providers/openai-compatible-presets';

export type ChecksHandlers = Pick<Handlers, 'checks:schedule' | 'checks:presets'>;

export interface ChecksFeature extends Feature<ChecksHandlers> {
  readonly service: CheckService;
  readonly scheduler: CheckScheduler;
}

export interface ChecksFeatureOptions {
  /** The vault (its VaultAccess); late-bound because the vault is built with `scheduler.service`. */
  readonly source: () => CheckTargetSource | null;
  readonly intervalMs?: number;
  readonly perHostLimit?: number;
  /** Where a changed interval persists (electron-store or conf); without it the change lasts this run. */
  readonly preferences?: PreferencesStore | undefined;
}

export const intervalPreferenceKey = 'checks.intervalMinutes';

function intervalFromPreferences(preferences: PreferencesStore | undefined): number | undefined {
  const minutes = preferences?.get(intervalPreferenceKey);
  return typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440 ? minutes * 60_000 : undefined;
}

/** `NOME_CHECK_INTERVAL_MINUTES` overrides the saved interval and the 15-minute default (tests, kiosks). */
function intervalFromEnv(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const minutes = Number(env.NOME_CHECK_INTERVAL_MINUTES);
  return Number.isFinite(minutes) && minutes >= 1 && minutes <= 1440 ? minutes * 60_000 : undefined;
}

export function createChecksFeature(context: FeatureContext, options: ChecksFeatureOptions): ChecksFeature {
  const { ports, events, scrubber } = context;
  const service = createKeyCheckService({ fetch: ports.fetch, clock: ports.clock, scrubber, env: ports.env });
  const scheduler = createCheckScheduler({
    service,
    clock: ports.clock,
    source: options.source,
    intervalMs: options.intervalMs ?? intervalFromEnv(ports.env) ?? intervalFromPreferences(options.preferences) ?? defaultCheckIntervalMs,
    perHostLimit: options.perHostLimit ?? 8,
    systemEvents: ports.systemEvents,
    onStateChange(result, previous) {
      if (result.id !== null) events.emit('checks:state-changed', { id: result.id, provider: result.provider, previous, result });
    },
  });

  const describe = (): CheckScheduleInfo => {
    const schedule = scheduler.schedule();
    return { intervalMinutes: schedule.intervalMs / 60_000, nextRunAt: schedule.nextRunAt, lastRunAt: schedule.lastRunAt, lastTrigger: schedule.lastTrigger };
  };

  return {
    service,
    scheduler,
    handlers: {
      'checks:presets': () => Object.values(compatiblePresets).map(({ id, displayName, apiRoot, keyOptional }) => ({ id, displayName, apiRoot, keyOptional })),
      'checks:schedule': (input) => {
        if (input?.intervalMinutes !== undefined) {
          scheduler.setIntervalMs(input.intervalMinutes * 60_000);
          options.preferences?.set(intervalPreferenceKey, input.intervalMinutes);
        }
        return describe();
      },
    },
    start: () => scheduler.start(),
    dispose: () => scheduler.dispose(),
  };
}
