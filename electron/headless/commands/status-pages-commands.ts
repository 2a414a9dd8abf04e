// `status-pages`: provider platform health from their public status pages, apart from key state.
// Exit 0 whenever the list could be built: a failing status page is shown as unknown, never as an error.
import type { HealthIncident, ProviderHealth } from '../../../shared/channels/status-pages';
import { exitCodes, type Command } from '../cli-command';

const words = { none: 'operational', minor: 'minor issues', major: 'major outage', critical: 'critical outage', maintenance: 'maintenance', unknown: 'unknown' } as const;

function healthLine(entry: ProviderHealth): string {
  const note = entry.stale ? ` (could not read: ${entry.error ?? 'unknown error'}${entry.fetchedAt ? `; showing ${entry.fetchedAt}` : ''})` : '';
  return `${entry.name.padEnd(34)} ${words[entry.indicator].padEnd(16)} ${entry.description}${note}`;
}

const incidentLine = (incident: HealthIncident): string =>
  `${incident.name}${incident.status ? ` [${incident.status}]` : ''}${incident.components.length ? ` (${incident.components.join(', ')})` : ''}${incident.url ? ` ${incident.url}` : ''}`;

/** The lines under a provider: what the health covers, why it is less precise, the API's incidents, then the
 *  page's other incidents (claude.ai, ChatGPT) apart, so they are not read as the API's. */
export function healthDetails(entry: ProviderHealth): string[] {
  const scope =
    entry.scope === 'api'
      ? `scope: API${entry.api.length ? ` (${entry.api.map((c) => c.name).join(', ')})` : ''}${entry.page ? `; whole page: ${words[entry.page.indicator]}, ${entry.page.description}` : ''}`
      : 'scope: whole page (not the API alone)';
  return [
    scope,
    ...(entry.note ? [`note: ${entry.note}`] : []),
    ...entry.incidents.map((incident) => `incident: ${incidentLine(incident)}`),
    ...entry.otherIncidents.map((incident) => `other incident, not the API: ${incidentLine(incident)}`),
  ];
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
        for (const line of healthDetails(entry)) context.print(`    ${line}`);
      }
      return exitCodes.ok;
    },
  },
];
