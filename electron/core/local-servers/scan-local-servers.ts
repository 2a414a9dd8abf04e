// Probes every local server at once: the built-in four plus the user's own loopback endpoints.
import type { LocalServer } from '../../../shared/channels/seats';
import type { LocalServerTarget } from './loopback';
import { probeServer, type ProbeOptions } from './probe-server';

export async function scanLocalServers(targets: readonly LocalServerTarget[], options: ProbeOptions): Promise<LocalServer[]> {
  return Promise.all(targets.map((target) => probeServer(target, options)));
}
