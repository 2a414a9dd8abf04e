// createCore(ports): one handler per contract channel, the shared router, and the event bus.
// Each feature contributes `{ handlers, start?, dispose? }`; this file only composes them.
import { createEventBus, type EventBus } from './events';
import { announceAppInfo, createIncidentLog, dismissIncident, readAppInfo, type IncidentLog } from './app/app-info';
import { systemTimers, type CorePorts } from './ports';
import { createRouter, type Handlers, type Router } from './router';
import { createScrubber, type Scrubber } from './scrub/scrubber';
import { createStatusFeature } from './status/status-feature';
import { routerStatusSources, statusTriggers } from './status/status-sources';
import { createLanesFeature } from './lanes/lanes-feature';
import { routerLaneSources } from './lanes/lane-sources';
import { createMemoryPreferences, type PreferencesStore } from './status/status-preferences';
import { createKeyVault } from './vault/key-vault';
import { createChecksFeature } from './checks/checks-feature';
import { createStatusPagesFeature } from './status-pages/status-pages-feature';
import { createMemoryKeyStore, type KeyStore } from './vault/key-store';
import { createCreditsFeature } from './credits/credits-feature';
import { routerProviderFigures } from './credits/key-card-figures';
import { routerMarkKeysUsed } from './credits/key-use';

/** What every feature is built from. */
export interface FeatureContext {
  readonly ports: CorePorts;
  readonly events: EventBus;
  readonly scrubber: Scrubber;
  readonly incidents: IncidentLog;
}

export interface Feature<H extends Partial<Handlers>> {
  readonly handlers: H;
  /** Background work (schedulers, watchers); not run by one-shot CLI commands. */
  start?(): void;
  dispose?(): Promise<void> | void;
}

export interface Core {
  readonly router: Router;
  readonly events: EventBus;
  readonly scrubber: Scrubber;
  readonly handlers: Handlers;
  start(): void;
  dispose(): Promise<void>;
}

export interface CoreOptions {
  /** Validate outputs against the contract; on in tests and dev. */
  readonly checkOutput?: boolean;
  readonly onInternalError?: (channel: string, message: string) => void;
  /** Where small preferences persist (electron-store or conf); memory when the host gives none. A function
   *  is handed core's incident log, so a damaged preferences file the host set aside shows in `app:info`. */
  readonly preferences?: PreferencesStore | ((incidents: IncidentLog) => PreferencesStore);
  /** The key vault's store (conf in Node hosts, electron-store in Electron); memory when the host gives none. */
  readonly keyStore?: KeyStore;
  /** Reads the file GOOGLE_APPLICATION_CREDENTIALS names, to import it into the vault. */
  readonly readCredentialFile?: (path: string) => Promise<string>;
}

export function createCore(ports: CorePorts, options: CoreOptions = {}): Core {
  const events = createEventBus();
  const scrubber = createScrubber();
  const incidents: IncidentLog = createIncidentLog(() => announceAppInfo(ports, incidents, preferences, events));
  const context: FeatureContext = { ports, events, scrubber, incidents };
  const preferences = typeof options.preferences === 'function' ? options.preferences(incidents) : (options.preferences ?? createMemoryPreferences());

  const app: Feature<Pick<Handlers, 'app:info' | 'app:dismiss-incident'>> = {
    handlers: {
      'app:info': () => readAppInfo(ports, incidents, preferences),
      async 'app:dismiss-incident'({ setAsideAs }) {
        dismissIncident(preferences, setAsideAs);
        const info = await readAppInfo(ports, incidents, preferences);
        events.emit('app:info-changed', info);
        return info;
      },
    },
  };
  // The app status reads keys, provider health and credits through the router, and recomputes on their events.
  const status = createStatusFeature({
    events,
    scrubber,
    preferences,
    sources: routerStatusSources((channel, input) => router.invoke(channel, input)),
    triggers: statusTriggers,
    timers: ports.timers ?? systemTimers,
  });
  // Seats, local servers and lanes read keys and credits through the router, so they need no vault wiring.
  const lanes = createLanesFeature({
    events,
    clock: ports.clock,
    env: ports.env,
    fetch: ports.fetch,
    homeFiles: ports.homeFiles,
    sources: routerLaneSources((channel, input) => router.invoke(channel, input)),
    ...(ports.localServerUrls ? { localServerUrls: ports.localServerUrls } : {}),
  });
  // The vault; `vault` is also the VaultAccess (checkTargets, recordCheck) a check scheduler uses.
  // Checks: the vault's keys:add and keys:check go through the scheduler (joined per key, host-limited,
  // backed off); the scheduler reads the vault late, since the vault is built with its service.
  const checks = createChecksFeature(context, { source: () => vault, preferences });
  const statusPages = createStatusPagesFeature(context);
  const vault = createKeyVault(context, {
    store: options.keyStore ?? createMemoryKeyStore(),
    checks: checks.scheduler.service,
    readCredentialFile: options.readCredentialFile,
  });
  // Credits and receipts; provider figures come from the vault's key cards, read through the router.
  // Receipts are scrubbed with the vault's own secrets too, so the vault is opened before the first is built.
  const credits = createCreditsFeature(context, {
    providerFigures: routerProviderFigures((channel, input) => router.invoke(channel, input)),
    knownSecrets: () => vault.open(),
    // byok receipts that name their key set its lastUsedAt: one vault write a batch.
    markKeysUsed: routerMarkKeysUsed((channel, input) => router.invoke(channel, input), (uses) => vault.markUsed(uses)),
  });
  // Each feature is built from the context; list it in `features` and spread its handlers below.
  const features: Feature<Partial<Handlers>>[] = [app, status, lanes, vault, checks, statusPages, credits];
  const handlers: Handlers = { ...app.handlers, ...status.handlers, ...lanes.handlers, ...vault.handlers, ...checks.handlers, ...statusPages.handlers, ...credits.handlers };
  void context;
  const router = createRouter({
    handlers,
    scrubber,
    checkOutput: options.checkOutput ?? true,
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });

  return {
    router,
    events,
    scrubber,
    handlers,
    start() {
      for (const feature of features) feature.start?.();
    },
    async dispose() {
      await Promise.all(features.map((feature) => feature.dispose?.()));
    },
  };
}
