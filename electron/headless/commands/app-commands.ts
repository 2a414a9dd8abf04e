// `info`: what `app:info` says, for people and scripts.
import type { AppInfo } from '../../../shared/channels/app';
import { exitCodes, type Command } from '../cli-command';

export const appCommands: Command[] = [
  {
    words: ['info'],
    summary: 'Version, data dir and how keys are stored on this host',
    async run(context) {
      const info = await context.call<AppInfo>('app:info');
      if (context.json) {
        context.printJson(info);
        return exitCodes.ok;
      }
      context.print(`${info.name} ${info.version} (${info.host})`);
      context.print(`data dir  ${info.dataDir}`);
      context.print(`storage   ${info.storage.cipher}${info.storage.weaker ? ' (weaker)' : ''}${info.storage.available ? '' : ' (unavailable)'}`);
      if (info.storage.note) context.print(`          ${info.storage.note}`);
      for (const incident of info.incidents) context.print(`notice    ${incident.file} was damaged and set aside as ${incident.setAsideAs}`);
      return exitCodes.ok;
    },
  },
];
