// `app:info`: the host, its data dir and how secrets are stored, plus any damaged files set aside.
import type { AppInfo, StoreIncident } from '../../../shared/channels/app';
import type { EventBus } from '../events';
import type { CorePorts } from '../ports';

export interface IncidentLog {
  record(incident: StoreIncident): void;
  list(): StoreIncident[];
}

export function createIncidentLog(onChange: () => void): IncidentLog {
  const incidents: StoreIncident[] = [];
  return {
    record(incident) {
      incidents.push(incident);
      onChange();
    },
    list: () => [...incidents],
  };
}

export async function readAppInfo(ports: CorePorts, incidents: IncidentLog): Promise<AppInfo> {
  return {
    name: 'NOME Settings',
    version: ports.host.version,
    host: ports.host.kind,
    dataDir: ports.host.dataDir,
    storage: await ports.cipher.describe(),
    incidents: incidents.list(),
    demo: ports.host.demo,
  };
}

export function announceAppInfo(ports: CorePorts, incidents: IncidentLog, events: EventBus): void {
  void readAppInfo(ports, incidents).then((info) => events.emit('app:info-changed', info));
}
