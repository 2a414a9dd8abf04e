// `info`: what `app:info` says, for people and scripts; `--dismiss` hides a set-aside file's notice.
import type { AppInfo, StoreIncident } from '../../../shared/channels/app';
import { exitCodes, type Command } from '../cli-command';

/** One incident in plain words (also under `keys list`, for a key record kept unread). */
export function incidentLine(incident: StoreIncident): string {
  if (incident.kind === 'unreadable_record_kept') {
    const fields = incident.fields?.length ? ` (not accepted: ${incident.fields.join(', ')})` : '';
    return `${incident.file} holds a key record this version cannot read, ${incident.setAsideAs}${fields}; it is kept in the file unchanged and the other keys work (${incident.at})`;
  }
  return `${incident.file} was damaged and set aside as ${incident.setAsideAs} (${incident.at})`;
}

export const appCommands: Command[] = [
  {
    words: ['info'],
    summary: 'Version, data dir and how keys are stored on this host; damaged files set aside',
    options: {
      dismiss: { type: 'string', description: 'Stop showing the notice about this set-aside file (the file stays)', valueName: 'SET_ASIDE_AS' },
    },
    async run(context) {
      const dismiss = context.values.dismiss as string | undefined;
      const info = await context.call<AppInfo>(dismiss === undefined ? 'app:info' : 'app:dismiss-incident', dismiss === undefined ? undefined : { setAsideAs: dismiss });
      if (context.json) {
        context.printJson(info);
        return exitCodes.ok;
      }
      context.print(`${info.name} ${info.version} (${info.host})`);
      context.print(`data dir  ${info.dataDir}`);
      context.print(`storage   ${info.storage.cipher}${info.storage.weaker ? ' (weaker)' : ''}${info.storage.available ? '' : ' (unavailable)'}`);
      if (info.storage.note) context.print(`          ${info.storage.note}`);
      for (const incident of info.incidents) context.print(`notice    ${incidentLine(incident)}; \`info --dismiss ${incident.setAsideAs}\` hides this`);
      return exitCodes.ok;
    },
  },
];
