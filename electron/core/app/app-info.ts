// `app:info`: the host, its data dir and how secrets are stored, plus any damaged files set aside.
import type { AppInfo, StoreIncident } from '../../../shared/channels/app';
import type { EventBus } from '../events';
import type { CorePorts } from '../ports';
import type { PreferencesStore } from '../status/status-preferences';
import { findSetAsideFiles } from './set-aside-files';

const dismissedKey = 'app.dismissedIncidents';

/** The set-aside files the user has read and dismissed (the files themselves are never deleted). */
export function readDismissedIncidents(preferences: PreferencesStore): string[] {
  const value = preferences.get(dismissedKey);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function dismissIncident(preferences: PreferencesStore, setAsideAs: string): void {
  const dismissed = readDismissedIncidents(preferences);
  if (!dismissed.includes(setAsideAs)) preferences.set(dismissedKey, [...dismissed, setAsideAs]);
}

export interface IncidentLog {
  record(incident: StoreIncident): void;
  list(): StoreIncident[];
  /** Adds a source of incidents that last as long as their cause (records a store keeps but cannot read);
   *  it is asked afresh for every `app:info`, so a fresh process reports them before anything else read. */
  addStanding(read: () => Promise<readonly StoreIncident[]>): void;
  /** What the standing sources report now (a source that fails reports nothing). */
  standing(): Promise<StoreIncident[]>;
  /** Re-sends `app:info` to listeners: after an incident, or a storage change such as consent. */
  announce(): void;
}

export function createIncidentLog(onChange: () => void): IncidentLog {
  const incidents: StoreIncident[] = [];
  const sources: Array<() => Promise<readonly StoreIncident[]>> = [];
  // Deferred: an incident can be recorded while core is still being built (a damaged preferences file).
  const announce = () => queueMicrotask(onChange);
  return {
    record(incident) {
      incidents.push(incident);
      announce();
    },
    list: () => [...incidents],
    addStanding(read) {
      sources.push(read);
    },
    async standing() {
      const found = await Promise.all(sources.map((read) => read().catch(() => [])));
      return found.flat();
    },
    announce,
  };
}

/** Set-aside files found in the data dir, plus any this host recorded elsewhere, plus standing ones (key
 *  records kept unread), minus the dismissed ones. */
async function currentIncidents(ports: CorePorts, incidents: IncidentLog, preferences: PreferencesStore): Promise<StoreIncident[]> {
  // First: reading the stores for standing incidents may set a damaged one aside, which the listing then finds.
  const standing = await incidents.standing();
  // A data dir that cannot be listed still has an app:info; the incidents this host saw itself remain.
  const onDisk = ports.files ? await findSetAsideFiles(ports.files).catch(() => []) : [];
  const found = new Set(onDisk.map((incident) => incident.setAsideAs));
  const dismissed = new Set(readDismissedIncidents(preferences));
  return [...onDisk, ...incidents.list().filter((incident) => !found.has(incident.setAsideAs)), ...standing].filter((incident) => !dismissed.has(incident.setAsideAs));
}

export async function readAppInfo(ports: CorePorts, incidents: IncidentLog, preferences: PreferencesStore): Promise<AppInfo> {
  return {
    name: 'NOME Settings',
    version: ports.host.version,
    host: ports.host.kind,
    dataDir: ports.host.dataDir,
    storage: await ports.cipher.describe(),
    incidents: await currentIncidents(ports, incidents, preferences),
    demo: ports.host.demo,
  };
}

export function announceAppInfo(ports: CorePorts, incidents: IncidentLog, preferences: PreferencesStore, events: EventBus): void {
  void readAppInfo(ports, incidents, preferences).then((info) => events.emit('app:info-changed', info));
}
