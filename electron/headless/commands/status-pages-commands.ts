// `status-pages`: provider platform health from their public status pages, apart from key state.
// Exit 0 whenever the list could be built: a failing status page is shown as unknown, never as an error.
import type { ProviderHealth } from '../../../shared/channels/status-pages';
import { exitCodes, type Command } from '../cli-command';

const words = { none: 'operational', minor: 'minor issues', major: 'major outage', critical: 'critical outage', maintenance: 'maintenance', unknown: 'unknown' } as const;

function healthLine(entry: ProviderHealth): string {
  const note = entry.stale ? ` (could not read: ${entry.error ?? 'unknown error'}${entry.fetchedAt ? `; showing ${entry.fetchedAt}` : ''})` : '';
  return `${entry.name.padEnd(34)} ${words[entry.indicator].padEnd(16)} ${entry.description}${note}`;
}

export const statusPagesCommands: Command[] = [
  {
    words: ['status-pages'],
    summary: "Providers' platform health from their status pages (separate from whether your keys work)",
    async run(context) {
      const list = await context.call<ProviderHealth[]>('status-pages:list', { refresh: true });
      if (context.json) {
        context.printJson(list);
        return exitCodes.ok;
      }
      for (const entry of list) {
        context.print(healthLine(entry));
        for (const incident of entry.incidents) context.print(`    ${incident.name}${incident.status ? ` [${incident.status}]` : ''}${incident.url ? ` ${incident.url}` : ''}`);
      }
      return exitCodes.ok;
    },
  },
];
