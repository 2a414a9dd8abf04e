// The seats, local servers and lanes feature: scans on demand, keeps the last scan, watches the CLIs' files and
// re-probes local servers while running, and emits seats:changed / local:changed / lanes:changed only on change.
import type { LaneAvailability, LocalServer, LocalServerKind, Seat } from '../../../shared/channels/seats';
import type { EventBus } from '../events';
import type { Clock } from '../ports';
import type { Handlers } from '../router';
import type { Feature } from '../create-core';
import { builtInTargets, type LocalServerTarget } from '../local-servers/loopback';
import { scanLocalServers } from '../local-servers/scan-local-servers';
import type { HomeFiles } from '../seats/home-files';
import { buildSeat } from '../seats/seat-reader';
import { scanSeats } from '../seats/scan-seats';
import { seatSources } from '../../../shared/channels/seats';
import { computeLanes } from './compute-lanes';
import type { LaneCards, LaneSources } from './lane-sources';

export interface LanesFeatureOptions {
  readonly events: EventBus;
  readonly clock: Clock;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: typeof fetch;
  /** Absent on a host that gives core no view of the home folder: every seat then says so. */
  readonly homeFiles: HomeFiles | undefined;
  readonly sources: LaneSources;
  /** Tests point the built-in servers at emulators on random ports. */
  readonly localServerUrls?: Partial<Record<LocalServerKind, string>>;
  readonly probeTimeoutMs?: number;
  /** How often `start()` re-probes local servers; the renderer never polls. */
  readonly reprobeMs?: number;
}

type LanesHandlers = Pick<Handlers, 'seats:list' | 'local:list' | 'lanes:availability'>;

/** A scan's content without its timestamps, to tell a real change from a re-read. */
function fingerprint(items: readonly object[]): string {
  return JSON.stringify(items, (key, value: unknown) => (key === 'checkedAt' || key === 'latencyMs' || key === 'computedAt' ? undefined : value));
}

/** Wraps the port to note every path a scan touched, so `start()` watches exactly those. */
function recordingFiles(files: HomeFiles, seen: Set<string>): HomeFiles {
  return {
    ...files,
    resolve: (...segments) => files.resolve(...segments),
    read: (path, maxBytes) => (seen.add(path), files.read(path, maxBytes)),
    isDirectory: (path) => (seen.add(path), files.isDirectory(path)),
    watch: (paths, onChange) => files.watch(paths, onChange),
  };
}

export function createLanesFeature(options: LanesFeatureOptions): Feature<LanesHandlers> {
  const { events, clock, env, sources } = options;
  const timeoutMs = options.probeTimeoutMs ?? 1500;
  let seats: Seat[] | null = null;
  let servers: LocalServer[] | null = null;
  let lanes: LaneAvailability | null = null;
  let watchedPaths = new Set<string>();
  const inFlight = new Map<string, Promise<unknown>>();
  const stops: (() => void)[] = [];
  let started = false;
  let disposed = false;
  let stopWatch: (() => void) | null = null;

  /** (Re)watches what the last scan touched: a folder created since (a CLI just installed) gets watched too. */
  function armWatch(): void {
    if (!started || !options.homeFiles) return;
    stopWatch?.();
    stopWatch = options.homeFiles.watch([...watchedPaths], () => void readSeats());
  }

  /** One scan of a kind at a time: a second caller joins the first. */
  function once<T>(kind: string, run: () => Promise<T>): Promise<T> {
    const running = inFlight.get(kind) as Promise<T> | undefined;
    if (running) return running;
    const promise = run().finally(() => inFlight.delete(kind));
    inFlight.set(kind, promise);
    return promise;
  }

  const readSeats = () =>
    once('seats', async () => {
      const now = () => clock.now();
      if (!options.homeFiles) {
        return seatSources.map((source) =>
          buildSeat(source, null, { now }, { status: 'unreadable', files: [], detail: 'This host does not let NOME read the home folder' }),
        );
      }
      const seen = new Set<string>();
      const next = await scanSeats({ files: recordingFiles(options.homeFiles, seen), env, now });
      watchedPaths = seen;
      const changed = seats !== null && fingerprint(seats) !== fingerprint(next);
      seats = next;
      armWatch();
      if (changed && !disposed) {
        events.emit('seats:changed', next);
        void refreshLanes();
      }
      return next;
    });

  /** The user's own endpoints as last probed, to tell when a key change adds, moves or removes one. */
  let probedEndpoints: string | null = null;
  const readCards = (): Promise<LaneCards> => sources.cards().catch(() => ({ keys: [], endpoints: [] }));

  /** `endpoints` when the caller has just read the cards; else they are read here. */
  const probeServers = (endpoints?: readonly LocalServerTarget[]) =>
    once('local', async () => {
      endpoints ??= (await readCards()).endpoints;
      probedEndpoints = JSON.stringify(endpoints);
      const targets = [...builtInTargets(env, options.localServerUrls), ...endpoints];
      const next = await scanLocalServers(targets, { fetch: options.fetch, now: () => clock.now(), timeoutMs });
      const changed = servers !== null && fingerprint(servers) !== fingerprint(next);
      servers = next;
      if (changed && !disposed) {
        events.emit('local:changed', next);
        void refreshLanes();
      }
      return next;
    });

  /** `keys` when the caller has just read the cards; else they are read here. */
  async function computeNow(keys?: LaneCards['keys']): Promise<LaneAvailability> {
    const [cards, creditsAvailable] = await Promise.all([keys ? null : readCards(), sources.creditsAvailable().catch(() => null)]);
    keys ??= cards!.keys;
    return computeLanes({ seats: seats ?? (await readSeats()), servers: servers ?? (await probeServers()), keys, creditsAvailable, now: clock.now() });
  }

  async function refreshLanes(keys?: LaneCards['keys']): Promise<LaneAvailability> {
    const next = await computeNow(keys);
    const changed = lanes !== null && fingerprint(lanes.families) !== fingerprint(next.families);
    lanes = next;
    if (changed && !disposed) events.emit('lanes:changed', next);
    return next;
  }

  return {
    handlers: {
      'seats:list': async (input) => (input?.refresh || seats === null ? readSeats() : seats),
      'local:list': async (input) => (input?.refresh || servers === null ? probeServers() : servers),
      'lanes:availability': async (input) => {
        if (input?.refresh) await Promise.all([readSeats(), probeServers()]);
        return refreshLanes();
      },
    },
    start() {
      started = true;
      void readSeats();
      stops.push(() => {
        started = false;
        stopWatch?.();
        stopWatch = null;
      });
      void probeServers();
      const timer = setInterval(() => void probeServers(), options.reprobeMs ?? 30_000);
      timer.unref?.();
      stops.push(() => clearInterval(timer));
      // Keys and credits feed the BYOK and credits lanes: recompute when their features say they changed.
      stops.push(
        events.subscribe((event) => {
          const name: string = event;
          if (name === 'credits:changed') void refreshLanes();
          // A key saved, edited or removed may be one of the user's loopback endpoints: probe at once when the
          // list of them changed (the panel shows it now, not at the next re-probe), else only recompute lanes.
          if (name === 'keys:changed') {
            // One read of the cards serves both: the endpoints to compare, the keys for the lanes.
            void readCards().then(async ({ keys, endpoints }) => {
              if (servers === null || JSON.stringify(endpoints) === probedEndpoints) return refreshLanes(keys);
              // A probe already running read the old list: let it end, then probe with the new one.
              await inFlight.get('local')?.catch(() => undefined);
              return probeServers(endpoints);
            });
          }
        }),
      );
    },
    dispose() {
      // Probes in flight end on their own deadline; nothing they find is announced any more.
      disposed = true;
      for (const stop of stops.splice(0)) stop();
    },
  };
}
